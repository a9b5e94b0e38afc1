package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestTCSkbmodJSON checks that gip's JSON listing of skbmod is JSON with
// the keys later tc releases give it (tc 6.1 mixes plain text into it,
// so there is nothing to compare with).
func TestTCSkbmodJSON(t *testing.T) {
	ns := testNS(t)
	// The kernel keeps one of swap mac and ecn, and neither with the
	// fields set: one action each.
	for _, c := range []struct {
		words []string
		want  map[string]any
	}{{
		words: []string{"set", "etype", "0x88b5", "set", "dmac", "02:00:00:00:00:01", "set", "smac", "2:0:0:0:0:2", "drop", "index", "3"},
		want: map[string]any{"etype": "0x88b5", "dmac": "02:00:00:00:00:01", "smac": "02:00:00:00:00:02",
			"index": float64(3), "control_action": map[string]any{"type": "drop"}},
	}, {
		words: []string{"swap", "mac", "index", "4"},
		want:  map[string]any{"swapmac": nil, "index": float64(4), "control_action": map[string]any{"type": "pipe"}},
	}, {
		words: []string{"ecn", "index", "5"},
		want:  map[string]any{"ecn": nil, "index": float64(5)},
	}} {
		add := append([]string{"tc", "-n", ns, "actions", "add", "action", "skbmod"}, c.words...)
		r := gip(t, add...)
		switch {
		case strings.Contains(r.Stderr, "Failed to load TC action module"):
			testenv.Missing(t, testenv.ActSkbmod, "%s", strings.TrimSpace(r.Stderr))
		case r.code != 0:
			t.Fatalf("gip %s: exit %d %s", strings.Join(add, " "), r.code, r.Stderr)
		}
		idx := c.words[len(c.words)-1]
		show := gip(t, "tc", "-n", ns, "-j", "actions", "get", "action", "skbmod", "index", idx)
		var got []map[string]any
		if err := json.Unmarshal([]byte(show.Stdout), &got); err != nil || len(got) != 2 {
			t.Fatalf("not the JSON expected: %v\n%s", err, show.Stdout)
		}
		acts, _ := got[1]["actions"].([]any)
		if len(acts) != 1 {
			t.Fatalf("no action in %s", show.Stdout)
		}
		act := acts[0].(map[string]any)
		for k, v := range c.want {
			if g, ok := act[k]; !ok || !jsonSame(g, v) {
				t.Errorf("%s: got %v, want %v in %s", k, g, v, show.Stdout)
			}
		}
	}
}

func jsonSame(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
