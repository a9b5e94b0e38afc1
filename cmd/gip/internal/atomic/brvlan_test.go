package atomic

import (
	"bytes"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func vlanReq(s rtnl.BridgeVlanSpec, typ uint16) nl.Message {
	m, err := s.Message(typ)
	if err != nil {
		panic(err)
	}
	return m
}

// bridgeLinkMsg is an AF_BRIDGE link dump message of device index named
// name under master (0 for none) with vlans.
func bridgeLinkMsg(index int32, name string, master uint32, vlans ...rtnl.VlanInfo) nl.Message {
	hdr := make([]byte, unix.SizeofIfInfomsg)
	hdr[0] = unix.AF_BRIDGE
	ne.PutUint32(hdr[4:], uint32(index))
	return nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: append(hdr, encode(func(e *nl.AttrEncoder) {
		e.String(unix.IFLA_IFNAME, name)
		if master != 0 {
			e.Uint32(unix.IFLA_MASTER, master)
		}
		e.Nest(unix.IFLA_AF_SPEC)
		for _, v := range vlans {
			e.Bytes(rtnl.BridgeVlanInfo, ne.AppendUint16(ne.AppendUint16(nil, v.Flags), v.VID))
		}
		e.Unnest()
	})...)}
}

func TestParseBrVlans(t *testing.T) {
	for _, c := range []struct {
		name string
		m    nl.Message
		want []object // key, desc, body; data is the request that puts it
		reqs []rtnl.BridgeVlanSpec
	}{
		{
			name: "port",
			m: bridgeLinkMsg(4, "p1", 3, rtnl.VlanInfo{Flags: rtnl.VlanInfoPVID | rtnl.VlanInfoUntagged, VID: 1},
				rtnl.VlanInfo{VID: 10}),
			want: []object{
				{key: "dev 4 vid 1", desc: "bridge vlan vid 1 dev p1", body: "pvid untagged"},
				{key: "dev 4 vid 10", desc: "bridge vlan vid 10 dev p1", body: "tagged"},
			},
			reqs: []rtnl.BridgeVlanSpec{
				{Index: 4, VID: 1, Flags: rtnl.VlanInfoPVID | rtnl.VlanInfoUntagged},
				{Index: 4, VID: 10},
			},
		},
		{
			name: "bridge itself",
			m:    bridgeLinkMsg(3, "br0", 3, rtnl.VlanInfo{Flags: rtnl.VlanInfoUntagged | rtnl.VlanInfoBrentry, VID: 20}),
			want: []object{{key: "dev 3 vid 20", desc: "bridge vlan vid 20 dev br0 self", body: "untagged"}},
			reqs: []rtnl.BridgeVlanSpec{{Index: 3, VID: 20, Flags: rtnl.VlanInfoUntagged, Self: true}},
		},
		{
			name: "ranges are skipped",
			m: bridgeLinkMsg(4, "p1", 3, rtnl.VlanInfo{Flags: rtnl.VlanInfoRangeBegin, VID: 5},
				rtnl.VlanInfo{Flags: rtnl.VlanInfoRangeEnd, VID: 9}),
		},
		{name: "no vlans", m: bridgeLinkMsg(4, "p1", 3)},
		{name: "not AF_BRIDGE", m: nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: make([]byte, 16)}},
	} {
		got := brVlanKind.objects(c.m)
		if len(got) != len(c.want) {
			t.Fatalf("%s: %d objects, want %d", c.name, len(got), len(c.want))
		}
		for i, o := range got {
			w := c.want[i]
			if o.key != w.key || o.desc != w.desc || o.body != w.body {
				t.Errorf("%s: object %d = %q %q %q, want %q %q %q", c.name, i, o.key, o.desc, o.body, w.key, w.desc, w.body)
			}
			put, del := brVlanKind.put(o), brVlanKind.del(o)
			want := vlanReq(c.reqs[i], unix.RTM_SETLINK)
			if put.Header.Type != unix.RTM_SETLINK || !bytes.Equal(put.Data, want.Data) {
				t.Errorf("%s: put %d = %x, want %x", c.name, i, put.Data, want.Data)
			}
			if del.Header.Type != unix.RTM_DELLINK || !bytes.Equal(del.Data, want.Data) {
				t.Errorf("%s: del %d = %d %x", c.name, i, del.Header.Type, del.Data)
			}
		}
	}
}
