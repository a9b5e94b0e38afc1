package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// ilaNoFamily print the same on a kernel with or without ILA.
var ilaUsage = []string{"ila", "ila help", "ila h"}

var ilaErrors = []string{
	"ila frob", "ila list x", "ila add", "ila add loc", "ila add loc 1:2:3:4", "ila add loc_match 1:2:3:4",
	"ila add loc zz loc_match 1:2:3:4", "ila add loc 1:2:3:4:5 loc_match 1", "ila add loc 10000 loc_match 1",
	"ila add loc_match x loc 1", "ila add loc 1 loc_match 2 csum-mode frob", "ila add loc 1 loc_match 2 ident-type iid",
	"ila add loc 1 loc_match 2 dev nosuch", "ila add loc 1 loc_match 2 frob", "ila delete", "ila del loc_match zz",
	"ila del loc_match 9:9:9:9",
}

// ilaChanges give every locator in full: ip leaves the words of a
// shorter one uninitialised (whatever its stack held goes to the kernel),
// where gip sends zeros.
var ilaChanges = []string{
	"ila add loc_match 2001:db8:1:2 loc 2001:db8:0:1",
	"ila add loc_match 2001:db8:1:3 loc 1:2:3:4 dev v0 csum-mode neutral-map ident-type luid",
	"ila add loc_match 5:0:0:0 loc 6:0:0:0 csum-mode no-action", "ila add loc_match 7:0:0:1 loc 8:0:0:0 ident-type use-format",
	"ila add l 9:0:0:0 loc_match a:0:0:0 csum-mode adj-transport dev v1", "ila add loc_match 2001:db8:1:2 loc 2001:db8:0:1",
	"ila add loc_match 0xb:0:0:0 loc 0XC:0:0:0 csum-mode neutral-map-auto",
	"ila del loc_match 5:0:0:0", "ila delete loc_match 2001:db8:1:3 loc 1:2:3:4 dev v0",
}

// ipILALocators masks the locators of ip's listing: iproute2 6.1 prints
// garbage there (other at each run, the same in both columns), so its
// listing is compared without them and gip's locators against what was
// added.
var ipILALocators = newMasker(`(?m)^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+:[0-9a-f]+ +[0-9a-f]+:[0-9a-f]+:[0-9a-f]+:[0-9a-f]+ +`, "L L ",
	`"(locator_match|locator)": ?"[0-9a-f:]+"`, `"$1":"L"`)

// ilaSame runs each listing with both tools on both namespaces (text,
// -j, -j -p), locators masked; then gip's listings of the namespace ip
// changed and of the one gip changed, in full.
func ilaSame(t *testing.T, ref, ns, what string) {
	t.Helper()
	for _, n := range []string{ref, ns} {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			args := append(append([]string{"-n", n}, opts...), "ila", "list")
			want, got := tool(t, "ip", args...), gip(t, args...)
			if got.code != want.code || got.Stderr != asGip(want.Stderr) {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			w, g := ipILALocators.apply(want.Stdout), ipILALocators.apply(got.Stdout)
			if opts == nil {
				compareLines(t, strings.Join(args, " "), w, g)
			} else if !jsonEqual(t, w, g) {
				t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			}
		}
	}
	a := sortedLines(gip(t, "-n", ref, "ila", "list").Stdout)
	b := sortedLines(gip(t, "-n", ns, "ila", "list").Stdout)
	compareLines(t, what+": what ip made and what gip made, as gip lists them", a, b)
}

func TestIlaMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link add v0 type veth peer name v1")
	for _, c := range ilaUsage {
		compareCommand(t, ref, ns, c)
	}
	if r := tool(t, "ip", "-n", ns, "ila", "list"); r.code != 0 {
		// A kernel without ILA: every command is the same refusal.
		for _, c := range append([]string{"ila list", "-j ila list"}, ilaErrors...) {
			compareCommand(t, ref, ns, c)
		}
		testenv.Missing(t, testenv.ILA, "%s", strings.TrimSpace(r.Stderr))
	}
	ilaSame(t, ref, ns, "empty")
	for _, c := range ilaErrors {
		compareCommand(t, ref, ns, c)
	}
	for _, c := range ilaChanges {
		compareCommand(t, ref, ns, c)
		ilaSame(t, ref, ns, c)
	}
	compareBatch(t, ref, ns, "ila add loc_match 20:0:0:0 loc 21:0:0:0\nila add loc zz loc_match 1\nila add loc_match 22:0:0:0 loc 23:0:0:0\n", "-force")
	ilaSame(t, ref, ns, "batch")
	out := gip(t, "-n", ns, "ila", "list").Stdout
	for _, want := range []string{
		"2001:db8:1:2        2001:db8:0:1        *               no-actionuse-format\n",
		"a:0:0:0             9:0:0:0             v1              adj-transportuse-format\n",
		"22:0:0:0            23:0:0:0            *               no-actionuse-format\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("gip ila list lacks %q:\n%s", want, out)
		}
	}
}
