package atomic

import (
	"bytes"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// attrsOf encodes attributes for the tests: nest opens a nested one.
func encode(f func(e *nl.AttrEncoder)) []byte {
	e := nl.NewAttrEncoder(nil)
	f(e)
	b, _ := e.Encode()
	return b
}

func TestDropAttrAt(t *testing.T) {
	hdr := []byte{1, 2, 3, 4}
	body := encode(func(e *nl.AttrEncoder) {
		e.Uint32(1, 10)
		e.Nest(2)
		e.Uint8(1, 5)
		e.Uint32(2, 7)
		e.Unnest()
		e.String(3, "x")
	})
	data := append(append([]byte(nil), hdr...), body...)
	// The nested attribute 2.2 starts at 4 (header) + 8 (attr 1) + 4
	// (nest header) + 8 (attr 2.1).
	got, ok := dropAttrAt(data, len(hdr), 4+8+4+8)
	want := append(append([]byte(nil), hdr...), encode(func(e *nl.AttrEncoder) {
		e.Uint32(1, 10)
		e.Nest(2)
		e.Uint8(1, 5)
		e.Unnest()
		e.String(3, "x")
	})...)
	if !ok || !bytes.Equal(got, want) {
		t.Errorf("nested drop:\n got %x\nwant %x", got, want)
	}
	got, ok = dropAttrAt(data, len(hdr), 4)
	want = append(append([]byte(nil), hdr...), body[8:]...)
	if !ok || !bytes.Equal(got, want) {
		t.Errorf("top drop:\n got %x\nwant %x", got, want)
	}
	if _, ok := dropAttrAt(data, len(hdr), 6); ok {
		t.Error("an offset inside an attribute's header dropped something")
	}
	if _, ok := dropAttrAt(data, len(hdr), len(data)+4); ok {
		t.Error("an offset past the end dropped something")
	}
}

func TestNormalizeSortsAndDrops(t *testing.T) {
	a := append([]byte{9, 9}, encode(func(e *nl.AttrEncoder) { e.Uint32(3, 1); e.Uint32(1, 2); e.Uint32(2, 3) })...)
	b := append([]byte{9, 9}, encode(func(e *nl.AttrEncoder) { e.Uint32(1, 2); e.Uint32(3, 1) })...)
	if got, want := normalize(a, 2, 2), normalize(b, 2); !bytes.Equal(got, want) {
		t.Errorf("normalize: %x != %x", got, want)
	}
	got, ok := withoutNth(b[2:], 1)
	if !ok || !bytes.Equal(got, encode(func(e *nl.AttrEncoder) { e.Uint32(1, 2) })) {
		t.Errorf("withoutNth: %x %v", got, ok)
	}
	if _, ok := withoutNth(b[2:], 2); ok {
		t.Error("withoutNth past the end")
	}
}

func TestKindOf(t *testing.T) {
	route := func(fam byte) nl.Message {
		return nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}, Data: []byte{fam, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}
	}
	for _, c := range []struct {
		m    nl.Message
		want kindID
		err  string
	}{
		{route(unix.AF_INET), kRoute, ""},
		{route(unix.AF_INET6), kRoute, ""},
		{route(unix.AF_MPLS), 0, "An atomic batch cannot undo this change (route of family mpls)."},
		{nl.Message{Header: nl.Header{Type: unix.RTM_NEWNEIGH}, Data: []byte{unix.AF_BRIDGE}}, kFdb, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_DELNEIGH}, Data: []byte{unix.AF_INET}}, kNeigh, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_SETLINK}, Data: make([]byte, 16)}, kLink, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_SETLINK}, Data: append([]byte{unix.AF_BRIDGE}, append(make([]byte, 15),
			encode(func(e *nl.AttrEncoder) { e.Nest(unix.IFLA_AF_SPEC); e.Unnest() })...)...)}, 0,
			"An atomic batch cannot undo this change (bridge link self)."},
		{vlanReq(rtnl.BridgeVlanSpec{Index: 3, VID: 10, Self: true}, unix.RTM_SETLINK), kBrVlan, ""},
		{vlanReq(rtnl.BridgeVlanSpec{Index: 3, VID: 10, VIDEnd: 20}, unix.RTM_DELLINK), kBrVlan, ""},
		{vlanReq(rtnl.BridgeVlanSpec{Index: 3, VID: 10, Tunnel: true, TunID: 5}, unix.RTM_SETLINK), 0,
			"An atomic batch cannot undo this change (bridge vlan tunnel_info)."},
		{nl.Message{Header: nl.Header{Type: unix.RTM_DELNEXTHOP}}, kNexthop, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_NEWQDISC}}, kQdisc, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_DELTCLASS}}, kClass, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_NEWTFILTER}, Data: make([]byte, 20)}, kFilter, ""},
		{nl.Message{Header: nl.Header{Type: unix.RTM_NEWTFILTER}, Data: []byte{0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}}, 0,
			"An atomic batch cannot undo this change (filter of a shared block)."},
		{nl.Message{Header: nl.Header{Type: unix.RTM_NEWCHAIN}}, 0, "An atomic batch cannot undo this change (tc)."},
	} {
		k, err := kindOf(c.m)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%v: err %v, want %q", c.m.Header, err, c.err)
			}
			continue
		}
		if err != nil || k != c.want {
			t.Errorf("%v: %v %v, want %v", c.m.Header, k, err, c.want)
		}
	}
}

// TestRouteKeys checks what tells routes apart: IPv6 keeps one per
// device, IPv4 one per key whatever its path.
func TestRouteKeys(t *testing.T) {
	route := func(fam byte, dst []byte, oif uint32, gw []byte) nl.Message {
		data := append([]byte{fam, byte(len(dst) * 8), 0, 0, 254, 3, 0, 1, 0, 0, 0, 0}, encode(func(e *nl.AttrEncoder) {
			e.Bytes(unix.RTA_DST, dst)
			e.Uint32(unix.RTA_OIF, oif)
			if gw != nil {
				e.Bytes(unix.RTA_GATEWAY, gw)
			}
			e.Bytes(unix.RTA_CACHEINFO, make([]byte, 32))
		})...)
		return nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}, Data: data}
	}
	v4 := []byte{10, 0, 0, 0}
	v6 := []byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	a, _ := routeKind.parse(route(unix.AF_INET, v4, 2, nil))
	b, _ := routeKind.parse(route(unix.AF_INET, v4, 3, []byte{10, 0, 0, 1}))
	if a.key != b.key || a.body == b.body || a.key != "inet table 254 10.0.0.0/32 metric 0" {
		t.Errorf("IPv4: %q %q", a.key, b.key)
	}
	c, _ := routeKind.parse(route(unix.AF_INET6, v6, 2, nil))
	d, _ := routeKind.parse(route(unix.AF_INET6, v6, 3, nil))
	if c.key == d.key {
		t.Errorf("IPv6 routes on two devices share a key: %q", c.key)
	}
	e := route(unix.AF_INET, v4, 2, nil)
	copy(e.Data[len(e.Data)-32:], "cache info moves on its own.....")
	if f, _ := routeKind.parse(e); f.body != a.body {
		t.Error("the cache info counts")
	}
}
