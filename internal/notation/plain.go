package notation

import "github.com/gip-suite/gip/internal/format"

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
		return format.AppendString(b, it.net.NetworkAddress().String())
	}
	return format.AppendString(b, it.net.String())
}

func (*jsonNotation) close(b []byte, l *list) []byte {
	if l.count > 0 {
		b = append(b, '\n')
	}
	return append(b, "]\n"...)
}
