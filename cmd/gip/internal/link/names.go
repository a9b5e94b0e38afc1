package link

import (
	"strconv"

	"golang.org/x/sys/unix"
)

// familyName is iproute2's name for an address family ("inet", "inet6", ...).
func familyName(f uint8) string {
	switch f {
	case unix.AF_INET:
		return "inet"
	case unix.AF_INET6:
		return "inet6"
	case unix.AF_PACKET:
		return "link"
	case unix.AF_BRIDGE:
		return "bridge"
	case unix.AF_MPLS:
		return "mpls"
	case unix.AF_UNSPEC:
		return "none"
	}
	return strconv.Itoa(int(f))
}

// operStateName names IFLA_OPERSTATE values.
func operStateName(s uint8) string {
	names := []string{"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"}
	if int(s) < len(names) {
		return names[s]
	}
	return strconv.Itoa(int(s))
}

// linkModeName names IFLA_LINKMODE values.
func linkModeName(m uint8) string {
	switch m {
	case 0:
		return "DEFAULT"
	case 1:
		return "DORMANT"
	case 2:
		return "TESTING"
	}
	return "UNKNOWN"
}

// aRPHRDName is iproute2's name for a link type (link/ether, ...).
func aRPHRDName(t uint16) string {
	switch t {
	case unix.ARPHRD_ETHER:
		return "ether"
	case unix.ARPHRD_LOOPBACK:
		return "loopback"
	case unix.ARPHRD_NONE:
		return "none"
	case unix.ARPHRD_VOID:
		return "void"
	case unix.ARPHRD_IEEE802:
		return "ieee802"
	case unix.ARPHRD_TUNNEL:
		return "ipip"
	case unix.ARPHRD_TUNNEL6:
		return "tunnel6"
	case unix.ARPHRD_SIT:
		return "sit"
	case unix.ARPHRD_IPGRE:
		return "gre"
	case unix.ARPHRD_IP6GRE:
		return "gre6"
	case unix.ARPHRD_PPP:
		return "ppp"
	case unix.ARPHRD_INFINIBAND:
		return "infiniband"
	case unix.ARPHRD_IEEE80211_RADIOTAP:
		return "ieee802.11/radiotap"
	case unix.ARPHRD_IEEE80211:
		return "ieee802.11"
	case unix.ARPHRD_NETLINK:
		return "netlink"
	case unix.ARPHRD_CAN:
		return "can"
	}
	return "[" + strconv.Itoa(int(t)) + "]"
}

// Link flag names in the order iproute2 prints them.
var linkFlagWords = []struct {
	f    uint32
	name string
}{
	{unix.IFF_LOOPBACK, "LOOPBACK"},
	{unix.IFF_BROADCAST, "BROADCAST"},
	{unix.IFF_POINTOPOINT, "POINTOPOINT"},
	{unix.IFF_MULTICAST, "MULTICAST"},
	{unix.IFF_NOARP, "NOARP"},
	{unix.IFF_ALLMULTI, "ALLMULTI"},
	{unix.IFF_PROMISC, "PROMISC"},
	{unix.IFF_MASTER, "MASTER"},
	{unix.IFF_SLAVE, "SLAVE"},
	{unix.IFF_DEBUG, "DEBUG"},
	{unix.IFF_DYNAMIC, "DYNAMIC"},
	{unix.IFF_AUTOMEDIA, "AUTOMEDIA"},
	{unix.IFF_PORTSEL, "PORTSEL"},
	{unix.IFF_NOTRAILERS, "NOTRAILERS"},
	{unix.IFF_UP, "UP"},
	{unix.IFF_LOWER_UP, "LOWER_UP"},
	{unix.IFF_DORMANT, "DORMANT"},
	{unix.IFF_ECHO, "ECHO"},
}

// linkFlagNames lists a link's flags as iproute2 prints them: NO-CARRIER
// first for an up link without carrier, then the set flags, then unknown
// bits in hex, then M-DOWN when lowerDown says the lower device is down.
func linkFlagNames(flags uint32, lowerDown bool) []string {
	var out []string
	if flags&unix.IFF_UP != 0 && flags&unix.IFF_RUNNING == 0 {
		out = append(out, "NO-CARRIER")
	}
	flags &^= unix.IFF_RUNNING
	for _, f := range linkFlagWords {
		if flags&f.f != 0 {
			out = append(out, f.name)
			flags &^= f.f
		}
	}
	if flags != 0 {
		out = append(out, strconv.FormatUint(uint64(flags), 16))
	}
	if lowerDown {
		out = append(out, "M-DOWN")
	}
	return out
}

// addrGenModeName names IPv6 address generation modes.
func addrGenModeName(m uint8) string {
	switch m {
	case 0:
		return "eui64"
	case 1:
		return "none"
	case 2:
		return "stable_secret"
	case 3:
		return "random"
	}
	return "unknown_" + strconv.Itoa(int(m))
}

// parseAddrGenMode reads an address generation mode name.
func parseAddrGenMode(s string) (uint8, bool) {
	for m := uint8(0); m < 4; m++ {
		if addrGenModeName(m) == s {
			return m, true
		}
	}
	return 0, false
}
