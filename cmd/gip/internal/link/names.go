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

// aRPHRDName is iproute2's name for a link type (link/ether, ...), or
// the number in brackets.
func aRPHRDName(t uint16) string {
	for _, n := range arphrdNames {
		if n.t == t {
			return n.name
		}
	}
	return "[" + strconv.Itoa(int(t)) + "]"
}

// arphrdNames are the link types iproute2 names, in its order (the first
// name of a number wins).
var arphrdNames = []struct {
	t    uint16
	name string
}{
	{unix.ARPHRD_NETROM, "netrom"},
	{unix.ARPHRD_ETHER, "ether"},
	{unix.ARPHRD_EETHER, "eether"},
	{unix.ARPHRD_AX25, "ax25"},
	{unix.ARPHRD_PRONET, "pronet"},
	{unix.ARPHRD_CHAOS, "chaos"},
	{unix.ARPHRD_IEEE802, "ieee802"},
	{unix.ARPHRD_ARCNET, "arcnet"},
	{unix.ARPHRD_APPLETLK, "atalk"},
	{unix.ARPHRD_DLCI, "dlci"},
	{unix.ARPHRD_ATM, "atm"},
	{unix.ARPHRD_METRICOM, "metricom"},
	{unix.ARPHRD_IEEE1394, "ieee1394"},
	{unix.ARPHRD_INFINIBAND, "infiniband"},
	{unix.ARPHRD_SLIP, "slip"},
	{unix.ARPHRD_CSLIP, "cslip"},
	{unix.ARPHRD_SLIP6, "slip6"},
	{unix.ARPHRD_CSLIP6, "cslip6"},
	{unix.ARPHRD_RSRVD, "rsrvd"},
	{unix.ARPHRD_ADAPT, "adapt"},
	{unix.ARPHRD_ROSE, "rose"},
	{unix.ARPHRD_X25, "x25"},
	{unix.ARPHRD_HWX25, "hwx25"},
	{unix.ARPHRD_CAN, "can"},
	{unix.ARPHRD_PPP, "ppp"},
	{unix.ARPHRD_HDLC, "hdlc"},
	{unix.ARPHRD_LAPB, "lapb"},
	{unix.ARPHRD_DDCMP, "ddcmp"},
	{unix.ARPHRD_RAWHDLC, "rawhdlc"},
	{unix.ARPHRD_TUNNEL, "ipip"},
	{unix.ARPHRD_TUNNEL6, "tunnel6"},
	{unix.ARPHRD_FRAD, "frad"},
	{unix.ARPHRD_SKIP, "skip"},
	{unix.ARPHRD_LOOPBACK, "loopback"},
	{unix.ARPHRD_LOCALTLK, "ltalk"},
	{unix.ARPHRD_FDDI, "fddi"},
	{unix.ARPHRD_BIF, "bif"},
	{unix.ARPHRD_SIT, "sit"},
	{unix.ARPHRD_IPDDP, "ip/ddp"},
	{unix.ARPHRD_IPGRE, "gre"},
	{unix.ARPHRD_PIMREG, "pimreg"},
	{unix.ARPHRD_HIPPI, "hippi"},
	{unix.ARPHRD_ASH, "ash"},
	{unix.ARPHRD_ECONET, "econet"},
	{unix.ARPHRD_IRDA, "irda"},
	{unix.ARPHRD_FCPP, "fcpp"},
	{unix.ARPHRD_FCAL, "fcal"},
	{unix.ARPHRD_FCPL, "fcpl"},
	{unix.ARPHRD_FCFABRIC, "fcfb0"},
	{unix.ARPHRD_FCFABRIC + 1, "fcfb1"},
	{unix.ARPHRD_FCFABRIC + 2, "fcfb2"},
	{unix.ARPHRD_FCFABRIC + 3, "fcfb3"},
	{unix.ARPHRD_FCFABRIC + 4, "fcfb4"},
	{unix.ARPHRD_FCFABRIC + 5, "fcfb5"},
	{unix.ARPHRD_FCFABRIC + 6, "fcfb6"},
	{unix.ARPHRD_FCFABRIC + 7, "fcfb7"},
	{unix.ARPHRD_FCFABRIC + 8, "fcfb8"},
	{unix.ARPHRD_FCFABRIC + 9, "fcfb9"},
	{unix.ARPHRD_FCFABRIC + 10, "fcfb10"},
	{unix.ARPHRD_FCFABRIC + 11, "fcfb11"},
	{unix.ARPHRD_FCFABRIC + 12, "fcfb12"},
	{unix.ARPHRD_IEEE802_TR, "tr"},
	{unix.ARPHRD_IEEE80211, "ieee802.11"},
	{unix.ARPHRD_IEEE80211_PRISM, "ieee802.11/prism"},
	{unix.ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap"},
	{unix.ARPHRD_IEEE802154, "ieee802.15.4"},
	{unix.ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor"},
	{unix.ARPHRD_PHONET, "phonet"},
	{unix.ARPHRD_PHONET_PIPE, "phonet_pipe"},
	{unix.ARPHRD_CAIF, "caif"},
	{unix.ARPHRD_IP6GRE, "gre6"},
	{unix.ARPHRD_NETLINK, "netlink"},
	{unix.ARPHRD_6LOWPAN, "6lowpan"},
	{unix.ARPHRD_NONE, "none"},
	{unix.ARPHRD_VOID, "void"},
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
