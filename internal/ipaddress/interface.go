package ipaddress

import (
	"net/netip"
	"strconv"
)

// Interface is an address together with the prefix length of its network,
// CPython's IPv4Interface or IPv6Interface ("192.0.2.5/24"): host bits are
// kept. The zero Interface is invalid; Interfaces are comparable with ==.
type Interface struct {
	addr netip.Addr
	bits uint8
}

// ParseInterface parses ADDR[/LEN|/NETMASK|/HOSTMASK] like CPython's
// ipaddress.ip_interface: the same grammar as ParseNetwork, but host bits are
// allowed and kept. Errors are *ParseError wrapping ErrInvalidAddress or
// ErrInvalidNetmask.
func ParseInterface(s string) (Interface, error) {
	a, bits, d := parseEitherPrefixed(s)
	if d != nil {
		return Interface{}, d.toError(s, targetInterface)
	}
	return Interface{addr: a, bits: uint8(bits)}, nil
}

// MustParseInterface is ParseInterface for constants; it panics on error.
func MustParseInterface(s string) Interface {
	i, err := ParseInterface(s)
	if err != nil {
		panic(err)
	}
	return i
}

// IsValid reports whether i is an interface rather than the zero Interface.
func (i Interface) IsValid() bool { return i.addr.IsValid() }

// Address is the interface's address, zone included.
func (i Interface) Address() Address { return Address{i.addr} }

// IP is the address without its zone (CPython's .ip).
func (i Interface) IP() Address { return Address{i.addr.WithZone("")} }

// PrefixLen is the prefix length.
func (i Interface) PrefixLen() int { return int(i.bits) }

// Network is the network the interface is on. As in CPython, the zone is
// kept only when the address is itself the network address.
func (i Interface) Network() Network {
	if !i.IsValid() {
		return Network{}
	}
	masked := maskAddr(i.addr, int(i.bits))
	if masked == i.addr.WithZone("") {
		return Network(i)
	}
	return Network{addr: masked, bits: i.bits}
}

// Netmask is the network's netmask.
func (i Interface) Netmask() Address { return i.Network().Netmask() }

// Hostmask is the network's hostmask.
func (i Interface) Hostmask() Address { return i.Network().Hostmask() }

// String is "192.0.2.5/24", with the address as Address.String shows it.
func (i Interface) String() string {
	if !i.IsValid() {
		return "invalid Interface"
	}
	return i.addr.String() + "/" + strconv.Itoa(int(i.bits))
}

// plainAddr is the address the way CPython's with_* properties print it: no
// zone, and IPv6 in hex even when IPv4-mapped.
func (i Interface) plainAddr() string {
	if i.addr.Is4() {
		return i.addr.String()
	}
	return compressedHex(u128From(i.addr))
}

// WithPrefixLen is "192.0.2.5/24"; for IPv6 without zone and all in hex.
func (i Interface) WithPrefixLen() string {
	return i.plainAddr() + "/" + strconv.Itoa(int(i.bits))
}

// WithNetmask is "192.0.2.5/255.255.255.0".
func (i Interface) WithNetmask() string { return i.plainAddr() + "/" + i.Netmask().String() }

// WithHostmask is "192.0.2.5/0.0.0.255".
func (i Interface) WithHostmask() string { return i.plainAddr() + "/" + i.Hostmask().String() }

// Compare orders interfaces as CPython does: by network, then by address.
func (i Interface) Compare(o Interface) int {
	if c := i.Network().Compare(o.Network()); c != 0 {
		return c
	}
	return i.addr.Compare(o.addr)
}
