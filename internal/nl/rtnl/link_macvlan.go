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
	MacvlanFlagNoDst     = 2 // MACVLAN_FLAG_NODST
)

// Macvlan is the options of a macvlan or macvtap link (IFLA_MACVLAN_*).
type Macvlan struct {
	Mode           Opt[uint32]
	Flags          Opt[uint16]
	BcQueueLen     Opt[uint32]
	BcQueueLenUsed Opt[uint32] // read only
	// A source-mode device's list of allowed sources: MacaddrMode says
	// what Macaddr (add, del) or Macaddrs (set) do to it.
	MacaddrMode  Opt[uint32]
	Macaddr      Opt[[6]byte]
	Macaddrs     MacvlanMacaddrs
	MacaddrCount Opt[uint32] // read only: the source list's length
}

// Changes of a source-mode macvlan's source list (enum macvlan_macaddr_mode).
const (
	MacvlanMacaddrAdd   = 0
	MacvlanMacaddrDel   = 1
	MacvlanMacaddrFlush = 2
	MacvlanMacaddrSet   = 3
)

// MacvlanMacaddrs is a list of source addresses (IFLA_MACVLAN_MACADDR_DATA):
// Set sends it, even empty.
type MacvlanMacaddrs struct {
	Set   bool
	Addrs [][6]byte
}

func (m *Macvlan) fields() []field {
	return []field{
		u32Field(unix.IFLA_MACVLAN_MODE, &m.Mode),
		u16Field(unix.IFLA_MACVLAN_FLAGS, &m.Flags),
		u32Field(unix.IFLA_MACVLAN_BC_QUEUE_LEN, &m.BcQueueLen),
		u32Field(unix.IFLA_MACVLAN_BC_QUEUE_LEN_USED, &m.BcQueueLenUsed),
		u32Field(unix.IFLA_MACVLAN_MACADDR_MODE, &m.MacaddrMode),
		hwField(unix.IFLA_MACVLAN_MACADDR, &m.Macaddr),
		macaddrsField(unix.IFLA_MACVLAN_MACADDR_DATA, &m.Macaddrs),
		u32Field(unix.IFLA_MACVLAN_MACADDR_COUNT, &m.MacaddrCount),
	}
}

// Encode implements LinkData.
func (m *Macvlan) Encode(e *nl.AttrEncoder) { encodeFields(e, m.fields()) }

// Decode implements LinkData.
func (m *Macvlan) Decode(data []byte) error { return decodeFields(data, m.fields()) }

// macaddrsField is a nest of IFLA_MACVLAN_MACADDR addresses.
func macaddrsField(t uint16, m *MacvlanMacaddrs) field {
	return listField(t, unix.IFLA_MACVLAN_MACADDR, &m.Set, &m.Addrs,
		func(a [6]byte) []byte { return a[:] },
		func(b []byte) ([6]byte, bool) {
			if len(b) != 6 {
				return [6]byte{}, false
			}
			return [6]byte(b), true
		})
}
