package rtnl

import (
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Geneve is the options of a geneve link (IFLA_GENEVE_*). Remote goes out
// as IFLA_GENEVE_REMOTE or REMOTE6 by family.
type Geneve struct {
	ID                Opt[uint32]
	Remote            Opt[netip.Addr]
	TTL, TOS          Opt[uint8]
	TTLInherit        Opt[uint8]
	DF                Opt[uint8]
	Label             Opt[uint32] // network order on the wire
	Port              Opt[uint16] // network order on the wire
	CollectMetadata   bool
	UDPCsum           Opt[uint8]
	UDPZeroCsum6TX    Opt[uint8]
	UDPZeroCsum6RX    Opt[uint8]
	InnerProtoInherit bool
}

func (g *Geneve) fields() []field {
	return []field{
		u32Field(unix.IFLA_GENEVE_ID, &g.ID),
		familyAddrField(unix.IFLA_GENEVE_REMOTE, unix.IFLA_GENEVE_REMOTE6, &g.Remote),
		u8Field(unix.IFLA_GENEVE_TTL, &g.TTL),
		u8Field(unix.IFLA_GENEVE_TOS, &g.TOS),
		u8Field(unix.IFLA_GENEVE_TTL_INHERIT, &g.TTLInherit),
		u8Field(unix.IFLA_GENEVE_DF, &g.DF),
		be32Field(unix.IFLA_GENEVE_LABEL, &g.Label),
		be16Field(unix.IFLA_GENEVE_PORT, &g.Port),
		flagField(unix.IFLA_GENEVE_COLLECT_METADATA, &g.CollectMetadata),
		u8Field(unix.IFLA_GENEVE_UDP_CSUM, &g.UDPCsum),
		u8Field(unix.IFLA_GENEVE_UDP_ZERO_CSUM6_TX, &g.UDPZeroCsum6TX),
		u8Field(unix.IFLA_GENEVE_UDP_ZERO_CSUM6_RX, &g.UDPZeroCsum6RX),
		flagField(unix.IFLA_GENEVE_INNER_PROTO_INHERIT, &g.InnerProtoInherit),
	}
}

// Encode implements LinkData.
func (g *Geneve) Encode(e *nl.AttrEncoder) { encodeFields(e, g.fields()) }

// Decode implements LinkData.
func (g *Geneve) Decode(data []byte) error { return decodeFields(data, g.fields()) }
