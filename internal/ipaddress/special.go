package ipaddress

import "net/netip"

// The special-purpose blocks below are CPython 3.13's tables, which follow
// the IANA IPv4 and IPv6 Special-Purpose Address Registries as corrected in
// 2024 (for example 192.0.0.9/32 and 2001:1::1/128 are globally reachable
// inside otherwise non-global blocks).

// block is a prefix as an integer range, so membership is two comparisons.
type block struct {
	first, last u128
}

func mustBlock(s string) block {
	p := netip.MustParsePrefix(s)
	bl := p.Addr().BitLen()
	first := u128From(p.Addr())
	return block{first, first.or(allOnes(bl - p.Bits()))}
}

func blocks(ss ...string) []block {
	out := make([]block, len(ss))
	for i, s := range ss {
		out[i] = mustBlock(s)
	}
	return out
}

func (b block) contains(v u128) bool { return b.first.cmp(v) <= 0 && v.cmp(b.last) <= 0 }

func inAny(bs []block, v u128) bool {
	for _, b := range bs {
		if b.contains(v) {
			return true
		}
	}
	return false
}

var (
	v4LinkLocal  = mustBlock("169.254.0.0/16")
	v4Loopback   = mustBlock("127.0.0.0/8")
	v4Multicast  = mustBlock("224.0.0.0/4")
	v4Shared     = mustBlock("100.64.0.0/10") // neither private nor global
	v4Reserved   = mustBlock("240.0.0.0/4")
	v4NotGlobal  = blocks("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.0.170/31", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32")
	v4Exceptions = blocks("192.0.0.9/32", "192.0.0.10/32")

	v6LinkLocal  = mustBlock("fe80::/10")
	v6Multicast  = mustBlock("ff00::/8")
	v6SiteLocal  = mustBlock("fec0::/10")
	v6NotGlobal  = blocks("::1/128", "::/128", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10")
	v6Exceptions = blocks("2001:1::1/128", "2001:1::2/128", "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28")
	v6Reserved   = blocks("::/8", "100::/8", "200::/7", "400::/6", "800::/5", "1000::/4", "4000::/3", "6000::/3", "8000::/3", "a000::/3", "c000::/3", "e000::/4", "f000::/5", "f800::/6", "fe00::/9")
)

func notGlobalTables(v6 bool) (in, except []block) {
	if v6 {
		return v6NotGlobal, v6Exceptions
	}
	return v4NotGlobal, v4Exceptions
}

func privateInt(v u128, v6 bool) bool {
	in, except := notGlobalTables(v6)
	return inAny(in, v) && !inAny(except, v)
}

// IsPrivate reports whether the address is in a block the IANA registries
// mark not globally reachable (and not one of the exceptions inside such a
// block). An IPv4-mapped address answers for its IPv4 address.
// 100.64.0.0/10 (shared address space) is neither private nor global.
func (a Address) IsPrivate() bool {
	if m, ok := a.IPv4Mapped(); ok {
		return m.IsPrivate()
	}
	if !a.IsValid() {
		return false
	}
	return privateInt(a.int(), a.ip.Is6())
}

// IsGlobal reports whether the address is globally reachable. For IPv4 it is
// false in 100.64.0.0/10 and for private addresses; for IPv6 it is, as in
// CPython, exactly !IsPrivate (so an IPv4-mapped form of 100.64.0.1 is
// global).
func (a Address) IsGlobal() bool {
	switch {
	case a.ip.Is4():
		return !v4Shared.contains(a.int()) && !a.IsPrivate()
	case a.ip.Is6():
		return !a.IsPrivate()
	}
	return false
}

// IsReserved reports whether the address is in IETF reserved space:
// 240.0.0.0/4 for IPv4, the unassigned blocks of RFC 4291 for IPv6.
func (a Address) IsReserved() bool {
	switch {
	case a.ip.Is4():
		return v4Reserved.contains(a.int())
	case a.ip.Is6():
		return inAny(v6Reserved, a.int())
	}
	return false
}

// IsMulticast reports 224.0.0.0/4 or ff00::/8.
func (a Address) IsMulticast() bool {
	switch {
	case a.ip.Is4():
		return v4Multicast.contains(a.int())
	case a.ip.Is6():
		return v6Multicast.contains(a.int())
	}
	return false
}

// IsLoopback reports 127.0.0.0/8 or ::1. An IPv4-mapped address answers
// for its IPv4 address.
func (a Address) IsLoopback() bool {
	if m, ok := a.IPv4Mapped(); ok {
		return m.IsLoopback()
	}
	switch {
	case a.ip.Is4():
		return v4Loopback.contains(a.int())
	case a.ip.Is6():
		return a.int() == u128{lo: 1}
	}
	return false
}

// IsLinkLocal reports 169.254.0.0/16 or fe80::/10.
func (a Address) IsLinkLocal() bool {
	switch {
	case a.ip.Is4():
		return v4LinkLocal.contains(a.int())
	case a.ip.Is6():
		return v6LinkLocal.contains(a.int())
	}
	return false
}

// IsSiteLocal reports the deprecated IPv6 site-local block fec0::/10; it is
// false for every IPv4 address.
func (a Address) IsSiteLocal() bool {
	return a.ip.Is6() && v6SiteLocal.contains(a.int())
}

// IsUnspecified reports 0.0.0.0 or ::.
func (a Address) IsUnspecified() bool {
	return a.IsValid() && a.int().isZero()
}
