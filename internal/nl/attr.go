package nl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
)

// AttrHeaderLen is the size of an attribute header (struct nlattr).
const AttrHeaderLen = 4

// Attribute type flags (NLA_F_*). AttrDecoder.Type masks them off.
const (
	AttrNested       uint16 = 0x8000 // NLA_F_NESTED
	AttrNetByteOrder uint16 = 0x4000 // NLA_F_NET_BYTEORDER
	attrTypeMask     uint16 = ^(AttrNested | AttrNetByteOrder)
)

// ErrAttr is wrapped by every attribute decoding error.
var ErrAttr = errors.New("netlink: malformed attribute")

// AttrEncoder appends attributes to a buffer. Integer values are written in
// the encoder's byte order (native unless set with NewAttrEncoderOrder);
// attribute headers are always in host order, as the kernel wants them.
//
// The zero value is ready to use and writes native-endian values.
type AttrEncoder struct {
	b     []byte
	order binary.AppendByteOrder
	nests []int // offsets of open nested attributes
	err   error
}

// NewAttrEncoder returns an encoder that appends to b in host byte order.
func NewAttrEncoder(b []byte) *AttrEncoder { return &AttrEncoder{b: b} }

// NewAttrEncoderOrder returns an encoder that appends to b and writes integer
// values in the given byte order (binary.BigEndian for nfnetlink).
func NewAttrEncoderOrder(b []byte, order binary.AppendByteOrder) *AttrEncoder {
	return &AttrEncoder{b: b, order: order}
}

func (e *AttrEncoder) byteOrder() binary.AppendByteOrder {
	if e.order == nil {
		return binary.NativeEndian
	}
	return e.order
}

func (e *AttrEncoder) header(typ uint16, n int) {
	if AttrHeaderLen+n > 0xffff && e.err == nil {
		e.err = fmt.Errorf("netlink: attribute %d: %d bytes do not fit an attribute", typ&attrTypeMask, n)
	}
	e.b = binary.NativeEndian.AppendUint16(e.b, uint16(AttrHeaderLen+n))
	e.b = binary.NativeEndian.AppendUint16(e.b, typ)
}

func (e *AttrEncoder) pad() {
	for len(e.b)%4 != 0 {
		e.b = append(e.b, 0)
	}
}

// Bytes appends an attribute holding v as is.
func (e *AttrEncoder) Bytes(typ uint16, v []byte) {
	e.header(typ, len(v))
	e.b = append(e.b, v...)
	e.pad()
}

// String appends a NUL-terminated string attribute (NLA_NUL_STRING, and what
// NLA_STRING accepts).
func (e *AttrEncoder) String(typ uint16, v string) {
	e.header(typ, len(v)+1)
	e.b = append(e.b, v...)
	e.b = append(e.b, 0)
	e.pad()
}

// Flag appends an attribute without payload (NLA_FLAG).
func (e *AttrEncoder) Flag(typ uint16) { e.header(typ, 0) }

// Uint8 appends a one-byte attribute.
func (e *AttrEncoder) Uint8(typ uint16, v uint8) {
	e.header(typ, 1)
	e.b = append(e.b, v)
	e.pad()
}

// Uint16 appends a two-byte attribute in the encoder's byte order.
func (e *AttrEncoder) Uint16(typ uint16, v uint16) {
	e.header(typ, 2)
	e.b = e.byteOrder().AppendUint16(e.b, v)
	e.pad()
}

// Uint16BE appends a two-byte attribute in network byte order, whatever the
// encoder's order (ports, ethertypes, VLAN protocols).
func (e *AttrEncoder) Uint16BE(typ uint16, v uint16) {
	e.header(typ, 2)
	e.b = binary.BigEndian.AppendUint16(e.b, v)
	e.pad()
}

// Uint32 appends a four-byte attribute in the encoder's byte order.
func (e *AttrEncoder) Uint32(typ uint16, v uint32) {
	e.header(typ, 4)
	e.b = e.byteOrder().AppendUint32(e.b, v)
}

// Int32 appends a signed four-byte attribute in the encoder's byte order.
func (e *AttrEncoder) Int32(typ uint16, v int32) { e.Uint32(typ, uint32(v)) }

// Uint64 appends an eight-byte attribute in the encoder's byte order.
func (e *AttrEncoder) Uint64(typ uint16, v uint64) {
	e.header(typ, 8)
	e.b = e.byteOrder().AppendUint64(e.b, v)
}

// Addr appends an address attribute: 4 bytes for IPv4, 16 for IPv6. A zone
// is not encoded.
func (e *AttrEncoder) Addr(typ uint16, a netip.Addr) {
	if a.Is4() {
		v := a.As4()
		e.Bytes(typ, v[:])
		return
	}
	v := a.As16()
	e.Bytes(typ, v[:])
}

// Raw appends b as is, padded to alignment, for the few payloads that nest
// a family header inside an attribute (a veth peer's struct ifinfomsg).
func (e *AttrEncoder) Raw(b []byte) {
	e.b = append(e.b, b...)
	e.pad()
}

// Nest opens a nested attribute; the attributes appended until the matching
// Unnest become its payload. NLA_F_NESTED is set, as strict policies need.
func (e *AttrEncoder) Nest(typ uint16) {
	e.nests = append(e.nests, len(e.b))
	e.header(typ|AttrNested, 0)
}

// NestPlain is Nest without NLA_F_NESTED, for the few old attributes whose
// kernel policy predates the flag and rejects it.
func (e *AttrEncoder) NestPlain(typ uint16) {
	e.nests = append(e.nests, len(e.b))
	e.header(typ, 0)
}

// Unnest closes the innermost nested attribute opened with Nest.
func (e *AttrEncoder) Unnest() {
	if len(e.nests) == 0 {
		panic("nl: Unnest without Nest")
	}
	start := e.nests[len(e.nests)-1]
	e.nests = e.nests[:len(e.nests)-1]
	if len(e.b)-start > 0xffff && e.err == nil {
		e.err = fmt.Errorf("netlink: nested attribute of %d bytes does not fit an attribute", len(e.b)-start)
	}
	binary.NativeEndian.PutUint16(e.b[start:], uint16(len(e.b)-start))
}

// Encode returns the encoded attributes. It fails if a nested attribute is
// still open or an attribute outgrew the 64 KiB its length field can say;
// that error is sticky: it is found once, here.
func (e *AttrEncoder) Encode() ([]byte, error) {
	if len(e.nests) != 0 {
		return nil, fmt.Errorf("netlink: %d nested attributes left open", len(e.nests))
	}
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

// Len returns the number of bytes encoded so far.
func (e *AttrEncoder) Len() int { return len(e.b) }

// AttrDecoder walks the attributes in a buffer:
//
//	d := nl.NewAttrDecoder(b)
//	for d.Next() {
//		switch d.Type() {
//		case unix.IFLA_MTU:
//			mtu = d.Uint32()
//		}
//	}
//	if err := d.Err(); err != nil { ... }
//
// A malformed attribute, or a value of the wrong size for the accessor used
// on it, stops the walk; the first such error is kept and returned by Err.
// Accessors never panic: after an error they return zero values.
type AttrDecoder struct {
	b     []byte
	order binary.ByteOrder
	typ   uint16
	data  []byte
	err   error
}

// NewAttrDecoder returns a decoder over b reading integers in host order.
func NewAttrDecoder(b []byte) AttrDecoder { return AttrDecoder{b: b} }

// NewAttrDecoderOrder returns a decoder over b reading integer values in the
// given byte order.
func NewAttrDecoderOrder(b []byte, order binary.ByteOrder) AttrDecoder {
	return AttrDecoder{b: b, order: order}
}

func (d *AttrDecoder) byteOrder() binary.ByteOrder {
	if d.order == nil {
		return binary.NativeEndian
	}
	return d.order
}

// Next advances to the next attribute and reports whether there is one. It
// returns false at the end of the buffer and after any error.
func (d *AttrDecoder) Next() bool {
	if d.err != nil || len(d.b) == 0 {
		return false
	}
	if len(d.b) < AttrHeaderLen {
		d.err = fmt.Errorf("%w: %d trailing bytes", ErrAttr, len(d.b))
		return false
	}
	n := int(binary.NativeEndian.Uint16(d.b[0:2]))
	if n < AttrHeaderLen || n > len(d.b) {
		d.err = fmt.Errorf("%w: length %d with %d bytes left", ErrAttr, n, len(d.b))
		return false
	}
	d.typ = binary.NativeEndian.Uint16(d.b[2:4])
	d.data = d.b[AttrHeaderLen:n:n]
	if a := Align(n); a < len(d.b) {
		d.b = d.b[a:]
	} else {
		d.b = nil
	}
	return true
}

// Type returns the current attribute's type without the NLA_F_NESTED and
// NLA_F_NET_BYTEORDER flags.
func (d *AttrDecoder) Type() uint16 { return d.typ & attrTypeMask }

// RawType returns the current attribute's type with its flag bits.
func (d *AttrDecoder) RawType() uint16 { return d.typ }

// Len returns the length of the current attribute's payload.
func (d *AttrDecoder) Len() int { return len(d.data) }

// Bytes returns the current attribute's payload. It aliases the buffer.
func (d *AttrDecoder) Bytes() []byte { return d.data }

// Err returns the first error met, or nil.
func (d *AttrDecoder) Err() error { return d.err }

func (d *AttrDecoder) fail(want string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: attribute %d: %d bytes, want %s", ErrAttr, d.Type(), len(d.data), want)
	}
	d.b = nil
}

// String returns the payload as a string, without the trailing NUL (and
// anything after a NUL).
func (d *AttrDecoder) String() string {
	s := d.data
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return string(s)
}

// Uint8 returns a one-byte payload.
func (d *AttrDecoder) Uint8() uint8 {
	if len(d.data) != 1 {
		d.fail("1")
		return 0
	}
	return d.data[0]
}

// Uint16 returns a two-byte payload in the decoder's byte order.
func (d *AttrDecoder) Uint16() uint16 {
	if len(d.data) != 2 {
		d.fail("2")
		return 0
	}
	return d.byteOrder().Uint16(d.data)
}

// Uint16BE returns a two-byte payload in network byte order.
func (d *AttrDecoder) Uint16BE() uint16 {
	if len(d.data) != 2 {
		d.fail("2")
		return 0
	}
	return binary.BigEndian.Uint16(d.data)
}

// Uint32 returns a four-byte payload in the decoder's byte order.
func (d *AttrDecoder) Uint32() uint32 {
	if len(d.data) != 4 {
		d.fail("4")
		return 0
	}
	return d.byteOrder().Uint32(d.data)
}

// Int32 returns a signed four-byte payload.
func (d *AttrDecoder) Int32() int32 { return int32(d.Uint32()) }

// Uint64 returns an eight-byte payload in the decoder's byte order.
func (d *AttrDecoder) Uint64() uint64 {
	if len(d.data) != 8 {
		d.fail("8")
		return 0
	}
	return d.byteOrder().Uint64(d.data)
}

// Uint returns a payload of 1, 2, 4 or 8 bytes as a uint64, for attributes
// the kernel sizes by value (NLA_UINT).
func (d *AttrDecoder) Uint() uint64 {
	switch len(d.data) {
	case 1:
		return uint64(d.data[0])
	case 2:
		return uint64(d.byteOrder().Uint16(d.data))
	case 4:
		return uint64(d.byteOrder().Uint32(d.data))
	case 8:
		return d.byteOrder().Uint64(d.data)
	}
	d.fail("1, 2, 4 or 8")
	return 0
}

// Flag reports true: a flag attribute's presence is its value. A flag with a
// payload is an error.
func (d *AttrDecoder) Flag() bool {
	if len(d.data) != 0 {
		d.fail("0")
		return false
	}
	return true
}

// Addr returns a 4- or 16-byte payload as an address.
func (d *AttrDecoder) Addr() netip.Addr {
	switch len(d.data) {
	case 4:
		return netip.AddrFrom4([4]byte(d.data))
	case 16:
		return netip.AddrFrom16([16]byte(d.data))
	}
	d.fail("4 or 16")
	return netip.Addr{}
}

// Nested returns a decoder over the current attribute's payload, with the
// same byte order. Its errors are its own: check them with its Err, or use
// Decode to fold them into this decoder.
func (d *AttrDecoder) Nested() AttrDecoder {
	return AttrDecoder{b: d.data, order: d.order}
}

// Decode runs fn over the current attribute's nested attributes and keeps
// the first error from the nested decoder or from fn in this decoder.
func (d *AttrDecoder) Decode(fn func(*AttrDecoder) error) {
	nd := d.Nested()
	if err := fn(&nd); err != nil && d.err == nil {
		d.err = err
	}
	if nd.err != nil && d.err == nil {
		d.err = nd.err
	}
	if d.err != nil {
		d.b = nil
	}
}
