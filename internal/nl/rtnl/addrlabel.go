package rtnl

import (
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// AddrLabelHdrLen is the size of struct ifaddrlblmsg.
const AddrLabelHdrLen = 12

// AddrLabel is one entry of the IPv6 address label table (RFC 6724), as
// RTM_NEWADDRLABEL carries it.
type AddrLabel struct {
	Family    uint8
	PrefixLen uint8
	Flags     uint8
	Index     int32 // the device it is bound to, 0 for any
	Seq       uint32

	// Addr is IFAL_ADDRESS: a 16-byte address, or the bytes of a
	// shorter one as a request may send them (Raw keeps those).
	Addr netip.Addr
	Raw  []byte
	// Label is IFAL_LABEL, when HasLabel.
	Label    uint32
	HasLabel bool
	Deleted  bool // RTM_DELADDRLABEL
}

// ParseAddrLabel decodes an RTM_NEWADDRLABEL or RTM_DELADDRLABEL
// message; the result does not alias m.
func ParseAddrLabel(m nl.Message) (*AddrLabel, error) {
	b := m.Data
	if len(b) < AddrLabelHdrLen {
		return nil, ErrShortHeader
	}
	a := &AddrLabel{
		Family:    b[0],
		PrefixLen: b[2],
		Flags:     b[3],
		Index:     int32(ne.Uint32(b[4:])),
		Seq:       ne.Uint32(b[8:]),
		Deleted:   m.Header.Type == unix.RTM_DELADDRLABEL,
	}
	d := nl.NewAttrDecoder(b[AddrLabelHdrLen:])
	for d.Next() {
		switch d.Type() {
		case unix.IFAL_ADDRESS:
			a.Raw = clone(d.Bytes())
			if d.Len() == 4 || d.Len() == 16 {
				a.Addr = d.Addr()
			}
		case unix.IFAL_LABEL:
			if d.Len() == 4 {
				a.Label, a.HasLabel = d.Uint32(), true
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// Message encodes a as a request of type typ with flags: the label, then
// the address (Raw if set, else Addr), in the order ip sends them.
func (a *AddrLabel) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	h := make([]byte, AddrLabelHdrLen)
	h[0], h[2], h[3] = a.Family, a.PrefixLen, a.Flags
	ne.PutUint32(h[4:], uint32(a.Index))
	ne.PutUint32(h[8:], a.Seq)
	e := nl.NewAttrEncoder(nil)
	if a.HasLabel {
		e.Uint32(unix.IFAL_LABEL, a.Label)
	}
	switch {
	case a.Raw != nil:
		e.Bytes(unix.IFAL_ADDRESS, a.Raw)
	case a.Addr.IsValid():
		e.Addr(unix.IFAL_ADDRESS, a.Addr)
	}
	return request(typ, flags, h, e)
}

// AddrLabels streams the label table of family (AF_INET6).
func AddrLabels(c *nl.Conn, family uint8) iter.Seq2[*AddrLabel, error] {
	return func(yield func(*AddrLabel, error) bool) {
		m, _ := (&AddrLabel{Family: family}).Message(unix.RTM_GETADDRLABEL, 0)
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != unix.RTM_NEWADDRLABEL && r.Header.Type != unix.RTM_DELADDRLABEL {
				continue
			}
			a, err := ParseAddrLabel(r)
			if !yield(a, err) || err != nil {
				return
			}
		}
	}
}
