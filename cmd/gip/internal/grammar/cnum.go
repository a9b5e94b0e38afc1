package grammar

import "math/bits"

// Strtoul is C's strtoul on s: the value, how many bytes it read (0 when
// none), and whether it overflowed. A sign is read; a minus negates the
// value modulo 2^64, as C does.
func Strtoul(s string, base int) (v uint64, n int, overflow bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	digit := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			return int(c-'A') + 10
		}
		return 99
	}
	hexPrefix := i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && digit(s[i+2]) < 16
	switch {
	case (base == 0 || base == 16) && hexPrefix:
		base = 16
		i += 2
	case base == 0 && i < len(s) && s[i] == '0':
		base = 8
	case base == 0:
		base = 10
	}
	start := i
	for ; i < len(s) && digit(s[i]) < base; i++ {
		hi, lo := bits.Mul64(v, uint64(base))
		lo, carry := bits.Add64(lo, uint64(digit(s[i])), 0)
		if hi != 0 || carry != 0 {
			overflow = true
		}
		v = lo
	}
	if i == start {
		return 0, 0, false
	}
	if overflow {
		return ^uint64(0), i, true
	}
	if neg {
		v = -v
	}
	return v, i, false
}

// CUint is iproute2's get_u8/get_u16/get_u32 (and get_unsigned): all of
// s a number in base (0: C's prefixes decide), at most max.
func CUint(s string, base int, max uint64) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	v, n, overflow := Strtoul(s, base)
	if n == 0 || n != len(s) || overflow || v > max {
		return 0, false
	}
	return v, true
}

// CInt is iproute2's get_integer and get_s32 with a base: all of s a
// number as C's strtol reads it (white space, a sign), within an int's 32
// bits.
func CInt(s string, base int) (int32, bool) {
	t := s
	for t != "" && (t[0] == ' ' || t[0] >= '\t' && t[0] <= '\r') {
		t = t[1:]
	}
	neg := t != "" && t[0] == '-'
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	if t == "" || t[0] == '+' || t[0] == '-' || t[0] == ' ' || t[0] >= '\t' && t[0] <= '\r' {
		return 0, false
	}
	limit := uint64(1<<31 - 1)
	if neg {
		limit++
	}
	v, ok := CUint(t, base, limit)
	if !ok {
		return 0, false
	}
	if neg {
		return int32(-int64(v)), true
	}
	return int32(v), true
}

// Atoi is C's atoi: Strtoul in base 10 with a sign, as an int of 32 bits;
// no digits read as 0.
func Atoi(s string) int {
	v, _, _ := Strtoul(s, 10)
	return int(int32(v))
}
