package rtnl

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// vniRequest is a change of every shape: a vni with an IPv4 group, a
// range with an IPv6 remote, a plain vni.
func vniRequest(t testing.TB) (VNIChange, nl.Message) {
	c := VNIChange{Index: 7, Entries: []VNIEntry{
		{Start: 100, Group: netip.MustParseAddr("239.1.1.1")},
		{Start: 200, End: 210, Group: netip.MustParseAddr("2001:db8::1")},
		{Start: 16777215},
	}}
	m, err := c.Message(RTMNewTunnel)
	if err != nil {
		t.Fatal(err)
	}
	return c, m
}

// TestVNIMessage decodes a request back into what made it.
func TestVNIMessage(t *testing.T) {
	c, m := vniRequest(t)
	if m.Header.Type != RTMNewTunnel || len(m.Data) < TunnelMsgLen || m.Data[0] != unix.AF_BRIDGE {
		t.Fatalf("header %+v, data %x", m.Header, m.Data)
	}
	got, err := ParseVNI(m)
	if err != nil {
		t.Fatal(err)
	}
	if got.Index != c.Index || !reflect.DeepEqual(got.Entries, c.Entries) {
		t.Errorf("decoded %+v, want %+v", got, c)
	}
	if _, err := ParseVNI(nl.Message{Data: m.Data[:5]}); err == nil {
		t.Error("a short message decodes")
	}
}

// TestVNIStats decodes the counters of a dump entry.
func TestVNIStats(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	for i := uint16(1); i <= 8; i++ {
		e.Uint64(i, uint64(i)*10)
	}
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := VNIStats{10, 20, 30, 40, 50, 60, 70, 80}
	if got := parseVNIStats(b); *got != want {
		t.Errorf("%+v, want %+v", *got, want)
	}
}

// FuzzParseVNI decodes arbitrary tunnel messages.
func FuzzParseVNI(f *testing.F) {
	_, m := vniRequest(f)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseVNI(nl.Message{Data: b})
		if err != nil {
			return
		}
		for _, e := range m.Entries {
			_ = e.Group.String()
		}
	})
}
