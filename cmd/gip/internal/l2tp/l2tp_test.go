package l2tp

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/l2tp"
)

func testEnv() *env.Env { return &env.Env{G: &env.Global{}, Stderr: &bytes.Buffer{}} }

func TestPlanAdd(t *testing.T) {
	for _, c := range []struct {
		args  string
		steps int
		code  int
	}{
		{"tunnel tunnel_id 1 peer_tunnel_id 2 local 127.0.0.1 remote 127.0.0.1 udp_sport 1 udp_dport 2", 1, 0},
		{"tunnel tid 1 ptid 2 encap ip local 2001:db8::1 remote 2001:db8::2", 1, 0},
		{"session tunnel_id 1 session_id 2 peer_session_id 3 cookie 01020304 peer_cookie 0102030405060708 seq both", 1, 0},
		{"tunnel session tid 1 ptid 2 sid 3 psid 4 encap ip local 127.0.0.1 remote any", 2, 0},
		{"tunnel_id 1", 0, fail.ExitUsage},
		{"", 0, fail.ExitUsage},
		{"tunnel tunnel_id 1 peer_tunnel_id 2 local 127.0.0.1 remote 127.0.0.1", 0, fail.ExitUsage},
		{"session tunnel_id 1 session_id 2", 0, fail.ExitUsage},
		{"tunnel encap gre", 0, fail.ExitUsage},
		{"tunnel tunnel_id 0x100000000", 0, fail.ExitUsage},
		{"tunnel udp_sport 65536", 0, fail.ExitUsage},
		{"session cookie 0102", 0, fail.ExitUsage},
		{"session cookie 0102030g", 0, fail.ExitUsage},
		{"session seq sometimes", 0, fail.ExitUsage},
		{"session l2spec_type x", 0, fail.ExitUsage},
		{"tunnel local nowhere", 0, fail.ExitLocal},
		{"tunnel frob", 0, fail.ExitUsage},
		{"tunnel tunnel_id", 0, fail.ExitUsage},
	} {
		steps, err := planAdd(testEnv(), strings.Fields(c.args))
		if fail.ExitCode(err) != c.code || len(steps) != c.steps {
			t.Errorf("%q: %d steps, %v (exit %d)", c.args, len(steps), err, fail.ExitCode(err))
		}
	}
}

func TestParseDefaults(t *testing.T) {
	e := testEnv()
	p, err := parse(e, strings.Fields("session tunnel_id 1 session_id 2 peer_session_id 3 offset 8 l2spec_type NONE seq send seq recv udp6_csum_tx off"))
	if err != nil {
		t.Fatal(err)
	}
	if p.s.L2SpecType != l2tp.L2SpecNone || p.s.L2SpecLen != 0 || !p.s.SendSeq || !p.s.RecvSeq || !p.t.ZeroCsum6Tx || p.t.ZeroCsum6Rx {
		t.Errorf("%+v", p)
	}
	if got := e.Stderr.(*bytes.Buffer).String(); got != "Ignoring option \"offset\"\n" {
		t.Errorf("warning %q", got)
	}
	if p, _ := parse(e, []string{"tunnel"}); p.s.L2SpecType != l2tp.L2SpecDefault || p.s.L2SpecLen != 4 || p.t.ZeroCsum6Tx {
		t.Errorf("defaults %+v", p)
	}
}

func TestPlanDel(t *testing.T) {
	for _, c := range []struct {
		args string
		code int
	}{
		{"tunnel tunnel_id 1", 0}, {"session tunnel_id 1 session_id 2", 0}, {"tunnel tunnel_id 1 session_id 2", 0},
		{"tunnel", fail.ExitUsage}, {"session tunnel_id 1", fail.ExitUsage}, {"tunnel_id 1", fail.ExitUsage},
	} {
		if _, err := planDel(testEnv(), strings.Fields(c.args)); fail.ExitCode(err) != c.code {
			t.Errorf("%q: %v", c.args, err)
		}
	}
}

func render(r format.FieldRecord) (string, string) {
	txt := format.NewText(format.Normal, false)
	r.Fields(format.NewTextFields(txt))
	j := format.NewJSONWriter(false)
	j.StartObject()
	r.Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	return string(*txt.Bytes()), string(j.Bytes())
}

func TestViews(t *testing.T) {
	tn := l2tp.Tunnel{ID: 5, PeerID: 6, Encap: l2tp.EncapUDP, Local: netip.MustParseAddr("2001:db8::1"),
		Remote: netip.MustParseAddr("2001:db8::1"), SourcePort: 6000, DestPort: 6001, ZeroCsum6Tx: true}
	txt, js := render(&tunnelView{tn})
	if txt != "Tunnel 5, encap UDP\n  From 2001:db8::1 to 2001:db8::1\n  Peer tunnel 6\n  UDP source / dest ports: 6000/6001\n  UDP checksum: rx\n" {
		t.Errorf("tunnel text %q", txt)
	}
	if js != `{"tunnel_id":5,"encap":"UDP","local":"2001:db8::1","peer":"2001:db8::1","peer_tunnel":6,"local_port":6000,"peer_port":6001,"checksum_tx":false,"checksum_rx":true}` {
		t.Errorf("tunnel JSON %s", js)
	}
	c8, _ := l2tp.NewCookie([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	c4, _ := l2tp.NewCookie([]byte{0xa1, 0xa2, 0xa3, 0xa4})
	s := l2tp.Session{TunnelID: 1, PeerTunnelID: 2, ID: 11, PeerID: 21, IfName: "l2tpeth0", Cookie: c8, PeerCookie: c4, SendSeq: true, RecvSeq: true}
	txt, js = render(&sessionView{s})
	if txt != "Session 11 in tunnel 1\n  Peer session 21, tunnel 2\n  interface name: l2tpeth0\n  offset 0, peer offset 0\n"+
		"  cookie 0102030405060708  peer cookie a1a2a3a4\n  sequence numbering: send recv\n" {
		t.Errorf("session text %q", txt)
	}
	if js != `{"session_id":11,"tunnel_id":1,"peer_session_id":21,"peer_tunnel_id":2,"interface":"l2tpeth0","cookie":"0102030405060708","peer_cookie":"a1a2a3a4","send_seq":null,"recv_seq":null}` {
		t.Errorf("session JSON %s", js)
	}
	if txt, _ := render(&sessionView{l2tp.Session{ID: 1}}); !strings.HasSuffix(txt, "peer offset 0\n\n") {
		t.Errorf("bare session %q", txt)
	}
}

// FuzzGrammar: any words give steps or an error, never a panic.
func FuzzGrammar(f *testing.F) {
	for _, s := range []string{
		"tunnel tunnel_id 1 peer_tunnel_id 2 local 127.0.0.1 remote 127.0.0.1 udp_sport 1 udp_dport 2",
		"session tid 1 sid 2 psid 3 cookie 01020304 seq both l2spec_type none name x", "tunnel session", "offset",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		planAdd(testEnv(), words)
		planDel(testEnv(), words)
	})
}
