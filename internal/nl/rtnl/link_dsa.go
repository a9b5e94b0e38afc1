package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// DSA is the options of a dsa user port (IFLA_DSA_*): the conduit
// interface that carries its traffic to the switch.
type DSA struct {
	Conduit Opt[uint32]
}

func (d *DSA) fields() []field { return []field{u32Field(unix.IFLA_DSA_CONDUIT, &d.Conduit)} }

// Encode implements LinkData.
func (d *DSA) Encode(e *nl.AttrEncoder) { encodeFields(e, d.fields()) }

// Decode implements LinkData.
func (d *DSA) Decode(data []byte) error { return decodeFields(data, d.fields()) }
