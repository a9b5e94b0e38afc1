package grammar

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// inetPrefix is an address argument as ip's get_prefix/get_addr read it:
// the family may be left open ("default", "all", "any" with no family yet).
type inetPrefix struct {
	Family    uint8
	Addr      netip.Addr
	Bits      int
	HasLen    bool // "/N" was given
	any       bool // "all"/"any": no address bytes at all
	isDefault bool // "default"
	Labels    []uint32
}

// prefix returns the argument as a netip.Prefix (the unspecified address of
// the family for default/any).
func (p inetPrefix) Prefix() netip.Prefix {
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

func rtFamilyVerbose(f uint8) string {
	if f == unix.AF_UNSPEC {
		return "any valid"
	}
	return FamilyWord(f)
}

// parseIPv4 reads an IPv4 address as ip's get_addr_ipv4 does: one to four
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
func parseAddr1(s string, family uint8) (inetPrefix, bool) {
	switch s {
	case "default":
		if family == unix.AF_MPLS {
			return inetPrefix{}, false
		}
		return inetPrefix{Family: family, isDefault: true, Bits: -2, HasLen: true}, true
	case "all", "any":
		if family == unix.AF_MPLS {
			return inetPrefix{}, false
		}
		return inetPrefix{Family: family, any: true, Bits: -2}, true
	}
	if family == unix.AF_PACKET {
		return inetPrefix{}, false
	}
	if strings.IndexByte(s, ':') >= 0 {
		if family != unix.AF_UNSPEC && family != unix.AF_INET6 {
			return inetPrefix{}, false
		}
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return inetPrefix{}, false
		}
		return inetPrefix{Family: unix.AF_INET6, Addr: a, Bits: -1}, true
	}
	if family == unix.AF_MPLS {
		labels, err := rtnl.ParseMPLSLabels(s)
		if err != nil {
			return inetPrefix{}, false
		}
		return inetPrefix{Family: unix.AF_MPLS, Labels: labels, Bits: 20}, true
	}
	if family != unix.AF_UNSPEC && family != unix.AF_INET {
		return inetPrefix{}, false
	}
	a, ok := ParseIPv4(s)
	if !ok {
		return inetPrefix{}, false
	}
	return inetPrefix{Family: unix.AF_INET, Addr: a, Bits: -1}, true
}

// parsePrefix1 is get_prefix_1: ADDR[/LEN], LEN a number or, for IPv4, a
// dotted netmask.
func parsePrefix1(s string, family uint8) (inetPrefix, bool) {
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

// getPrefix is get_prefix: a bad prefix is ip's fatal
// `Error: inet prefix is expected rather than "x".` (exit 1).
func GetPrefix(s string, family uint8) (inetPrefix, error) {
	if family == unix.AF_PACKET {
		return inetPrefix{}, &IpExit{&fail.Error{Code: fail.ExitLocal,
			Msg: "Error: \"" + s + "\" may be inet prefix, but it is not allowed in this context."}}
	}
	p, ok := parsePrefix1(s, family)
	if !ok {
		return p, &IpExit{&fail.Error{Code: fail.ExitLocal,
			Msg: "Error: " + rtFamilyVerbose(family) + " prefix is expected rather than \"" + s + "\"."}}
	}
	return p, nil
}

// getAddr is get_addr: a bad address is ip's fatal
// `Error: inet address is expected rather than "x".` (exit 1).
func GetAddr(s string, family uint8) (inetPrefix, error) {
	p, ok := parseAddr1(s, family)
	if !ok {
		return p, &IpExit{&fail.Error{Code: fail.ExitLocal,
			Msg: "Error: " + rtFamilyVerbose(family) + " address is expected rather than \"" + s + "\"."}}
	}
	return p, nil
}

// readFamily is read_family: a family word, or AF_UNSPEC.
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

// parseTimeRTT is get_time_rtt: a number of ms ("raw" without a unit, in
// the kernel's own unit) or with s/sec/secs/ms/msec/msecs.
func ParseTimeRTT(s string) (v uint32, raw bool, ok bool) {
	num := s
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == 'x' || s[i] == 'X' ||
		(i > 1 && (s[0:2] == "0x" || s[0:2] == "0X") && strings.IndexByte("abcdefABCDEF", s[i]) >= 0)) {
		i++
	}
	num, unit := s[:i], s[i:]
	if num == "" {
		return 0, false, false
	}
	var t float64
	if strings.IndexByte(num, '.') >= 0 {
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f < 0 {
			return 0, false, false
		}
		t = f
	} else {
		n, ok := ParseCUint(num, 32)
		if !ok {
			return 0, false, false
		}
		t = float64(n)
	}
	raw = unit == ""
	switch strings.ToLower(unit) {
	case "":
	case "s", "sec", "secs":
		t *= 1000
	case "ms", "msec", "msecs":
	default:
		return 0, false, false
	}
	if t > float64(^uint32(0)) {
		return 0, false, false
	}
	v = uint32(t)
	if float64(v) < t {
		v++
	}
	return v, raw, true
}

func NetipUnspecified6(bits int) netip.Prefix {
	return netip.PrefixFrom(netip.IPv6Unspecified(), bits)
}

func NetipPrefix(a netip.Addr, bits int) netip.Prefix { return netip.PrefixFrom(a, bits) }

// ipExit marks an error on which ip exits at once (its exit() calls), even
// in the middle of a batch, with the wrapped error's code.
type IpExit struct{ Err error }

func (e *IpExit) Error() string { return e.Err.Error() }
func (e *IpExit) Unwrap() error { return e.Err }

// parseCUint reads a number as C's strtoul with base 0 does (decimal, 0x
// hex, 0 octal), limited to bits.
func ParseCUint(s string, bits int) (uint64, bool) {
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 0, bits)
	if err != nil || strings.ContainsRune(s, '_') {
		return 0, false
	}
	return v, true
}

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

func ValidIfName(s string) bool {
	return s != "" && len(s) < unix.IFNAMSIZ && !strings.ContainsAny(s, "/ \t\n\v\f\r")
}

// prefixSel is one of show's address selectors: set when given, with the
// family (0 when "default"/"any" left it open) and the length.
type PrefixSel struct {
	Set    bool
	Family uint8
	Addr   netip.Addr
	Bits   int
	HasLen bool
}

func SelOf(p inetPrefix) PrefixSel {
	return PrefixSel{Set: p.Family != 0 || p.HasLen, Family: p.Family, Addr: p.Addr, Bits: p.Bits, HasLen: p.HasLen}
}
