package rtnl

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// afSpecOf returns the IFLA_AF_SPEC payload of a request.
func afSpecOf(t *testing.T, m nl.Message) []byte {
	t.Helper()
	d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
	for d.Next() {
		if d.Type() == unix.IFLA_AF_SPEC {
			return d.Bytes()
		}
	}
	t.Fatalf("no IFLA_AF_SPEC in %x", m.Data)
	return nil
}

// TestBridgeVlanTunnelMessage checks the tunnel entries a vlan change
// sends (one for a vlan, a begin and an end for a range, no vlan info)
// by decoding them back.
func TestBridgeVlanTunnelMessage(t *testing.T) {
	for _, c := range []struct {
		spec BridgeVlanSpec
		want []VlanTunnel
	}{
		{BridgeVlanSpec{Index: 3, VID: 1030, Tunnel: true, TunID: 65556}, []VlanTunnel{{VID: 1030, ID: 65556}}},
		{BridgeVlanSpec{Index: 3, VID: 1010, VIDEnd: 1020, Tunnel: true, TunID: 10, TunIDEnd: 20}, []VlanTunnel{
			{VID: 1010, ID: 10, Flags: VlanInfoRangeBegin}, {VID: 1020, ID: 20, Flags: VlanInfoRangeEnd}}},
	} {
		m, err := c.spec.Message(unix.RTM_SETLINK)
		if err != nil {
			t.Fatal(err)
		}
		spec := afSpecOf(t, m)
		got, err := VlanTunnels(spec)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %+v (%v), want %+v", c.spec, got, err, c.want)
		}
		if vs, _ := Vlans(spec); len(vs) != 0 {
			t.Errorf("%+v: a tunnel change also sends vlan info %+v", c.spec, vs)
		}
	}
}

// FuzzVlanTunnels decodes arbitrary AF_SPEC payloads.
func FuzzVlanTunnels(f *testing.F) {
	s := BridgeVlanSpec{Index: 3, VID: 1010, VIDEnd: 1020, Tunnel: true, TunID: 10, TunIDEnd: 20}
	m, err := s.Message(unix.RTM_SETLINK)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(m.Data[unix.SizeofIfInfomsg+4:])
	f.Fuzz(func(t *testing.T, b []byte) {
		ts, err := VlanTunnels(b)
		if err != nil {
			return
		}
		for _, x := range ts {
			_ = x.VID
		}
	})
}
