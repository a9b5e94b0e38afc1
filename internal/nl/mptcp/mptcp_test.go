package mptcp_test

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl/mptcp"
)

func TestEndpointRoundTrip(t *testing.T) {
	for _, ep := range []mptcp.Endpoint{
		{ID: 5, HasID: true, Addr: netip.MustParseAddr("10.0.0.1"), Port: 1234, Flags: mptcp.FlagSignal, IfIndex: 3},
		{ID: 0, HasID: true, Addr: netip.MustParseAddr("2001:db8::1"), Flags: mptcp.FlagSubflow | mptcp.FlagBackup | mptcp.FlagFullmesh},
		{Addr: netip.MustParseAddr("::ffff:1.2.3.4")},
		{ID: 7, HasID: true},
	} {
		b, err := ep.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mptcp.ParseEndpoint(b)
		if err != nil || got != ep {
			t.Errorf("%+v: decoded %+v, %v", ep, got, err)
		}
	}
}

// TestEndpointBytes: the request ip sends for
// "endpoint add 10.0.0.1 dev (index 2) id 5 signal".
func TestEndpointBytes(t *testing.T) {
	ep := mptcp.Endpoint{ID: 5, HasID: true, Addr: netip.MustParseAddr("10.0.0.1"), Flags: mptcp.FlagSignal, IfIndex: 2}
	b, _ := ep.Attrs(nil)
	want := []byte{
		0x2c, 0, 0x01, 0x80, // ATTR_ADDR | NLA_F_NESTED
		5, 0, 2, 0, 5, 0, 0, 0, // id
		8, 0, 6, 0, 1, 0, 0, 0, // flags
		8, 0, 7, 0, 2, 0, 0, 0, // ifindex
		6, 0, 1, 0, 2, 0, 0, 0, // family AF_INET
		8, 0, 3, 0, 10, 0, 0, 1, // addr4
	}
	if string(b) != string(want) {
		t.Errorf("attrs\n got % x\nwant % x", b, want)
	}
}

func TestLimitsRoundTrip(t *testing.T) {
	for _, l := range []mptcp.Limits{
		{AddAddrAccepted: 4, HasAddAddrAccepted: true, Subflows: 3, HasSubflows: true},
		{Subflows: 8, HasSubflows: true},
		{},
	} {
		b, err := l.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mptcp.ParseLimits(b)
		if err != nil || got != l {
			t.Errorf("%+v: decoded %+v, %v", l, got, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := mptcp.ParseEndpoint(nil); err == nil {
		t.Error("a message without an endpoint decoded")
	}
	if _, err := mptcp.ParseEndpoint([]byte{8, 0, 1, 0x80, 5, 0}); err == nil {
		t.Error("a truncated endpoint decoded")
	}
	if _, err := mptcp.ParseLimits([]byte{6, 0, 2, 0, 1, 0, 0, 0}); err == nil {
		t.Error("a short limit decoded")
	}
}

// FuzzParse feeds arbitrary attributes to both decoders: errors are
// fine, panics are not, and a decoded endpoint encodes back to itself.
func FuzzParse(f *testing.F) {
	ep := mptcp.Endpoint{ID: 5, HasID: true, Addr: netip.MustParseAddr("2001:db8::1"), Port: 9, Flags: mptcp.FlagSignal, IfIndex: 2}
	b, _ := ep.Attrs(nil)
	f.Add(b)
	l := mptcp.Limits{AddAddrAccepted: 1, HasAddAddrAccepted: true, Subflows: 2, HasSubflows: true}
	b, _ = l.Attrs(nil)
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		if ep, err := mptcp.ParseEndpoint(b); err == nil {
			enc, err := ep.Attrs(nil)
			if err != nil {
				t.Fatal(err)
			}
			again, err := mptcp.ParseEndpoint(enc)
			// An unset port or device, or a zero flag word, is not sent.
			if err != nil || again.Addr != ep.Addr || again.ID != ep.ID || again.Flags != ep.Flags || again.Port != ep.Port {
				t.Fatalf("%+v re-decoded as %+v, %v", ep, again, err)
			}
		}
		mptcp.ParseLimits(b)
		if ev, err := mptcp.ParseEvent(1, b); err == nil && ev.Has(mptcp.AttrSaddr4) && !ev.Saddr.IsValid() {
			t.Fatalf("an event with saddr4 and no address: %+v", ev)
		}
	})
}

// TestParseEvent decodes what the kernel sends when a connection is
// created: ports in network byte order, the address attribute noted.
func TestParseEvent(t *testing.T) {
	b := []byte{
		8, 0, 1, 0, 0x0a, 0xf0, 0x5a, 0xb1, // token
		6, 0, 2, 0, 2, 0, 0, 0, // family
		5, 0, 4, 0, 0, 0, 0, 0, // rem id
		8, 0, 5, 0, 127, 0, 0, 1, // saddr4
		8, 0, 7, 0, 127, 0, 0, 2, // daddr4
		6, 0, 9, 0, 0x15, 0xb3, 0, 0, // sport 5555
		6, 0, 13, 0, 2, 0, 0, 0, // flags
	}
	ev, err := mptcp.ParseEvent(uint8(mptcp.EventCreated), b)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Type != mptcp.EventCreated || ev.Token != 0xb15af00a || ev.Saddr != netip.MustParseAddr("127.0.0.1") ||
		ev.Daddr != netip.MustParseAddr("127.0.0.2") || ev.Sport != 5555 || ev.Flags != 2 ||
		!ev.Has(mptcp.AttrSaddr4) || ev.Has(mptcp.AttrSaddr6) || !ev.Has(mptcp.AttrRemID) || ev.Has(mptcp.AttrLocID) {
		t.Errorf("decoded %+v", ev)
	}
	if _, err := mptcp.ParseEvent(1, []byte{6, 0, 5, 0, 1, 2, 0, 0}); err == nil {
		t.Error("a 2-byte address decoded")
	}
}
