package notation

import "unicode/utf8"

// plainNotation is CIDR, one network a line; bare addresses stay bare.
type plainNotation struct{}

func (plainNotation) open(b []byte, _ *list) []byte  { return b }
func (plainNotation) close(b []byte, _ *list) []byte { return b }
func (plainNotation) entry(b []byte, _ *list, it item) []byte {
	if it.bare {
		b = it.net.NetworkAddress().AppendTo(b)
	} else {
		b = it.net.AppendTo(b)
	}
	return append(b, '\n')
}

// netmaskNotation is "10.0.0.0/255.255.255.0".
type netmaskNotation struct{ plainNotation }

func (netmaskNotation) entry(b []byte, _ *list, it item) []byte {
	return append(append(b, it.net.WithNetmask()...), '\n')
}

// hostmaskNotation is "10.0.0.0/0.0.0.255".
type hostmaskNotation struct{ plainNotation }

func (hostmaskNotation) entry(b []byte, _ *list, it item) []byte {
	return append(append(b, it.net.WithHostmask()...), '\n')
}

// jsonNotation is an array of strings; bare addresses stay bare.
type jsonNotation struct{}

func (*jsonNotation) open(b []byte, _ *list) []byte { return append(b, '[') }

func (*jsonNotation) entry(b []byte, l *list, it item) []byte {
	if l.count > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n  "...)
	if it.bare {
		return AppendJSONString(b, it.net.NetworkAddress().String())
	}
	return AppendJSONString(b, it.net.String())
}

func (*jsonNotation) close(b []byte, l *list) []byte {
	if l.count > 0 {
		b = append(b, '\n')
	}
	return append(b, "]\n"...)
}

// AppendJSONString appends s as a JSON string literal; invalid UTF-8
// becomes U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, hex[c>>4], hex[c&15])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}
