package rtnl

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func ptr32(v uint32) *uint32 { return &v }

func TestNetconfRoundTrip(t *testing.T) {
	idx := int32(NetconfAll)
	n := &Netconf{Family: unix.AF_INET, Index: &idx, Forwarding: ptr32(1), RPFilter: ptr32(2),
		MCForwarding: ptr32(0), ProxyNeigh: ptr32(0), IgnoreRoutesWithLinkdown: ptr32(1), Input: ptr32(1)}
	m, err := n.Message(RTMNewNetconf)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseNetconf(m)
	if err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("got %+v, %v", got, err)
	}
	if m.Data[0] != unix.AF_INET || len(m.Data) != 4+8*7 {
		t.Errorf("header or length: %x", m.Data)
	}
}

// FuzzParseNetconf: no payload makes the decoder panic, and what it
// reads encodes to a message that reads back the same.
func FuzzParseNetconf(f *testing.F) {
	idx := int32(1)
	m, _ := (&Netconf{Family: unix.AF_INET6, Index: &idx, Forwarding: ptr32(1), ProxyNeigh: ptr32(0)}).Message(RTMNewNetconf)
	f.Add(m.Data, uint16(RTMNewNetconf))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		n, err := ParseNetconf(nl.Message{Header: nl.Header{Type: typ}, Data: b})
		if err != nil {
			return
		}
		m, err := n.Message(typ)
		if err != nil {
			t.Fatal(err)
		}
		m.Header.Type = typ
		back, err := ParseNetconf(m)
		if err != nil || !reflect.DeepEqual(back, n) {
			t.Fatalf("%x: %+v, then %+v, %v", b, n, back, err)
		}
	})
}
