package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Bareudp is the options of a bareudp link (IFLA_BAREUDP_*): a UDP
// tunnel carrying one ethertype (MPLS, IP) without a header of its own.
type Bareudp struct {
	Port       Opt[uint16] // network order on the wire
	EtherType  Opt[uint16] // network order on the wire
	SrcPortMin Opt[uint16]
	MultiProto bool
}

func (b *Bareudp) fields() []field {
	return []field{
		be16Field(unix.IFLA_BAREUDP_PORT, &b.Port),
		be16Field(unix.IFLA_BAREUDP_ETHERTYPE, &b.EtherType),
		u16Field(unix.IFLA_BAREUDP_SRCPORT_MIN, &b.SrcPortMin),
		flagField(unix.IFLA_BAREUDP_MULTIPROTO_MODE, &b.MultiProto),
	}
}

// Encode implements LinkData.
func (b *Bareudp) Encode(e *nl.AttrEncoder) { encodeFields(e, b.fields()) }

// Decode implements LinkData.
func (b *Bareudp) Decode(data []byte) error { return decodeFields(data, b.fields()) }
