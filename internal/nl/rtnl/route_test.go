package rtnl_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func u32(v uint32) *uint32 { return &v }

func TestRouteAddRequestBytes(t *testing.T) {
	r := rtnl.Route{
		Dst:      netip.MustParsePrefix("10.1.0.0/16"),
		Gateway:  netip.MustParseAddr("192.0.2.2"),
		OIF:      3,
		Priority: u32(100),
		Metrics:  map[uint16]uint32{unix.RTAX_MTU: 1400},
	}
	m, err := r.Message(rtnl.RouteAdd)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Type != unix.RTM_NEWROUTE || m.Header.Flags != nl.Create|nl.Excl {
		t.Fatalf("header %v", m.Header)
	}
	want := []byte{
		unix.AF_INET, 16, 0, 0, unix.RT_TABLE_MAIN, unix.RTPROT_BOOT, unix.RT_SCOPE_UNIVERSE, unix.RTN_UNICAST, 0, 0, 0, 0,
		8, 0, unix.RTA_DST, 0, 10, 1, 0, 0,
		8, 0, unix.RTA_OIF, 0, 3, 0, 0, 0,
		8, 0, unix.RTA_GATEWAY, 0, 192, 0, 2, 2,
		8, 0, unix.RTA_PRIORITY, 0, 100, 0, 0, 0,
		12, 0, unix.RTA_METRICS, 0, 8, 0, unix.RTAX_MTU, 0, 0x78, 0x05, 0, 0,
	}
	if !bytes.Equal(m.Data, want) {
		t.Fatalf("request:\n got % x\nwant % x", m.Data, want)
	}
}

func TestRouteMultipathAndViaBytes(t *testing.T) {
	r := rtnl.Route{
		Dst: netip.MustParsePrefix("10.3.0.0/16"),
		Nexthops: []rtnl.Nexthop{
			{IfIndex: 2, Weight: 1, Gateway: netip.MustParseAddr("192.0.2.2")},
			{IfIndex: 4, Weight: 3, Gateway: netip.MustParseAddr("fe80::1")},
		},
		Table: 1000,
	}
	m, err := r.Message(rtnl.RouteReplace)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Flags != nl.Create|nl.Replace {
		t.Fatalf("flags %v", m.Header.Flags)
	}
	var got rtnl.Route
	if err := rtnl.DecodeRoute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}, Data: m.Data}, &got); err != nil {
		t.Fatal(err)
	}
	if got.Table != 1000 || len(got.Nexthops) != 2 || got.Nexthops[1].Weight != 3 ||
		got.Nexthops[1].Gateway != netip.MustParseAddr("fe80::1") || got.Nexthops[0].IfIndex != 2 {
		t.Fatalf("decoded %+v", got)
	}
	// The IPv6 gateway of an IPv4 route travels as RTA_VIA.
	if !bytes.Contains(m.Data, binary.NativeEndian.AppendUint16([]byte{22, 0, unix.RTA_VIA, 0}, unix.AF_INET6)) {
		t.Fatalf("no RTA_VIA for the inet6 gateway: % x", m.Data)
	}
}

func TestRouteDecodeRejectsShort(t *testing.T) {
	var r rtnl.Route
	if err := rtnl.DecodeRoute(nl.Message{Data: []byte{2, 0}}, &r); err == nil {
		t.Fatal("short route message accepted")
	}
}

func FuzzDecodeRoute(f *testing.F) {
	r := rtnl.Route{Dst: netip.MustParsePrefix("10.3.0.0/16"), Priority: u32(5), Metrics: map[uint16]uint32{unix.RTAX_MTU: 1400},
		Nexthops: []rtnl.Nexthop{{IfIndex: 2, Gateway: netip.MustParseAddr("192.0.2.2")}}}
	m, _ := r.Message(rtnl.RouteAdd)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		var r rtnl.Route
		rtnl.DecodeRoute(nl.Message{Data: b}, &r)
	})
}

// setUp brings interface index up in the namespace c talks to.
func setUp(t *testing.T, c *nl.Conn, index int32) {
	t.Helper()
	b := make([]byte, unix.SizeofIfInfomsg)
	binary.NativeEndian.PutUint32(b[4:], uint32(index))
	binary.NativeEndian.PutUint32(b[8:], unix.IFF_UP)
	binary.NativeEndian.PutUint32(b[12:], unix.IFF_UP)
	if _, err := c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: b}); err != nil {
		t.Fatalf("setting link %d up: %v", index, err)
	}
}

func TestKernelRouteRoundTrip(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	const lo = 1
	setUp(t, c, lo)
	routes := []rtnl.Route{
		{Dst: netip.MustParsePrefix("10.1.0.0/16"), OIF: lo, Protocol: unix.RTPROT_STATIC, Scope: unix.RT_SCOPE_LINK, Priority: u32(100),
			Metrics: map[uint16]uint32{unix.RTAX_MTU: 1400, unix.RTAX_INITCWND: 10}},
		{Dst: netip.MustParsePrefix("10.2.0.0/16"), Type: unix.RTN_BLACKHOLE, Table: 100},
		{Dst: netip.MustParsePrefix("10.3.0.0/16"), Type: unix.RTN_UNREACHABLE, Table: 1000},
		{Dst: netip.MustParsePrefix("2001:db8:1::/48"), OIF: lo, Priority: u32(1024)},
	}
	for _, r := range routes {
		m, err := r.Message(rtnl.RouteAdd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Execute(m); err != nil {
			t.Fatalf("adding %s: %v", r.Dst, err)
		}
	}
	found := map[netip.Prefix]rtnl.Route{}
	var r rtnl.Route
	for m, err := range c.Dump(rtnl.RouteDumpRequest(unix.AF_UNSPEC, nil)) {
		if err != nil {
			t.Fatal(err)
		}
		if err := rtnl.DecodeRoute(m, &r); err != nil {
			t.Fatal(err)
		}
		cp := r
		cp.Metrics = maps.Clone(r.Metrics)
		cp.Nexthops = nil
		found[r.Dst] = cp
	}
	for _, want := range routes {
		got, ok := found[want.Dst]
		if !ok {
			t.Errorf("route %s missing from dump", want.Dst)
			continue
		}
		if want.Table == 0 {
			want.Table = unix.RT_TABLE_MAIN
		}
		if want.Type == 0 {
			want.Type = unix.RTN_UNICAST
		}
		if got.Table != want.Table || got.Type != want.Type || got.OIF != want.OIF ||
			(want.Priority != nil && (got.Priority == nil || *got.Priority != *want.Priority)) {
			t.Errorf("route %s: got table %d type %d oif %d prio %v", want.Dst, got.Table, got.Type, got.OIF, got.Priority)
		}
		if want.Metrics != nil && !reflect.DeepEqual(got.Metrics, want.Metrics) {
			t.Errorf("route %s metrics %v, want %v", want.Dst, got.Metrics, want.Metrics)
		}
	}

	// A kernel-filtered dump of table 100 returns only its route.
	var n int
	for m, err := range c.Dump(rtnl.RouteDumpRequest(unix.AF_INET, &rtnl.Route{Table: 100})) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Flags&nl.DumpFiltered == 0 {
			t.Error("filtered dump not marked NLM_F_DUMP_FILTERED")
		}
		n++
	}
	if n != 1 {
		t.Fatalf("table 100 dump returned %d routes, want 1", n)
	}

	// Deleting with only the prefix and table, as ip does.
	del := rtnl.Route{Dst: netip.MustParsePrefix("10.2.0.0/16"), Table: 100}
	m, _ := del.Message(rtnl.RouteDelete)
	if _, err := c.Execute(m); err != nil {
		t.Fatalf("deleting: %v", err)
	}
	if _, err := c.Execute(m); err == nil {
		t.Fatal("deleting a missing route succeeded")
	}
}

func asOpError(err error, target **nl.OpError) bool { return errors.As(err, target) }
