package iptunnel

import (
	"encoding/binary"
	"net/netip"
)

// Flags of a tunnel's i_flags and o_flags (__be16 on the wire, held here
// as the big-endian value).
const (
	GRECsum uint16 = 0x8000 // GRE_CSUM
	GREKey  uint16 = 0x2000 // GRE_KEY
	GRESeq  uint16 = 0x1000 // GRE_SEQ
	// VTIIsVTI (VTI_ISVTI) and SITIsatap (SIT_ISATAP) are the host-order
	// value 1 stored in the big-endian field: 0x0100 as read back.
	VTIIsVTI  uint16 = 0x0100
	SITIsatap uint16 = 0x0100
)

// DontFragment is IP_DF of the outer header's frag_off: path MTU discovery.
const DontFragment uint16 = 0x4000

// IfNameSize is IFNAMSIZ: a name holds at most IfNameSize-1 bytes.
const IfNameSize = 16

// ParmSize is sizeof(struct ip_tunnel_parm).
const ParmSize = 52

// Parm is struct ip_tunnel_parm: an IPv4 tunnel's name, lower device,
// GRE flags and keys, and the template of its outer IPv4 header.
type Parm struct {
	Name           string
	Link           int32
	IFlags, OFlags uint16
	IKey, OKey     uint32
	// The outer header's fields the kernel uses.
	Version, IHL uint8
	TOS          uint8
	FragOff      uint16
	TTL          uint8
	Protocol     uint8
	Local        netip.Addr // saddr; invalid reads as 0.0.0.0
	Remote       netip.Addr // daddr
}

// NewParm is a Parm as ip starts one: version 4, a header of 5 words and
// path MTU discovery on.
func NewParm() Parm {
	return Parm{Version: 4, IHL: 5, FragOff: DontFragment}
}

// putName writes a device name into a fixed IFNAMSIZ field.
func putName(b []byte, name string) {
	n := copy(b[:IfNameSize-1], name)
	clear(b[n:IfNameSize])
}

// name reads a NUL-terminated name field.
func name(b []byte) string {
	for i, c := range b[:IfNameSize] {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b[:IfNameSize])
}

// addr4 is an address's four bytes, zero when unset.
func addr4(a netip.Addr) [4]byte {
	if a.Is4() {
		return a.As4()
	}
	return [4]byte{}
}

// Encode is the parameter block as the kernel reads it.
func (p *Parm) Encode() []byte {
	b := make([]byte, ParmSize)
	putName(b, p.Name)
	ne := binary.NativeEndian
	ne.PutUint32(b[16:], uint32(p.Link))
	binary.BigEndian.PutUint16(b[20:], p.IFlags)
	binary.BigEndian.PutUint16(b[22:], p.OFlags)
	binary.BigEndian.PutUint32(b[24:], p.IKey)
	binary.BigEndian.PutUint32(b[28:], p.OKey)
	h := b[32:]
	h[0] = p.IHL&0x0f | p.Version<<4
	h[1] = p.TOS
	binary.BigEndian.PutUint16(h[6:], p.FragOff)
	h[8] = p.TTL
	h[9] = p.Protocol
	l, r := addr4(p.Local), addr4(p.Remote)
	copy(h[12:16], l[:])
	copy(h[16:20], r[:])
	return b
}

// DecodeParm reads a parameter block the kernel wrote.
func DecodeParm(b []byte) (Parm, bool) {
	if len(b) < ParmSize {
		return Parm{}, false
	}
	h := b[32:]
	return Parm{
		Name:     name(b),
		Link:     int32(binary.NativeEndian.Uint32(b[16:])),
		IFlags:   binary.BigEndian.Uint16(b[20:]),
		OFlags:   binary.BigEndian.Uint16(b[22:]),
		IKey:     binary.BigEndian.Uint32(b[24:]),
		OKey:     binary.BigEndian.Uint32(b[28:]),
		Version:  h[0] >> 4,
		IHL:      h[0] & 0x0f,
		TOS:      h[1],
		FragOff:  binary.BigEndian.Uint16(h[6:]),
		TTL:      h[8],
		Protocol: h[9],
		Local:    netip.AddrFrom4([4]byte(h[12:16])),
		Remote:   netip.AddrFrom4([4]byte(h[16:20])),
	}, true
}
