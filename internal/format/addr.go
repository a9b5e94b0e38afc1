package format

import (
	"net/netip"
)

// Addr is an address as the C library's inet_ntop writes it, which ip
// prints: as netip does, except that an IPv6 address whose first 96
// bits are zero (an IPv4-compatible address, other than :: and ::N with
// N below 2^16) ends in dotted IPv4, "::0.255.0.1" where netip writes
// "::ff:1".
func Addr(a netip.Addr) string {
	if !a.Is6() || a.Zone() != "" {
		return a.String()
	}
	b := a.As16()
	for _, x := range b[:12] {
		if x != 0 {
			return a.String()
		}
	}
	if b[12] == 0 && b[13] == 0 {
		return a.String()
	}
	return "::" + netip.AddrFrom4([4]byte(b[12:])).String()
}
