package ipaddress

import (
	"errors"
	"fmt"
	"iter"
	"net/netip"
	"strconv"
)

// Errors of network operations other than parsing. The errors returned wrap
// one of these and carry CPython's message.
var (
	// ErrVersionMismatch: the operation mixes IPv4 and IPv6.
	ErrVersionMismatch = errors.New("IP versions differ")
	// ErrPrefixLength: a requested prefix length is out of range.
	ErrPrefixLength = errors.New("invalid prefix length")
	// ErrNotContained: an exclusion lies outside the network.
	ErrNotContained = errors.New("network not contained")
	// ErrRange: a range's last address precedes its first.
	ErrRange = errors.New("invalid address range")
	// ErrUnsorted: a streaming operation received input out of order.
	ErrUnsorted = errors.New("input not sorted")
)

// opError is a failed operation: CPython's message, and its kind.
type opError struct {
	msg  string
	kind error
}

func (e *opError) Error() string { return e.msg }
func (e *opError) Unwrap() error { return e.kind }

func versionError(a, b fmt.Stringer) error {
	return &opError{a.String() + " and " + b.String() + " are not of the same version", ErrVersionMismatch}
}

// Network is an IPv4 or IPv6 network, CPython's IPv4Network or IPv6Network:
// an address with no bits set after the prefix, and the prefix length. The
// zero Network is invalid; Networks are comparable with ==. An IPv6 network
// address may keep the zone it was written with ("fe80::%eth0/64"); results
// of arithmetic (subnets, supernets, collapsing) carry no zone.
type Network struct {
	addr netip.Addr
	bits uint8
}

// ParseNetwork parses ADDR, ADDR/LEN, or for IPv4 also ADDR/NETMASK and
// ADDR/HOSTMASK, the way CPython's ipaddress.ip_network(s, strict) does.
// Without a mask the network is a single address (/32 or /128). LEN is ASCII
// digits, leading zeros allowed. A dotted mask is read as a netmask if it can
// be one (so /0.0.0.0 is /0 and /255.255.255.255 is /32), else as a hostmask.
// With strict, an address with bits set after the prefix is an error
// wrapping ErrHostBitsSet; without it those bits are cleared (and a zone
// dropped, as CPython does). Other errors wrap ErrInvalidAddress or
// ErrInvalidNetmask; all are *ParseError.
func ParseNetwork(s string, strict bool) (Network, error) {
	n, err := parseNetwork(s, strict)
	if err != nil {
		return Network{}, err
	}
	return n, nil
}

// ParseNetworkBytes is ParseNetwork for a byte slice; it does not keep b and,
// for valid input without a zone, does not allocate.
func ParseNetworkBytes(b []byte, strict bool) (Network, error) {
	n, err := parseNetwork(b, strict)
	if err != nil {
		return Network{}, err
	}
	return n, nil
}

// MustParseNetwork is a strict ParseNetwork for constants; it panics on
// error.
func MustParseNetwork(s string) Network {
	n, err := ParseNetwork(s, true)
	if err != nil {
		panic(err)
	}
	return n
}

// NetworkFromPrefix converts a netip.Prefix, clearing host bits. An invalid
// prefix gives the zero Network.
func NetworkFromPrefix(p netip.Prefix) Network {
	if !p.IsValid() {
		return Network{}
	}
	return Network{addr: maskAddr(p.Addr(), p.Bits()), bits: uint8(p.Bits())}
}

// networkOf builds a network from an integer address of the given width.
func networkOf(v u128, bitLen, bits int) Network {
	return Network{addr: v.addr(bitLen), bits: uint8(bits)}
}

// Prefix returns the network as a netip.Prefix, without zone.
func (n Network) Prefix() netip.Prefix {
	return netip.PrefixFrom(n.addr.WithZone(""), int(n.bits))
}

// IsValid reports whether n is a network rather than the zero Network.
func (n Network) IsValid() bool { return n.addr.IsValid() }

// Version is 4 or 6, or 0 for the zero Network.
func (n Network) Version() int { return Address{n.addr}.Version() }

// MaxPrefixLen is 32 or 128 (0 for the zero Network).
func (n Network) MaxPrefixLen() int { return n.addr.BitLen() }

// PrefixLen is the prefix length.
func (n Network) PrefixLen() int { return int(n.bits) }

func (n Network) first() u128 { return u128From(n.addr) }

func (n Network) last() u128 {
	return u128From(n.addr).or(allOnes(n.addr.BitLen() - int(n.bits)))
}

// NetworkAddress is the first address, with the zone if the network has one.
func (n Network) NetworkAddress() Address { return Address{n.addr} }

// BroadcastAddress is the last address (for IPv6 too, as in CPython), with no
// zone.
func (n Network) BroadcastAddress() Address {
	if !n.IsValid() {
		return Address{}
	}
	return Address{n.last().addr(n.addr.BitLen())}
}

// Netmask is the mask as an address: 255.255.255.0 for a /24.
func (n Network) Netmask() Address {
	if !n.IsValid() {
		return Address{}
	}
	bl := n.addr.BitLen()
	return Address{maskOf(bl, int(n.bits)).addr(bl)}
}

// Hostmask is the inverted mask (Cisco's wildcard): 0.0.0.255 for a /24.
func (n Network) Hostmask() Address {
	if !n.IsValid() {
		return Address{}
	}
	bl := n.addr.BitLen()
	return Address{allOnes(bl - int(n.bits)).addr(bl)}
}

// NumAddresses is the number of addresses, up to 2^128 for ::/0.
func (n Network) NumAddresses() Count {
	if !n.IsValid() {
		return Count{}
	}
	return countPow2(n.addr.BitLen() - int(n.bits))
}

// NumHosts is the number of addresses Hosts yields: for IPv4 all but the
// network and broadcast addresses, except that a /31 has 2 and a /32 has 1;
// for IPv6 all but the Subnet-Router anycast (first) address, except that a
// /127 has 2 and a /128 has 1.
func (n Network) NumHosts() Count {
	if !n.IsValid() {
		return Count{}
	}
	hostBits := n.addr.BitLen() - int(n.bits)
	switch hostBits {
	case 0:
		return Count{lo: 1}
	case 1:
		return Count{lo: 2}
	}
	less := uint64(2)
	if n.addr.Is6() {
		less = 1
	}
	if hostBits == 128 {
		all := allOnes(128) // 2^128 - 1
		v := all.sub(u128{lo: less - 1})
		return Count{hi: v.hi, lo: v.lo}
	}
	v := u128{lo: 1}.shl(uint(hostBits)).sub(u128{lo: less})
	return Count{hi: v.hi, lo: v.lo}
}

// String is the network in CIDR form: "192.0.2.0/24", "2001:db8::/32".
func (n Network) String() string {
	if !n.IsValid() {
		return "invalid Network"
	}
	return string(n.AppendTo(make([]byte, 0, 48)))
}

// AppendTo appends the CIDR form of n to b.
func (n Network) AppendTo(b []byte) []byte {
	b = n.addr.AppendTo(b)
	b = append(b, '/')
	return strconv.AppendUint(b, uint64(n.bits), 10)
}

// Compressed is String, under CPython's name.
func (n Network) Compressed() string { return n.String() }

// WithPrefixLen is String, under CPython's name with_prefixlen.
func (n Network) WithPrefixLen() string { return n.String() }

// WithNetmask is "192.0.2.0/255.255.255.0" (IPv6 "2001:db8::/ffff:ffff::").
func (n Network) WithNetmask() string {
	return n.addr.String() + "/" + n.Netmask().String()
}

// WithHostmask is "192.0.2.0/0.0.0.255".
func (n Network) WithHostmask() string {
	return n.addr.String() + "/" + n.Hostmask().String()
}

// Exploded is the long form with the prefix: "2001:0db8:0000:...:0000/32".
// Unlike an Address, an IPv4-mapped network is shown in hex throughout, as
// CPython does; a zone is left out.
func (n Network) Exploded() string {
	if n.addr.Is4() {
		return n.String()
	}
	return explodedHex(u128From(n.addr)) + "/" + strconv.Itoa(int(n.bits))
}

// Contains reports whether the address lies in the network (zones are
// ignored; an address of the other family is never contained).
func (n Network) Contains(a Address) bool {
	if !n.IsValid() || n.addr.BitLen() != a.ip.BitLen() {
		return false
	}
	bl := n.addr.BitLen()
	return a.int().and(maskOf(bl, int(n.bits))) == n.first()
}

// Overlaps reports whether the networks share any address. Networks of
// different families never overlap.
func (n Network) Overlaps(o Network) bool {
	if !n.IsValid() || n.addr.BitLen() != o.addr.BitLen() {
		return false
	}
	return n.first().cmp(o.last()) <= 0 && o.first().cmp(n.last()) <= 0
}

// SubnetOf reports whether n lies within o (a network is a subnet of
// itself). Networks of different families give false.
func (n Network) SubnetOf(o Network) bool {
	if !n.IsValid() || n.addr.BitLen() != o.addr.BitLen() {
		return false
	}
	return o.bits <= n.bits && o.first().cmp(n.first()) <= 0 && n.last().cmp(o.last()) <= 0
}

// SupernetOf reports whether o lies within n.
func (n Network) SupernetOf(o Network) bool { return o.SubnetOf(n) }

// Compare orders networks as CPython sorts them with mixed versions: IPv4
// first, then by network address, then by prefix length (shorter first),
// then by zone. It returns -1, 0 or +1.
func (n Network) Compare(o Network) int {
	if c := n.addr.WithZone("").Compare(o.addr.WithZone("")); c != 0 {
		return c
	}
	switch {
	case n.bits < o.bits:
		return -1
	case n.bits > o.bits:
		return 1
	}
	return n.addr.Compare(o.addr)
}

// Addresses yields every address of the network in order, network and
// broadcast included; a zone is not carried over. It never builds a list, so
// ranging over a /8 or an IPv6 /32 costs only the time of the iteration.
func (n Network) Addresses() iter.Seq[Address] {
	return addressRange(n.first(), n.last(), n.addr.BitLen(), n.IsValid())
}

func addressRange(first, last u128, bitLen int, ok bool) iter.Seq[Address] {
	return func(yield func(Address) bool) {
		if !ok {
			return
		}
		for v := first; ; {
			if !yield(Address{v.addr(bitLen)}) {
				return
			}
			if v == last {
				return
			}
			v, _ = v.addOne()
		}
	}
}

// Hosts yields the usable host addresses, CPython's hosts(): see NumHosts
// for which they are. A /32 or /128 yields its address with its zone.
// Nothing is materialised.
func (n Network) Hosts() iter.Seq[Address] {
	if !n.IsValid() {
		return addressRange(u128{}, u128{}, 0, false)
	}
	hostBits := n.addr.BitLen() - int(n.bits)
	switch hostBits {
	case 0:
		return func(yield func(Address) bool) { yield(Address{n.addr}) }
	case 1:
		return n.Addresses()
	}
	first, _ := n.first().addOne()
	last := n.last()
	if n.addr.Is4() {
		last = last.subOne()
	}
	return addressRange(first, last, n.addr.BitLen(), true)
}

// Subnets yields the subnets of prefix length newPrefix, in order, like
// CPython's subnets(new_prefix=newPrefix). A /32 or /128 yields only itself
// whatever newPrefix is. newPrefix shorter than n's or longer than the family
// allows is an error wrapping ErrPrefixLength. Subnets are generated as they
// are consumed.
func (n Network) Subnets(newPrefix int) (iter.Seq[Network], error) {
	bl := n.addr.BitLen()
	if !n.IsValid() {
		return nil, &opError{"invalid network", ErrPrefixLength}
	}
	if int(n.bits) == bl {
		return func(yield func(Network) bool) { yield(n) }, nil
	}
	if newPrefix < int(n.bits) {
		return nil, &opError{"new prefix must be longer", ErrPrefixLength}
	}
	if newPrefix > bl {
		return nil, &opError{"prefix length diff " + strconv.Itoa(newPrefix) + " is invalid for netblock " + n.String(), ErrPrefixLength}
	}
	first, last := n.first(), n.last()
	step := u128{lo: 1}.shl(uint(bl - newPrefix))
	return func(yield func(Network) bool) {
		for v := first; ; {
			if !yield(networkOf(v, bl, newPrefix)) {
				return
			}
			end := v.or(step.subOne())
			if end == last {
				return
			}
			v, _ = end.addOne()
		}
	}, nil
}

// Supernet returns the network of prefix length newPrefix containing n, like
// CPython's supernet(new_prefix=newPrefix). A /0 returns itself. newPrefix
// longer than n's, or negative, is an error wrapping ErrPrefixLength.
func (n Network) Supernet(newPrefix int) (Network, error) {
	if !n.IsValid() {
		return Network{}, &opError{"invalid network", ErrPrefixLength}
	}
	if n.bits == 0 {
		return n, nil
	}
	if newPrefix > int(n.bits) {
		return Network{}, &opError{"new prefix must be shorter", ErrPrefixLength}
	}
	if newPrefix < 0 {
		return Network{}, &opError{"current prefixlen is " + strconv.Itoa(int(n.bits)) +
			", cannot have a prefixlen_diff of " + strconv.Itoa(int(n.bits)-newPrefix), ErrPrefixLength}
	}
	bl := n.addr.BitLen()
	return networkOf(n.first().and(maskOf(bl, newPrefix)), bl, newPrefix), nil
}

// AddressExclude yields n with o removed, as the fewest networks, in
// CPython's order: halving n, each time yielding the half that does not hold
// o (so the largest block comes first). n == o yields nothing. o of the other
// family (ErrVersionMismatch) or not within n (ErrNotContained) is an error.
func (n Network) AddressExclude(o Network) (iter.Seq[Network], error) {
	if n.addr.BitLen() != o.addr.BitLen() {
		return nil, versionError(n, o)
	}
	if !o.SubnetOf(n) {
		return nil, &opError{o.String() + " not contained in " + n.String(), ErrNotContained}
	}
	bl := n.addr.BitLen()
	target := o.first()
	return func(yield func(Network) bool) {
		cur := n.first()
		for bits := int(n.bits) + 1; bits <= int(o.bits); bits++ {
			half := u128{lo: 1}.shl(uint(bl - bits))
			low, high := cur, cur.or(half)
			if target.cmp(high) >= 0 {
				if !yield(networkOf(low, bl, bits)) {
					return
				}
				cur = high
			} else {
				if !yield(networkOf(high, bl, bits)) {
					return
				}
				cur = low
			}
		}
	}, nil
}

// IsPrivate reports whether the whole network lies in one not-globally-
// reachable block and touches none of the exceptions at its ends (CPython's
// test on the network and broadcast addresses).
func (n Network) IsPrivate() bool {
	if !n.IsValid() {
		return false
	}
	in, except := notGlobalTables(n.addr.Is6())
	first, last := n.first(), n.last()
	for _, b := range except {
		if b.contains(first) || b.contains(last) {
			return false
		}
	}
	for _, b := range in {
		if b.contains(first) && b.contains(last) {
			return true
		}
	}
	return false
}

// IsGlobal is !IsPrivate, except that an IPv4 network inside 100.64.0.0/10
// is not global either.
func (n Network) IsGlobal() bool {
	if !n.IsValid() {
		return false
	}
	if n.addr.Is4() && v4Shared.contains(n.first()) && v4Shared.contains(n.last()) {
		return false
	}
	return !n.IsPrivate()
}

func (n Network) both(f func(Address) bool) bool {
	return n.IsValid() && f(n.NetworkAddress()) && f(n.BroadcastAddress())
}

// IsReserved reports whether network and broadcast addresses are reserved.
func (n Network) IsReserved() bool { return n.both(Address.IsReserved) }

// IsMulticast reports whether network and broadcast addresses are multicast.
func (n Network) IsMulticast() bool { return n.both(Address.IsMulticast) }

// IsLoopback reports whether network and broadcast addresses are loopback.
func (n Network) IsLoopback() bool { return n.both(Address.IsLoopback) }

// IsLinkLocal reports whether network and broadcast addresses are link-local.
func (n Network) IsLinkLocal() bool { return n.both(Address.IsLinkLocal) }

// IsSiteLocal reports whether network and broadcast addresses are site-local.
func (n Network) IsSiteLocal() bool { return n.both(Address.IsSiteLocal) }

// IsUnspecified reports whether the network is exactly 0.0.0.0/32 or ::/128.
func (n Network) IsUnspecified() bool { return n.both(Address.IsUnspecified) }
