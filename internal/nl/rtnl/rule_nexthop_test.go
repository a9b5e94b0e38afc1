package rtnl_test

import (
	"encoding/json"
	"errors"
	"net/netip"
	"os/exec"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func ipJSON(t *testing.T, ns string, args ...string) []map[string]any {
	t.Helper()
	out, err := exec.Command("ip", append([]string{"-n", ns, "-j"}, args...)...).Output()
	if err != nil {
		t.Fatalf("ip %v: %v", args, err)
	}
	var v []map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("ip %v: %v\n%s", args, err, out)
	}
	return v
}

func TestKernelRuleRoundTrip(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	mark, mask := uint32(0x10), uint32(0xff)
	rules := []rtnl.Rule{
		{Priority: u32(1000), Src: netip.MustParsePrefix("10.0.0.0/8"), Table: 100},
		{Priority: u32(1001), Flags: rtnl.RuleInvert, Dst: netip.MustParsePrefix("192.0.2.0/24"), Table: 1000, Mark: &mark, Mask: &mask},
		{Priority: u32(1002), IIFName: "lo", IPProto: unix.IPPROTO_TCP, DPort: &[2]uint16{80, 90}, Action: unix.FR_ACT_BLACKHOLE},
		{Priority: u32(1003), UIDRange: &[2]uint32{1000, 2000}, Table: 200, SuppressPrefixLen: func() *int32 { v := int32(0); return &v }()},
	}
	for _, r := range rules {
		m, err := r.Message(rtnl.RuleAdd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Execute(m); err != nil {
			t.Fatalf("adding rule %d: %v", *r.Priority, err)
		}
	}
	msgs, err := c.DumpAll(rtnl.RuleDumpRequest(unix.AF_INET))
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint32]rtnl.Rule{}
	for _, m := range msgs {
		r, err := rtnl.DecodeRule(m)
		if err != nil {
			t.Fatal(err)
		}
		if r.Priority != nil { // the kernel leaves out priority 0
			got[*r.Priority] = r
		}
	}
	for _, want := range rules {
		g, ok := got[*want.Priority]
		if !ok {
			t.Errorf("rule %d missing", *want.Priority)
			continue
		}
		if g.Src != want.Src || g.Dst != want.Dst || g.Flags&rtnl.RuleInvert != want.Flags&rtnl.RuleInvert ||
			g.IIFName != want.IIFName || !reflect.DeepEqual(g.DPort, want.DPort) || !reflect.DeepEqual(g.UIDRange, want.UIDRange) {
			t.Errorf("rule %d: got %+v, want %+v", *want.Priority, g, want)
		}
		if want.Table != 0 && g.Table != want.Table {
			t.Errorf("rule %d table %d, want %d", *want.Priority, g.Table, want.Table)
		}
	}
	// The stock tool reads the same rules.
	byPrio := map[float64]map[string]any{}
	for _, r := range ipJSON(t, ns, "rule", "show") {
		byPrio[r["priority"].(float64)] = r
	}
	r1001 := byPrio[1001]
	if _, not := r1001["not"]; !not || r1001["dst"] != "192.0.2.0" || r1001["table"] != "1000" || r1001["fwmark"] != "0x10" || r1001["fwmask"] != "0xff" {
		t.Errorf("ip sees rule 1001 as %v", r1001)
	}
	if r := byPrio[1002]; r["action"] != "blackhole" || r["iif"] != "lo" {
		t.Errorf("ip sees rule 1002 as %v", r)
	}
	del := rtnl.Rule{Priority: u32(1000)}
	m, _ := del.Message(rtnl.RuleDelete)
	if _, err := c.Execute(m); err != nil {
		t.Fatalf("deleting rule 1000: %v", err)
	}
}

func TestKernelNexthopRoundTrip(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	setUp(t, c, 1)
	objs := []rtnl.NexthopObject{
		{ID: 1, Family: unix.AF_INET, OIF: 1},
		{ID: 2, Family: unix.AF_INET6, OIF: 1},
		{ID: 3, Blackhole: true},
		{ID: 10, Group: []rtnl.GroupMember{{ID: 1, Weight: 1}, {ID: 2, Weight: 5}}},
		{ID: 11, Group: []rtnl.GroupMember{{ID: 1}, {ID: 2}}, GroupType: rtnl.GroupResilient,
			Resilient: &rtnl.ResilientGroup{Buckets: 32, IdleTimer: 120}},
	}
	for _, n := range objs {
		m, err := n.Message(rtnl.NexthopAdd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Execute(m); err != nil {
			t.Fatalf("adding nexthop %d: %v", n.ID, err)
		}
	}
	// A route through the group.
	r := rtnl.Route{Dst: netip.MustParsePrefix("10.4.0.0/16"), NHID: 10}
	m, _ := r.Message(rtnl.RouteAdd)
	if _, err := c.Execute(m); err != nil {
		t.Fatalf("route via nhid 10: %v", err)
	}
	msgs, err := c.DumpAll(rtnl.NexthopDumpRequest())
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint32]rtnl.NexthopObject{}
	for _, m := range msgs {
		n, err := rtnl.DecodeNexthop(m)
		if err != nil {
			t.Fatal(err)
		}
		got[n.ID] = n
	}
	if len(got) != len(objs) {
		t.Fatalf("dumped %d nexthops, want %d", len(got), len(objs))
	}
	if g := got[10]; !reflect.DeepEqual(g.Group, objs[3].Group) {
		t.Errorf("group 10 = %+v", g.Group)
	}
	if g := got[11]; g.GroupType != rtnl.GroupResilient || g.Resilient == nil || g.Resilient.Buckets != 32 || g.Resilient.IdleTimer != 120 {
		t.Errorf("resilient group 11 = %+v %+v", g, g.Resilient)
	}
	if g := got[3]; !g.Blackhole {
		t.Errorf("nexthop 3 = %+v", g)
	}
	// The stock tool agrees on the group's weights.
	for _, n := range ipJSON(t, ns, "nexthop", "show", "id", "10") {
		grp, _ := n["group"].([]any)
		if len(grp) != 2 || grp[1].(map[string]any)["weight"].(float64) != 5 {
			t.Errorf("ip sees nexthop 10 as %v", n)
		}
	}
	// A group of a nexthop that does not exist is refused with a reason.
	bad := rtnl.NexthopObject{ID: 12, Group: []rtnl.GroupMember{{ID: 99}}}
	m, _ = bad.Message(rtnl.NexthopAdd)
	_, err = c.Execute(m)
	var oe *nl.OpError
	if !asOpError(err, &oe) || oe.Message != "Invalid nexthop id" {
		t.Fatalf("group of a missing nexthop: %v", err)
	}
	// So is a route through one.
	r = rtnl.Route{Dst: netip.MustParsePrefix("10.5.0.0/16"), NHID: 99}
	m, _ = r.Message(rtnl.RouteAdd)
	if _, err := c.Execute(m); !asOpError(err, &oe) || oe.Message != "Nexthop id does not exist" {
		t.Fatalf("route via a missing nexthop: %v", err)
	}
	// Deleting a missing one is a plain ENOENT.
	del := rtnl.NexthopObject{ID: 99}
	m, _ = del.Message(rtnl.NexthopDelete)
	if _, err := c.Execute(m); !errors.Is(err, unix.ENOENT) {
		t.Fatalf("deleting a missing nexthop: %v", err)
	}
}
