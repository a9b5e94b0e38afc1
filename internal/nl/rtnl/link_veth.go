package rtnl

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Veth is the options of a veth pair: the peer end, described as a link
// of its own (VETH_INFO_PEER: a struct ifinfomsg and the peer's
// attributes). The kernel never reports it back. A vxcan pair's
// VXCAN_INFO_PEER has the same number and shape.
type Veth struct {
	Peer *LinkSpec
}

// Encode implements LinkData.
func (v *Veth) Encode(e *nl.AttrEncoder) {
	if v.Peer == nil {
		return
	}
	encodePeer(e, vethInfoPeer, v.Peer)
}

// encodePeer appends the other end of a device pair (veth, netkit) as
// attribute typ: a struct ifinfomsg and the peer's attributes.
func encodePeer(e *nl.AttrEncoder, typ uint16, p *LinkSpec) {
	e.Nest(typ)
	e.Raw(ifInfo(p.Family, p.Index, p.Flags, p.Change))
	// A peer takes no kind of its own, so its encoding cannot fail.
	_ = p.encode(e)
	e.Unnest()
}

// Decode implements LinkData.
func (v *Veth) Decode(data []byte) error {
	d := nl.NewAttrDecoder(data)
	for d.Next() {
		if d.Type() != vethInfoPeer {
			continue
		}
		p, err := decodeLinkSpec(d.Bytes())
		if err != nil {
			return err
		}
		v.Peer = p
	}
	return d.Err()
}

// decodeLinkSpec reads a struct ifinfomsg and the attributes LinkSpec
// sends; others are kept in Extra as they are.
func decodeLinkSpec(b []byte) (*LinkSpec, error) {
	if len(b) < IfInfoLen {
		return nil, ErrShortHeader
	}
	s := &LinkSpec{Family: b[0], Index: int32(ne.Uint32(b[4:])), Flags: ne.Uint32(b[8:]), Change: ne.Uint32(b[12:])}
	u32 := func(d *nl.AttrDecoder) *uint32 { v := d.Uint32(); return &v }
	i32 := func(d *nl.AttrDecoder) *int32 { v := d.Int32(); return &v }
	d := nl.NewAttrDecoder(b[IfInfoLen:])
	for d.Next() {
		switch d.Type() {
		case unix.IFLA_IFNAME:
			s.Name = d.String()
		case unix.IFLA_MTU:
			s.MTU = u32(&d)
		case unix.IFLA_TXQLEN:
			s.TxQLen = u32(&d)
		case unix.IFLA_ADDRESS:
			s.Address = clone(d.Bytes())
		case unix.IFLA_BROADCAST:
			s.Broadcast = clone(d.Bytes())
		case unix.IFLA_MASTER:
			s.Master = i32(&d)
		case unix.IFLA_LINK:
			s.Link = i32(&d)
		case unix.IFLA_NET_NS_FD:
			s.NetNSFD = i32(&d)
		case unix.IFLA_NET_NS_PID:
			s.NetNSPID = u32(&d)
		case unix.IFLA_LINK_NETNSID:
			s.LinkNetNSID = i32(&d)
		case unix.IFLA_IFALIAS:
			a := d.String()
			s.Alias = &a
		case unix.IFLA_GROUP:
			s.Group = u32(&d)
		case unix.IFLA_NUM_TX_QUEUES:
			s.NumTxQ = u32(&d)
		case unix.IFLA_NUM_RX_QUEUES:
			s.NumRxQ = u32(&d)
		case unix.IFLA_GSO_MAX_SIZE:
			s.GSOMaxSize = u32(&d)
		case unix.IFLA_GSO_MAX_SEGS:
			s.GSOMaxSegs = u32(&d)
		case unix.IFLA_GRO_MAX_SIZE:
			s.GROMaxSize = u32(&d)
		case unix.IFLA_PROTO_DOWN:
			x := d.Uint8()
			s.ProtoDown = &x
		case unix.IFLA_NEW_IFINDEX:
			s.Index2 = i32(&d)
		default:
			s.Extra = append(s.Extra, Attr{Type: d.RawType(), Data: clone(d.Bytes())})
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("decoding a pair's peer: %w", err)
	}
	return s, nil
}
