package qdisc

import "math"

// cStrtoul reads s as tc's get_unsigned, get_u8, get_u16 and get_u32 do
// with C's strtoul: leading white space, an optional sign, digits of base
// (0: decimal, 0x hexadecimal or 0 octal; 16 also takes 0x), nothing
// after them, and a value of at most max. A minus sign negates modulo
// 2⁶⁴, as strtoul does, so only "-0" passes.
func cStrtoul(s string, base int, max uint64) (uint64, bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') &&
		digitValue(s[i+2]) < 16 {
		i += 2
		base = 16
	} else if base == 0 {
		base = 10
		if i < len(s) && s[i] == '0' {
			base = 8
		}
	}
	start := i
	var v uint64
	overflow := false
	for ; i < len(s); i++ {
		d := digitValue(s[i])
		if d >= base {
			break
		}
		if v > (math.MaxUint64-uint64(d))/uint64(base) {
			overflow = true
		}
		v = v*uint64(base) + uint64(d)
	}
	if i == start || i != len(s) || overflow {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, v <= max
}

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

// digitValue is c's value as a digit of any base up to 36 (99 for none).
func digitValue(c byte) int {
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
