package ioam6

import (
	"reflect"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestNamespaceRoundTrip(t *testing.T) {
	for _, n := range []*Namespace{
		{ID: 1}, {ID: 2, Schema: ptr(uint32(10)), Data: ptr(uint32(7)), Wide: ptr(uint64(0xff))},
	} {
		b, err := n.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ParseNamespace(b); err != nil || !reflect.DeepEqual(got, n) {
			t.Errorf("got %+v, %v; want %+v", got, err, n)
		}
	}
}

func TestSchemaRoundTrip(t *testing.T) {
	s := &Schema{ID: 10, Namespace: ptr(uint16(1)), Data: []byte("abc\x00")}
	b, err := s.Attrs()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParseSchema(b); err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestSetSchema(t *testing.T) {
	if got, want := SetSchema(3, nil), []byte{6, 0, 1, 0, 3, 0, 0, 0, 4, 0, 6, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("none: %v", got)
	}
	if got, want := SetSchema(3, ptr(uint32(9))), []byte{6, 0, 1, 0, 3, 0, 0, 0, 8, 0, 4, 0, 9, 0, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("9: %v", got)
	}
}

// FuzzParseNamespace: no payload makes the decoder panic, and what it
// reads encodes to attributes that read back the same.
func FuzzParseNamespace(f *testing.F) {
	b, _ := (&Namespace{ID: 4, Data: ptr(uint32(7)), Wide: ptr(uint64(255))}).Attrs()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := ParseNamespace(b)
		if err != nil {
			return
		}
		enc, err := n.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParseNamespace(enc); err != nil || !reflect.DeepEqual(back, n) {
			t.Fatalf("%x: %+v, then %+v, %v", b, n, back, err)
		}
	})
}

// FuzzParseSchema: as FuzzParseNamespace, for schemas.
func FuzzParseSchema(f *testing.F) {
	b, _ := (&Schema{ID: 11, Data: []byte("hello\x00\x00\x00")}).Attrs()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSchema(b)
		if err != nil {
			return
		}
		enc, err := s.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParseSchema(enc); err != nil || !reflect.DeepEqual(back, s) {
			t.Fatalf("%x: %+v, then %+v, %v", b, s, back, err)
		}
	})
}
