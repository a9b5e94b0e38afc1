package link

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// TestMacvlanShow: the flags, and a source-mode device's count and list
// of sources, as ip's macvlan_print_opt prints them; without a mode ip
// prints nothing of the kind's options.
func TestMacvlanShow(t *testing.T) {
	checkKindShow(t, "macvlan", func(e *nl.AttrEncoder) {
		e.Uint32(unix.IFLA_MACVLAN_MODE, rtnl.MacvlanModeSource)
		e.Uint16(unix.IFLA_MACVLAN_FLAGS, rtnl.MacvlanFlagNoDst)
		e.Uint32(unix.IFLA_MACVLAN_BC_QUEUE_LEN, 1000)
		e.Uint32(unix.IFLA_MACVLAN_MACADDR_COUNT, 2)
		e.Nest(unix.IFLA_MACVLAN_MACADDR_DATA)
		e.Bytes(unix.IFLA_MACVLAN_MACADDR, []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55})
		e.Bytes(unix.IFLA_MACVLAN_MACADDR, []byte{0, 0x11, 0x22, 0x33, 0x44, 0x66})
		e.Unnest()
	}, "    macvlan mode source nodst bcqueuelen 1000 remotes (2) 00:11:22:33:44:55 00:11:22:33:44:66 ",
		`{"mode":"source","nodst":true,"bcqueuelen":1000,"macaddr_count":2,"macaddr_data":["00:11:22:33:44:55","00:11:22:33:44:66"]}`)
	checkKindShow(t, "macvlan", func(e *nl.AttrEncoder) {
		e.Uint32(unix.IFLA_MACVLAN_BC_QUEUE_LEN, 1000)
	}, "    macvlan \n", `{}`)
}
