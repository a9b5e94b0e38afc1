package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Rmnet is the options of an rmnet link (IFLA_RMNET_*): one multiplexed
// channel of a Qualcomm modem's data device. Flags (struct
// ifla_rmnet_flags) is reported by the kernel.
type Rmnet struct {
	MuxID Opt[uint16]
	Flags Opt[BitSet]
}

func (r *Rmnet) fields() []field {
	return []field{
		u16Field(unix.IFLA_RMNET_MUX_ID, &r.MuxID),
		bitSetField(unix.IFLA_RMNET_FLAGS, &r.Flags),
	}
}

// Encode implements LinkData.
func (r *Rmnet) Encode(e *nl.AttrEncoder) { encodeFields(e, r.fields()) }

// Decode implements LinkData.
func (r *Rmnet) Decode(data []byte) error { return decodeFields(data, r.fields()) }
