package rtnl

import (
	"encoding/hex"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// TestMDBChangeMatchesBridge compares a request with what bridge 6.1
// sent for `bridge mdb add dev br0 port v1 grp 239.7.7.7 permanent vid 3
// src 10.1.1.1` (br0 index 2, v1 index 3), captured with strace.
func TestMDBChangeMatchesBridge(t *testing.T) {
	c := &MDBChange{Bridge: 2, Port: 3, State: MDBPermanent, VID: 3,
		Group: MDBGroup{Addr: netip.MustParseAddr("239.7.7.7")}, Source: netip.MustParseAddr("10.1.1.1")}
	m, err := c.Message(unix.RTM_NEWMDB, nl.Create|nl.Excl)
	if err != nil {
		t.Fatal(err)
	}
	want := "0700000002000000" + "2000010003000000010003" + "00ef070707000000000000000000000000" + "08000000" +
		"0c000280080001000a010101"
	if got := hex.EncodeToString(m.Data); got != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

// mdbDump builds a dump message of bridge 2: an (S, G) entry with a
// timer and protocol, a layer-2 entry, and a router port.
func mdbDump() nl.Message {
	e := nl.NewAttrEncoder(nil)
	e.Nest(mdbaMDB)
	e.Nest(mdbaMDBEntry)
	entry := make([]byte, MDBEntryLen)
	ne.PutUint32(entry, 3)
	entry[4], entry[5] = MDBPermanent, MDBFlagOffload
	ne.PutUint16(entry[6:], 5)
	copy(entry[8:], []byte{239, 1, 1, 1})
	entry[24], entry[25] = 0x08, 0x00
	inner := nl.NewAttrEncoder(entry)
	inner.Uint32(mdbaEattrTimer, 12345)
	inner.Addr(mdbaEattrSource, netip.MustParseAddr("10.0.0.1"))
	inner.Uint8(mdbaEattrRtprot, 4)
	inner.Nest(mdbaEattrSrcList)
	inner.Nest(mdbaSrcListEntry)
	inner.Addr(mdbaSrcAttrAddr, netip.MustParseAddr("10.0.0.2"))
	inner.Uint32(mdbaSrcAttrTimer, 250)
	inner.Unnest()
	inner.Unnest()
	b, _ := inner.Encode()
	e.Bytes(mdbaMDBEntryInfo, b)
	l2 := make([]byte, MDBEntryLen)
	ne.PutUint32(l2, 4)
	copy(l2[8:], []byte{1, 0, 0x5e, 1, 2, 3})
	e.Bytes(mdbaMDBEntryInfo, l2)
	e.Unnest()
	e.Unnest()
	e.Nest(mdbaRouter)
	port := nl.NewAttrEncoder([]byte{3, 0, 0, 0})
	port.Uint32(mdbaRouterPTimer, 0)
	port.Uint8(mdbaRouterPType, MDBRouterPerm)
	pb, _ := port.Encode()
	e.Bytes(mdbaRouterPort, pb)
	e.Unnest()
	attrs, _ := e.Encode()
	return nl.Message{Header: nl.Header{Type: unix.RTM_NEWMDB}, Data: append([]byte{unix.AF_BRIDGE, 0, 0, 0, 2, 0, 0, 0}, attrs...)}
}

func TestParseMDB(t *testing.T) {
	got, err := ParseMDB(mdbDump())
	if err != nil {
		t.Fatal(err)
	}
	want := &MDBMessage{Bridge: 2, Entries: []MDBEntry{
		{Bridge: 2, Port: 3, State: MDBPermanent, Flags: MDBFlagOffload, VID: 5, Group: MDBGroup{Addr: netip.MustParseAddr("239.1.1.1")},
			Source: netip.MustParseAddr("10.0.0.1"), Timer: 12345, HasTimer: true, Protocol: 4, HasProtocol: true,
			Sources: []MDBSource{{Addr: netip.MustParseAddr("10.0.0.2"), Timer: 250}}},
		{Bridge: 2, Port: 4, Group: MDBGroup{MAC: HardwareAddr{1, 0, 0x5e, 1, 2, 3}}},
	}, Routers: []MDBRouterPort{{Bridge: 2, Port: 3, HasTimer: true, Type: MDBRouterPerm, HasType: true}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if s := got.Entries[1].Group.String(); s != "01:00:5e:01:02:03" {
		t.Errorf("layer-2 group prints %q", s)
	}
}

// FuzzParseMDB: no message makes the decoder panic, and every group it
// reads prints.
func FuzzParseMDB(f *testing.F) {
	f.Add(mdbDump().Data, uint16(unix.RTM_NEWMDB))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		m, err := ParseMDB(nl.Message{Header: nl.Header{Type: typ}, Data: b})
		if err != nil {
			return
		}
		for _, e := range m.Entries {
			_ = e.Group.String()
		}
	})
}
