package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
)

// brVlanState is the namespace's bridge vlans by bridge -j vlan show, and
// its links by ip -d -j link show (a port's master), one object a line.
func brVlanState(t *testing.T, ns string) string {
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
	return "== bridge vlan show\n" + strings.Join(lines, "\n") + "\n" + nsState(t, ns)
}

// brVlanNS is a namespace set up by testdata/atomic/brvlan_before.batch.
func brVlanNS(t *testing.T) string {
	t.Helper()
	ns := testNS(t)
	if r := tool(t, "ip", "-n", ns, "link", "add", "brx", "type", "bridge", "vlan_filtering", "1"); r.code != 0 {
		testenv.Missing(t, testenv.BridgeVlanFiltering, "ip link add type bridge vlan_filtering 1: %s", strings.TrimSpace(r.Stderr))
	}
	must(t, "ip", "-n", ns, "link", "del", "brx")
	if r := gip(t, "-n", ns, "-batch", filepath.Join("testdata", "atomic", "brvlan_before.batch")); r.code != 0 {
		t.Fatalf("setup: exit %d, %s", r.code, r.Stderr)
	}
	return ns
}

// TestAtomicBatchBridgeVlan makes a batch that adds, changes and deletes
// vlans of bridge ports and of the bridge itself (self), enslaves a port
// (which gets the default pvid) and takes one out and back, fail at each
// line in turn: bridge's and ip's dumps after the rollback equal those
// before.
func TestAtomicBatchBridgeVlan(t *testing.T) {
	testenv.NeedTools(t, "bridge")
	body, err := os.ReadFile(filepath.Join("testdata", "atomic", "brvlan_mixed.batch"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
	dir := t.TempDir()
	t.Run("every line applied", func(t *testing.T) {
		ns := brVlanNS(t)
		pre := brVlanState(t, ns)
		r := gip(t, "-n", ns, "-atomic", "-batch", filepath.Join("testdata", "atomic", "brvlan_mixed.batch"))
		if r.code != 0 || r.Stderr != "" {
			t.Fatalf("exit %d, stderr %q", r.code, r.Stderr)
		}
		if brVlanState(t, ns) == pre {
			t.Fatal("the batch changed nothing")
		}
		got := tool(t, "bridge", "-n", ns, "vlan", "show", "dev", "p2")
		if !strings.Contains(got.Stdout, "50 PVID") || strings.Contains(got.Stdout, " 1 ") {
			t.Errorf("p2's vlans after the batch:\n%s", got.Stdout)
		}
	})
	faults := []string{"bridge vlan add vid 10 dev nosuch", "route add 10.0.0.0/33 dev lo"}
	for i := range lines {
		t.Run(fmt.Sprintf("line %d fails", i+1), func(t *testing.T) {
			t.Parallel()
			faulty := slices.Clone(lines)
			faulty[i] = faults[i%len(faults)]
			file := filepath.Join(dir, fmt.Sprintf("fault%d.batch", i+1))
			if err := os.WriteFile(file, []byte(strings.Join(faulty, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			ns := brVlanNS(t)
			pre := brVlanState(t, ns)
			r := gip(t, "-n", ns, "-atomic", "-batch", file)
			if r.code != 1 || !rolledBack.MatchString(r.Stderr) || strings.Contains(r.Stderr, "cannot undo") {
				t.Errorf("exit %d, want 1 and \"rolled back N changes\"; stderr:\n%s", r.code, r.Stderr)
			}
			var got string
			for range 20 {
				if got = brVlanState(t, ns); got == pre {
					break
				}
				time.Sleep(150 * time.Millisecond)
			}
			if got != pre {
				t.Errorf("the namespace differs from before the batch:\n%s", stateDiff(pre, got))
			}
		})
	}
}
