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

var ilaChanges = []string{
	"ila add loc_match 2001:db8:1:2 loc 2001:db8:0:1",
	"ila add loc_match 2001:db8:1:3 loc 1:2:3:4 dev v0 csum-mode neutral-map ident-type luid",
	"ila add loc_match 5 loc 6 csum-mode no-action", "ila add loc_match 7:0:0:1 loc 8 ident-type use-format",
	"ila add l 9 loc_match a csum-mode adj-transport dev v1", "ila add loc_match 2001:db8:1:2 loc 2001:db8:0:1",
	"ila add loc_match 0xb loc 0XC csum-mode neutral-map-auto",
	"ila del loc_match 5", "ila delete loc_match 2001:db8:1:3 loc 1:2:3:4 dev v0",
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
	shows := []string{"ila list", "ila l"}
	compareListings(t, ref, ns, shows)
	for _, c := range ilaErrors {
		compareCommand(t, ref, ns, c)
	}
	for _, c := range ilaChanges {
		compareCommand(t, ref, ns, c)
		compareListings(t, ref, ns, shows)
	}
	compareBatch(t, ref, ns, "ila add loc_match 20 loc 21\nila add loc zz loc_match 1\nila add loc_match 22 loc 23\n", "-force")
	compareListings(t, ref, ns, shows)
	if out := tool(t, "ip", "-n", ns, "ila", "list").Stdout; !strings.Contains(out, "22:0:0:0") {
		t.Errorf("gip's changes read back through ip as\n%s", out)
	}
}
