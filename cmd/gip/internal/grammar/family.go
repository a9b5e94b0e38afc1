package grammar

import (
	"strings"

	"golang.org/x/sys/unix"
)

func familyVerbose(f uint8) string {
	if f == unix.AF_UNSPEC {
		return "any valid"
	}
	return FamilyWord(f)
}

// ReadFamily is read_family: a family word, or AF_UNSPEC.
func ReadFamily(s string) uint8 {
	switch s {
	case "inet":
		return unix.AF_INET
	case "inet6":
		return unix.AF_INET6
	case "mpls":
		return unix.AF_MPLS
	case "bridge":
		return unix.AF_BRIDGE
	case "link":
		return unix.AF_PACKET
	}
	return unix.AF_UNSPEC
}

// HostLen is the length of a full address of family (20 bits for an MPLS
// label).
func HostLen(family uint8) int {
	switch family {
	case unix.AF_INET6:
		return 128
	case unix.AF_INET:
		return 32
	case unix.AF_MPLS:
		return 20
	}
	return 0
}

// FamilyWord is ip's name for an address family.
func FamilyWord(f uint8) string {
	switch f {
	case unix.AF_INET:
		return "inet"
	case unix.AF_INET6:
		return "inet6"
	case unix.AF_MPLS:
		return "mpls"
	case unix.AF_BRIDGE:
		return "bridge"
	case unix.AF_PACKET:
		return "link"
	}
	return "???"
}

// ValidIfName reports whether s can name an interface (ip's check_ifname).
func ValidIfName(s string) bool {
	return s != "" && len(s) < unix.IFNAMSIZ && !strings.ContainsAny(s, "/ \t\n\v\f\r")
}
