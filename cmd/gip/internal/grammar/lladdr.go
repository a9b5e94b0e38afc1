package grammar

import "strings"

// AppendLLAddr appends the link-layer address s ("02:00:00:00:00:0a": bytes
// in hex, one or more digits each, separated by colons) to dst. ok is false
// when s is not one; dst is then returned as it was. It allocates nothing
// when dst has room, so a batch line costs no garbage for its address.
func AppendLLAddr(dst []byte, s string) (out []byte, ok bool) {
	n := len(dst)
	v, digits := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ':' {
			if digits == 0 {
				return dst[:n], false
			}
			dst = append(dst, byte(v))
			v, digits = 0, 0
			continue
		}
		d, isHex := hexDigit(s[i])
		if !isHex {
			return dst[:n], false
		}
		v = v<<4 | int(d)
		digits++
		if v > 0xff {
			return dst[:n], false
		}
	}
	return dst, true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// LLAddrA2N reads s as iproute2's ll_addr_a2n does into a buffer of size
// bytes: a dotted IPv4 address is its four bytes; anything else is bytes
// separated by colons, each read as sscanf("%x") reads (white space, a
// sign, 0x, hex digits, the rest ignored) and at most 255. n is what the
// C function returns for the address: the bytes it read, one more than
// size when s has more than size of them. complaint, when not "", is the
// line iproute2 prints for a part it cannot read (n is then -1).
// The C function also cuts its argument at the first colon as it reads:
// LLAddrShown is what the argument prints as afterwards.
func LLAddrA2N(s string, size int) (b []byte, n int, complaint string) {
	if strings.Contains(s, ".") {
		a, ok := ParseIPv4(s)
		if !ok {
			return nil, -1, `"` + s + `" is invalid lladdr.`
		}
		v := a.As4()
		return v[:], 4, ""
	}
	for i := 0; i < size; i++ {
		part, rest, more := strings.Cut(s, ":")
		v, digits, _ := Strtoul(part, 16)
		if digits == 0 || v > 255 {
			return nil, -1, `"` + part + `" is invalid lladdr.`
		}
		b = append(b, byte(v))
		if !more {
			return b, i + 1, ""
		}
		s = rest
	}
	return b, size + 1, ""
}

// LLAddrShown is what an argument ll_addr_a2n has read prints as
// afterwards: cut at its first colon.
func LLAddrShown(s string) string {
	if strings.Contains(s, ".") {
		return s
	}
	first, _, _ := strings.Cut(s, ":")
	return first
}

// ScanMAC reads six hexadecimal bytes separated by colons as C's
// sscanf("%hhx:%hhx:%hhx:%hhx:%hhx:%hhx") does (bridge fdb get, tc's
// skbmod): each number as strtoul reads it in base 16 (saturated on
// overflow), kept modulo 256; what follows the sixth is ignored.
func ScanMAC(s string) (m [6]byte, ok bool) {
	for i := range m {
		if i > 0 {
			var found bool
			if s, found = strings.CutPrefix(s, ":"); !found {
				return m, false
			}
		}
		v, n, _ := Strtoul(s, 16)
		if n == 0 {
			return m, false
		}
		m[i], s = byte(v), s[n:]
	}
	return m, true
}
