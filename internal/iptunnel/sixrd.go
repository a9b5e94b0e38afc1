package iptunnel

import (
	"encoding/binary"
	"net/netip"
)

// SixRDSize is sizeof(struct ip_tunnel_6rd).
const SixRDSize = 24

// SixRD is struct ip_tunnel_6rd: a sit tunnel's 6rd prefix and relay
// prefix.
type SixRD struct {
	Prefix         netip.Addr // IPv6; invalid reads as ::
	RelayPrefix    netip.Addr // IPv4; invalid reads as 0.0.0.0
	PrefixLen      uint16
	RelayPrefixLen uint16
}

// Encode is the block as the kernel reads it. It is padded to ParmSize:
// for a fallback device the kernel's SIOCGET6RD first reads a whole
// struct ip_tunnel_parm from the same buffer to find the tunnel meant.
func (s *SixRD) Encode() []byte {
	b := make([]byte, ParmSize)
	p, r := addr16(s.Prefix), addr4(s.RelayPrefix)
	copy(b[0:16], p[:])
	copy(b[16:20], r[:])
	binary.NativeEndian.PutUint16(b[20:], s.PrefixLen)
	binary.NativeEndian.PutUint16(b[22:], s.RelayPrefixLen)
	return b
}

// DecodeSixRD reads a block the kernel wrote.
func DecodeSixRD(b []byte) (SixRD, bool) {
	if len(b) < SixRDSize {
		return SixRD{}, false
	}
	return SixRD{
		Prefix:         netip.AddrFrom16([16]byte(b[0:16])),
		RelayPrefix:    netip.AddrFrom4([4]byte(b[16:20])),
		PrefixLen:      binary.NativeEndian.Uint16(b[20:]),
		RelayPrefixLen: binary.NativeEndian.Uint16(b[22:]),
	}, true
}
