package rtnl

import (
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Token is a device's IPv6 tokenized interface identifier: the low 64
// bits SLAAC uses in place of an identifier derived from the hardware
// address. An AF_INET6 link dump carries it in IFLA_PROTINFO /
// IFLA_INET6_TOKEN; RTM_SETLINK sets it in IFLA_AF_SPEC / AF_INET6 /
// IFLA_INET6_TOKEN.
type Token struct {
	Index int32
	Flags uint32 // the device's IFF_ flags (of a dump)
	Name  string // the device's name (of a dump), "" in a request

	// Token is the identifier, invalid when the message carries none
	// or one that is not 16 bytes; Raw is the attribute's bytes as they
	// are (a request may send fewer), nil when there is none.
	Token netip.Addr
	Raw   []byte
}

// ParseToken decodes an AF_INET6 RTM_NEWLINK (a dump's IFLA_PROTINFO) or
// an RTM_SETLINK request (IFLA_AF_SPEC); the result does not alias m.
func ParseToken(m nl.Message) (*Token, error) {
	b := m.Data
	if len(b) < IfInfoLen {
		return nil, ErrShortHeader
	}
	t := &Token{Index: int32(ne.Uint32(b[4:])), Flags: ne.Uint32(b[8:])}
	inet6 := func(d *nl.AttrDecoder) {
		for d.Next() {
			if d.Type() == unix.IFLA_INET6_TOKEN {
				t.Raw = clone(d.Bytes())
				if d.Len() == 16 {
					t.Token = d.Addr()
				}
			}
		}
	}
	d := nl.NewAttrDecoder(b[IfInfoLen:])
	for d.Next() {
		switch d.Type() {
		case unix.IFLA_IFNAME:
			t.Name = d.String()
		case unix.IFLA_PROTINFO:
			n := d.Nested()
			inet6(&n)
			if err := n.Err(); err != nil {
				return nil, err
			}
		case unix.IFLA_AF_SPEC:
			families := d.Nested()
			for families.Next() {
				if families.Type() == unix.AF_INET6 {
					n := families.Nested()
					inet6(&n)
					if err := n.Err(); err != nil {
						return nil, err
					}
				}
			}
			if err := families.Err(); err != nil {
				return nil, err
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// Message is the RTM_SETLINK request that sets t's token (Raw if set,
// else Token; all zeros removes it) on device t.Index.
func (t *Token) Message() (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(unix.IFLA_AF_SPEC)
	e.Nest(unix.AF_INET6)
	if t.Raw != nil {
		e.Bytes(unix.IFLA_INET6_TOKEN, t.Raw)
	} else if t.Token.IsValid() {
		e.Addr(unix.IFLA_INET6_TOKEN, t.Token)
	}
	e.Unnest()
	e.Unnest()
	return request(unix.RTM_SETLINK, 0, ifInfo(unix.AF_INET6, t.Index, t.Flags, 0), e)
}

// Tokens streams the tokens of every device that has IPv6.
func Tokens(c *nl.Conn) iter.Seq2[*Token, error] {
	return func(yield func(*Token, error) bool) {
		for m, err := range c.Dump(LinkDumpRequest(unix.AF_INET6, 0)) {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Type != unix.RTM_NEWLINK {
				continue
			}
			t, err := ParseToken(m)
			if !yield(t, err) || err != nil {
				return
			}
		}
	}
}
