package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Macvlan modes (enum macvlan_mode) and flags.
const (
	MacvlanModePrivate   = 1
	MacvlanModeVEPA      = 2
	MacvlanModeBridge    = 4
	MacvlanModePassthru  = 8
	MacvlanModeSource    = 16
	MacvlanFlagNoPromisc = 1 // MACVLAN_FLAG_NOPROMISC
)

// Macvlan is the options of a macvlan or macvtap link (IFLA_MACVLAN_*).
type Macvlan struct {
	Mode           Opt[uint32]
	Flags          Opt[uint16]
	BcQueueLen     Opt[uint32]
	BcQueueLenUsed Opt[uint32] // read only
}

func (m *Macvlan) fields() []field {
	return []field{
		u32Field(unix.IFLA_MACVLAN_MODE, &m.Mode),
		u16Field(unix.IFLA_MACVLAN_FLAGS, &m.Flags),
		u32Field(unix.IFLA_MACVLAN_BC_QUEUE_LEN, &m.BcQueueLen),
		u32Field(unix.IFLA_MACVLAN_BC_QUEUE_LEN_USED, &m.BcQueueLenUsed),
	}
}

// Encode implements LinkData.
func (m *Macvlan) Encode(e *nl.AttrEncoder) { encodeFields(e, m.fields()) }

// Decode implements LinkData.
func (m *Macvlan) Decode(data []byte) error { return decodeFields(data, m.fields()) }
