package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// l2tpSteps run with ip on one namespace and gip on its twin: tunnels
// over UDP and IP, IPv4 and IPv6, their checksum words, sessions with
// every option, ip's complaints and the kernel's refusals. Every session
// has both cookies: ip carries a cookie over from one session it lists to
// the next one without (a defect gip does not copy; see
// TestL2tpCookiesPerSession).
var l2tpSteps = []string{
	"l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap udp local 127.0.0.1 remote 127.0.0.1 udp_sport 5000 udp_dport 5001",
	"l2tp add tunnel tunnel_id 3 peer_tunnel_id 4 encap ip local 127.0.0.1 remote 127.0.0.2",
	"l2tp add tunnel tunnel_id 5 peer_tunnel_id 6 encap udp local 2001:db8::1 remote 2001:db8::1 udp_sport 6000 udp_dport 6001 udp6_csum_tx off",
	"l2tp add tunnel tid 7 ptid 8 local 127.0.0.1 remote 127.0.0.1 udp_sport 5002 udp_dport 5003 udp_csum on",
	"l2tp add tunnel tunnel_id 9 peer_tunnel_id 10 encap udp local 2001:db8::1 remote 2001:db8::1 udp_sport 6002 udp_dport 6003 udp6_csum_rx off udp6_csum_tx off",
	"l2tp add tunnel tunnel_id 11 peer_tunnel_id 12 encap ip local 2001:db8::1 remote 2001:db8::1",
	"l2tp add tunnel tunnel_id 13 peer_tunnel_id 14 encap udp local 2001:db8::1 remote 2001:db8::1 udp_sport 6004 udp_dport 6005 udp6_csum_rx off",
	"l2tp add tunnel tunnel_id 1 peer_tunnel_id 2 encap udp local 127.0.0.1 remote 127.0.0.1 udp_sport 5000 udp_dport 5001",
	"l2tp add session name l2e0 tunnel_id 1 session_id 10 peer_session_id 20 cookie 01020304 peer_cookie a1a2a3a4b1b2b3b4",
	"l2tp add session tunnel_id 1 session_id 11 peer_session_id 21 cookie 0102030405060708 peer_cookie a1a2a3a4 seq both l2spec_type none",
	"l2tp add session tunnel_id 3 sid 12 psid 22 seq send cookie cafef00d peer_cookie 00000001",
	"l2tp add session tunnel_id 5 session_id 13 peer_session_id 23 seq recv offset 8 peer_offset 4 cookie 11111111 peer_cookie 22222222 l2spec_type DEFAULT",
	"l2tp add session tunnel_id 1 session_id 10 peer_session_id 20", "l2tp add session tunnel_id 99 session_id 10 peer_session_id 20",
	"l2tp add session tunnel_id 1 session_id 14", "l2tp add tunnel tunnel_id 20 local 127.0.0.1 remote 127.0.0.1",
	"l2tp add tunnel tunnel_id 20 peer_tunnel_id 21 local 127.0.0.1 remote 127.0.0.1",
	"l2tp add tunnel tunnel_id 20 peer_tunnel_id 21 remote 127.0.0.1", "l2tp add tunnel tunnel_id 20 peer_tunnel_id 21 local 127.0.0.1",
	"l2tp add tunnel peer_tunnel_id 21 local 127.0.0.1", "l2tp add tunnel_id 20", "l2tp add", "l2tp add tunnel encap gre",
	"l2tp add tunnel tunnel_id x", "l2tp add tunnel tunnel_id -1", "l2tp add tunnel udp_sport 70000", "l2tp add tunnel udp_csum maybe",
	"l2tp add tunnel udp6_csum_rx x", "l2tp add tunnel local foo", "l2tp add tunnel remote foo", "l2tp add session name a/b",
	"l2tp add session cookie 123", "l2tp add session cookie zzzzzzzz", "l2tp add session peer_cookie 1234567", "l2tp add session l2spec_type x",
	"l2tp add session seq x", "l2tp add frob", "l2tp add tunnel tunnel_id", "l2tp add session offset", "l2tp add session offset 1 frob",
	"l2tp frob", "l2tp", "l2tp help", "l2tp h", "l2tp add help", "l2tp show", "l2tp show frob", "l2tp del", "l2tp del tunnel",
	"l2tp del session tunnel_id 1", "l2tp add tunnel Tunnel_id 1",
}

// l2tpShows are the listings compared after the changes.
var l2tpShows = []string{"l2tp show tunnel", "l2tp show session", "l2tp list tunnel tunnel_id 1",
	"l2tp lst session tunnel_id 1 session_id 10", "l2tp s session tunnel_id 3", "-s l2tp show tunnel"}

func TestL2tpMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link set lo up", "addr add 2001:db8::1/64 dev lo nodad")
	needFamily(t, ns, "l2tp", testenv.GenlL2TP)
	for _, s := range l2tpSteps {
		compareCommand(t, ref, ns, s)
	}
	compareListings(t, ref, ns, l2tpShows)
	compareLinkNames(t, ref, ns) // the sessions' devices
	for _, s := range []string{
		"l2tp del session tunnel_id 1 session_id 10", "l2tp del session tunnel_id 1 session_id 10",
		"l2tp del tunnel tunnel_id 3", "l2tp del tunnel tunnel_id 3", "l2tp d tunnel session tunnel_id 5 session_id 13",
		"l2tp del tunnel tunnel_id 9", "l2tp delete session tid 1 sid 11",
		"l2tp add tunnel session tunnel_id 30 peer_tunnel_id 31 session_id 1 peer_session_id 2 encap ip local 127.0.0.1 remote 127.0.0.3 cookie 99999999 peer_cookie 88888888",
	} {
		compareCommand(t, ref, ns, s)
	}
	compareListings(t, ref, ns, l2tpShows)
	compareLinkNames(t, ref, ns)
	// A batch stops at its failing line (a tunnel that exists; session IDs
	// are the namespace's, not the tunnel's, so they are new too), or goes
	// on under -force; each run starts from the same state.
	tunnel := "l2tp add tunnel tunnel_id 40 peer_tunnel_id 41 local 127.0.0.1 remote 127.0.0.1 udp_sport 7000 udp_dport 7001\n"
	batch := tunnel +
		"l2tp add session tunnel_id 40 session_id 41 peer_session_id 41 name s40 cookie 01010101 peer_cookie 02020202\n" +
		tunnel +
		"l2tp add session tunnel_id 40 session_id 42 peer_session_id 42 cookie 03030303 peer_cookie 04040404\n" +
		"link set s40 up\n"
	cleanup := "l2tp del tunnel tunnel_id 40\n"
	compareBatch(t, ref, ns, batch)
	compareListings(t, ref, ns, l2tpShows)
	compareLinkNames(t, ref, ns)
	if out := tool(t, "ip", "-n", ns, "link", "show", "s40").Stdout; !strings.Contains(out, "s40: <BROADCAST,MULTICAST> ") {
		t.Errorf("the batch's session device is not there as it should be:\n%s", out)
	}
	compareBatch(t, ref, ns, cleanup)
	compareBatch(t, ref, ns, batch, "-force")
	compareListings(t, ref, ns, l2tpShows)
	compareLinkNames(t, ref, ns)
}

// TestL2tpCookiesPerSession lists sessions of which only the first has
// cookies: ip prints the first one's cookies for the second too (it
// keeps one record for the whole dump), gip prints each session's own.
func TestL2tpCookiesPerSession(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "set", "lo", "up")
	needFamily(t, ns, "l2tp", testenv.GenlL2TP)
	mustGip(t, "-n", ns, "l2tp", "add", "tunnel", "tunnel_id", "1", "peer_tunnel_id", "1", "encap", "ip", "local", "127.0.0.1", "remote", "127.0.0.2")
	mustGip(t, "-n", ns, "l2tp", "add", "session", "tunnel_id", "1", "session_id", "2", "peer_session_id", "2")
	mustGip(t, "-n", ns, "l2tp", "add", "session", "tunnel_id", "1", "session_id", "1", "peer_session_id", "1", "cookie", "abcdef01")
	want := tool(t, "ip", "-n", ns, "l2tp", "show", "session").Stdout
	got := gip(t, "-n", ns, "l2tp", "show", "session").Stdout
	if strings.Count(got, "cookie abcdef01") != 1 || strings.Count(want, "cookie abcdef01") != 2 {
		t.Errorf("cookies:\n ip:\n%s\ngip:\n%s", want, got)
	}
	// Apart from the carried-over cookie, the listings are the same.
	const carried = "  cookie abcdef01\n"
	if i := strings.LastIndex(want, carried); i < 0 || want[:i]+"\n"+want[i+len(carried):] != got {
		t.Errorf("listings differ beyond the cookie:\n ip:\n%s\ngip:\n%s", want, got)
	}
}

// compareLinkNames compares the devices of both namespaces, by name and
// state (an l2tp session's device has a random address).
func compareLinkNames(t *testing.T, ref, ns string) {
	t.Helper()
	names := func(n string) string {
		var b strings.Builder
		for line := range strings.Lines(tool(t, "ip", "-n", n, "-br", "link").Stdout) {
			f := strings.Fields(line)
			b.WriteString(strings.Join(f[:2], " ") + "\n")
		}
		return b.String()
	}
	if a, b := names(ref), names(ns); a != b {
		t.Errorf("the devices ip made and gip made differ:\n%s\n%s", a, b)
	}
}
