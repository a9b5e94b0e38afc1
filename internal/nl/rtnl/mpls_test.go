package rtnl_test

import (
	"bytes"
	"net/netip"
	"slices"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestMPLSLabelStack(t *testing.T) {
	b := rtnl.AppendMPLSLabels(nil, []uint32{200, 300})
	// 200<<12 without bottom of stack, then 300<<12 with it (bit 8).
	want := []byte{0x00, 0x0c, 0x80, 0x00, 0x00, 0x12, 0xc1, 0x00}
	if !bytes.Equal(b, want) {
		t.Fatalf("label stack % x, want % x", b, want)
	}
	if got := rtnl.DecodeMPLSLabels(nil, b); !slices.Equal(got, []uint32{200, 300}) {
		t.Fatalf("decoded %v", got)
	}
	if got := string(rtnl.FormatMPLSLabels(nil, []uint32{200, 300})); got != "200/300" {
		t.Fatalf("formatted %q", got)
	}
	if _, err := rtnl.ParseMPLSLabels("1048576"); err == nil {
		t.Fatal("a label above 2^20-1 was accepted")
	}
}

func TestMPLSRouteRequestRoundTrip(t *testing.T) {
	r := rtnl.Route{Family: unix.AF_MPLS, Label: 100, NewDst: []uint32{200, 300},
		Gateway: netip.MustParseAddr("10.0.0.2"), OIF: 3, Type: unix.RTN_UNICAST, Protocol: unix.RTPROT_BOOT}
	b, err := r.AppendRequestAsIs(nil, rtnl.RouteAdd)
	if err != nil {
		t.Fatal(err)
	}
	var got rtnl.Route
	if err := rtnl.DecodeRoute(nl.Message{Data: b}, &got); err != nil {
		t.Fatal(err)
	}
	if got.Label != 100 || !slices.Equal(got.NewDst, []uint32{200, 300}) || got.Gateway != r.Gateway || got.OIF != 3 {
		t.Fatalf("decoded %+v", got)
	}
	// An MPLS route's gateway always travels as RTA_VIA.
	if !bytes.Contains(b, []byte{8 + 2, 0, unix.RTA_VIA, 0, unix.AF_INET, 0, 10, 0, 0, 2}) {
		t.Fatalf("no RTA_VIA inet 10.0.0.2 in % x", b)
	}
}

func TestMPLSEncapRoundTrip(t *testing.T) {
	r := rtnl.Route{Dst: netip.MustParsePrefix("10.5.0.0/16"), Gateway: netip.MustParseAddr("10.0.0.2"),
		EncapType: rtnl.EncapMPLS, Encap: rtnl.MPLSEncap([]uint32{200, 300}, 7)}
	m, err := r.Message(rtnl.RouteAdd)
	if err != nil {
		t.Fatal(err)
	}
	var got rtnl.Route
	if err := rtnl.DecodeRoute(m, &got); err != nil {
		t.Fatal(err)
	}
	labels, ttl := rtnl.DecodeMPLSEncap(got.Encap)
	if got.EncapType != rtnl.EncapMPLS || !slices.Equal(labels, []uint32{200, 300}) || ttl != 7 {
		t.Fatalf("encap type %d labels %v ttl %d", got.EncapType, labels, ttl)
	}
}
