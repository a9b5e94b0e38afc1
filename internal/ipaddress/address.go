package ipaddress

import (
	"net/netip"
	"strings"
)

// Address is an IPv4 or IPv6 address, CPython's IPv4Address or IPv6Address.
// It wraps a netip.Addr: the zero Address is invalid, Addresses are
// comparable with ==, and an IPv6 address may carry a zone (scope ID), which
// takes part in equality as it does in CPython. An IPv4-mapped IPv6 address
// (::ffff:a.b.c.d) is an IPv6 address, distinct from the IPv4 one.
type Address struct {
	ip netip.Addr
}

// ParseAddress parses an IPv4 or IPv6 address the way CPython's
// ipaddress.ip_address does: IPv4 as exactly four decimal octets without
// leading zeros; IPv6 with at most one "::", an optional embedded IPv4
// address in the last 32 bits and an optional non-empty "%zone". Surrounding
// space, a prefix ("/24") and a zone on IPv4 are all rejected. Errors are
// *ParseError wrapping ErrInvalidAddress.
func ParseAddress(s string) (Address, error) {
	a, d := parseAddress(s)
	if d != nil {
		return Address{}, d.toError(s, targetAddress)
	}
	return Address{a}, nil
}

// ParseAddressBytes is ParseAddress for a byte slice; it does not keep b.
func ParseAddressBytes(b []byte) (Address, error) {
	a, d := parseAddress(b)
	if d != nil {
		return Address{}, d.toError(string(b), targetAddress)
	}
	return Address{a}, nil
}

// MustParseAddress is ParseAddress for constants; it panics on error.
func MustParseAddress(s string) Address {
	a, err := ParseAddress(s)
	if err != nil {
		panic(err)
	}
	return a
}

// AddressFrom wraps a netip.Addr. An invalid netip.Addr gives the invalid
// (zero) Address.
func AddressFrom(ip netip.Addr) Address { return Address{ip} }

// Netip returns the address as a netip.Addr, zone included.
func (a Address) Netip() netip.Addr { return a.ip }

// IsValid reports whether a is an address rather than the zero Address.
func (a Address) IsValid() bool { return a.ip.IsValid() }

// Version is 4 or 6, and 0 for the zero Address.
func (a Address) Version() int {
	switch {
	case a.ip.Is4():
		return 4
	case a.ip.Is6():
		return 6
	}
	return 0
}

// MaxPrefixLen is the width of the address in bits: 32, 128, or 0 for the
// zero Address.
func (a Address) MaxPrefixLen() int { return a.ip.BitLen() }

func (a Address) int() u128 { return u128From(a.ip) }

// String is the compressed form (CPython's str() and .compressed):
// "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1", "fe80::1%eth0". The zero
// Address gives "invalid IP".
func (a Address) String() string { return a.ip.String() }

// AppendTo appends the compressed form of a to b.
func (a Address) AppendTo(b []byte) []byte { return a.ip.AppendTo(b) }

// Compressed is String, under CPython's name.
func (a Address) Compressed() string { return a.String() }

// Exploded is the long form: IPv4 as usual, IPv6 with all eight groups of
// four hex digits, except that like CPython an IPv4-mapped address keeps its
// dotted tail ("0000:0000:0000:0000:0000:ffff:192.0.2.1") and the zone is
// left out. The zero Address gives "".
func (a Address) Exploded() string {
	if !a.ip.Is6() {
		if a.ip.Is4() {
			return a.ip.String()
		}
		return ""
	}
	var b strings.Builder
	b.Grow(39)
	writeExploded(&b, a.ip)
	return b.String()
}

const hexDigits = "0123456789abcdef"

func writeExploded(b *strings.Builder, ip netip.Addr) {
	raw := ip.As16()
	groups := 8
	if ip.Is4In6() {
		groups = 6
	}
	for g := range groups {
		if g > 0 {
			b.WriteByte(':')
		}
		for _, c := range raw[2*g : 2*g+2] {
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	if ip.Is4In6() {
		b.WriteByte(':')
		b.WriteString(ip.Unmap().String())
	}
}

// Packed is the address in network byte order: 4 or 16 bytes (nil for the
// zero Address).
func (a Address) Packed() []byte {
	switch {
	case a.ip.Is4():
		b := a.ip.As4()
		return b[:]
	case a.ip.Is6():
		b := a.ip.As16()
		return b[:]
	}
	return nil
}

// ReversePointer is the DNS PTR name: "1.2.0.192.in-addr.arpa" for IPv4,
// 32 nibbles then "ip6.arpa" for IPv6 (zone ignored). Like CPython, an
// IPv4-mapped address yields its nibbles too. The zero Address gives "".
func (a Address) ReversePointer() string {
	switch {
	case a.ip.Is4():
		b := a.ip.As4()
		var s strings.Builder
		for i := 3; i >= 0; i-- {
			s.Write(appendUint(nil, uint64(b[i])))
			s.WriteByte('.')
		}
		s.WriteString("in-addr.arpa")
		return s.String()
	case a.ip.Is6():
		b := a.ip.As16()
		var s strings.Builder
		s.Grow(73)
		for i := 15; i >= 0; i-- {
			s.WriteByte(hexDigits[b[i]&15])
			s.WriteByte('.')
			s.WriteByte(hexDigits[b[i]>>4])
			s.WriteByte('.')
		}
		s.WriteString("ip6.arpa")
		return s.String()
	}
	return ""
}

// ScopeID is the IPv6 zone ("eth0" in "fe80::1%eth0"), "" when there is none.
func (a Address) ScopeID() string { return a.ip.Zone() }

// WithoutScope returns a without its zone.
func (a Address) WithoutScope() Address { return Address{a.ip.WithZone("")} }

// Compare orders addresses IPv4 first, then by value, then by zone. It
// returns -1, 0 or +1.
func (a Address) Compare(b Address) int { return a.ip.Compare(b.ip) }

// Less reports whether a sorts before b.
func (a Address) Less(b Address) bool { return a.Compare(b) < 0 }

// Next returns the following address, or false at the top of the family.
// The zone is kept.
func (a Address) Next() (Address, bool) {
	n := a.ip.Next()
	return Address{n}, n.IsValid()
}

// Prev returns the preceding address, or false at the bottom of the family.
func (a Address) Prev() (Address, bool) {
	p := a.ip.Prev()
	return Address{p}, p.IsValid()
}

// IPv4Mapped returns the IPv4 address inside an IPv4-mapped IPv6 address
// (::ffff:0:0/96) and true; otherwise the zero Address and false.
func (a Address) IPv4Mapped() (Address, bool) {
	if !a.ip.Is4In6() {
		return Address{}, false
	}
	return Address{a.ip.Unmap()}, true
}

// IPv6Mapped returns an IPv4 address as IPv4-mapped IPv6 (::ffff:a.b.c.d)
// and true; false for an IPv6 or zero Address.
func (a Address) IPv6Mapped() (Address, bool) {
	if !a.ip.Is4() {
		return Address{}, false
	}
	return Address{netip.AddrFrom16(a.ip.As16())}, true
}

// SixToFour returns the IPv4 address embedded in a 6to4 address (2002::/16)
// and true; otherwise false.
func (a Address) SixToFour() (Address, bool) {
	if !a.ip.Is6() {
		return Address{}, false
	}
	b := a.ip.As16()
	if b[0] != 0x20 || b[1] != 0x02 {
		return Address{}, false
	}
	return Address{netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})}, true
}

// Teredo returns the server and client IPv4 addresses of a Teredo address
// (2001::/32; the client is stored inverted) and true; otherwise false.
func (a Address) Teredo() (server, client Address, ok bool) {
	if !a.ip.Is6() {
		return Address{}, Address{}, false
	}
	b := a.ip.As16()
	if b[0] != 0x20 || b[1] != 0x01 || b[2] != 0 || b[3] != 0 {
		return Address{}, Address{}, false
	}
	server = Address{netip.AddrFrom4([4]byte{b[4], b[5], b[6], b[7]})}
	client = Address{netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]})}
	return server, client, true
}
