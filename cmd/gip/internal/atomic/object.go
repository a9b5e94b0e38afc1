package atomic

import (
	"encoding/binary"
	"slices"

	"github.com/gip-suite/gip/internal/nl"
)

// object is one kernel object as a pre-image or a later dump holds it.
type object struct {
	key  string // its identity within its type
	desc string // how a difference about it prints
	body string // what must be equal for it to count as unchanged
	data []byte // the normalized message (header and attributes)
	// order sorts the objects of a type for restoring: lower first (an
	// IPv4 primary address before its secondaries, a nexthop before the
	// groups that hold it).
	order int
}

// state is the objects of one type, by key.
type state map[string]object

var ne = binary.NativeEndian

// attrs is a message's attributes after its fixed header.
type attrs map[uint16][]byte

func parseAttrs(data []byte, hdr int) attrs {
	a := attrs{}
	if len(data) < hdr {
		return a
	}
	d := nl.NewAttrDecoder(data[hdr:])
	for d.Next() {
		a[d.Type()] = d.Bytes()
	}
	return a
}

func (a attrs) u32(t uint16) (uint32, bool) {
	b, ok := a[t]
	if !ok || len(b) < 4 {
		return 0, false
	}
	return ne.Uint32(b), true
}

// normalize copies a message's header (first hdr bytes) and its
// attributes, sorted by type, without the types in drop: two dumps of an
// unchanged object normalize to the same bytes.
func normalize(data []byte, hdr int, drop ...uint16) []byte {
	if len(data) < hdr {
		return append([]byte(nil), data...)
	}
	type at struct {
		t   uint16
		raw []byte
	}
	var list []at
	d := nl.NewAttrDecoder(data[hdr:])
	for d.Next() {
		if slices.Contains(drop, d.Type()) {
			continue
		}
		e := nl.NewAttrEncoder(nil)
		e.Bytes(d.RawType(), d.Bytes())
		b, _ := e.Encode()
		list = append(list, at{d.Type(), b})
	}
	slices.SortStableFunc(list, func(x, y at) int { return int(x.t) - int(y.t) })
	out := append([]byte(nil), data[:hdr]...)
	for _, a := range list {
		out = append(out, a.raw...)
	}
	return out
}

// message is a request of type typ carrying data.
func message(typ uint16, flags nl.Flags, data []byte) nl.Message {
	return nl.Message{Header: nl.Header{Type: typ, Flags: flags}, Data: data}
}

// withoutNth copies attributes b without the i-th; false when b has
// fewer.
func withoutNth(b []byte, i int) ([]byte, bool) {
	d := nl.NewAttrDecoder(b)
	e := nl.NewAttrEncoder(nil)
	n := 0
	for d.Next() {
		if n != i {
			e.Bytes(d.RawType(), d.Bytes())
		}
		n++
	}
	out, _ := e.Encode()
	return out, i < n
}
