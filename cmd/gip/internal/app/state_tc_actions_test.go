package app

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestStateTCActions carries flower and flow filters and filters with
// actions (a chain of them, each kind with its options, cookies, indexes
// and verdicts, goto chain; a u32 filter's own policer) from a namespace
// tc made to an empty one: gip state show writes them, apply reproduces
// them by tc -d -j's dumps, and a second apply changes nothing. A file
// that names no action index matches the applied filters too.
func TestStateTCActions(t *testing.T) {
	src := testNS(t)
	for _, l := range []string{"t0 type veth peer name t1", "t2 type veth peer name t3"} {
		if r := tool(t, "ip", append([]string{"-n", src, "link", "add"}, strings.Fields(l)...)...); r.code != 0 {
			t.Fatalf("ip link add %s: %s", l, r.Stderr)
		}
	}
	if r := tool(t, "tc", "-n", src, "-batch", filepath.Join("testdata", "state", "tc_actions.batch")); r.code != 0 {
		// The host kernel has neither flower nor most actions.
		if strings.Contains(r.Stderr, "not found") || strings.Contains(r.Stderr, "Failed to load") {
			testenv.Missing(t, testenv.FilterFlower, "%s", r.Stderr)
		}
		t.Fatalf("setup: exit %d: %s", r.code, r.Stderr)
	}
	devs := []string{"t0", "t1", "t2", "t3"}
	want := tcFilterJSON(t, src, devs)
	shown, file, dst := stateShowApply(t, src, []string{
		"action vlan push id 10 protocol 802.1Q priority 2 pipe index 1 skip_hw action skbedit mark 0x10/0xff ptype host pipe index 1 skip_hw action mirred egress redirect dev t2 index 1 skip_hw",
		"action gact drop random determ pass 10 index 20 cookie 0a0b",
		"police rate 1Mbit burst 10kb mtu 2040b conform-exceed drop / pipe index",
		"hash keys src,dst,proto-dst divisor 0x10 baseclass 1:1 perturb 10",
	}, nil)
	if got := tcFilterJSON(t, dst, devs); got != want {
		t.Errorf("the applied namespace differs from the original (tc -d -j filter show):\n%s", stateDiff(want, got))
	}
	secondApplyNoChanges(t, dst, file)
	noIndex := regexp.MustCompile(` index [0-9]+`).ReplaceAllString(shown, "")
	if r := gip(t, "-n", dst, "state", "plan", stateFile(t, noIndex)); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan of the file without action indexes: exit %d, %q %q; want No changes.", r.code, r.Stdout, r.Stderr)
	}
}

// tcVolatile are what tc -j reports of a filter that no configuration
// sets: counters, reference counts and times.
var tcVolatile = []string{"stats", "ref", "bind", "installed", "last_used", "first_used", "expires"}

// tcFilterJSON is every filter of devs by tc -d -j filter show, one line
// per filter, without tcVolatile, sorted; a listing whose JSON tc
// garbles is one line as tc prints it.
func tcFilterJSON(t *testing.T, ns string, devs []string) string {
	t.Helper()
	var lines []string
	for _, d := range devs {
		for _, p := range [][]string{{"ingress"}, {"egress"}, {"parent", "1:"}} {
			r := tool(t, "tc", append([]string{"-n", ns, "-d", "-j", "filter", "show", "dev", d}, p...)...)
			if r.code != 0 || strings.TrimSpace(r.Stdout) == "" {
				continue // no such parent on this device
			}
			var filters []map[string]any
			if err := json.Unmarshal([]byte(r.Stdout), &filters); err != nil {
				// tc 6.1 prints a flow filter's options as text inside
				// its JSON: compared as tc prints it.
				lines = append(lines, d+" "+strings.Join(p, " ")+" as text: "+strings.TrimSpace(r.Stdout))
				continue
			}
			for _, f := range filters {
				b, _ := json.Marshal(withoutKeys(f, func(k string) bool { return slices.Contains(tcVolatile, k) }))
				lines = append(lines, d+" "+strings.Join(p, " ")+": "+string(b))
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
