package seg6

import (
	"net/netip"
	"reflect"
	"testing"
)

func TestHMACRoundTrip(t *testing.T) {
	h := &HMAC{KeyID: 7, Algo: AlgoSHA256, Secret: []byte("sekrit"), SecretLen: 6}
	b, err := h.Attrs()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseHMAC(b)
	if err != nil || !reflect.DeepEqual(got, h) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestSetHMACAttrs(t *testing.T) {
	cases := []struct {
		secret string
		want   []byte
	}{
		{"ab", []byte{8, 0, 3, 0, 9, 0, 0, 0, 5, 0, 5, 0, 2, 0, 0, 0, 5, 0, 6, 0, 1, 0, 0, 0, 6, 0, 4, 0, 'a', 'b', 0, 0}},
		{"", []byte{8, 0, 3, 0, 9, 0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0, 5, 0, 6, 0, 1, 0, 0, 0}},
	}
	for _, c := range cases {
		got, err := SetHMACAttrs(9, AlgoSHA1, []byte(c.secret))
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %v, %v", c.secret, got, err)
		}
	}
}

func TestTunSrcRoundTrip(t *testing.T) {
	a := netip.MustParseAddr("2001:db8::1")
	b, err := TunSrcAttrs(a)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParseTunSrc(b); err != nil || got != a {
		t.Errorf("got %v, %v", got, err)
	}
}

// FuzzParseHMAC: no payload makes the decoder panic, and what it reads
// encodes to attributes that read back the same.
func FuzzParseHMAC(f *testing.F) {
	b, _ := (&HMAC{KeyID: 1, Algo: AlgoSHA1, Secret: []byte("x"), SecretLen: 1}).Attrs()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHMAC(b)
		if err != nil {
			return
		}
		enc, err := h.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseHMAC(enc)
		if err != nil || !reflect.DeepEqual(back, h) {
			t.Fatalf("%x: %+v, then %+v, %v", b, h, back, err)
		}
	})
}

// FuzzParseTunSrc: no payload makes the decoder panic, and an address it
// reads encodes to attributes that read back the same.
func FuzzParseTunSrc(f *testing.F) {
	b, _ := TunSrcAttrs(netip.MustParseAddr("::"))
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseTunSrc(b)
		if err != nil || !a.IsValid() {
			return
		}
		enc, _ := TunSrcAttrs(a)
		if back, err := ParseTunSrc(enc); err != nil || back != a {
			t.Fatalf("%x: %v, then %v, %v", b, a, back, err)
		}
	})
}
