package nftables

import "golang.org/x/sys/unix"

// Family is a table's address family (NFPROTO_*).
type Family uint8

// The families nf_tables tables belong to.
const (
	FamilyUnspec Family = unix.NFPROTO_UNSPEC
	FamilyINet   Family = unix.NFPROTO_INET
	FamilyIP     Family = unix.NFPROTO_IPV4
	FamilyARP    Family = unix.NFPROTO_ARP
	FamilyNetdev Family = unix.NFPROTO_NETDEV
	FamilyBridge Family = unix.NFPROTO_BRIDGE
	FamilyIP6    Family = unix.NFPROTO_IPV6
)

var familyNames = map[Family]string{
	FamilyINet: "inet", FamilyIP: "ip", FamilyARP: "arp",
	FamilyNetdev: "netdev", FamilyBridge: "bridge", FamilyIP6: "ip6",
}

// String is nft's name of the family.
func (f Family) String() string {
	if n, ok := familyNames[f]; ok {
		return n
	}
	return "unknown"
}

// ParseFamily reads nft's name of a family.
func ParseFamily(s string) (Family, bool) {
	for f, n := range familyNames {
		if n == s {
			return f, true
		}
	}
	return 0, false
}
