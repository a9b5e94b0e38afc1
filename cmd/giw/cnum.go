package main

import "strings"

// cNumber reads s as C's strtol family does in base 10: leading white
// space, a sign, then the digits up to the first other byte. It returns
// the value (wrapped into 64 bits, negated for '-') and whether the whole
// string was used, which is how iw tells a number from a typo ("" counts
// as a number, 0, as with iw).
func cNumber(s string) (v int64, whole bool) {
	rest := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		v = v*10 + int64(rest[digits]-'0')
		digits++
	}
	if digits == 0 {
		// Nothing read: C leaves the end at the start of s.
		return 0, s == ""
	}
	if neg {
		v = -v
	}
	return v, digits == len(rest)
}

// cAtoi is C's atoi: the number s starts with, 0 when none.
func cAtoi(s string) int32 {
	v, _ := cNumber(s)
	return int32(v)
}
