package grammar

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"golang.org/x/sys/unix"
)

// prefixArg is an address with a prefix length as iproute2's get_prefix
// reads it: "192.0.2.1/24", "2001:db8::/32", a bare address (full length),
// a shortened IPv4 "10.1" (10.1.0.0/16), or "default"/"any"/"all" (any
// address of the family).
type PrefixArg struct {
	Addr   netip.Addr // invalid for "any"
	Bits   int
	Family uint8
	HasLen bool
}

func FamilyVerbose(f uint8) string {
	switch f {
	case unix.AF_INET:
		return "inet"
	case unix.AF_INET6:
		return "inet6"
	}
	return "any valid"
}

func BadPrefix(arg string, family uint8) error {
	return fail.Localf("Error: %s prefix is expected rather than %q.", FamilyVerbose(family), arg)
}

// parseAddrArg reads an address as iproute2's get_addr does, allowing
// shortened IPv4 forms; bits is the count of bits given.
func ParseAddrArg(s string, family uint8) (netip.Addr, int, bool) {
	if strings.Contains(s, ":") {
		if family == unix.AF_INET {
			return netip.Addr{}, 0, false
		}
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return netip.Addr{}, 0, false
		}
		return a, 128, true
	}
	if family == unix.AF_INET6 {
		return netip.Addr{}, 0, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, 0, false
	}
	var b [4]byte
	for i, p := range parts {
		if p == "" {
			return netip.Addr{}, 0, false
		}
		n, err := strconv.ParseUint(p, 0, 8)
		if err != nil {
			return netip.Addr{}, 0, false
		}
		b[i] = byte(n)
	}
	return netip.AddrFrom4(b), 32, true
}

func ParsePrefixArg(s string, family uint8) (*PrefixArg, error) {
	switch s {
	case "default", "any", "all":
		return &PrefixArg{Family: family}, nil
	}
	addrPart, lenPart, hasLen := strings.Cut(s, "/")
	a, bits, ok := ParseAddrArg(addrPart, family)
	if !ok {
		return nil, BadPrefix(s, family)
	}
	p := &PrefixArg{Addr: a, Bits: bits, Family: unix.AF_INET}
	if a.Is6() {
		p.Family = unix.AF_INET6
	}
	if hasLen {
		n, err := strconv.ParseUint(lenPart, 10, 8)
		if err != nil || int(n) > a.BitLen() {
			return nil, BadPrefix(s, family)
		}
		p.Bits, p.HasLen = int(n), true
	}
	return p, nil
}

// contains reports whether a lies in the prefix.
func (p *PrefixArg) Contains(a netip.Addr) bool {
	if !p.Addr.IsValid() {
		return p.Family == 0 || (p.Family == unix.AF_INET) == a.Is4()
	}
	if a.Is4() != p.Addr.Is4() {
		return false
	}
	pp, err := p.Addr.Prefix(p.Bits)
	if err != nil {
		return false
	}
	return pp.Contains(a)
}
