package l2tp_test

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl/l2tp"
)

func cookie(t testing.TB, b ...byte) l2tp.Cookie {
	c, ok := l2tp.NewCookie(b)
	if !ok {
		t.Fatalf("cookie % x", b)
	}
	return c
}

func TestTunnelRoundTrip(t *testing.T) {
	for _, tn := range []l2tp.Tunnel{
		{ID: 1, PeerID: 2, ProtoVersion: 3, Encap: l2tp.EncapUDP, Local: netip.MustParseAddr("127.0.0.1"),
			Remote: netip.MustParseAddr("127.0.0.2"), SourcePort: 5000, DestPort: 5001, UDPCsum: true},
		{ID: 5, PeerID: 6, ProtoVersion: 3, Encap: l2tp.EncapUDP, Local: netip.MustParseAddr("2001:db8::1"),
			Remote: netip.MustParseAddr("2001:db8::2"), SourcePort: 1, DestPort: 2, ZeroCsum6Tx: true, ZeroCsum6Rx: true},
		{ID: 3, PeerID: 4, ProtoVersion: 3, Encap: l2tp.EncapIP, Local: netip.MustParseAddr("10.0.0.1"), Remote: netip.MustParseAddr("10.0.0.2")},
	} {
		b, err := tn.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l2tp.ParseTunnel(b)
		if err != nil || got != tn {
			t.Errorf("%+v: decoded %+v, %v", tn, got, err)
		}
	}
}

// TestTunnelBytes: the request ip sends for "l2tp add tunnel tunnel_id 1
// peer_tunnel_id 2 encap udp local 127.0.0.1 remote 127.0.0.2 udp_sport
// 5000 udp_dport 5001" (IPv6's zero-checksum flags are off).
func TestTunnelBytes(t *testing.T) {
	tn := l2tp.Tunnel{ID: 1, PeerID: 2, ProtoVersion: 3, Local: netip.MustParseAddr("127.0.0.1"),
		Remote: netip.MustParseAddr("127.0.0.2"), SourcePort: 5000, DestPort: 5001}
	b, _ := tn.Attrs(nil)
	want := []byte{
		8, 0, 9, 0, 1, 0, 0, 0, // conn id
		8, 0, 10, 0, 2, 0, 0, 0, // peer conn id
		5, 0, 7, 0, 3, 0, 0, 0, // proto version
		6, 0, 2, 0, 0, 0, 0, 0, // encap udp
		8, 0, 24, 0, 127, 0, 0, 1, // saddr
		8, 0, 25, 0, 127, 0, 0, 2, // daddr
		6, 0, 26, 0, 0x88, 0x13, 0, 0, // sport 5000
		6, 0, 27, 0, 0x89, 0x13, 0, 0, // dport 5001
	}
	if string(b) != string(want) {
		t.Errorf("attrs\n got % x\nwant % x", b, want)
	}
}

func TestSessionRoundTrip(t *testing.T) {
	for _, s := range []l2tp.Session{
		{TunnelID: 1, PeerTunnelID: 2, ID: 10, PeerID: 20, PWType: l2tp.PWTypeEth, L2SpecType: l2tp.L2SpecDefault, L2SpecLen: 4,
			RecvSeq: true, SendSeq: true, ReorderTimeout: 300, Cookie: cookie(t, 1, 2, 3, 4), PeerCookie: cookie(t, 1, 2, 3, 4, 5, 6, 7, 8), IfName: "l2e0"},
		{TunnelID: 1, ID: 11, PeerID: 21, PWType: l2tp.PWTypeEth},
	} {
		b, err := s.Attrs(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l2tp.ParseSession(b)
		if err != nil || got != s {
			t.Errorf("%+v: decoded %+v, %v", s, got, err)
		}
	}
}

func TestIDs(t *testing.T) {
	b, _ := l2tp.IDs{Tunnel: 7}.Attrs(nil)
	if string(b) != string([]byte{8, 0, 9, 0, 7, 0, 0, 0}) {
		t.Errorf("tunnel ids % x", b)
	}
	b, _ = l2tp.IDs{Tunnel: 7, Session: 9}.Attrs(nil)
	if s, err := l2tp.ParseSession(b); err != nil || s.TunnelID != 7 || s.ID != 9 {
		t.Errorf("session ids decode as %+v, %v", s, err)
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := l2tp.ParseSession([]byte{13, 0, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0}); err == nil {
		t.Error("a 9-byte cookie decoded")
	}
	if _, err := l2tp.ParseTunnel([]byte{6, 0, 9, 0, 1, 0, 0, 0}); err == nil {
		t.Error("a 2-byte tunnel id decoded")
	}
	if _, err := l2tp.ParseTunnel([]byte{7, 0, 24, 0, 1, 2, 3, 0}); err == nil {
		t.Error("a 3-byte address decoded")
	}
	if _, ok := l2tp.NewCookie(make([]byte, 9)); ok {
		t.Error("a 9-byte cookie made")
	}
}

// FuzzParse feeds arbitrary attributes to both decoders: errors are
// fine, panics are not, and what decodes encodes back to itself.
func FuzzParse(f *testing.F) {
	tn := l2tp.Tunnel{ID: 1, PeerID: 2, ProtoVersion: 3, Local: netip.MustParseAddr("2001:db8::1"),
		Remote: netip.MustParseAddr("2001:db8::2"), SourcePort: 5000, DestPort: 5001, ZeroCsum6Tx: true}
	b, _ := tn.Attrs(nil)
	f.Add(b)
	s := l2tp.Session{TunnelID: 1, ID: 10, PeerID: 20, PWType: 5, RecvSeq: true, Cookie: cookie(f, 1, 2, 3, 4), IfName: "x"}
	b, _ = s.Attrs(nil)
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		if tn, err := l2tp.ParseTunnel(b); err == nil {
			tn.Stats = l2tp.Stats{}
			enc, err := tn.Attrs(nil)
			if err != nil {
				t.Fatal(err)
			}
			again, err := l2tp.ParseTunnel(enc)
			if err != nil || again.ID != tn.ID || again.Local != tn.Local || again.Encap != tn.Encap {
				t.Fatalf("%+v re-decoded as %+v, %v", tn, again, err)
			}
		}
		if s, err := l2tp.ParseSession(b); err == nil {
			enc, err := s.Attrs(nil)
			if err != nil {
				t.Fatal(err)
			}
			again, err := l2tp.ParseSession(enc)
			if err != nil || again.ID != s.ID || again.Cookie != s.Cookie || again.PeerCookie != s.PeerCookie {
				t.Fatalf("%+v re-decoded as %+v, %v", s, again, err)
			}
		}
	})
}
