package ipaddress

import (
	"math/big"
	"math/bits"
	"net/netip"
)

// u128 is a 128-bit unsigned integer, the arithmetic form of an address.
// IPv4 addresses use the low 32 bits.
type u128 struct{ hi, lo uint64 }

func u128From(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{lo: uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])}
	}
	b := a.As16()
	return u128{
		hi: uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7]),
		lo: uint64(b[8])<<56 | uint64(b[9])<<48 | uint64(b[10])<<40 | uint64(b[11])<<32 |
			uint64(b[12])<<24 | uint64(b[13])<<16 | uint64(b[14])<<8 | uint64(b[15]),
	}
}

// addr converts u back to an address of the given bit length (32 or 128).
func (u u128) addr(bitLen int) netip.Addr {
	if bitLen == 32 {
		v := uint32(u.lo)
		return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	var b [16]byte
	for i := range 8 {
		b[i] = byte(u.hi >> (56 - 8*i))
		b[8+i] = byte(u.lo >> (56 - 8*i))
	}
	return netip.AddrFrom16(b)
}

func (u u128) and(v u128) u128 { return u128{u.hi & v.hi, u.lo & v.lo} }
func (u u128) or(v u128) u128  { return u128{u.hi | v.hi, u.lo | v.lo} }
func (u u128) xor(v u128) u128 { return u128{u.hi ^ v.hi, u.lo ^ v.lo} }
func (u u128) isZero() bool    { return u.hi == 0 && u.lo == 0 }

func (u u128) cmp(v u128) int {
	switch {
	case u.hi < v.hi:
		return -1
	case u.hi > v.hi:
		return 1
	case u.lo < v.lo:
		return -1
	case u.lo > v.lo:
		return 1
	}
	return 0
}

func (u u128) add(v u128) (sum u128, carry uint64) {
	lo, c := bits.Add64(u.lo, v.lo, 0)
	hi, c := bits.Add64(u.hi, v.hi, c)
	return u128{hi, lo}, c
}

func (u u128) sub(v u128) u128 {
	lo, b := bits.Sub64(u.lo, v.lo, 0)
	hi, _ := bits.Sub64(u.hi, v.hi, b)
	return u128{hi, lo}
}

func (u u128) addOne() (u128, bool) {
	s, c := u.add(u128{lo: 1})
	return s, c != 0
}

func (u u128) subOne() u128 { return u.sub(u128{lo: 1}) }

// shl shifts left by n (0..128).
func (u u128) shl(n uint) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{hi: u.lo << (n - 64)}
	case n == 0:
		return u
	}
	return u128{hi: u.hi<<n | u.lo>>(64-n), lo: u.lo << n}
}

// shr shifts right by n (0..128).
func (u u128) shr(n uint) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{lo: u.hi >> (n - 64)}
	case n == 0:
		return u
	}
	return u128{hi: u.hi >> n, lo: u.lo>>n | u.hi<<(64-n)}
}

// trailingZeros counts the zero bits at the low end; 128 for zero.
func (u u128) trailingZeros() int {
	if u.lo != 0 {
		return bits.TrailingZeros64(u.lo)
	}
	return 64 + bits.TrailingZeros64(u.hi)
}

// bitLen is the number of bits needed to represent u.
func (u u128) bitLen() int {
	if u.hi != 0 {
		return 64 + bits.Len64(u.hi)
	}
	return bits.Len64(u.lo)
}

// allOnes returns the value with the low n bits set (n in 0..128).
func allOnes(n int) u128 {
	if n <= 0 {
		return u128{}
	}
	return u128{hi: ^uint64(0), lo: ^uint64(0)}.shr(uint(128 - n))
}

// maskOf returns the netmask of a prefix of the given length for an
// address of bitLen bits, as an integer of that width.
func maskOf(bitLen, prefix int) u128 {
	return allOnes(bitLen).xor(allOnes(bitLen - prefix))
}

// Count is a number of addresses, from 0 up to and including 2^128 (the size
// of ::/0), so it is wider than any Go integer type. It is a comparable
// value; the zero Count is 0.
type Count struct {
	hi, lo uint64
	full   bool // the value is 2^128; hi and lo are then zero
}

// two128 is the decimal form of 2^128.
const two128 = "340282366920938463463374607431768211456"

// countPow2 returns 2^k for k in 0..128.
func countPow2(k int) Count {
	if k >= 128 {
		return Count{full: true}
	}
	v := u128{lo: 1}.shl(uint(k))
	return Count{hi: v.hi, lo: v.lo}
}

// Uint64 returns the count and true when it fits in a uint64, or 0 and
// false when it does not.
func (n Count) Uint64() (uint64, bool) {
	if n.full || n.hi != 0 {
		return 0, false
	}
	return n.lo, true
}

// Big returns the count as a new big.Int.
func (n Count) Big() *big.Int {
	if n.full {
		return new(big.Int).Lsh(big.NewInt(1), 128)
	}
	v := new(big.Int).SetUint64(n.hi)
	v.Lsh(v, 64)
	return v.Or(v, new(big.Int).SetUint64(n.lo))
}

// String returns the count in decimal.
func (n Count) String() string {
	return string(n.AppendTo(nil))
}

// AppendTo appends the decimal form of n to b.
func (n Count) AppendTo(b []byte) []byte {
	if n.full {
		return append(b, two128...)
	}
	if n.hi == 0 {
		return appendUint(b, n.lo)
	}
	// Peel off 19-digit chunks by dividing by 10^19.
	const chunk = 10000000000000000000
	var parts [3]uint64
	k := 0
	hi, lo := n.hi, n.lo
	for hi != 0 {
		qhi := hi / chunk
		qlo, r := bits.Div64(hi%chunk, lo, chunk)
		parts[k] = r
		k++
		hi, lo = qhi, qlo
	}
	b = appendUint(b, lo)
	for k > 0 {
		k--
		var buf [19]byte
		v := parts[k]
		for i := 18; i >= 0; i-- {
			buf[i] = byte('0' + v%10)
			v /= 10
		}
		b = append(b, buf[:]...)
	}
	return b
}

func appendUint(b []byte, v uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}
