package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Vrf is the options of a VRF device (IFLA_VRF_*).
type Vrf struct {
	Table Opt[uint32]
}

func (v *Vrf) fields() []field { return []field{u32Field(unix.IFLA_VRF_TABLE, &v.Table)} }

// Encode implements LinkData.
func (v *Vrf) Encode(e *nl.AttrEncoder) { encodeFields(e, v.fields()) }

// Decode implements LinkData.
func (v *Vrf) Decode(data []byte) error { return decodeFields(data, v.fields()) }
