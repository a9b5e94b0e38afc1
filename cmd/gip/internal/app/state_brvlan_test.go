package app

import (
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
	if strings.Count(shown, "vlans:") != 3 {
		t.Errorf("state show writes vlans other than p0's, br0's and p4's (p2 has the default):\n%s", shown)
	}
	if want, got := brVlans(t, src), brVlans(t, dst); got != want {
		t.Errorf("bridge vlan show after the apply:\n%s\nwant\n%s\nthe file:\n%s", got, want, shown)
	}
	secondApplyNoChanges(t, dst, file)

	before := brVlans(t, dst)
	bad := stateFile(t, "links:\n  - {name: p0, vlans: [7 pvid]}\nroutes:\n  - {dst: 10.9.0.0/16, dev: nosuch}\n")
	if r := gip(t, "-n", dst, "state", "apply", bad); r.code == 0 {
		t.Errorf("an apply with a route on a missing device: exit 0 %q", r.Stdout)
	}
	if got := brVlans(t, dst); got != before {
		t.Errorf("a failed apply left the vlans\n%s\nwere\n%s", got, before)
	}

	change := stateFile(t, "links:\n  - {name: p0, vlans: [1 pvid untagged, 20-25 untagged]}\n"+
		"  - {name: br0, vlans: []}\n  - {name: p2, master: br1, vlans: [5 pvid, 6]}\n")
	statePlan(t, dst, change, "~ link p0\n", "~ link br0\n", "~ link p2\n")
	if r := gip(t, "-n", dst, "state", "apply", change); r.code != 0 {
		t.Fatalf("apply: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	// br0 has no vlans of its own left, nor br1 (no default pvid), nor p4
	want := `{"ifname":"p0","vlans":[{"flags":["PVID","Egress Untagged"],"vlan":1},{"flags":["Egress Untagged"],"vlan":20,"vlanEnd":25}]}` +
		"\n" + `{"ifname":"p2","vlans":[{"flags":["PVID"],"vlan":5},{"vlan":6}]}`
	if got := brVlans(t, dst); got != want {
		t.Errorf("bridge vlan show after the change:\n%s\nwant\n%s", got, want)
	}
	secondApplyNoChanges(t, dst, change)

	r := gip(t, "-n", dst, "state", "apply", stateFile(t, "links:\n  - name: q0\n    vlans: [7]\n"))
	if r.code != 1 || !strings.HasSuffix(r.Stderr, "state.yaml:2: link q0: only a bridge or a bridge port has vlans\n") {
		t.Errorf("vlans of a veth that is no port: exit %d %q", r.code, r.Stderr)
	}
}
