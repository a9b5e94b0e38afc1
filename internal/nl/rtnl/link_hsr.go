package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// HSR protocols (IFLA_HSR_PROTOCOL).
const (
	HSRProtocolHSR = 0
	HSRProtocolPRP = 1
)

// HSR is the options of an hsr link (IFLA_HSR_*): High-availability
// Seamless Redundancy, or with Protocol PRP the Parallel Redundancy
// Protocol, over two ports. SupervisionAddr and SeqNr are reported by the
// kernel only.
type HSR struct {
	Slave1, Slave2  Opt[uint32]
	MulticastSpec   Opt[uint8]
	Version         Opt[uint8]
	Protocol        Opt[uint8]
	SupervisionAddr Opt[[6]byte]
	SeqNr           Opt[uint16]
}

func (h *HSR) fields() []field {
	return []field{
		u8Field(unix.IFLA_HSR_MULTICAST_SPEC, &h.MulticastSpec),
		u8Field(unix.IFLA_HSR_VERSION, &h.Version),
		u8Field(unix.IFLA_HSR_PROTOCOL, &h.Protocol),
		u32Field(unix.IFLA_HSR_SLAVE1, &h.Slave1),
		u32Field(unix.IFLA_HSR_SLAVE2, &h.Slave2),
		hwField(unix.IFLA_HSR_SUPERVISION_ADDR, &h.SupervisionAddr),
		u16Field(unix.IFLA_HSR_SEQ_NR, &h.SeqNr),
	}
}

// Encode implements LinkData.
func (h *HSR) Encode(e *nl.AttrEncoder) { encodeFields(e, h.fields()) }

// Decode implements LinkData.
func (h *HSR) Decode(data []byte) error { return decodeFields(data, h.fields()) }
