package nl_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

func TestAttrRoundTrip(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.String(1, "veth0")
	e.Uint8(2, 7)
	e.Uint16(3, 0x1234)
	e.Uint32(4, 1500)
	e.Uint64(5, 1<<40)
	e.Flag(6)
	e.Addr(7, netip.MustParseAddr("192.0.2.1"))
	e.Addr(8, netip.MustParseAddr("2001:db8::1"))
	e.Nest(9)
	e.String(1, "veth")
	e.Nest(2)
	e.Uint32(1, 42)
	e.Unnest()
	e.Unnest()
	e.Uint16BE(10, 0x8100)
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if len(b)%4 != 0 {
		t.Fatalf("encoding not aligned: %d bytes", len(b))
	}

	d := nl.NewAttrDecoder(b)
	seen := map[uint16]bool{}
	for d.Next() {
		seen[d.Type()] = true
		switch d.Type() {
		case 1:
			check(t, "string", d.String(), "veth0")
		case 2:
			check(t, "u8", d.Uint8(), uint8(7))
		case 3:
			check(t, "u16", d.Uint16(), uint16(0x1234))
		case 4:
			check(t, "u32", d.Uint32(), uint32(1500))
		case 5:
			check(t, "u64", d.Uint64(), uint64(1<<40))
		case 6:
			check(t, "flag", d.Flag(), true)
		case 7:
			check(t, "v4", d.Addr(), netip.MustParseAddr("192.0.2.1"))
		case 8:
			check(t, "v6", d.Addr(), netip.MustParseAddr("2001:db8::1"))
		case 9:
			if d.RawType()&nl.AttrNested == 0 {
				t.Error("nested attribute without NLA_F_NESTED")
			}
			var kind string
			var id uint32
			d.Decode(func(nd *nl.AttrDecoder) error {
				for nd.Next() {
					switch nd.Type() {
					case 1:
						kind = nd.String()
					case 2:
						nd.Decode(func(nnd *nl.AttrDecoder) error {
							for nnd.Next() {
								id = nnd.Uint32()
							}
							return nil
						})
					}
				}
				return nil
			})
			check(t, "nested kind", kind, "veth")
			check(t, "nested id", id, uint32(42))
		case 10:
			check(t, "be16", d.Uint16BE(), uint16(0x8100))
			check(t, "be16 bytes", d.Bytes()[0], byte(0x81))
		}
	}
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 10 {
		t.Fatalf("saw %d attribute types, want 10", len(seen))
	}
}

func check[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func TestAttrBigEndian(t *testing.T) {
	e := nl.NewAttrEncoderOrder(nil, binary.BigEndian)
	e.Uint32(1, 0x01020304)
	e.Uint16(2, 0x0506)
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	// Headers stay in host order; values are big-endian.
	want := []byte{8, 0, 1, 0, 1, 2, 3, 4, 6, 0, 2, 0, 5, 6, 0, 0}
	if !bytes.Equal(b, want) {
		t.Fatalf("got % x\nwant % x", b, want)
	}
	d := nl.NewAttrDecoderOrder(b, binary.BigEndian)
	d.Next()
	check(t, "be u32", d.Uint32(), uint32(0x01020304))
	d.Next()
	check(t, "be u16", d.Uint16(), uint16(0x0506))
}

func TestAttrDecoderStickyError(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Uint16(1, 5)
	e.Uint32(2, 6)
	b, _ := e.Encode()

	d := nl.NewAttrDecoder(b)
	d.Next()
	if v := d.Uint32(); v != 0 { // wrong size: a 2-byte attribute
		t.Fatalf("Uint32 on 2 bytes = %d", v)
	}
	if d.Next() {
		t.Fatal("Next after an error must stop")
	}
	if err := d.Err(); !errors.Is(err, nl.ErrAttr) || !strings.Contains(err.Error(), "attribute 1") {
		t.Fatalf("Err = %v", err)
	}
}

func TestAttrDecoderMalformed(t *testing.T) {
	tests := map[string][]byte{
		"trailing bytes":     {8, 0, 1, 0, 1, 2, 3, 4, 9, 9},
		"length below 4":     {2, 0, 1, 0},
		"length past buffer": {12, 0, 1, 0, 1, 2, 3, 4},
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			d := nl.NewAttrDecoder(b)
			for d.Next() {
				_ = d.Bytes()
			}
			if !errors.Is(d.Err(), nl.ErrAttr) {
				t.Fatalf("Err = %v, want ErrAttr", d.Err())
			}
		})
	}
}

func TestAttrNestedErrorPropagates(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(1)
	e.Uint8(2, 1)
	e.Unnest()
	b, _ := e.Encode()
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		d.Decode(func(nd *nl.AttrDecoder) error {
			for nd.Next() {
				nd.Uint64()
			}
			return nil
		})
	}
	if !errors.Is(d.Err(), nl.ErrAttr) {
		t.Fatalf("nested error not kept: %v", d.Err())
	}
}

func TestAttrEncoderErrors(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(1)
	if _, err := e.Encode(); err == nil {
		t.Error("Encode with an open nest succeeded")
	}
	e = nl.NewAttrEncoder(nil)
	e.Bytes(1, make([]byte, 70000))
	if _, err := e.Encode(); err == nil {
		t.Error("Encode of a 70000-byte attribute succeeded")
	}
}

func TestAttrStringStopsAtNUL(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Bytes(1, []byte("eth0\x00junk"))
	b, _ := e.Encode()
	d := nl.NewAttrDecoder(b)
	d.Next()
	check(t, "string", d.String(), "eth0")
}
