package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// VLAN flags (enum vlan_flags), in IFLA_VLAN_FLAGS with their mask.
const (
	VlanFlagReorderHdr    = 0x1
	VlanFlagGVRP          = 0x2
	VlanFlagLooseBinding  = 0x4
	VlanFlagMVRP          = 0x8
	VlanFlagBridgeBinding = 0x10
)

// Vlan is the options of an 802.1Q/802.1ad vlan link (IFLA_VLAN_*).
type Vlan struct {
	Protocol Opt[uint16] // network order on the wire
	ID       Opt[uint16]
	Flags    Opt[BitSet]
}

func (v *Vlan) fields() []field {
	return []field{
		be16Field(unix.IFLA_VLAN_PROTOCOL, &v.Protocol),
		u16Field(unix.IFLA_VLAN_ID, &v.ID),
		bitSetField(unix.IFLA_VLAN_FLAGS, &v.Flags),
	}
}

// Encode implements LinkData.
func (v *Vlan) Encode(e *nl.AttrEncoder) { encodeFields(e, v.fields()) }

// Decode implements LinkData.
func (v *Vlan) Decode(data []byte) error { return decodeFields(data, v.fields()) }
