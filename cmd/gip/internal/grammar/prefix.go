package grammar

import (
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Prefix is an address argument as ip's get_prefix and get_addr read it,
// the one address grammar of every object: "192.0.2.1/24",
// "192.0.2.1/255.255.255.0", "2001:db8::/32", a bare address (full
// length), a shortened IPv4 "10.1" (10.1.0.0), an MPLS label stack for
// AF_MPLS, or "default", "all" and "any", which leave the family open when
// none was given (Family 0) and have no address (Addr invalid).
type Prefix struct {
	Family  uint8
	Addr    netip.Addr // invalid for default/all/any and MPLS
	Bits    int
	HasLen  bool // "/N" was given (or "default")
	Any     bool // "all"/"any": no address bytes at all
	Default bool // "default"
	Labels  []uint32
}

// NetIP returns the argument as a netip.Prefix (the unspecified address of
// the family for default/all/any).
func (p Prefix) NetIP() netip.Prefix {
	a := p.Addr
	if !a.IsValid() {
		if p.Family == unix.AF_INET6 {
			a = netip.IPv6Unspecified()
		} else {
			a = netip.IPv4Unspecified()
		}
	}
	return netip.PrefixFrom(a, p.Bits)
}

// Contains reports whether a lies in the prefix. A prefix without an
// address (default/all/any) contains every address of its family, or every
// address when its family is open.
func (p Prefix) Contains(a netip.Addr) bool {
	if !p.Addr.IsValid() {
		return p.Family == 0 || (p.Family == unix.AF_INET) == a.Is4()
	}
	if a.Is4() != p.Addr.Is4() {
		return false
	}
	pp, err := p.Addr.Prefix(p.Bits)
	return err == nil && pp.Contains(a)
}

// ParseIPv4 reads an IPv4 address as ip's get_addr_ipv4 does: one to four
// parts, each a C number (decimal, 0x hex, 0 octal) up to 255, missing
// trailing parts zero ("10" is 10.0.0.0).
func ParseIPv4(s string) (netip.Addr, bool) {
	var a [4]byte
	for i := 0; i < 4; i++ {
		end := strings.IndexByte(s, '.')
		part := s
		if end >= 0 {
			part = s[:end]
		}
		v, ok := ParseCUint(part, 8)
		if !ok {
			return netip.Addr{}, false
		}
		a[i] = byte(v)
		if end < 0 {
			return netip.AddrFrom4(a), true
		}
		if i == 3 {
			return netip.Addr{}, false
		}
		s = s[end+1:]
	}
	return netip.Addr{}, false
}

// parseAddr1 is get_addr_1: an address of family (AF_UNSPEC: any).
func parseAddr1(s string, family uint8) (Prefix, bool) {
	switch s {
	case "default":
		if family == unix.AF_MPLS {
			return Prefix{}, false
		}
		return Prefix{Family: family, Default: true, Bits: -2, HasLen: true}, true
	case "all", "any":
		if family == unix.AF_MPLS {
			return Prefix{}, false
		}
		return Prefix{Family: family, Any: true, Bits: -2}, true
	}
	if family == unix.AF_PACKET {
		return Prefix{}, false
	}
	if strings.IndexByte(s, ':') >= 0 {
		if family != unix.AF_UNSPEC && family != unix.AF_INET6 {
			return Prefix{}, false
		}
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return Prefix{}, false
		}
		return Prefix{Family: unix.AF_INET6, Addr: a, Bits: -1}, true
	}
	if family == unix.AF_MPLS {
		labels, err := rtnl.ParseMPLSLabels(s)
		if err != nil {
			return Prefix{}, false
		}
		return Prefix{Family: unix.AF_MPLS, Labels: labels, Bits: 20}, true
	}
	if family != unix.AF_UNSPEC && family != unix.AF_INET {
		return Prefix{}, false
	}
	a, ok := ParseIPv4(s)
	if !ok {
		return Prefix{}, false
	}
	return Prefix{Family: unix.AF_INET, Addr: a, Bits: -1}, true
}

// parsePrefix1 is get_prefix_1: ADDR[/LEN], LEN a number or, for IPv4, a
// dotted netmask.
func parsePrefix1(s string, family uint8) (Prefix, bool) {
	addr, mask, hasSlash := strings.Cut(s, "/")
	p, ok := parseAddr1(addr, family)
	if !ok {
		return p, false
	}
	max := HostLen(p.Family)
	if hasSlash {
		if p.Bits == -2 {
			return p, false
		}
		n, ok := parseNetmask(mask)
		if !ok || n > max {
			return p, false
		}
		p.Bits, p.HasLen = n, true
		return p, true
	}
	if p.Bits == -2 {
		p.Bits = 0
	} else {
		p.Bits = max
	}
	return p, true
}

func parseNetmask(s string) (int, bool) {
	if v, ok := ParseCUint(s, 32); ok {
		return int(v), true
	}
	a, ok := ParseIPv4(s)
	if !ok || strings.Count(s, ".") != 3 {
		return 0, false
	}
	v := uint32(a.As4()[0])<<24 | uint32(a.As4()[1])<<16 | uint32(a.As4()[2])<<8 | uint32(a.As4()[3])
	n := 0
	for v&0x80000000 != 0 {
		n++
		v <<= 1
	}
	if v != 0 {
		return 0, false
	}
	return n, true
}

// ParsePrefix is ip's get_prefix: ADDR[/LEN] of family (0: any), LEN a
// number or, for IPv4, a dotted netmask. A bad prefix is ip's fatal
// `Error: inet prefix is expected rather than "x".` (exit 1, ending a
// batch).
func ParsePrefix(s string, family uint8) (Prefix, error) {
	if family == unix.AF_PACKET {
		return Prefix{}, fail.Fatal(fail.ExitLocal, "Error: \""+s+"\" may be inet prefix, but it is not allowed in this context.")
	}
	p, ok := parsePrefix1(s, family)
	if !ok {
		return p, BadPrefix(s, family)
	}
	return p, nil
}

// ParseAddr is ip's get_addr: an address of family (0: any), without a
// length. A bad address is ip's fatal
// `Error: inet address is expected rather than "x".` (exit 1, ending a
// batch).
func ParseAddr(s string, family uint8) (Prefix, error) {
	p, ok := parseAddr1(s, family)
	if !ok {
		return p, BadAddr(s, family)
	}
	return p, nil
}

// BadPrefix is ip's fatal `Error: inet prefix is expected rather than "x".`
// for s where a prefix of family was expected.
func BadPrefix(s string, family uint8) error {
	return fail.Fatal(fail.ExitLocal, "Error: "+familyVerbose(family)+" prefix is expected rather than \""+s+"\".")
}

// BadAddr is ip's fatal `Error: inet address is expected rather than "x".`
// for s where an address of family was expected.
func BadAddr(s string, family uint8) error {
	return fail.Fatal(fail.ExitLocal, "Error: "+familyVerbose(family)+" address is expected rather than \""+s+"\".")
}

// PrefixSel is one of show's address selectors: set when given, with the
// family (0 when "default"/"any" left it open) and the length.
type PrefixSel struct {
	Set    bool
	Family uint8
	Addr   netip.Addr
	Bits   int
	HasLen bool
}

// SelOf is the selector a parsed prefix makes.
func SelOf(p Prefix) PrefixSel {
	return PrefixSel{Set: p.Family != 0 || p.HasLen, Family: p.Family, Addr: p.Addr, Bits: p.Bits, HasLen: p.HasLen}
}

// PrefixMatch is inet_addr_match == 0: the first bits of a and b agree.
func PrefixMatch(a, b netip.Addr, bits int) bool {
	if bits <= 0 {
		return true
	}
	if !a.IsValid() || !b.IsValid() {
		return !a.IsValid() && !b.IsValid()
	}
	if a.BitLen() != b.BitLen() {
		return false
	}
	if bits > a.BitLen() {
		bits = a.BitLen()
	}
	pa, _ := a.Prefix(bits)
	pb, _ := b.Prefix(bits)
	return pa == pb
}
