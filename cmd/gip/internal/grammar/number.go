package grammar

import (
	"strconv"
	"strings"
)

// ParseCUint reads a number as C's strtoul with base 0 does (decimal, 0x
// hex, 0 octal), limited to bits.
func ParseCUint(s string, bits int) (uint64, bool) {
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 0, bits)
	if err != nil || strings.ContainsRune(s, '_') {
		return 0, false
	}
	return v, true
}

// ParseTimeRTT is get_time_rtt: a number of ms ("raw" without a unit, in
// the kernel's own unit) or with s/sec/secs/ms/msec/msecs.
func ParseTimeRTT(s string) (v uint32, raw bool, ok bool) {
	num := s
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == 'x' || s[i] == 'X' ||
		(i > 1 && (s[0:2] == "0x" || s[0:2] == "0X") && strings.IndexByte("abcdefABCDEF", s[i]) >= 0)) {
		i++
	}
	num, unit := s[:i], s[i:]
	if num == "" {
		return 0, false, false
	}
	var t float64
	if strings.IndexByte(num, '.') >= 0 {
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f < 0 {
			return 0, false, false
		}
		t = f
	} else {
		n, ok := ParseCUint(num, 32)
		if !ok {
			return 0, false, false
		}
		t = float64(n)
	}
	raw = unit == ""
	switch strings.ToLower(unit) {
	case "":
	case "s", "sec", "secs":
		t *= 1000
	case "ms", "msec", "msecs":
	default:
		return 0, false, false
	}
	if t > float64(^uint32(0)) {
		return 0, false, false
	}
	v = uint32(t)
	if float64(v) < t {
		v++
	}
	return v, raw, true
}
