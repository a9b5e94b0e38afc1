package mptcp

import (
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
)

// The family (<linux/mptcp.h>).
const (
	FamilyName = "mptcp_pm" // MPTCP_PM_NAME
	Version    = 1          // MPTCP_PM_VER
)

// Cmd is a command of the family.
type Cmd uint8

// The commands (MPTCP_PM_CMD_*).
const (
	CmdAddAddr    Cmd = 1
	CmdDelAddr    Cmd = 2
	CmdGetAddr    Cmd = 3
	CmdFlushAddrs Cmd = 4
	CmdSetLimits  Cmd = 5
	CmdGetLimits  Cmd = 6
	CmdSetFlags   Cmd = 7
)

// Attributes of a message (MPTCP_PM_ATTR_*).
const (
	attrAddr        = 1 // nested Endpoint
	attrRcvAddAddrs = 2 // u32
	attrSubflows    = 3 // u32
)

// Attributes of an endpoint (MPTCP_PM_ADDR_ATTR_*).
const (
	addrFamily = 1 // u16
	addrID     = 2 // u8
	addrAddr4  = 3
	addrAddr6  = 4
	addrPort   = 5 // u16
	addrFlags  = 6 // u32
	addrIfIdx  = 7 // s32
)

// Request is a message of command cmd for the family resolved as fam,
// carrying attrs.
func Request(fam genl.Family, cmd Cmd, flags nl.Flags, attrs []byte) nl.Message {
	b := genl.Header{Command: uint8(cmd), Version: Version}.Append(make([]byte, 0, genl.HeaderLen+len(attrs)))
	return nl.Message{Header: nl.Header{Type: fam.ID, Flags: flags}, Data: append(b, attrs...)}
}
