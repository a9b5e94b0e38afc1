package rtnl

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestAddrLabelRoundTrip(t *testing.T) {
	a := &AddrLabel{Family: unix.AF_INET6, PrefixLen: 96, Index: 3,
		Addr: netip.MustParseAddr("::ffff:0.0.0.0"), Label: 4, HasLabel: true}
	m, err := a.Message(unix.RTM_NEWADDRLABEL, FlagsAdd)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseAddrLabel(m)
	a.Raw = a.Addr.AsSlice()
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("got %+v, %v", got, err)
	}
}

// FuzzParseAddrLabel: no payload makes the decoder panic, and what it
// reads encodes to a message that reads back the same.
func FuzzParseAddrLabel(f *testing.F) {
	m, _ := (&AddrLabel{Family: unix.AF_INET6, PrefixLen: 16, Addr: netip.MustParseAddr("2001::"), Label: 6, HasLabel: true}).Message(unix.RTM_NEWADDRLABEL, 0)
	f.Add(m.Data, uint16(unix.RTM_NEWADDRLABEL))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		a, err := ParseAddrLabel(nl.Message{Header: nl.Header{Type: typ}, Data: b})
		if err != nil {
			return
		}
		m, err := a.Message(typ, 0)
		if err != nil {
			t.Fatal(err)
		}
		m.Header.Type = typ
		back, err := ParseAddrLabel(m)
		if err != nil || !reflect.DeepEqual(back, a) {
			t.Fatalf("%x: %+v, then %+v, %v", b, a, back, err)
		}
	})
}
