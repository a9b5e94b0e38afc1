package xfrm

import (
	"net/netip"

	"golang.org/x/sys/unix"
)

// Address is xfrm_address_t: 16 bytes, of which an IPv4 address uses the
// first four. Which family it holds is said elsewhere (a selector's,
// a template's or a state's family), so it is kept as the kernel has it.
type Address [16]byte

// AddressOf is the xfrm_address_t of a: an IPv4 address in the first four
// bytes, an IPv6 address in all of them, zeros for the invalid address.
func AddressOf(a netip.Addr) Address {
	var x Address
	switch {
	case a.Is4():
		b := a.As4()
		copy(x[:], b[:])
	case a.IsValid():
		x = a.As16()
	}
	return x
}

// As reads the address as family has it: IPv4 from the first four bytes,
// IPv6 from all of them; the invalid address for another family.
func (x Address) As(family uint16) netip.Addr {
	switch family {
	case unix.AF_INET:
		return netip.AddrFrom4([4]byte(x[:4]))
	case unix.AF_INET6:
		return netip.AddrFrom16(x)
	}
	return netip.Addr{}
}

// IsZero reports an all-zero address.
func (x Address) IsZero() bool { return x == Address{} }
