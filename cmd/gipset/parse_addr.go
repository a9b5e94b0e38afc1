package main

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// parseNumber reads an unsigned number the way strtoull with base 0 does
// (decimal, 0x hex, 0 octal) and checks it against [lo, hi].
func parseNumber(s string, lo, hi uint64) (uint64, error) {
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, syntaxErr("'%s' is invalid as number", s)
	}
	n, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, syntaxErr("'%s' is out of range %d-%d", s, lo, hi)
		}
		return 0, syntaxErr("'%s' is invalid as number", s)
	}
	if n < lo || n > hi {
		return 0, syntaxErr("'%s' is out of range %d-%d", s, lo, hi)
	}
	return n, nil
}

func familyWord(f uint8) string {
	if f == ipset.FamilyINET6 {
		return "IPv6"
	}
	return "IPv4"
}

// parseIPv4Loose reads an IPv4 address in any form inet_aton accepts
// ("10.1", "10.0.0.1", "0x0a000001", "012.0.0.1").
func parseIPv4Loose(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 || s == "" {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		if p == "" || p[0] == '+' || p[0] == '-' {
			return netip.Addr{}, false
		}
		v, err := strconv.ParseUint(p, 0, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var v uint64
	last := len(vals) - 1
	for i := 0; i < last; i++ {
		if vals[i] > 255 {
			return netip.Addr{}, false
		}
		v |= vals[i] << (24 - 8*uint(i))
	}
	if vals[last] >= 1<<(8*uint(4-last)) {
		return netip.Addr{}, false
	}
	v |= vals[last]
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// parseAddr reads one address of the given family.
func parseAddr(s string, family uint8) (netip.Addr, error) { return defaultParser.addr(s, family) }

func (p *parser) addr(s string, family uint8) (netip.Addr, error) {
	fail := syntaxErr("cannot parse %s: resolving to %s address failed", s, familyWord(family))
	if family == ipset.FamilyINET6 {
		a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
		if err == nil && a.Is6() && a.Zone() == "" {
			return a, nil
		}
	} else if a, ok := parseIPv4Loose(s); ok {
		return a, nil
	}
	if !isHostName(s) {
		return netip.Addr{}, fail
	}
	lookup := p.lookup
	if lookup == nil {
		lookup = net.DefaultResolver.LookupNetIP
	}
	network := "ip4"
	if family == ipset.FamilyINET6 {
		network = "ip6"
	}
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	addrs, err := lookup(ctx, network, s)
	var found []netip.Addr
	for _, a := range addrs {
		a = a.Unmap()
		if (family == ipset.FamilyINET6) == a.Is6() {
			found = append(found, a)
		}
	}
	if err != nil || len(found) == 0 {
		return netip.Addr{}, fail
	}
	if len(found) > 1 && p.warn != nil {
		p.warn(fmt.Sprintf("Warning: %s resolves to multiple addresses: using only the first one returned by the resolver.", s))
	}
	return found[0], nil
}

// isHostName reports whether s can be a DNS name worth looking up.
func isHostName(s string) bool {
	if s == "" || len(s) > 253 || s[0] == '-' || s[0] == '.' {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			letter = true
		case c >= '0' && c <= '9', c == '-', c == '.':
		default:
			return false
		}
	}
	return letter
}

// parseIPComp reads an address component: address, address/cidr or
// from-to, as allowed by form.
func parseIPComp(s string, family uint8, form ipForm) (ip, to netip.Addr, cidr uint8, err error) {
	return defaultParser.ipComp(s, family, form)
}

func (p *parser) ipComp(s string, family uint8, form ipForm) (ip, to netip.Addr, cidr uint8, err error) {
	maxBits := 32
	if family == ipset.FamilyINET6 {
		maxBits = 128
	}
	// As in ipset, a separator counts only with something on both sides.
	if a, c, ok := cutBetween(s, '/'); ok {
		if form == formSingle {
			return ip, to, 0, syntaxErr("plain IP address must be supplied: %s", s)
		}
		ip, err = p.addr(a, family)
		if err != nil {
			return
		}
		n, e := parseNumber(c, 0, 255)
		if e != nil {
			return ip, to, 0, e
		}
		if n > uint64(maxBits) {
			return ip, to, 0, syntaxErr("'%s' is out of range %d-%d", c, 0, maxBits)
		}
		return ip, to, uint8(n), nil
	}
	if a, b, ok := cutBetween(s, '-'); ok {
		switch {
		case form == formSingle:
			return ip, to, 0, syntaxErr("plain IP address must be supplied: %s", s)
		case family == ipset.FamilyINET6 || form != formRange:
			return ip, to, 0, syntaxErr("IP address or IP/cidr must be specified: %s", s)
		}
		ip, err = p.addr(a, family)
		if err != nil {
			return
		}
		to, err = p.addr(b, family)
		return
	}
	ip, err = p.addr(s, family)
	return
}

// cutBetween splits s at the first sep when there is text on both sides.
func cutBetween(s string, sep byte) (before, after string, ok bool) {
	i := strings.IndexByte(s, sep)
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// scanHex reads a hexadecimal number at the start of s the way sscanf's
// %x does: an optional 0x (required when prefixed), then as many hex
// digits as there are. It returns the value, the rest of s and whether a
// digit was read.
func scanHex(s string, prefixed bool) (uint64, string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	} else if prefixed {
		return 0, s, false
	}
	i := 0
	var v uint64
	for i < len(s) {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return v, s[i:], i > 0
		}
		v = v<<4 | uint64(d)
		i++
	}
	return v, "", i > 0
}
