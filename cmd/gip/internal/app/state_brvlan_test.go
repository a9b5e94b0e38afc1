package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// brVlanStateSetup makes two bridges with vlan filtering, one of them
// without a default pvid, and ports whose vlans are the kernel's default
// (p2), their own (p0, and br0 itself), or none (p4).
var brVlanStateSetup = []string{
	"link add br0 type bridge vlan_filtering 1", "link add br1 type bridge vlan_filtering 1 vlan_default_pvid 0",
	"link add p0 type veth peer name q0", "link add p2 type veth peer name q2", "link add p4 type veth peer name q4",
	"link set p0 master br0", "link set p2 master br0", "link set p4 master br1",
}

var brVlanStateVlans = []string{
	"vlan del dev p0 vid 1", "vlan add dev p0 vid 10 pvid untagged", "vlan add dev p0 vid 20-30",
	"vlan add dev p0 vid 31 untagged", "vlan add dev br0 vid 100 self",
}

// brVlanList is the namespace's bridge vlans by bridge -j vlan show, a
// line per device and vlan id (ranges spelt out) with its flags, in order.
func brVlanList(t *testing.T, ns string) string {
	t.Helper()
	r := tool(t, "bridge", "-n", ns, "-j", "vlan", "show")
	var devs []struct {
		Ifname string
		Vlans  []struct {
			Vlan, VlanEnd int
			Flags         []string
		}
	}
	if err := json.Unmarshal([]byte(r.Stdout), &devs); err != nil {
		t.Fatalf("bridge -j vlan show: %v: %s", err, r.Stdout)
	}
	var lines []string
	for _, d := range devs {
		for _, v := range d.Vlans {
			for vid := v.Vlan; vid <= max(v.Vlan, v.VlanEnd); vid++ {
				lines = append(lines, fmt.Sprintf("%s %d %s", d.Ifname, vid, strings.Join(v.Flags, ",")))
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestStateBridgeVlans: gip state show writes the vlans of bridge ports
// and bridges (not the kernel's default), and applying the document to an
// empty namespace gives every device the same vlans (bridge -j vlan
// show); a second apply changes nothing. A file then moves a pvid,
// shrinks a range, empties a bridge's own vlans and moves a port to the
// other bridge with its vlans; a failing apply leaves the vlans as they
// were; vlans on a link that is no bridge or port are refused at their
// line.
func TestStateBridgeVlans(t *testing.T) {
	testenv.NeedTools(t, "bridge")
	needBridgeVlanFiltering(t)
	src := stateNS(t, "")
	for _, l := range brVlanStateSetup {
		must(t, "ip", append([]string{"-n", src}, strings.Fields(l)...)...)
	}
	for _, l := range brVlanStateVlans {
		must(t, "bridge", append([]string{"-n", src}, strings.Fields(l)...)...)
	}
	shown, file, dst := stateShowApply(t, src, []string{
		"  - name: p0\n", "    vlans:\n      - 10 pvid untagged\n      - 20-30\n      - 31 untagged\n",
		"    vlans:\n      - 1 pvid untagged\n      - \"100\"\n", "    vlans: []\n",
	}, nil)
	if strings.Count(shown, "vlans:") != 4 {
		t.Errorf("state show writes vlans other than p0's, br0's, br1's and p4's (p2 has the default):\n%s", shown)
	}
	if want, got := brVlanList(t, src), brVlanList(t, dst); got != want {
		t.Errorf("bridge vlan show after the apply:\n%s\nwant\n%s\nthe file:\n%s", got, want, shown)
	}
	secondApplyNoChanges(t, dst, file)

	before := brVlanList(t, dst)
	bad := stateFile(t, "links:\n  - {name: p0, vlans: [7 pvid]}\nroutes:\n  - {dst: 10.9.0.0/16, dev: nosuch}\n")
	if r := gip(t, "-n", dst, "state", "apply", bad); r.code == 0 {
		t.Errorf("an apply with a route on a missing device: exit 0 %q", r.Stdout)
	}
	if got := brVlanList(t, dst); got != before {
		t.Errorf("a failed apply left the vlans\n%s\nwere\n%s", got, before)
	}

	change := stateFile(t, "links:\n  - {name: p0, vlans: [1 pvid untagged, 20-25 untagged]}\n"+
		"  - {name: br0, vlans: []}\n  - {name: p2, master: br1, vlans: [5 pvid, 6]}\n")
	statePlan(t, dst, change, "~ link p0\n", "~ link br0\n", "~ link p2\n")
	if r := gip(t, "-n", dst, "state", "apply", change); r.code != 0 {
		t.Fatalf("apply: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	// br0 has no vlans of its own left, nor br1 (no default pvid), nor p4
	want := "p0 1 PVID,Egress Untagged\n" +
		"p0 20 Egress Untagged\np0 21 Egress Untagged\np0 22 Egress Untagged\np0 23 Egress Untagged\n" +
		"p0 24 Egress Untagged\np0 25 Egress Untagged\np2 5 PVID\np2 6 "
	if got := brVlanList(t, dst); got != want {
		t.Errorf("bridge vlan show after the change:\n%s\nwant\n%s", got, want)
	}
	secondApplyNoChanges(t, dst, change)

	r := gip(t, "-n", dst, "state", "apply", stateFile(t, "links:\n  - name: q0\n    vlans: [7]\n"))
	if r.code != 1 || !strings.HasSuffix(r.Stderr, "state.yaml:2: link q0: only a bridge or a bridge port has vlans\n") {
		t.Errorf("vlans of a veth that is no port: exit %d %q", r.code, r.Stderr)
	}
}
