package app

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// brVlanState is the namespace's bridge vlans by bridge -j vlan show, and
// its links by ip -d -j link show (a port's master), one object a line.
func brVlanState(t *testing.T, ns string) string {
	t.Helper()
	return "== bridge vlan show\n" + brVlans(t, ns) + "\n" + nsState(t, ns)
}

// brVlans is the namespace's bridge vlans by bridge -j vlan show, a
// device a line, in order.
func brVlans(t *testing.T, ns string) string {
	t.Helper()
	r := tool(t, "bridge", "-n", ns, "-j", "vlan", "show")
	if r.code != 0 {
		t.Fatalf("bridge vlan show: %s", r.Stderr)
	}
	var v []any
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
		t.Fatalf("bridge vlan show: %v", err)
	}
	var lines []string
	for _, o := range v {
		j, _ := json.Marshal(o)
		lines = append(lines, string(j))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// needBridgeVlanFiltering makes a bridge with vlan filtering in a scratch
// namespace: testenv.Missing when the kernel lacks it.
func needBridgeVlanFiltering(t *testing.T) {
	t.Helper()
	if r := tool(t, "ip", "-n", testNS(t), "link", "add", "brx", "type", "bridge", "vlan_filtering", "1"); r.code != 0 {
		testenv.Missing(t, testenv.BridgeVlanFiltering, "ip link add type bridge vlan_filtering 1: %s", strings.TrimSpace(r.Stderr))
	}
}

// brVlanNS is a namespace set up by testdata/atomic/brvlan_before.batch.
func brVlanNS(t *testing.T) string { t.Helper(); return batchNS(t, "atomic", "brvlan_before.batch") }

// TestAtomicBatchBridgeVlan makes a batch that adds, changes and deletes
// vlans of bridge ports and of the bridge itself (self), enslaves a port
// (which gets the default pvid) and takes one out and back, fail at each
// line in turn: bridge's and ip's dumps after the rollback equal those
// before.
func TestAtomicBatchBridgeVlan(t *testing.T) {
	testenv.NeedTools(t, "bridge")
	needBridgeVlanFiltering(t)
	faults := []string{"bridge vlan add vid 10 dev nosuch", "route add 10.0.0.0/33 dev lo"}
	atomicFaultRuns{
		batch: "brvlan_mixed.batch", setup: brVlanNS, state: brVlanState, name: "line %d fails",
		faulty: func(lines []string, i int) string { return replaceLine(lines, i, faults[i%len(faults)]) },
		applied: func(t *testing.T, ns string) {
			got := tool(t, "bridge", "-n", ns, "vlan", "show", "dev", "p2")
			if !strings.Contains(got.Stdout, "50 PVID") || strings.Contains(got.Stdout, " 1 ") {
				t.Errorf("p2's vlans after the batch:\n%s", got.Stdout)
			}
		},
	}.run(t)
}
