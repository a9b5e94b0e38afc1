package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// GTP roles (enum ifla_gtp_role).
const (
	GTPRoleGGSN = 0
	GTPRoleSGSN = 1
)

// GTP is the options of a gtp link (IFLA_GTP_*), a GPRS tunnelling
// endpoint. CreateSockets asks the kernel to open the GTP-U sockets
// itself, as a device made without a control daemon needs.
type GTP struct {
	HashSize      Opt[uint32]
	Role          Opt[uint32]
	CreateSockets Opt[uint8]
	RestartCount  Opt[uint8]
}

func (g *GTP) fields() []field {
	return []field{
		u8Field(unix.IFLA_GTP_CREATE_SOCKETS, &g.CreateSockets),
		u32Field(unix.IFLA_GTP_ROLE, &g.Role),
		u32Field(unix.IFLA_GTP_PDP_HASHSIZE, &g.HashSize),
		u8Field(unix.IFLA_GTP_RESTART_COUNT, &g.RestartCount),
	}
}

// Encode implements LinkData.
func (g *GTP) Encode(e *nl.AttrEncoder) { encodeFields(e, g.fields()) }

// Decode implements LinkData.
func (g *GTP) Decode(data []byte) error { return decodeFields(data, g.fields()) }
