package rtnl

import (
	"bytes"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestParseLinkRoundTrip(t *testing.T) {
	mtu := uint32(1400)
	master := int32(4)
	alias := "up"
	s := &LinkSpec{Index: 3, Name: "v0", MTU: &mtu, Master: &master, Alias: &alias,
		Address: []byte{2, 0, 0, 0, 0, 1}, Flags: unix.IFF_UP, Change: unix.IFF_UP,
		Kind: &KindSpec{Name: "bridge", Data: &Bridge{StpState: Some(uint32(1))}}}
	m, err := s.Message(unix.RTM_NEWLINK, 0)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseLink(m)
	if err != nil {
		t.Fatal(err)
	}
	if l.Index != 3 || l.Name != "v0" || l.MTU != 1400 || l.Master != 4 || l.Alias != "up" ||
		l.Flags != unix.IFF_UP || l.Kind != "bridge" || l.Address.String() != "02:00:00:00:00:01" {
		t.Errorf("decoded %+v", l)
	}
	if !l.Has(unix.IFLA_MTU) || l.Has(unix.IFLA_TXQLEN) {
		t.Errorf("attribute presence wrong")
	}
	var br Bridge
	if err := br.Decode(l.Data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(br, Bridge{StpState: Some(uint32(1))}) {
		t.Errorf("bridge options %+v", br)
	}
}

func TestParseLinkShort(t *testing.T) {
	if _, err := ParseLink(nl.Message{Data: []byte{1, 2}}); err == nil {
		t.Errorf("short message accepted")
	}
	b := make([]byte, IfInfoLen)
	b = append(b, 8, 0, unix.IFLA_MTU, 0, 1, 2) // attribute overrunning the buffer
	if _, err := ParseLink(nl.Message{Data: b}); err == nil {
		t.Errorf("malformed attribute accepted")
	}
}

func TestAddrSpecBytes(t *testing.T) {
	valid, pref := uint32(600), uint32(300)
	s := &AddrSpec{Family: unix.AF_INET, PrefixLen: 24, Index: 7, Flags: unix.IFA_F_NOPREFIXROUTE,
		Local: netip.MustParseAddr("192.0.2.1"), Address: netip.MustParseAddr("192.0.2.1"),
		Broadcast: netip.MustParseAddr("192.0.2.255"), Label: "v0:a", Valid: &valid, Preferred: &pref}
	m, err := s.Message(unix.RTM_NEWADDR, FlagsAdd)
	if err != nil {
		t.Fatal(err)
	}
	e := nl.NewAttrEncoder([]byte{unix.AF_INET, 24, 0, 0, 7, 0, 0, 0})
	e.Bytes(unix.IFA_LOCAL, []byte{192, 0, 2, 1})
	e.Bytes(unix.IFA_ADDRESS, []byte{192, 0, 2, 1})
	e.Bytes(unix.IFA_BROADCAST, []byte{192, 0, 2, 255})
	e.String(unix.IFA_LABEL, "v0:a")
	e.Bytes(unix.IFA_CACHEINFO, []byte{44, 1, 0, 0, 88, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	e.Uint32(unix.IFA_FLAGS, unix.IFA_F_NOPREFIXROUTE)
	want, _ := e.Encode()
	if !bytes.Equal(m.Data, want) {
		t.Errorf("got  %x\nwant %x", m.Data, want)
	}
	if m.Header.Flags != FlagsAdd {
		t.Errorf("flags %v", m.Header.Flags)
	}
	a, err := ParseAddr(m)
	if err != nil {
		t.Fatal(err)
	}
	if a.Label != "v0:a" || a.Valid != 600 || a.Preferred != 300 || a.Flags != unix.IFA_F_NOPREFIXROUTE {
		t.Errorf("decoded %+v", a)
	}
}

func TestBridgeVlanBytes(t *testing.T) {
	s := &BridgeVlanSpec{Index: 5, VID: 10, VIDEnd: 20, Flags: VlanInfoUntagged, Master: true}
	m, err := s.Message(unix.RTM_SETLINK)
	if err != nil {
		t.Fatal(err)
	}
	e := nl.NewAttrEncoder([]byte{unix.AF_BRIDGE, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	e.Nest(unix.IFLA_AF_SPEC)
	e.Uint16(BridgeFlags, BridgeFlagsMaster)
	e.Bytes(BridgeVlanInfo, []byte{VlanInfoUntagged | VlanInfoRangeBegin, 0, 10, 0})
	e.Bytes(BridgeVlanInfo, []byte{VlanInfoUntagged | VlanInfoRangeEnd, 0, 20, 0})
	e.Unnest()
	want, _ := e.Encode()
	if !bytes.Equal(m.Data, want) {
		t.Errorf("got  %x\nwant %x", m.Data, want)
	}
	// The AF_SPEC payload decodes back to the two entries.
	vs, err := Vlans(want[IfInfoLen+4:])
	if err != nil || len(vs) != 2 || vs[0].VID != 10 || vs[1].VID != 20 {
		t.Errorf("Vlans: %v %v", vs, err)
	}
}

// FuzzParse feeds arbitrary payloads to every decoder: none may panic.
func FuzzParse(f *testing.F) {
	s := &LinkSpec{Name: "v0", Kind: &KindSpec{Name: "veth", Data: &Veth{Peer: &LinkSpec{Name: "v1"}}}}
	m, _ := s.Message(unix.RTM_NEWLINK, 0)
	f.Add(m.Data)
	a := &AddrSpec{Family: unix.AF_INET6, PrefixLen: 64, Local: netip.MustParseAddr("2001:db8::1")}
	m, _ = a.Message(unix.RTM_NEWADDR, 0)
	f.Add(m.Data)
	n := &NeighSpec{Family: unix.AF_INET, Dst: netip.MustParseAddr("192.0.2.1"), LLAddr: []byte{1, 2, 3, 4, 5, 6}}
	m, _ = n.Message(unix.RTM_NEWNEIGH, 0)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		msg := nl.Message{Data: b}
		if l, err := ParseLink(msg); err == nil {
			ParseAttrTable(l.Data)
			ParseAttrTable(l.SlaveData)
			Vlans(l.AFSpec)
		}
		ParseAddr(msg)
		ParseNeigh(msg)
		DecodeActionFlush(b)
	})
}

// TestDecodeActionFlush reads a flush report as the kernel writes it: a
// nest of type 0 holding TCA_KIND and TCA_FCNT.
func TestDecodeActionFlush(t *testing.T) {
	tab := []byte{
		24, 0, 0, 0, // nest, type 0
		11, 0, 1, 0, 'm', 'i', 'r', 'r', 'e', 'd', 0, 0, // TCA_KIND "mirred"
		8, 0, 6, 0, 3, 0, 0, 0, // TCA_FCNT 3
	}
	tab[0] = byte(len(tab))
	got, ok, err := DecodeActionFlush(tab)
	if err != nil || !ok || got != (ActionFlush{Kind: "mirred", Count: 3}) {
		t.Errorf("DecodeActionFlush = %+v, %v, %v", got, ok, err)
	}
	if _, ok, _ := DecodeActionFlush(nil); ok {
		t.Error("an empty table reports a flush")
	}
}
