package ipaddress

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The three kinds of parse failure. A *ParseError wraps exactly one of them,
// so callers tell them apart with errors.Is.
var (
	// ErrInvalidAddress: the address part is not an IPv4 or IPv6 address.
	ErrInvalidAddress = errors.New("invalid IP address")
	// ErrInvalidNetmask: the part after '/' is not a prefix length, netmask
	// or hostmask valid for the address family.
	ErrInvalidNetmask = errors.New("invalid netmask")
	// ErrHostBitsSet: a strict network parse found bits set after the prefix.
	ErrHostBitsSet = errors.New("host bits set")
)

// What a parse was asked to produce; it shapes ParseError's message.
type parseTarget uint8

const (
	targetAddress parseTarget = iota
	targetNetwork
	targetInterface
)

func (t parseTarget) String() string {
	switch t {
	case targetNetwork:
		return "network"
	case targetInterface:
		return "interface"
	}
	return "address"
}

// ParseError describes text that did not parse.
//
// Error returns the message Python's ipaddress gives at module level:
// "'10.0.0.256/24' does not appear to be an IPv4 or IPv6 network", or, for a
// strict network with host bits, "10.0.0.1/24 has host bits set". Detail
// holds the family-specific reason Python's IPv4/IPv6 classes give, such as
// "Octet 256 (> 255) not permitted in '10.0.0.256'".
type ParseError struct {
	Input  string // the text given to the parser
	Kind   error  // ErrInvalidAddress, ErrInvalidNetmask or ErrHostBitsSet
	Detail string // the family-specific reason
	target parseTarget
}

func (e *ParseError) Error() string {
	if e.Kind == ErrHostBitsSet {
		return e.Detail
	}
	return pyRepr(e.Input) + " does not appear to be an IPv4 or IPv6 " + e.target.String()
}

// Unwrap returns the error's kind.
func (e *ParseError) Unwrap() error { return e.Kind }

// detail is a family-specific parse failure before it is tied to an input.
type detail struct {
	kind error
	msg  string
}

func addrFail(format string, args ...any) *detail {
	return &detail{ErrInvalidAddress, fmt.Sprintf(format, args...)}
}

func (d *detail) toError(input string, t parseTarget) *ParseError {
	return &ParseError{Input: input, Kind: d.kind, Detail: d.msg, target: t}
}

// pyRepr quotes s the way Python's repr() quotes a str, so that messages
// match the reference implementation character for character.
func pyRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\' || r == rune(quote):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += size
	}
	b.WriteByte(quote)
	return b.String()
}
