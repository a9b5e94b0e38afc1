package rtnl

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// vlanGlobalDump is an RTM_NEWVLAN message as a dump of global options
// brings it: bridge 4, vlan 1 alone, vlans 10-12 with a router port.
func vlanGlobalDump(t testing.TB) nl.Message {
	e := nl.NewAttrEncoder(nil)
	e.Nest(vlanDBGlobal)
	e.Uint16(VlanGOptID, 1)
	e.Uint8(VlanGOptMcastSnooping, 1)
	e.Uint64(VlanGOptMcastQueryInterval, 12500)
	e.Unnest()
	e.Nest(vlanDBGlobal)
	e.Uint16(VlanGOptID, 10)
	e.Uint16(VlanGOptRange, 12)
	e.Uint32(VlanGOptMcastLastMemberCount, 2)
	e.Nest(VlanGOptMcastRouterPorts)
	e.NestPlain(mdbaRouter)
	e.Raw(routerPortAttr(t, 7))
	e.Unnest()
	e.Unnest()
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return nl.Message{Header: nl.Header{Type: RTMNewVlan}, Data: append(brVlanMsg(4), b...)}
}

// routerPortAttr is an MDBA_ROUTER_PORT entry: the port's index, then
// its timer and type.
func routerPortAttr(t testing.TB, port uint32) []byte {
	inner := nl.NewAttrEncoder(nil)
	inner.Uint32(mdbaRouterPTimer, 0)
	inner.Uint8(mdbaRouterPType, MDBRouterTemp)
	ib, err := inner.Encode()
	if err != nil {
		t.Fatal(err)
	}
	e := nl.NewAttrEncoder(nil)
	e.Bytes(mdbaRouterPort, append(ne.AppendUint32(nil, port), ib...))
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseVlanDB(t *testing.T) {
	m, err := ParseVlanDB(vlanGlobalDump(t))
	if err != nil {
		t.Fatal(err)
	}
	if m.Index != 4 || len(m.Globals) != 2 {
		t.Fatalf("%+v", m)
	}
	g0, g1 := m.Globals[0], m.Globals[1]
	if g0.VID != 1 || g0.VIDEnd != 1 || g0.Opts[VlanGOptMcastSnooping] != 1 || g0.Opts[VlanGOptMcastQueryInterval] != 12500 {
		t.Errorf("vlan 1: %+v", g0)
	}
	want := []MDBRouterPort{{Bridge: 4, Port: 7, HasTimer: true, Type: MDBRouterTemp, HasType: true}}
	if g1.VID != 10 || g1.VIDEnd != 12 || g1.Opts[VlanGOptMcastLastMemberCount] != 2 || !reflect.DeepEqual(g1.RouterPorts, want) {
		t.Errorf("vlans 10-12: %+v", g1)
	}
}

// TestBridgeVlanOptionsMessage checks a vlan set request: the entry nest
// (the global one for global options) holding the attributes given.
func TestBridgeVlanOptionsMessage(t *testing.T) {
	for _, global := range []bool{false, true} {
		o := BridgeVlanOptions{Index: 3, Global: global, Attrs: []Attr{U16(VlanGOptID, 5), U8(VlanGOptMcastSnooping, 1)}}
		m, err := o.Message()
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != RTMNewVlan || ne.Uint32(m.Data[4:]) != 3 {
			t.Fatalf("header %+v %x", m.Header, m.Data)
		}
		d := nl.NewAttrDecoder(m.Data[BrVlanMsgLen:])
		if !d.Next() || (d.Type() == vlanDBGlobal) != global || d.Type() == 0 {
			t.Fatalf("global %v: nest type %d", global, d.Type())
		}
		if got, _ := parseVlanGlobal(3, d.Bytes()); got.VID != 5 || got.Opts[VlanGOptMcastSnooping] != 1 {
			t.Errorf("global %v: %+v", global, got)
		}
	}
}

// FuzzParseVlanDB decodes arbitrary vlan database messages.
func FuzzParseVlanDB(f *testing.F) {
	f.Add(vlanGlobalDump(f).Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseVlanDB(nl.Message{Data: b})
		if err != nil {
			return
		}
		for _, g := range m.Globals {
			_ = g.VIDEnd
		}
	})
}

// TestParseVlanEntry decodes a port's vlan entry of a dump: a range with
// flags, state, multicast router and counters.
func TestParseVlanEntry(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(vlanDBEntry)
	e.Bytes(VlanDBEntryInfo, append(ne.AppendUint16(nil, VlanInfoPVID), ne.AppendUint16(nil, 10)...))
	e.Uint16(VlanDBEntryRange, 12)
	e.Uint8(VlanDBEntryState, 4)
	e.Uint8(VlanDBEntryMcastRouter, 2)
	e.Nest(VlanDBEntryStats)
	for i := uint16(1); i <= 4; i++ {
		e.Uint64(i, uint64(i))
	}
	e.Unnest()
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseVlanDB(nl.Message{Data: append(brVlanMsg(9), b...)})
	if err != nil {
		t.Fatal(err)
	}
	want := VlanEntry{Flags: VlanInfoPVID, VID: 10, VIDEnd: 12, State: 4, McastRouter: 2, HasMcastRouter: true, Stats: &[4]uint64{1, 2, 3, 4}}
	if m.Index != 9 || len(m.Entries) != 1 || !reflect.DeepEqual(m.Entries[0], want) {
		t.Errorf("%+v", m)
	}
}
