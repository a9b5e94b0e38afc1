package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// IPvlan modes (enum ipvlan_mode) and flags.
const (
	IPvlanModeL2      = 0
	IPvlanModeL3      = 1
	IPvlanModeL3S     = 2
	IPvlanFlagPrivate = 0x01 // IPVLAN_F_PRIVATE
	IPvlanFlagVEPA    = 0x02 // IPVLAN_F_VEPA
)

// IPvlan is the options of an ipvlan or ipvtap link (IFLA_IPVLAN_*).
type IPvlan struct {
	Mode  Opt[uint16]
	Flags Opt[uint16]
}

func (v *IPvlan) fields() []field {
	return []field{
		u16Field(unix.IFLA_IPVLAN_MODE, &v.Mode),
		u16Field(unix.IFLA_IPVLAN_FLAGS, &v.Flags),
	}
}

// Encode implements LinkData.
func (v *IPvlan) Encode(e *nl.AttrEncoder) { encodeFields(e, v.fields()) }

// Decode implements LinkData.
func (v *IPvlan) Decode(data []byte) error { return decodeFields(data, v.fields()) }
