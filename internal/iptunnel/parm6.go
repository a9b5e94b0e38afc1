package iptunnel

import (
	"encoding/binary"
	"net/netip"
)

// Flags of an IPv6 tunnel (IP6_TNL_F_*).
const (
	IP6IgnEncapLimit    uint32 = 0x01 // IP6_TNL_F_IGN_ENCAP_LIMIT
	IP6UseOrigTclass    uint32 = 0x02 // IP6_TNL_F_USE_ORIG_TCLASS
	IP6UseOrigFlowlabel uint32 = 0x04 // IP6_TNL_F_USE_ORIG_FLOWLABEL
	IP6MIP6Dev          uint32 = 0x08 // IP6_TNL_F_MIP6_DEV
	IP6RcvDSCPCopy      uint32 = 0x10 // IP6_TNL_F_RCV_DSCP_COPY
	IP6UseOrigFwmark    uint32 = 0x20 // IP6_TNL_F_USE_ORIG_FWMARK
	IP6AllowLocalRemote uint32 = 0x40 // IP6_TNL_F_ALLOW_LOCAL_REMOTE
)

// The traffic class and flow label parts of FlowInfo.
const (
	FlowInfoTclass    uint32 = 0x0ff00000
	FlowInfoFlowlabel uint32 = 0x000fffff
)

// DefaultEncapLimit is IPV6_DEFAULT_TNL_ENCAP_LIMIT.
const DefaultEncapLimit = 4

// Parm6Size is sizeof(struct ip6_tnl_parm2).
const Parm6Size = 76

// Parm6 is struct ip6_tnl_parm2: an IPv6 tunnel's name, lower device,
// inner protocol, limits, flow information, flags, endpoints and GRE
// flags and keys.
type Parm6 struct {
	Name           string
	Link           int32
	Proto          uint8
	EncapLimit     uint8
	HopLimit       uint8
	FlowInfo       uint32 // host order of the __be32 field
	Flags          uint32
	Local, Remote  netip.Addr // invalid reads as ::
	IFlags, OFlags uint16
	IKey, OKey     uint32
}

func addr16(a netip.Addr) [16]byte {
	if a.Is6() {
		return a.As16()
	}
	return [16]byte{}
}

// Encode is the parameter block as the kernel reads it.
func (p *Parm6) Encode() []byte {
	b := make([]byte, Parm6Size)
	putName(b, p.Name)
	ne := binary.NativeEndian
	ne.PutUint32(b[16:], uint32(p.Link))
	b[20], b[21], b[22] = p.Proto, p.EncapLimit, p.HopLimit
	binary.BigEndian.PutUint32(b[24:], p.FlowInfo)
	ne.PutUint32(b[28:], p.Flags)
	l, r := addr16(p.Local), addr16(p.Remote)
	copy(b[32:48], l[:])
	copy(b[48:64], r[:])
	binary.BigEndian.PutUint16(b[64:], p.IFlags)
	binary.BigEndian.PutUint16(b[66:], p.OFlags)
	binary.BigEndian.PutUint32(b[68:], p.IKey)
	binary.BigEndian.PutUint32(b[72:], p.OKey)
	return b
}

// DecodeParm6 reads a parameter block the kernel wrote.
func DecodeParm6(b []byte) (Parm6, bool) {
	if len(b) < Parm6Size {
		return Parm6{}, false
	}
	ne := binary.NativeEndian
	return Parm6{
		Name:       name(b),
		Link:       int32(ne.Uint32(b[16:])),
		Proto:      b[20],
		EncapLimit: b[21],
		HopLimit:   b[22],
		FlowInfo:   binary.BigEndian.Uint32(b[24:]),
		Flags:      ne.Uint32(b[28:]),
		Local:      netip.AddrFrom16([16]byte(b[32:48])),
		Remote:     netip.AddrFrom16([16]byte(b[48:64])),
		IFlags:     binary.BigEndian.Uint16(b[64:]),
		OFlags:     binary.BigEndian.Uint16(b[66:]),
		IKey:       binary.BigEndian.Uint32(b[68:]),
		OKey:       binary.BigEndian.Uint32(b[72:]),
	}, true
}
