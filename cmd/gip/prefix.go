package main

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/cli"
	"golang.org/x/sys/unix"
)

// prefixArg is an address with a prefix length as iproute2's get_prefix
// reads it: "192.0.2.1/24", "2001:db8::/32", a bare address (full length),
// a shortened IPv4 "10.1" (10.1.0.0/16), or "default"/"any"/"all" (any
// address of the family).
type prefixArg struct {
	addr   netip.Addr // invalid for "any"
	bits   int
	family uint8
	hasLen bool
}

func familyVerbose(f uint8) string {
	switch f {
	case unix.AF_INET:
		return "inet"
	case unix.AF_INET6:
		return "inet6"
	}
	return "any valid"
}

func badPrefix(arg string, family uint8) error {
	return cli.Localf("Error: %s prefix is expected rather than %q.", familyVerbose(family), arg)
}

// parseAddrArg reads an address as iproute2's get_addr does, allowing
// shortened IPv4 forms; bits is the count of bits given.
func parseAddrArg(s string, family uint8) (netip.Addr, int, bool) {
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

func parsePrefixArg(s string, family uint8) (*prefixArg, error) {
	switch s {
	case "default", "any", "all":
		return &prefixArg{family: family}, nil
	}
	addrPart, lenPart, hasLen := strings.Cut(s, "/")
	a, bits, ok := parseAddrArg(addrPart, family)
	if !ok {
		return nil, badPrefix(s, family)
	}
	p := &prefixArg{addr: a, bits: bits, family: unix.AF_INET}
	if a.Is6() {
		p.family = unix.AF_INET6
	}
	if hasLen {
		n, err := strconv.ParseUint(lenPart, 10, 8)
		if err != nil || int(n) > a.BitLen() {
			return nil, badPrefix(s, family)
		}
		p.bits, p.hasLen = int(n), true
	}
	return p, nil
}

// contains reports whether a lies in the prefix.
func (p *prefixArg) contains(a netip.Addr) bool {
	if !p.addr.IsValid() {
		return p.family == 0 || (p.family == unix.AF_INET) == a.Is4()
	}
	if a.Is4() != p.addr.Is4() {
		return false
	}
	pp, err := p.addr.Prefix(p.bits)
	if err != nil {
		return false
	}
	return pp.Contains(a)
}
