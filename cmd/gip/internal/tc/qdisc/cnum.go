package qdisc

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

// cStrtoul reads s as tc's get_unsigned, get_u8, get_u16 and get_u32 do
// with C's strtoul: leading white space, an optional sign, digits of base
// (0: decimal, 0x hexadecimal or 0 octal; 16 also takes 0x), nothing
// after them, and a value of at most max. A minus sign negates modulo
// 2⁶⁴, as strtoul does, so only "-0" passes.
func cStrtoul(s string, base int, max uint64) (uint64, bool) { return grammar.CUint(s, base, max) }

// cStrtol reads s as C's strtol with base 10 does, as cake reads its
// overhead and mpu: the value, and whether nothing follows it. An empty
// string reads as 0 with nothing after it, as in C; out-of-range values
// are clamped to the int64 range.
func cStrtol(s string) (int64, bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var v uint64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if v <= math.MaxInt64 {
			v = v*10 + uint64(s[i]-'0')
		}
	}
	if i == start {
		// No digits: strtol reads nothing and points at the start.
		return 0, s == ""
	}
	switch {
	case neg && v > math.MaxInt64:
		return math.MinInt64, i == len(s)
	case neg:
		return -int64(v), i == len(s)
	case v > math.MaxInt64:
		return math.MaxInt64, i == len(s)
	}
	return int64(v), i == len(s)
}

func isCSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
