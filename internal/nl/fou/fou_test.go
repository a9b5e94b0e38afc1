package fou_test

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl/fou"
	"golang.org/x/sys/unix"
)

func TestMappingRoundTrip(t *testing.T) {
	for _, m := range []fou.Mapping{
		{Port: 5555, HasPort: true, Encap: fou.EncapDirect, HasEncap: true, Family: unix.AF_INET, HasFamily: true, IPProto: 4, HasIPProto: true},
		{Port: 6080, HasPort: true, Encap: fou.EncapGUE, HasEncap: true, Family: unix.AF_INET6, HasFamily: true,
			Local: netip.MustParseAddr("2001:db8::1"), Peer: netip.MustParseAddr("2001:db8::2"), PeerPort: 99, IfIndex: 3},
		{Port: 1, HasPort: true, Family: unix.AF_INET, HasFamily: true, Local: netip.MustParseAddr("127.0.0.1"), RemcsumNoPartial: true},
		{},
	} {
		b, err := m.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fou.ParseMapping(b)
		if err != nil || got != m {
			t.Errorf("%+v: decoded %+v, %v", m, got, err)
		}
	}
}

// TestMappingBytes: the request ip sends for
// "fou add port 5555 gue local 127.0.0.1 peer 127.0.0.2 peer_port 99".
func TestMappingBytes(t *testing.T) {
	m := fou.Mapping{Port: 5555, HasPort: true, Encap: fou.EncapGUE, HasEncap: true, Family: unix.AF_INET, HasFamily: true,
		Local: netip.MustParseAddr("127.0.0.1"), Peer: netip.MustParseAddr("127.0.0.2"), PeerPort: 99}
	b, _ := m.Attrs(nil)
	want := []byte{
		6, 0, 1, 0, 0x15, 0xb3, 0, 0, // port, big-endian
		5, 0, 4, 0, 2, 0, 0, 0, // type GUE
		5, 0, 2, 0, 2, 0, 0, 0, // AF_INET
		8, 0, 6, 0, 127, 0, 0, 1, // local v4
		8, 0, 8, 0, 127, 0, 0, 2, // peer v4
		6, 0, 10, 0, 0, 99, 0, 0, // peer port
	}
	if string(b) != string(want) {
		t.Errorf("attrs\n got % x\nwant % x", b, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, b := range [][]byte{
		{5, 0, 1, 0, 1, 0, 0, 0}, // a 1-byte port
		{7, 0, 6, 0, 1, 2, 3, 0}, // a 3-byte address
		{5, 0, 5, 0, 1, 0, 0, 0}, // a flag with a payload
		{8, 0, 1, 0, 0x15},       // truncated
	} {
		if m, err := fou.ParseMapping(b); err == nil {
			t.Errorf("% x decoded as %+v", b, m)
		}
	}
}

// FuzzParseMapping feeds arbitrary attributes to the decoder: errors are
// fine, panics are not, and a decoded port encodes back to itself.
func FuzzParseMapping(f *testing.F) {
	m := fou.Mapping{Port: 5555, HasPort: true, Encap: fou.EncapGUE, HasEncap: true, Family: unix.AF_INET6, HasFamily: true,
		Local: netip.MustParseAddr("2001:db8::1"), Peer: netip.MustParseAddr("2001:db8::2"), PeerPort: 9, IfIndex: 2}
	b, _ := m.Attrs(nil)
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := fou.ParseMapping(b)
		if err != nil {
			return
		}
		if m.Local.Is4() != m.Peer.Is4() || m.Local.Is4() != (m.Family != unix.AF_INET6) {
			return // addresses of another family than the port's encode elsewhere
		}
		enc, err := m.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		again, err := fou.ParseMapping(enc)
		if err != nil || again.Port != m.Port || again.Local != m.Local || again.IPProto != m.IPProto || again.Encap != m.Encap {
			t.Fatalf("%+v re-decoded as %+v, %v", m, again, err)
		}
	})
}
