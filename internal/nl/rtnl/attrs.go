package rtnl

import (
	"encoding/binary"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// Attr is one request attribute: a value already in wire form, or a nest of
// further attributes. Link kinds describe their IFLA_INFO_DATA as a list of
// Attr so that every kind shares one encoder.
type Attr struct {
	Type   uint16
	Data   []byte
	Nested []Attr
	IsNest bool
}

// U8 and friends build attributes of one value each.
func U8(t uint16, v uint8) Attr { return Attr{Type: t, Data: []byte{v}} }

// U16 is a host-order 16-bit attribute.
func U16(t uint16, v uint16) Attr { return Attr{Type: t, Data: ne.AppendUint16(nil, v)} }

// BE16 is a network-order 16-bit attribute (ports, vlan protocols).
func BE16(t uint16, v uint16) Attr { return Attr{Type: t, Data: binary.BigEndian.AppendUint16(nil, v)} }

// U32 is a host-order 32-bit attribute.
func U32(t uint16, v uint32) Attr { return Attr{Type: t, Data: ne.AppendUint32(nil, v)} }

// BE32 is a network-order 32-bit attribute (vxlan/geneve labels, keys).
func BE32(t uint16, v uint32) Attr { return Attr{Type: t, Data: binary.BigEndian.AppendUint32(nil, v)} }

// U64 is a host-order 64-bit attribute.
func U64(t uint16, v uint64) Attr { return Attr{Type: t, Data: ne.AppendUint64(nil, v)} }

// Str is a NUL-terminated string attribute.
func Str(t uint16, s string) Attr { return Attr{Type: t, Data: append([]byte(s), 0)} }

// Flag is an attribute without payload.
func Flag(t uint16) Attr { return Attr{Type: t} }

// Bytes is a raw payload.
func Bytes(t uint16, b []byte) Attr { return Attr{Type: t, Data: b} }

// IP is a 4- or 16-byte address attribute.
func IP(t uint16, a netip.Addr) Attr {
	b := a.AsSlice()
	return Attr{Type: t, Data: b}
}

// Nest groups attributes under t.
func Nest(t uint16, a ...Attr) Attr { return Attr{Type: t, Nested: a, IsNest: true} }

func encodeAttrs(e *nl.AttrEncoder, as []Attr) {
	for _, a := range as {
		if a.IsNest {
			e.Nest(a.Type)
			encodeAttrs(e, a.Nested)
			e.Unnest()
			continue
		}
		e.Bytes(a.Type, a.Data)
	}
}

// EncodeAttrs returns the attributes d encodes, one Attr each, for
// requests that carry options outside IFLA_LINKINFO (a bridge port's
// IFLA_PROTINFO).
func EncodeAttrs(d LinkData) []Attr {
	e := nl.NewAttrEncoder(nil)
	d.Encode(e)
	b, err := e.Encode()
	if err != nil {
		return nil
	}
	var out []Attr
	dec := nl.NewAttrDecoder(b)
	for dec.Next() {
		out = append(out, Attr{Type: dec.RawType(), Data: clone(dec.Bytes())})
	}
	return out
}

// AttrTable is a decoded set of attributes by type, for the kinds whose
// data is printed field by field. Values alias the decoded buffer.
type AttrTable map[uint16][]byte

// ParseAttrTable decodes one level of attributes; the last of a repeated
// type wins.
func ParseAttrTable(b []byte) (AttrTable, error) {
	t := AttrTable{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		t[d.Type()] = d.Bytes()
	}
	return t, d.Err()
}

// U8 returns a one-byte value and whether it was present with that size.
func (t AttrTable) U8(a uint16) (uint8, bool) {
	b, ok := t[a]
	if !ok || len(b) < 1 {
		return 0, false
	}
	return b[0], true
}

// U16 returns a host-order 16-bit value.
func (t AttrTable) U16(a uint16) (uint16, bool) {
	b, ok := t[a]
	if !ok || len(b) < 2 {
		return 0, false
	}
	return ne.Uint16(b), true
}

// BE16 returns a network-order 16-bit value.
func (t AttrTable) BE16(a uint16) (uint16, bool) {
	b, ok := t[a]
	if !ok || len(b) < 2 {
		return 0, false
	}
	return binary.BigEndian.Uint16(b), true
}

// U32 returns a host-order 32-bit value.
func (t AttrTable) U32(a uint16) (uint32, bool) {
	b, ok := t[a]
	if !ok || len(b) < 4 {
		return 0, false
	}
	return ne.Uint32(b), true
}

// U64 returns a host-order 64-bit value.
func (t AttrTable) U64(a uint16) (uint64, bool) {
	b, ok := t[a]
	if !ok || len(b) < 8 {
		return 0, false
	}
	return ne.Uint64(b), true
}

// Str returns a string value without its NUL.
func (t AttrTable) Str(a uint16) (string, bool) {
	b, ok := t[a]
	if !ok {
		return "", false
	}
	for i, c := range b {
		if c == 0 {
			return string(b[:i]), true
		}
	}
	return string(b), true
}

// IP returns a 4- or 16-byte address.
func (t AttrTable) IP(a uint16) (netip.Addr, bool) {
	b, ok := t[a]
	if !ok {
		return netip.Addr{}, false
	}
	ip, ok := netip.AddrFromSlice(b)
	return ip, ok
}
