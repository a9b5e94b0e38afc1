package rtnl

// HardwareAddr is a link-layer address (IFLA_ADDRESS, NDA_LLADDR, ...),
// printed as ip prints one: bytes in two lower-case hex digits, colon
// separated; empty for none. It spares the package net, whose
// initialisation every start of a program would pay.
type HardwareAddr []byte

const hexDigits = "0123456789abcdef"

// String implements fmt.Stringer.
func (a HardwareAddr) String() string {
	if len(a) == 0 {
		return ""
	}
	b := make([]byte, 0, len(a)*3-1)
	for i, c := range a {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return string(b)
}
