package rtnl

import (
	"encoding/binary"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// LinkData is a link kind's typed options: what it sends in
// IFLA_INFO_DATA (or, for a port, IFLA_INFO_SLAVE_DATA) and what it reads
// back from the kernel's description of the link. Each kind is one
// link_<kind>.go file; the kinds gip knows are listed by the command that
// configures them, not here.
type LinkData interface {
	// Encode appends the set options as attributes; unset ones send
	// nothing.
	Encode(e *nl.AttrEncoder)
	// Decode reads the attributes of IFLA_INFO_DATA into the options,
	// ignoring those it does not know.
	Decode(b []byte) error
}

// Opt is an optional value: Set says whether it was given (in a request)
// or sent (in a reply). Opt values are comparable, so a whole options
// struct is.
type Opt[T comparable] struct {
	V   T
	Set bool
}

// Some returns a set Opt.
func Some[T comparable](v T) Opt[T] { return Opt[T]{V: v, Set: true} }

// Get returns the value and whether it is set.
func (o Opt[T]) Get() (T, bool) { return o.V, o.Set }

// Or returns the value if it is set, else v.
func (o Opt[T]) Or(v T) T {
	if o.Set {
		return o.V
	}
	return v
}

// field is one attribute of a kind's options, bound to the struct field
// that holds it: the same table encodes and decodes.
type field struct {
	typ uint16
	enc func(e *nl.AttrEncoder)
	dec func(d *nl.AttrDecoder)
	alt uint16 // a second attribute decoded into the same field, if not 0
}

func mk(t uint16, enc func(*nl.AttrEncoder), dec func(*nl.AttrDecoder)) field {
	return field{typ: t, enc: enc, dec: dec}
}

func encodeFields(e *nl.AttrEncoder, fs []field) {
	for _, f := range fs {
		f.enc(e)
	}
}

// decodeFields reads b's attributes into fs; unknown attributes are
// skipped and the last of a repeated one wins, as in the kernel.
func decodeFields(b []byte, fs []field) error {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		for _, f := range fs {
			if t := d.Type(); f.typ == t || f.alt != 0 && f.alt == t {
				f.dec(&d)
				break
			}
		}
	}
	return d.Err()
}

func u8Field(t uint16, p *Opt[uint8]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Uint8(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Uint8()) })
}

func u16Field(t uint16, p *Opt[uint16]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Uint16(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Uint16()) })
}

// be16Field is a 16-bit value in network byte order (ports, protocols).
func be16Field(t uint16, p *Opt[uint16]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Uint16BE(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Uint16BE()) })
}

func u32Field(t uint16, p *Opt[uint32]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Uint32(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Uint32()) })
}

// be32Field is a 32-bit value in network byte order (keys, labels).
func be32Field(t uint16, p *Opt[uint32]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Bytes(t, binary.BigEndian.AppendUint32(nil, p.V))
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() != 4 {
			d.Uint32() // records the size error
			return
		}
		*p = Some(binary.BigEndian.Uint32(d.Bytes()))
	})
}

func u64Field(t uint16, p *Opt[uint64]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Uint64(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Uint64()) })
}

// addrField is an IPv4 or IPv6 address, by its size.
func addrField(t uint16, p *Opt[netip.Addr]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Addr(t, p.V)
		}
	}, func(d *nl.AttrDecoder) {
		if a := d.Addr(); a.IsValid() {
			*p = Some(a)
		}
	})
}

// flagField is an attribute whose presence is the value (NLA_FLAG).
func flagField(t uint16, p *bool) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if *p {
			e.Flag(t)
		}
	}, func(d *nl.AttrDecoder) { *p = d.Flag() })
}

// hwField is a 6-byte link-layer address.
func hwField(t uint16, p *Opt[[6]byte]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Bytes(t, p.V[:])
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() != 6 {
			d.Uint32() // records the size error
			return
		}
		*p = Some([6]byte(d.Bytes()))
	})
}

// BitSet is a value with the mask of the bits it sets, the shape of
// IFLA_VLAN_FLAGS and IFLA_BR_MULTI_BOOLOPT.
type BitSet struct{ Value, Mask uint32 }

// Put sets bit to on and marks it in the mask.
func (b *BitSet) Put(bit uint32, on bool) {
	b.Mask |= bit
	if on {
		b.Value |= bit
	} else {
		b.Value &^= bit
	}
}

func bitSetField(t uint16, p *Opt[BitSet]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			b := binary.NativeEndian.AppendUint32(nil, p.V.Value)
			e.Bytes(t, binary.NativeEndian.AppendUint32(b, p.V.Mask))
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() != 8 {
			d.Uint64() // records the size error
			return
		}
		b := d.Bytes()
		*p = Some(BitSet{binary.NativeEndian.Uint32(b), binary.NativeEndian.Uint32(b[4:])})
	})
}

// NoData is the options of kinds that take none (dummy, ifb, nlmon,
// wireguard, and kinds gip does not model).
type NoData struct{}

// Encode sends nothing.
func (*NoData) Encode(*nl.AttrEncoder) {}

// Decode reads nothing.
func (*NoData) Decode([]byte) error { return nil }

func i32Field(t uint16, p *Opt[int32]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Int32(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.Int32()) })
}
