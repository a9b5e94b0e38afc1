package rtnl

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestMRouteRoundTrip(t *testing.T) {
	exp := uint64(250)
	r := &MRoute{
		Family: FamilyIPMR, Table: unix.RT_TABLE_DEFAULT, Type: unix.RTN_MULTICAST, Flags: unix.RTNH_F_OFFLOAD,
		Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("239.1.1.1"),
		RawSrc: []byte{10, 0, 0, 1}, RawDst: []byte{239, 1, 1, 1}, IIF: 2,
		Oifs:  []MRouteOif{{IfIndex: 3, TTL: 1}, {IfIndex: 4, TTL: 3}},
		Stats: &MFCStats{Packets: 5, Bytes: 600, WrongIf: 1}, Expires: &exp,
	}
	m, err := r.Message()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseMRoute(m)
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestMRouteDumpRequestNamesTheTable(t *testing.T) {
	m := RouteDumpRequest(FamilyIPMR, &Route{Table: unix.RT_TABLE_DEFAULT})
	if m.Data[0] != FamilyIPMR || len(m.Data) != unix.SizeofRtMsg+8 || m.Data[unix.SizeofRtMsg+2] != unix.RTA_TABLE {
		t.Errorf("request %v", m.Data)
	}
}

// FuzzParseMRoute: no payload makes the decoder panic, and what it reads
// encodes to a message that reads back the same.
func FuzzParseMRoute(f *testing.F) {
	m, _ := (&MRoute{Family: FamilyIPMR, Table: 253, Type: unix.RTN_MULTICAST, RawSrc: []byte{10, 0, 0, 1},
		Src: netip.MustParseAddr("10.0.0.1"), IIF: 1, Oifs: []MRouteOif{{IfIndex: 2, TTL: 1}}}).Message()
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseMRoute(nl.Message{Data: b})
		if err != nil {
			return
		}
		m, err := r.Message()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseMRoute(m)
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("%x: %+v, then %+v, %v", b, r, back, err)
		}
	})
}
