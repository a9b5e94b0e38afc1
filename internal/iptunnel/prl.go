package iptunnel

import (
	"encoding/binary"
	"net/netip"
)

// PRLDefault marks a potential router as a default router (PRL_DEFAULT).
const PRLDefault uint16 = 0x0001

// PRLSize is sizeof(struct ip_tunnel_prl).
const PRLSize = 16

// PRL is struct ip_tunnel_prl: one potential router of an ISATAP tunnel.
// In a SIOCGETPRL request the first entry's DataLen says how many bytes
// of entries follow it.
type PRL struct {
	Addr    netip.Addr // IPv4; invalid reads as 0.0.0.0
	Flags   uint16
	DataLen uint32
}

// Encode is the entry as the kernel reads it.
func (p *PRL) Encode() []byte {
	b := make([]byte, PRLSize)
	p.put(b)
	return b
}

func (p *PRL) put(b []byte) {
	a := addr4(p.Addr)
	copy(b[0:4], a[:])
	binary.NativeEndian.PutUint16(b[4:], p.Flags)
	binary.NativeEndian.PutUint32(b[8:], p.DataLen)
}

// DecodePRL reads one entry.
func DecodePRL(b []byte) (PRL, bool) {
	if len(b) < PRLSize {
		return PRL{}, false
	}
	return PRL{
		Addr:    netip.AddrFrom4([4]byte(b[0:4])),
		Flags:   binary.NativeEndian.Uint16(b[4:]),
		DataLen: binary.NativeEndian.Uint32(b[8:]),
	}, true
}

// PRLQuery is the buffer of a SIOCGETPRL request for up to n routers:
// a header entry asking for every router, then room for n entries.
func PRLQuery(n int) []byte {
	b := make([]byte, (n+1)*PRLSize)
	h := PRL{DataLen: uint32(n * PRLSize)}
	h.put(b)
	return b
}

// PRLAnswer reads the routers the kernel wrote after the header entry of
// a PRLQuery buffer, leaving out the empty slots.
func PRLAnswer(b []byte) []PRL {
	var out []PRL
	for off := PRLSize; off+PRLSize <= len(b); off += PRLSize {
		p, _ := DecodePRL(b[off:])
		if p.Addr != netip.IPv4Unspecified() {
			out = append(out, p)
		}
	}
	return out
}
