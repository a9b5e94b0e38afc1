package link

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// TestVlanQoSMapShow: -d prints each priority map on a line of its own
// (ip's print_nl, six spaces, the map in braces) and -j as arrays of
// from/to objects, as ip's vlan_print_map does; the kernel reports only
// maps with mappings.
func TestVlanQoSMapShow(t *testing.T) {
	checkKindShow(t, "vlan", func(e *nl.AttrEncoder) {
		e.Uint16BE(unix.IFLA_VLAN_PROTOCOL, 0x8100)
		e.Uint16(unix.IFLA_VLAN_ID, 5)
		e.Bytes(unix.IFLA_VLAN_FLAGS, u32Bytes(rtnl.VlanFlagReorderHdr, 0xffffffff))
		e.Nest(unix.IFLA_VLAN_INGRESS_QOS)
		e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(1, 2))
		e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(3, 4))
		e.Unnest()
		e.Nest(unix.IFLA_VLAN_EGRESS_QOS)
		e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(2, 6))
		e.Unnest()
	}, "    vlan protocol 802.1Q id 5 <REORDER_HDR> \n      ingress-qos-map { 1:2 3:4 } \n      egress-qos-map { 2:6 } ",
		`{"protocol":"802.1Q","id":5,"flags":["REORDER_HDR"],
		"ingress_qos":[{"from":1,"to":2},{"from":3,"to":4}],"egress_qos":[{"from":2,"to":6}]}`)
}
