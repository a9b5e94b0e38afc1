package grammar

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
