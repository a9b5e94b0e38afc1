package main

import "strings"

// compareMembers orders two printed members the way ipset -s does: runs
// of hexadecimal digits compare as numbers, other tokens (protocols,
// interface and set names) by length and then by bytes, a /cidr after an
// equal address sorts the longer prefix first, and a network after the
// same plain address. skip is the length of a prefix common to every line
// ("add NAME " in save mode, "<member><elem>" in XML).
func compareMembers(a, b string, skip int) int {
	a, b = a[min(skip, len(a)):], b[min(skip, len(b)):]
	neg := 1
	for a != "" && b != "" {
		n1, r1, ok1 := strtolHex(a)
		n2, r2, ok2 := strtolHex(b)
		if !ok1 || !ok2 {
			t1 := strings.IndexAny(a, ":,")
			if t1 < 0 {
				t1 = len(a)
			}
			t2 := strings.IndexAny(b, ":,")
			if t2 < 0 {
				t2 = len(b)
			}
			if t1 == 0 && t2 == 0 {
				return strings.Compare(a, b)
			}
			if t1 != t2 {
				if t1 < t2 {
					return -1
				}
				return 1
			}
			if c := strings.Compare(a[:t1], b[:t1]); c != 0 {
				return c
			}
			a, b = a[min(t1+1, len(a)):], b[min(t1+1, len(b)):]
			neg = 1
			continue
		}
		if n1 != n2 {
			// The difference is taken as a C int: its sign decides.
			if d := int32(n1 - n2); d != 0 {
				return neg * sign(int64(d))
			}
			return 0
		}
		s1, s2 := byte(0), byte(0)
		if r1 != "" {
			s1 = r1[0]
		}
		if r2 != "" {
			s2 = r2[0]
		}
		if s1 == '/' || s2 == '/' {
			switch {
			case s1 == s2:
				neg = -1
			case s1 == '/':
				return 1
			default:
				return -1
			}
		}
		if r1 == "" || r2 == "" {
			// A number ends one line: the longer line sorts after.
			switch {
			case r1 == "" && r2 == "":
				return 0
			case r1 == "":
				return -1
			}
			return 1
		}
		a, b = r1[1:], r2[1:]
		if (a != "" && a[0] == ':') || (b != "" && b[0] == ':') {
			switch {
			case a != "" && b != "" && a[0] == b[0]:
				a, b = a[1:], b[1:]
			case a != "" && a[0] == ':':
				return -1
			default:
				return 1
			}
		}
	}
	switch {
	case a != "":
		return 1
	case b != "":
		return -1
	}
	return 0
}

func sign(v int64) int {
	if v < 0 {
		return -1
	}
	return 1
}

// strtolHex reads a number at the start of s as strtol(s, &end, 16) does:
// leading blanks, an optional sign, an optional 0x, hex digits. ok is
// false when no digit was read (end == s in C).
func strtolHex(s string) (int64, string, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	negative := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		negative = s[i] == '-'
		i++
	}
	if i+2 < len(s)+1 && i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && i+2 < len(s) && isHex(s[i+2]) {
		i += 2
	}
	start := i
	var v int64
	overflow := false
	for i < len(s) && isHex(s[i]) {
		d := hexVal(s[i])
		if v > (1<<63-1-int64(d))/16 {
			overflow = true
		} else {
			v = v*16 + int64(d)
		}
		i++
	}
	if i == start {
		return 0, s, false
	}
	if overflow {
		v = 1<<63 - 1
		if negative {
			return -v - 1, s[i:], true
		}
		return v, s[i:], true
	}
	if negative {
		v = -v
	}
	return v, s[i:], true
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
