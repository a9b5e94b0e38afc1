package app

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
)

// result is what one command line printed and returned.
type result struct {
	Stdout, Stderr string
	code           int
}

// gip runs gip in-process, exactly as main does.
func gip(t testing.TB, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// tool runs the reference tool (ip or bridge).
func tool(t testing.TB, name string, args ...string) result {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("skipped: %s (iproute2) is not installed; it is the reference these tests compare with", name)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s %v: %v", name, args, err)
	}
	return result{out.String(), errb.String(), code}
}

// must runs a setup command with the reference tool and fails on error.
func must(t testing.TB, name string, args ...string) {
	t.Helper()
	if r := tool(t, name, args...); r.code != 0 {
		t.Fatalf("setup: %s %s: exit %d: %s", name, strings.Join(args, " "), r.code, r.Stderr)
	}
}

// mustGip runs a gip command that must succeed.
func mustGip(t testing.TB, args ...string) {
	t.Helper()
	if r := gip(t, args...); r.code != 0 {
		t.Fatalf("gip %s: exit %d: %s", strings.Join(args, " "), r.code, r.Stderr)
	}
}

// jsonEqual compares two JSON documents by value.
func jsonEqual(t testing.TB, a, b string) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		t.Errorf("reference output is not JSON: %v\n%s", err, a)
		return false
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		t.Errorf("gip output is not JSON: %v\n%s", err, b)
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// masker rewrites the parts of an output that change between two runs
// (timers, traffic counters) so that two outputs can be compared.
type masker []struct {
	re   *regexp.Regexp
	repl string
}

func newMasker(pairs ...string) masker {
	var m masker
	for i := 0; i+1 < len(pairs); i += 2 {
		m = append(m, struct {
			re   *regexp.Regexp
			repl string
		}{regexp.MustCompile(pairs[i]), pairs[i+1]})
	}
	return m
}

func (m masker) apply(s string) string {
	for _, r := range m {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return s
}

// Timers and counters that move on their own.
var volatile = newMasker(
	`(gc_timer|hello_timer|tcn_timer|topology_change_timer|hold_timer|message_age_timer|forward_delay_timer)( +|": )[0-9.]+`, "$1$2T",
	`"(bytes|packets|multicast|used|confirmed|updated|carrier_changes)":[0-9]+`, `"$1":0`,
	`used [0-9]+/[0-9]+(/[0-9]+)?`, "used U",
	// Finite address lifetimes count down between the two runs.
	`("(valid|preferred)_life_time": ?)[0-9]{1,9}\b`, "${1}0",
	`(valid|preferred)_lft [0-9]+sec`, "${1}_lft Nsec",
)

// statsLines masks the number rows of ip's statistics blocks.
var statsLines = regexp.MustCompile(`(?m)^( {4}[ 0-9.kMGTi]+)$`)

func maskStats(s string) string {
	return statsLines.ReplaceAllStringFunc(s, func(l string) string {
		return regexp.MustCompile(`[0-9.]+[kMGT]?i?`).ReplaceAllString(l, "N")
	})
}

// compareLines reports the first differing line.
func compareLines(t testing.TB, what, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Errorf("%s: line %d differs\n ref: %q\n gip: %q\nwhole reference output:\n%s\nwhole gip output:\n%s", what, i+1, w, g, want, got)
			return
		}
	}
}

// testNS makes a fresh namespace for a test.
func testNS(t *testing.T) string {
	t.Helper()
	return nltest.NetNS(t)
}

// jsonSetEqual compares two JSON lists by value as sets of elements: for
// dumps of two namespaces whose order follows the kernel's timing (the
// routes a device's carrier brings, in the order carriers came).
func jsonSetEqual(t testing.TB, a, b string) bool {
	t.Helper()
	sorted := func(s, who string) []string {
		var list []json.RawMessage
		if err := json.Unmarshal([]byte(s), &list); err != nil {
			t.Errorf("%s output is not a JSON list: %v\n%s", who, err, s)
			return nil
		}
		out := make([]string, len(list))
		for i, e := range list {
			var v any
			_ = json.Unmarshal(e, &v)
			c, _ := json.Marshal(v) // canonical: keys sorted
			out[i] = string(c)
		}
		slices.Sort(out)
		return out
	}
	sa, sb := sorted(a, "reference"), sorted(b, "gip")
	return sa != nil && sb != nil && slices.Equal(sa, sb)
}

// batchNS is a new namespace set up by gip -batch of testdata/PATH...
func batchNS(t *testing.T, path ...string) string {
	t.Helper()
	ns := testNS(t)
	if r := gip(t, "-n", ns, "-batch", filepath.Join(append([]string{"testdata"}, path...)...)); r.code != 0 {
		t.Fatalf("setup: exit %d: %s", r.code, r.Stderr)
	}
	return ns
}
