package rtnl

import (
	"encoding/binary"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// PortRange is a UDP source port range (struct ifla_vxlan_port_range).
type PortRange struct{ Low, High uint16 }

// Vxlan is the options of a vxlan link (IFLA_VXLAN_*). Group and Local
// go out as IFLA_VXLAN_GROUP/LOCAL or their 6 variants by family; a
// unicast Group is the remote end.
type Vxlan struct {
	ID                   Opt[uint32]
	Group, Local         Opt[netip.Addr]
	Link                 Opt[uint32] // the lower device's index
	PortRange            Opt[PortRange]
	Port                 Opt[uint16] // network order on the wire
	Learning             Opt[uint8]
	Proxy, RSC           Opt[uint8]
	L2Miss, L3Miss       Opt[uint8]
	TOS, TTL             Opt[uint8]
	TTLInherit           Opt[uint8]
	DF                   Opt[uint8]
	Label                Opt[uint32] // network order on the wire
	Ageing, Limit        Opt[uint32]
	UDPCsum              Opt[uint8]
	UDPZeroCsum6TX       Opt[uint8]
	UDPZeroCsum6RX       Opt[uint8]
	RemCsumTX, RemCsumRX Opt[uint8]
	GBP, GPE             bool
	CollectMetadata      Opt[uint8]
	VniFilter            Opt[uint8] // with CollectMetadata: the vnis are bridge vni's
}

func (v *Vxlan) fields() []field {
	return []field{
		u32Field(unix.IFLA_VXLAN_ID, &v.ID),
		familyAddrField(unix.IFLA_VXLAN_GROUP, unix.IFLA_VXLAN_GROUP6, &v.Group),
		familyAddrField(unix.IFLA_VXLAN_LOCAL, unix.IFLA_VXLAN_LOCAL6, &v.Local),
		u32Field(unix.IFLA_VXLAN_LINK, &v.Link),
		mk(unix.IFLA_VXLAN_PORT_RANGE, func(e *nl.AttrEncoder) {
			if v.PortRange.Set {
				b := binary.BigEndian.AppendUint16(nil, v.PortRange.V.Low)
				e.Bytes(unix.IFLA_VXLAN_PORT_RANGE, binary.BigEndian.AppendUint16(b, v.PortRange.V.High))
			}
		}, func(d *nl.AttrDecoder) {
			if d.Len() != 4 {
				d.Uint32() // records the size error
				return
			}
			b := d.Bytes()
			v.PortRange = Some(PortRange{binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:])})
		}),
		be16Field(unix.IFLA_VXLAN_PORT, &v.Port),
		u8Field(unix.IFLA_VXLAN_LEARNING, &v.Learning),
		u8Field(unix.IFLA_VXLAN_PROXY, &v.Proxy),
		u8Field(unix.IFLA_VXLAN_RSC, &v.RSC),
		u8Field(unix.IFLA_VXLAN_L2MISS, &v.L2Miss),
		u8Field(unix.IFLA_VXLAN_L3MISS, &v.L3Miss),
		u8Field(unix.IFLA_VXLAN_TOS, &v.TOS),
		u8Field(unix.IFLA_VXLAN_TTL, &v.TTL),
		inheritField(unix.IFLA_VXLAN_TTL_INHERIT, &v.TTLInherit),
		u8Field(unix.IFLA_VXLAN_DF, &v.DF),
		be32Field(unix.IFLA_VXLAN_LABEL, &v.Label),
		u32Field(unix.IFLA_VXLAN_AGEING, &v.Ageing),
		u32Field(unix.IFLA_VXLAN_LIMIT, &v.Limit),
		u8Field(unix.IFLA_VXLAN_UDP_CSUM, &v.UDPCsum),
		u8Field(unix.IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &v.UDPZeroCsum6TX),
		u8Field(unix.IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &v.UDPZeroCsum6RX),
		u8Field(unix.IFLA_VXLAN_REMCSUM_TX, &v.RemCsumTX),
		u8Field(unix.IFLA_VXLAN_REMCSUM_RX, &v.RemCsumRX),
		flagField(unix.IFLA_VXLAN_GBP, &v.GBP),
		flagField(unix.IFLA_VXLAN_GPE, &v.GPE),
		u8Field(unix.IFLA_VXLAN_COLLECT_METADATA, &v.CollectMetadata),
		u8Field(unix.IFLA_VXLAN_VNIFILTER, &v.VniFilter),
	}
}

// Encode implements LinkData.
func (v *Vxlan) Encode(e *nl.AttrEncoder) { encodeFields(e, v.fields()) }

// Decode implements LinkData.
func (v *Vxlan) Decode(data []byte) error { return decodeFields(data, v.fields()) }

// familyAddrField is an address sent as t4 (4 bytes) or t6 (16 bytes) by
// its family; either attribute decodes into it. A zero address never
// replaces a set one, so a kernel that sends the unused family as zeros
// reads as the one it uses.
func familyAddrField(t4, t6 uint16, p *Opt[netip.Addr]) field {
	f := mk(t4, func(e *nl.AttrEncoder) {
		if !p.Set {
			return
		}
		if p.V.Is4() {
			e.Addr(t4, p.V)
		} else {
			e.Addr(t6, p.V)
		}
	}, func(d *nl.AttrDecoder) {
		if a := d.Addr(); a.IsValid() && !(a.IsUnspecified() && p.Set) {
			*p = Some(a)
		}
	})
	f.alt = t6
	return f
}

// inheritField is vxlan's ttl inherit: the kernel takes a flag
// attribute (its policy refuses a payload) and reports a u8 of the same
// type, 0 or 1; a 0 reads as the flag's absence.
func inheritField(t uint16, p *Opt[uint8]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set && p.V != 0 {
			e.Flag(t)
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() == 0 || d.Uint8() != 0 {
			*p = Some(uint8(1))
		}
	})
}
