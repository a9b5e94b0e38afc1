package app

import (
	"strings"
	"testing"
)

// vniNS is a namespace with the vnifilter vxlan devices vx0 (up, over
// lo, so that it can take multicast groups) and vx1, and a plain vxlan
// device vx2.
func vniNS(t *testing.T) string {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "vx0", "type", "vxlan", "dstport", "4789", "external", "vnifilter", "dev", "lo")
	must(t, "ip", "-n", ns, "link", "add", "vx1", "type", "vxlan", "dstport", "4790", "external", "vnifilter")
	must(t, "ip", "-n", ns, "link", "add", "vx2", "type", "vxlan", "id", "5", "dstport", "4791")
	must(t, "ip", "-n", ns, "link", "set", "vx0", "up")
	return ns
}

// TestBridgeVniMatchesBridge runs the same vni lines with bridge on one
// namespace and with gip bridge on a twin (vnis, ranges, lists, groups
// and remotes of both families, deletion, bad input), then lists both
// with both tools in text, -s and JSON.
func TestBridgeVniMatchesBridge(t *testing.T) {
	byBridge, byGip := vniNS(t), vniNS(t)
	sameAsBridge(t, byBridge, byGip, []string{
		"vni add dev vx0 vni 100 group 239.1.1.1",
		"vni add dev vx0 vni 200-210",
		"vni add dev vx0 vni 300,301-302 remote 10.0.0.1",
		"vni add dev vx0 vni 400 remote 2001:db8::1",
		"vni add dev vx0 vni 500 group ff0e::5",
		"vni add dev vx1 vni 7 frob",
		"vni add dev vx1 vni 8,,9",
		"vni add dev vx1 vni 7",
		"vni add dev vx0 vni 600 group 10.0.0.1",
		"vni add dev vx0 vni 600 group zz",
		"vni add dev vx0 vni 600 remote 10.0.0.1 group 239.1.1.1",
		"vni add dev vx0 vni 600 vni 601",
		"vni add dev vx0 vni 16777216",
		"vni add dev vx0",
		"vni add vni 5",
		"vni add dev nosuch vni 5",
		"vni add dev vx2 vni 5",
		"vni add dev vx0 vni",
		"vni delete dev vx0 vni 205",
		"vni delete dev vx0 vni 400",
		"vni delete dev vx0 vni 999",
		"vni frob",
		"vni show dev nosuch",
		"vni show dev vx2",
	})
	listedAlike(t, []string{"vni", "vni show", "vni list", "-s vni show", "vni show dev vx1", "-s vni show dev vx0"},
		byBridge, byGip)
	a, b := tool(t, "bridge", "-n", byBridge, "-s", "vni"), tool(t, "bridge", "-n", byGip, "-s", "vni")
	compareLines(t, "bridge -s vni of both", a.Stdout, b.Stdout)
	if !strings.Contains(b.Stdout, "239.1.1.1") {
		t.Errorf("bridge vni lacks the group gip added:\n%s", b.Stdout)
	}
}
