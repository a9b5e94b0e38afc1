package ila

import (
	"reflect"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestMappingRoundTrip(t *testing.T) {
	m := &Mapping{LocatorMatch: ptr(Locator(0x20010db800010002)), Locator: ptr(Locator(1)), Ifindex: ptr(int32(3)),
		CsumMode: ptr(CsumNeutralMapAuto), IdentType: ptr(IdentLUID), HookType: ptr(uint8(1))}
	b, err := m.Attrs()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParseMapping(b); err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("got %+v, %v", got, err)
	}
	// The locator's words go in network order.
	if want := []byte{12, 0, 3, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2}; !reflect.DeepEqual(b[:12], want) {
		t.Errorf("locator to match: % x", b[:12])
	}
}

func TestLocatorString(t *testing.T) {
	if s := Locator(0x20010db800000002).String(); s != "2001:db8:0:2" {
		t.Errorf("%s", s)
	}
}

// FuzzParseMapping: no payload makes the decoder panic, and what it reads
// encodes to attributes that read back the same.
func FuzzParseMapping(f *testing.F) {
	b, _ := (&Mapping{LocatorMatch: ptr(Locator(1)), Locator: ptr(Locator(2)), CsumMode: ptr(CsumNoAction)}).Attrs()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMapping(b)
		if err != nil {
			return
		}
		enc, err := m.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParseMapping(enc); err != nil || !reflect.DeepEqual(back, m) {
			t.Fatalf("%x: %+v, then %+v, %v", b, m, back, err)
		}
	})
}
