package ipaddress

import (
	"fmt"
	"net/netip"
)

// text is what the parsers read: a string, or a byte slice so that callers
// reading lines need not copy them into strings.
type text interface{ ~string | ~[]byte }

func indexByte[T text](s T, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func countByte[T text](s T, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

// parseV4 follows CPython's IPv4 _ip_int_from_string: exactly four dotted
// decimal octets, at most three digits each, no leading zeros, each <= 255.
func parseV4[T text](s T) (uint32, *detail) {
	if len(s) == 0 {
		return 0, addrFail("Address cannot be empty")
	}
	if countByte(s, '.') != 3 {
		return 0, addrFail("Expected 4 octets in %s", pyRepr(string(s)))
	}
	var v uint32
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			continue
		}
		o, d := parseOctet(s, start, i)
		if d != nil {
			d.msg += " in " + pyRepr(string(s))
			return 0, d
		}
		v = v<<8 | uint32(o)
		start = i + 1
	}
	return v, nil
}

func parseOctet[T text](s T, start, end int) (uint32, *detail) {
	if start == end {
		return 0, addrFail("Empty octet not permitted")
	}
	for i := start; i < end; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, addrFail("Only decimal digits permitted in %s", pyRepr(string(s[start:end])))
		}
	}
	if end-start > 3 {
		return 0, addrFail("At most 3 characters permitted in %s", pyRepr(string(s[start:end])))
	}
	if s[start] == '0' && end-start > 1 {
		return 0, addrFail("Leading zeros are not permitted in %s", pyRepr(string(s[start:end])))
	}
	var v uint32
	for i := start; i < end; i++ {
		v = v*10 + uint32(s[i]-'0')
	}
	if v > 255 {
		return 0, addrFail("Octet %d (> 255) not permitted", v)
	}
	return v, nil
}

// v6part is one colon-separated piece of an IPv6 address: a span of the
// text, or (for the halves of an embedded IPv4 address) a value.
type v6part struct {
	start, end int
	val        uint16
	isVal      bool
}

func (p v6part) empty() bool { return !p.isVal && p.start == p.end }

// parseV6 follows CPython's IPv6 _ip_int_from_string (the scope has already
// been split off): '::' at most once, embedded IPv4 in the last piece, hex
// pieces of at most four digits. Failures carry CPython's messages.
func parseV6[T text](s T) (u128, *detail) {
	if len(s) == 0 {
		return u128{}, addrFail("Address cannot be empty")
	}
	n := countByte(s, ':') + 1
	if n < 3 {
		return u128{}, addrFail("At least 3 parts expected in %s", pyRepr(string(s)))
	}
	lastStart := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			lastStart = i + 1
			break
		}
	}
	var v4 uint32
	embedded := indexByte(s[lastStart:], '.') >= 0
	if embedded {
		var d *detail
		v4, d = parseV4(s[lastStart:])
		if d != nil {
			d.msg += " in " + pyRepr(string(s))
			return u128{}, d
		}
		n++
	}
	if n > 9 {
		return u128{}, addrFail("At most 8 colons permitted in %s", pyRepr(string(s)))
	}
	var parts [9]v6part
	k, start := 0, 0
	for i := 0; i < len(s) && k < n; i++ {
		if s[i] == ':' {
			parts[k] = v6part{start: start, end: i}
			k++
			start = i + 1
		}
	}
	if embedded {
		parts[k] = v6part{val: uint16(v4 >> 16), isVal: true}
		parts[k+1] = v6part{val: uint16(v4), isVal: true}
	} else {
		parts[k] = v6part{start: start, end: len(s)}
	}

	skip := -1
	for i := 1; i < n-1; i++ {
		if parts[i].empty() {
			if skip >= 0 {
				return u128{}, addrFail("At most one '::' permitted in %s", pyRepr(string(s)))
			}
			skip = i
		}
	}
	var hiParts, loParts, skipped int
	if skip >= 0 {
		hiParts, loParts = skip, n-skip-1
		if parts[0].empty() {
			hiParts--
			if hiParts != 0 {
				return u128{}, addrFail("Leading ':' only permitted as part of '::' in %s", pyRepr(string(s)))
			}
		}
		if parts[n-1].empty() {
			loParts--
			if loParts != 0 {
				return u128{}, addrFail("Trailing ':' only permitted as part of '::' in %s", pyRepr(string(s)))
			}
		}
		skipped = 8 - (hiParts + loParts)
		if skipped < 1 {
			return u128{}, addrFail("Expected at most 7 other parts with '::' in %s", pyRepr(string(s)))
		}
	} else {
		if n != 8 {
			return u128{}, addrFail("Exactly 8 parts expected without '::' in %s", pyRepr(string(s)))
		}
		if parts[0].empty() {
			return u128{}, addrFail("Leading ':' only permitted as part of '::' in %s", pyRepr(string(s)))
		}
		if parts[n-1].empty() {
			return u128{}, addrFail("Trailing ':' only permitted as part of '::' in %s", pyRepr(string(s)))
		}
		hiParts = n
	}
	var v u128
	for i := range hiParts {
		h, d := parseHextet(s, parts[i])
		if d != nil {
			d.msg += " in " + pyRepr(string(s))
			return u128{}, d
		}
		v = v.shl(16).or(u128{lo: uint64(h)})
	}
	v = v.shl(uint(16 * skipped))
	for i := n - loParts; i < n; i++ {
		h, d := parseHextet(s, parts[i])
		if d != nil {
			d.msg += " in " + pyRepr(string(s))
			return u128{}, d
		}
		v = v.shl(16).or(u128{lo: uint64(h)})
	}
	return v, nil
}

func parseHextet[T text](s T, p v6part) (uint16, *detail) {
	if p.isVal {
		return p.val, nil
	}
	var v uint32
	for i := p.start; i < p.end; i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uint32(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | uint32(c-'A'+10)
		default:
			return 0, addrFail("Only hex digits permitted in %s", pyRepr(string(s[p.start:p.end])))
		}
	}
	if p.end-p.start > 4 {
		return 0, addrFail("At most 4 characters permitted in %s", pyRepr(string(s[p.start:p.end])))
	}
	return uint16(v), nil
}

// parseV4Address is CPython's IPv4Address(str).
func parseV4Address[T text](s T) (netip.Addr, *detail) {
	if indexByte(s, '/') >= 0 {
		return netip.Addr{}, addrFail("Unexpected '/' in %s", pyRepr(string(s)))
	}
	v, d := parseV4(s)
	if d != nil {
		return netip.Addr{}, d
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), nil
}

// parseV6Address is CPython's IPv6Address(str): an optional %scope, which
// must be non-empty and contain no further '%'.
func parseV6Address[T text](s T) (netip.Addr, *detail) {
	if indexByte(s, '/') >= 0 {
		return netip.Addr{}, addrFail("Unexpected '/' in %s", pyRepr(string(s)))
	}
	body, zone := s, s[:0]
	if i := indexByte(s, '%'); i >= 0 {
		body, zone = s[:i], s[i+1:]
		if len(zone) == 0 || indexByte(zone, '%') >= 0 {
			return netip.Addr{}, addrFail("Invalid IPv6 address: \"%s\"", pyRepr(string(s)))
		}
	}
	v, d := parseV6(body)
	if d != nil {
		return netip.Addr{}, d
	}
	a := v.addr(128)
	if len(zone) > 0 {
		a = a.WithZone(string(zone))
	}
	return a, nil
}

// looksV6 picks the family whose message explains a failure best: text
// with a colon was meant as IPv6.
func looksV6[T text](s T) bool { return indexByte(s, ':') >= 0 }

func parseAddress[T text](s T) (netip.Addr, *detail) {
	if looksV6(s) {
		// IPv4 cannot hold a colon, and the IPv6 failure is the one
		// reported: skip the IPv4 attempt and its message.
		return parseV6Address(s)
	}
	a, d4 := parseV4Address(s)
	if d4 == nil {
		return a, nil
	}
	a, d6 := parseV6Address(s)
	if d6 == nil {
		return a, nil
	}
	if looksV6(s) {
		return netip.Addr{}, d6
	}
	return netip.Addr{}, d4
}

// parsePrefixLength follows CPython's _prefix_from_prefix_string: ASCII
// digits only (leading zeros allowed), value 0..maxBits.
func parsePrefixLength[T text](s T, maxBits int) (int, bool) {
	if len(s) == 0 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
		if v > maxBits {
			return 0, false
		}
	}
	return v, true
}

// prefixFromMask returns the prefix length of a contiguous netmask.
func prefixFromMask(m uint32) (int, bool) {
	ones := 0
	for ones < 32 && m&(1<<(31-ones)) != 0 {
		ones++
	}
	if ones < 32 && m<<ones != 0 {
		return 0, false
	}
	return ones, true
}

func netmaskFail[T text](s T) *detail {
	return &detail{ErrInvalidNetmask, fmt.Sprintf("%s is not a valid netmask", pyRepr(string(s)))}
}

// parseMask is CPython's _make_netmask for strings: a prefix length, or for
// IPv4 a dotted netmask or, failing that, a dotted hostmask. 0.0.0.0 and
// 255.255.255.255 read as netmasks.
func parseMask[T text](s T, bitLen int) (int, *detail) {
	if n, ok := parsePrefixLength(s, bitLen); ok {
		return n, nil
	}
	if bitLen == 128 {
		return 0, netmaskFail(s)
	}
	m, d := parseV4(s)
	if d != nil {
		return 0, netmaskFail(s)
	}
	if n, ok := prefixFromMask(m); ok {
		return n, nil
	}
	if n, ok := prefixFromMask(^m); ok {
		return n, nil
	}
	return 0, netmaskFail(s)
}

// parsePrefixed parses ADDR[/MASK] for one family, as CPython's
// IPv4Network/IPv6Network constructors do, without the host bits check.
func parsePrefixed[T text](s T, v6 bool) (netip.Addr, int, *detail) {
	addrText, maskText, hasMask := s, s[:0], false
	if i := indexByte(s, '/'); i >= 0 {
		if indexByte(s[i+1:], '/') >= 0 {
			return netip.Addr{}, 0, addrFail("Only one '/' permitted in %s", pyRepr(string(s)))
		}
		addrText, maskText, hasMask = s[:i], s[i+1:], true
	}
	var a netip.Addr
	var d *detail
	bitLen := 32
	if v6 {
		a, d = parseV6Address(addrText)
		bitLen = 128
	} else {
		a, d = parseV4Address(addrText)
	}
	if d != nil {
		return netip.Addr{}, 0, d
	}
	bits := bitLen
	if hasMask {
		bits, d = parseMask(maskText, bitLen)
		if d != nil {
			return netip.Addr{}, 0, d
		}
	}
	return a, bits, nil
}

// parseEitherPrefixed tries IPv4 then IPv6 like ip_network and
// ip_interface, keeping the failure of the family the text was meant for.
func parseEitherPrefixed[T text](s T) (netip.Addr, int, *detail) {
	addrPart := s
	if i := indexByte(s, '/'); i >= 0 {
		addrPart = s[:i]
	}
	if looksV6(addrPart) {
		// The IPv4 attempt would fail on the address, and the IPv6
		// failure would be the one reported.
		return parsePrefixed(s, true)
	}
	a, bits, d4 := parsePrefixed(s, false)
	if d4 == nil {
		return a, bits, nil
	}
	a, bits, d6 := parsePrefixed(s, true)
	if d6 == nil {
		return a, bits, nil
	}
	if d4.kind == ErrInvalidNetmask || !looksV6(s) && d6.kind != ErrInvalidNetmask {
		return netip.Addr{}, 0, d4
	}
	return netip.Addr{}, 0, d6
}

func parseNetwork[T text](s T, strict bool) (Network, *ParseError) {
	a, bits, d := parseEitherPrefixed(s)
	if d != nil {
		return Network{}, d.toError(string(s), targetNetwork)
	}
	masked := maskAddr(a, bits)
	if masked.WithZone("") != a.WithZone("") {
		if strict {
			msg := fmt.Sprintf("%s/%d has host bits set", a, bits)
			return Network{}, &ParseError{Input: string(s), Kind: ErrHostBitsSet, Detail: msg, target: targetNetwork}
		}
		// CPython rebuilds the masked address from an integer, which
		// drops the scope.
		a = masked
	}
	return Network{addr: a, bits: uint8(bits)}, nil
}

// maskAddr clears the bits of a after the first bits, dropping any zone.
func maskAddr(a netip.Addr, bits int) netip.Addr {
	bl := a.BitLen()
	return u128From(a).and(maskOf(bl, bits)).addr(bl)
}
