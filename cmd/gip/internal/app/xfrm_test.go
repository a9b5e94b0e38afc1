package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// xfrmPolicySteps run with ip on one namespace and gip on its twin:
// policies of every selector, template, limit, mark and flag form, and
// the errors of bad input.
var xfrmPolicySteps = []string{
	"xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 dir out tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode tunnel",
	"xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 dir out tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode tunnel",
	"xfrm policy add src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp sport 80 dport 0x1bb dir in priority 7 action block flag localok icmp index 0 limit time-soft 10000 limit byte-hard 0x100 limit packet-soft 5 limit time-use-hard 9000",
	"xfrm policy add src 10.3.0.0/16 proto icmp type 8 code 0 dir fwd mark 5 mask 0xf if_id 0x22 ptype sub",
	"xfrm policy add dst 10.4.0.0/24 proto gre key 1.2.3.4 dir out flag 0x3 tmpl proto ah spi 0x100 reqid 9 level use tmpl src 10.9.0.1 dst 10.9.0.2 proto comp spi 0x20 mode beet",
	"xfrm policy add dst 10.5.0.0/24 proto gre key 77 dir out mark 0 tmpl proto esp mode tr",
	"-6 xfrm policy add src 2001:db8::/64 dst 2001:db8:1::/64 proto ipv6-icmp type 135 dev lo dir out tmpl src 2001:db8::1 dst 2001:db8::2 proto esp mode tunnel reqid 3",
	"xfrm policy add src fd00::1 dst fd00::2 proto mobility-header type 5 dir in tmpl proto route2 mode ro",
	"xfrm policy add src 10.6.0.0/16 proto udp dir in priority 100 mark 0x10 if_id 0",
	"xfrm policy update src 10.6.0.0/16 proto udp dir in priority 200 mark 0x10 if_id 0",
	"xfrm policy update src 10.7.0.0/16 dir out action block",
	"xfrm policy add src 10.8.0.0/16 proto 132 dport 9 dir in",
	"xfrm policy add dir out src any", "-4 xfrm policy add dir out src any dst 10.10.0.0/16",
	"xfrm policy add frob dir out", "xfrm policy add src 10.0.0.1 frob dir out", "xfrm policy add src 10.0.0.1 dir out proto tcp",
	"xfrm policy add dir out tmpl", "xfrm policy add dir out tmpl frob", "xfrm policy add dir out mark", "xfrm policy add dir out mark 5 mask",
	"xfrm policy add dir out mark x", "xfrm policy add dir out mark 1 mask y", "xfrm policy add src 10.11.0.0/16 dir out dir in",
	"xfrm policy add dir in tmpl spi 5 proto route2", "xfrm policy add dir in tmpl proto comp spi 0x10000",
	"xfrm policy add dir out action x", "xfrm policy add dir out limit time-soft x", "xfrm policy add dir out limit frob 1",
	"xfrm policy add src 10.12.0.0/16", "xfrm policy add src 10.12.0.0/16 dir sideways", "xfrm policy add src 10.12.0.0/16 dir in ptype x",
	"xfrm policy add src 10.12.0.0/16 dir in ptype main ptype sub", "xfrm policy add src 10.12.0.0/16 dir in ctx a ctx b",
	"xfrm policy add src 10.12.0.0/16 dir in priority -1", "xfrm policy add src 10.12.0.0/16 dir in index x",
	"xfrm policy add src 10.12.0.0/16 dir in if_id x", "xfrm policy add src 10.12.0.0/16 proto tcp type 3 dir in",
	"xfrm policy add src 10.12.0.0/16 proto udp key 3 dir in", "xfrm policy add src 10.12.0.0/16 proto icmp sport 3 dir in",
	"xfrm policy add src 10.12.0.0/16 proto tcp sport 70000 dir in", "xfrm policy add src 10.12.0.0/16 proto icmp type 256 dir in",
	"xfrm policy add src 10.12.0.0/16 proto frob dir in", "xfrm policy add src 10.12.0.0/16 dev nosuch dir in",
	"xfrm policy add src 10.12.0.0/16 dst 2001:db8::/32 dir in", "xfrm policy add src 10.12.0.0/33 dir in",
	"xfrm policy add src 10.12.0.0/16 dir in flag 0xzz", "xfrm policy add src 10.12.0.0/16 dir in flag frob",
	"xfrm policy add src 10.12.0.0/16 dir in tmpl proto esp mode frob", "xfrm policy add src 10.12.0.0/16 dir in tmpl proto esp level x",
	"xfrm policy add src 10.12.0.0/16 dir in tmpl proto esp reqid x", "xfrm policy add src 10.12.0.0/16 dir in tmpl proto x",
	"xfrm policy add src 10.12.0.0/16 dir in tmpl proto esp spi x", "xfrm policy add src 10.12.0.0/16 dir in tmpl src 10.0.0.1 dst ::1 proto esp",
	"xfrm policy add src 10.13.0.0/16 dir in ctx system_u:object_r:foo_t:s0",
	"xfrm policy delete src 10.6.0.0/16 proto udp dir in mark 0x10", "xfrm policy delete src 10.6.0.0/16 proto udp dir in mark 0x10",
	"xfrm policy delete dir in", "xfrm policy delete src 10.6.0.0/16", "xfrm policy delete src 10.6.0.0/16 index 3 dir in",
	"xfrm policy delete index 3 index 4 dir in", "xfrm policy delete src 10.7.0.0/16 dir out frob",
	"xfrm policy get src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp sport 80 dport 443 dir in",
	"-s xfrm policy get src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp sport 80 dport 443 dir in",
	"xfrm policy get src 10.1.0.0/16 dir in", "xfrm policy get dir in", "xfrm policy get src 10.3.0.0/16 proto icmp type 8 code 0 dir fwd mark 5 mask 0xf if_id 0x22 ptype sub",
	"xfrm policy set hthresh4 24 16 hthresh6 64 48", "xfrm policy set hthresh4 33 1", "xfrm policy set hthresh6 1 129",
	"xfrm policy set hthresh4 1 1 hthresh4 2 2", "xfrm policy set frob", "xfrm policy set hthresh4 1",
	"xfrm policy flush ptype x", "xfrm policy flush frob", "xfrm policy frob", "xfrm policy help", "xfrm frob", "xfrm", "xfrm help",
	"xfrm policy list frob", "xfrm policy list src 1.2.3.4 frob", "xfrm policy deleteall frob",
	"xfrm pol a src 10.14.0.0/16 dir in", "xfrm policy u src 10.14.0.0/16 dir in priority 3", "xfrm p del src 10.14.0.0/16 dir in",
	"xfrm policy getdefault", "xfrm policy setdefault in block out accept", "xfrm policy getdefault",
	"xfrm policy setdefault fwd block fwd accept", "xfrm policy setdefault sideways block", "xfrm policy setdefault in maybe",
	"xfrm policy setdefault in", "xfrm policy setdefault in accept fwd accept out accept", "xfrm policy getd",
}

// xfrmPolicyShows list the policies with both tools.
var xfrmPolicyShows = []string{
	"xfrm policy", "xfrm policy list", "xfrm policy show", "xfrm pol lst", "-s xfrm policy", "-s -s xfrm policy", "-d xfrm policy",
	"-o xfrm policy", "-o -s xfrm policy", "-4 xfrm policy", "-6 xfrm policy", "-s -6 xfrm policy",
	"xfrm policy list dir in", "xfrm policy list dir out", "xfrm policy list ptype sub", "xfrm policy list action block",
	"xfrm policy list priority 7", "xfrm policy list flag icmp", "xfrm policy list index 1", "xfrm policy list nosock",
	"xfrm policy list src 10.1.0.0/16", "xfrm policy list src 10.0.0.0/8", "xfrm policy list dst 10.4.0.1/24",
	"xfrm policy list proto tcp", "xfrm policy list proto tcp sport 80", "xfrm policy list dev lo",
	"xfrm policy list src 2001:db8::/32", "xfrm policy count", "-s xfrm policy count", "-s -s xfrm policy count", "xfrm policy getdefault",
}

func TestXfrmPolicyMatchesIP(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	runXfrmSteps(t, ref, ns, xfrmPolicySteps)
	compareXfrm(t, ref, ns, "policy", xfrmPolicyShows)
	// deleteall with a filter, then flush, by each tool on its namespace.
	for _, s := range []string{"xfrm policy deleteall dir in", "xfrm policy deleteall src 10.0.0.0/8 proto gre",
		"xfrm policy flush ptype sub", "xfrm policy flush"} {
		runXfrmSteps(t, ref, ns, []string{s})
		compareXfrm(t, ref, ns, "policy", []string{"xfrm policy", "-s xfrm policy count"})
	}
}

// compareXfrm compares both tools' listings on both namespaces, text
// byte for byte but for the times; gip's JSON (ip prints text under -j)
// must be an array of objects. Last, ip's -s listings of the policies or
// states (object) of both namespaces must be the same.
func compareXfrm(t *testing.T, ref, ns, object string, shows []string) {
	t.Helper()
	mask := xfrmTimes
	for _, c := range shows {
		for _, n := range []string{ref, ns} {
			args := append([]string{"-n", n}, splitArgs(c)...)
			want, got := tool(t, "ip", args...), gip(t, args...)
			if got.code != want.code || got.Stderr != want.Stderr {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			compareLines(t, strings.Join(args, " "), mask.apply(want.Stdout), mask.apply(got.Stdout))
			j := gip(t, append([]string{"-n", n, "-j"}, splitArgs(c)...)...)
			var v []map[string]any
			if err := json.Unmarshal([]byte(j.Stdout), &v); err != nil || j.code != 0 {
				t.Errorf("%v -j: exit %d, not a JSON array of objects: %v\n%s", args, j.code, err, j.Stdout)
			}
		}
	}
	// The kernel numbers policies from a counter that a batch's undone
	// steps advance too.
	index := newMasker(`index \d+`, "index N")
	a, b := tool(t, "ip", "-n", ref, "-s", "xfrm", object).Stdout, tool(t, "ip", "-n", ns, "-s", "xfrm", object).Stdout
	compareLines(t, "what ip and gip made", index.apply(mask.apply(a)), index.apply(mask.apply(b)))
}

// TestXfrmPolicyBatch: policy changes are planned steps, so they run in a
// batch; a refusal ends it at once with exit 2, -force or not, as ip's
// xfrm exits there.
func TestXfrmPolicyBatch(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	batch := "xfrm policy add src 10.0.0.0/8 dir out\nxfrm policy add src 10.1.0.0/16 dir in tmpl proto esp\n" +
		"xfrm policy update src 10.0.0.0/8 dir out priority 4\nxfrm policy delete src 10.1.0.0/16 dir in\n" +
		"xfrm policy add src 10.2.0.0/16 dir fwd\nxfrm policy add src 10.2.0.0/16 dir fwd\nxfrm policy add src 10.3.0.0/16 dir fwd\n"
	for _, force := range [][]string{nil, {"-force"}} {
		for _, n := range []string{ref, ns} {
			must(t, "ip", "-n", n, "xfrm", "policy", "flush")
		}
		runXfrmBatch(t, ref, ns, batch, force...)
		compareXfrm(t, ref, ns, "policy", []string{"xfrm policy", "-s xfrm policy count"})
	}
}

// TestXfrmPolicyJSON: gip's JSON holds the text's fields by the text's
// names.
func TestXfrmPolicyJSON(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "xfrm", "policy", "add", "src", "10.1.0.0/16", "proto", "tcp", "dport", "22", "dir", "in",
		"priority", "9", "action", "block", "mark", "7", "if_id", "3", "flag", "icmp", "tmpl", "src", "10.0.0.1", "dst", "10.0.0.2",
		"proto", "esp", "reqid", "4", "mode", "tunnel", "level", "use")
	r := gip(t, "-n", ns, "-j", "xfrm", "policy")
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil || len(got) != 1 {
		t.Fatalf("not one policy: %v\n%s", err, r.Stdout)
	}
	want := `{"src":"10.1.0.0/16","dst":"0.0.0.0/0","proto":"tcp","dport":22,"dir":"in","action":"block","priority":9,"ptype":"main",` +
		`"flag":["icmp"],"mark":{"value":7,"mask":4294967295},` +
		`"tmpl":[{"src":"10.0.0.1","dst":"10.0.0.2","proto":"esp","reqid":4,"mode":"tunnel","level":"use"}],"if_id":3}`
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[0], w) {
		t.Errorf("JSON\n got %s\nwant %s", r.Stdout, want)
	}
	r = gip(t, "-n", ns, "-j", "-s", "xfrm", "policy", "count")
	if !strings.Contains(r.Stdout, `"in":1,"out":0,"fwd":0,"sock":{"in":0,"out":0,"fwd":0}`) {
		t.Errorf("count JSON: %s", r.Stdout)
	}
}

// xfrmStateSteps run with ip on one namespace and gip on its twin: larval
// states from allocspi (with a fixed SPI, so that both tools get the
// same), and the errors of bad input to every state verb. Adds of real
// states are in TestXfrmStateAlgorithms (they need ESP in the kernel).
var xfrmStateSteps = []string{
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.2 proto esp min 0x1000 max 0x1000",
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.3 proto ah mode tunnel reqid 7 mark 3 mask 0xff min 0x2000 max 0x2000",
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.4 proto comp min 0x300 max 0x300 seq 5",
	"xfrm state allocspi src 2001:db8::1 dst 2001:db8::2 proto esp mode beet min 0x4000 max 0x4000",
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp min 5", "xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp max 5",
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp min 9 max 5", "xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp spi 5",
	"xfrm state allocspi mode tunnel", "xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp min 1 min 2",
	"xfrm state allocspi src 10.0.0.1 dst 10.0.0.5 proto esp frob", "xfrm state allocspi src 10.0.0.1 dst 10.0.0.5",
	"xfrm state get src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000", "-s xfrm state get src 10.0.0.1 dst 10.0.0.3 proto ah spi 0x2000 mark 3 mask 0xff",
	"xfrm state get src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1001", "xfrm state get src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 frob",
	"xfrm state delete src 10.0.0.1 dst 10.0.0.4 proto comp spi 0x300", "xfrm state delete src 10.0.0.1 dst 10.0.0.4 proto comp spi 0x300",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 enc cipher_null '' auth digest_null '' enc x y",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 auth digest_null ''",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 enc cipher_null '' comp deflate",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto ah spi 0x10 enc cipher_null ''", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto ah spi 0x10",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto comp spi 0x10 auth x y", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto comp spi 0x10",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 mode ro enc cipher_null ''",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto ah spi 0x10 mode beet auth digest_null ''",
	"xfrm state add src ::1 dst ::2 proto route2 mode ro", "xfrm state add src ::1 dst ::2 proto route2 coa ::3",
	"xfrm state add src ::1 dst ::2 proto hao mode tunnel coa ::3", "xfrm state add src ::1 dst ::2 proto esp coa ::3 enc cipher_null ''",
	"xfrm state add src ::1 dst ::2 proto ipsec-any enc cipher_null ''", "xfrm state add enc cipher_null ''",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 enc", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 enc x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 aead x 0x01", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 aead x 0x01 y",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto ah spi 0x10 auth-trunc x 0x01", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto ah spi 0x10 auth-trunc x 0x01 z",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 enc x 0xzz", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 flag esn enc x y",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 replay-window 5000 enc x y", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 replay-window x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 encap frob 1 2 10.0.0.1", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 encap espinudp x 2 10.0.0.1",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 encap espinudp 1 x 10.0.0.1", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 encap espinudp 1 2 zz",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 encap espinudp 1 2", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 offload dir x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 offload dev nosuch dir in", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 offload frob",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 coa ::1 coa ::2", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 flag 0xzz",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 extra-flag 0xzz", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 output-mark x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 output-mark 1 mask x", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 if_id x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 tfcpad x", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 seq x",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 sel src 10.0.0.0/8 dst ::1", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 mode frob",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto comp spi 0x10000 comp deflate", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto frob",
	"xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 src 1.2.3.4", "xfrm state add src 10.0.0.1 dst 10.0.0.9 proto esp spi 0x10 ctx a ctx b",
	"xfrm state flush proto frob", "xfrm state flush proto esp proto ah", "xfrm state flush frob", "xfrm state frob", "xfrm state help", "xfrm sa frob",
	"xfrm state list frob frob", "xfrm state list mode frob", "xfrm state deleteall frob frob",
}

// xfrmStateShows list the states with both tools.
var xfrmStateShows = []string{
	"xfrm state", "xfrm state list", "xfrm sa show", "xfrm state lst", "-s xfrm state", "-s -s xfrm state", "-d xfrm state",
	"-o xfrm state", "-o -s xfrm state", "-4 xfrm state", "-6 xfrm state", "xfrm state list nokeys",
	"xfrm state list proto esp", "xfrm state list proto ah", "xfrm state list spi 0x2000", "xfrm state list src 10.0.0.1 dst 10.0.0.3",
	"xfrm state list dst 10.0.0.0/24", "xfrm state list mode tunnel", "xfrm state list reqid 7", "xfrm state list src 2001:db8::/32",
	"xfrm state list proto ipsec-any", "xfrm state count", "-s xfrm state count",
}

func TestXfrmStateMatchesIP(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	runXfrmSteps(t, ref, ns, xfrmStateSteps)
	compareXfrm(t, ref, ns, "state", xfrmStateShows)
	for _, s := range []string{"xfrm state deleteall proto ah", "xfrm state deleteall src 2001:db8::/64",
		"xfrm state flush proto comp", "xfrm state flush"} {
		runXfrmSteps(t, ref, ns, []string{s})
		compareXfrm(t, ref, ns, "state", []string{"xfrm state", "xfrm state count"})
	}
}

// xfrmAlgorithmSteps add states of every algorithm, protocol and
// attribute form; they need ESP, AH and IPComp in the kernel (the vm
// tier).
var xfrmAlgorithmSteps = []string{
	"xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 enc cbc(aes) 0x00112233445566778899aabbccddeeff auth hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	"xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 enc cbc(aes) 0x00112233445566778899aabbccddeeff",
	"xfrm state add src 10.0.0.1 dst 10.0.0.3 proto esp spi 0x101 mode tunnel reqid 5 enc cbc(aes) 0x0112233445566778899aabbccddeeff auth-trunc hmac(sha1) 0x0102030405060708090a0b0c0d0e0f1011121314 96 " +
		"sel src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp dport 22 limit time-soft 100000 limit time-hard 200000 limit byte-soft 1000 limit packet-hard 50 flag noecn decap-dscp wildrecv extra-flag dont-encap-dscp replay-window 32 replay-seq 4 replay-oseq 9",
	"xfrm state add src 10.0.0.1 dst 10.0.0.4 proto esp spi 0x102 aead rfc4106(gcm(aes)) 0x0102030405060708090a0b0c0d0e0f1011121314 128 mode tunnel mark 7 mask 0xff if_id 0x33 tfcpad 64 output-mark 0x10 mask 0xf0 seq 3",
	"xfrm state add src 10.0.0.1 dst 10.0.0.5 proto esp spi 0x103 mode beet enc cbc(des3_ede) 0x0102030405060708090a0b0c0d0e0f101112131415161718 auth hmac(md5) 0x0102030405060708090a0b0c0d0e0f10 flag esn replay-window 128 replay-seq-hi 2 replay-oseq-hi 3",
	"xfrm state add src 10.0.0.1 dst 10.0.0.6 proto esp spi 0x104 enc cipher_null '' encap espinudp 4500 4500 10.0.0.9",
	"xfrm state add src 10.0.0.1 dst 10.0.0.7 proto esp spi 0x105 enc cipher_null '' encap espinudp 4500 4501 0.0.0.0 flag af-unspec align4 nopmtudisc icmp",
	"xfrm state add src 10.0.0.1 dst 10.0.0.8 proto ah spi 0x106 auth hmac(sha1) 0x0102030405060708090a0b0c0d0e0f1011121314 mode tunnel",
	"xfrm state add src 10.0.0.1 dst 10.0.0.8 proto ah spi 0x107 auth-trunc hmac(sha256) secretsecretsecretsecretsecret32 128",
	"xfrm state add src 10.0.0.1 dst 10.0.0.10 proto comp spi 0x108 comp deflate",
	"xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x109 enc cbc(aes) 0x00112233445566778899aabbccddeeff auth hmac(sha1) 0x01 sel src 2001:db8::/64 proto ipv6-icmp type 128",
	"xfrm state add src 2001:db8::1 dst 2001:db8::3 proto comp spi 0x10a comp deflate mode tunnel",
	"xfrm state add src 10.0.0.1 dst 10.0.0.11 proto esp spi 0x10b enc cbc(aes) 0x00112233445566778899aabbccddeeff offload dev lo dir in",
	"xfrm state add src 10.0.0.1 dst 10.0.0.11 proto esp spi 0x10b enc cbc(aes) 0x00112233445566778899aabbccddeeff ctx system_u:object_r:x_t:s0",
	"xfrm state add src 10.0.0.1 dst 10.0.0.12 proto esp spi 0x10c enc frob(aes) 0x00",
	"xfrm state update src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 enc cbc(aes) 0x00112233445566778899aabbccddeeff auth hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f limit time-hard 99999",
	"xfrm state update src 10.0.0.1 dst 10.0.0.99 proto esp spi 0x100 enc cbc(aes) 0x00112233445566778899aabbccddeeff",
	"xfrm state get src 10.0.0.1 dst 10.0.0.3 proto esp spi 0x101", "-s xfrm state get src 10.0.0.1 dst 10.0.0.4 proto esp spi 0x102 mark 7 mask 0xff",
	"xfrm state delete src 10.0.0.1 dst 10.0.0.6 proto esp spi 0x104", "xfrm state delete src 10.0.0.1 dst 10.0.0.6 proto esp spi 0x104",
}

// TestXfrmStateAlgorithms: states of every algorithm made by each tool,
// listed by both.
func TestXfrmStateAlgorithms(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	probe := tool(t, "ip", "-n", ref, "xfrm", "state", "add", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "spi", "1",
		"enc", "cbc(aes)", "0x00112233445566778899aabbccddeeff")
	if probe.code != 0 {
		testenv.Missing(t, testenv.XfrmESP, "ip xfrm state add ... proto esp: %s", probe.Stderr)
	}
	must(t, "ip", "-n", ref, "xfrm", "state", "flush")
	runXfrmSteps(t, ref, ns, xfrmAlgorithmSteps)
	compareXfrm(t, ref, ns, "state", append(xfrmStateShows, "xfrm state list proto comp", "xfrm state list flag esn", "-s xfrm state list nokeys"))
	// What gip made, as ip reads it back.
	listed := tool(t, "ip", "-n", ns, "xfrm", "state").Stdout
	for _, want := range []string{
		"\tauth-trunc hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 96\n\tenc cbc(aes) 0x00112233445566778899aabbccddeeff\n",
		"\taead rfc4106(gcm(aes)) 0x0102030405060708090a0b0c0d0e0f1011121314 128\n",
		"\tauth-trunc hmac(sha1) 0x0102030405060708090a0b0c0d0e0f1011121314 96\n",
		"\tcomp deflate \n", "\tencap type espinudp sport 4500 dport 4501 addr 0.0.0.0\n", "\tsel src 2001:db8::/64 dst ::/0 proto ipv6-icmp type 128 \n",
		"\tmark 0x7/0xff output-mark 0x10/0xf0\n", "\tif_id 0x33\n\ttfcpad 64\n",
		"\tanti-replay esn context:\n\t seq-hi 0x2, seq 0x0, oseq-hi 0x3, oseq 0x0\n",
		"\tsel src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp dport 22 \n",
	} {
		if !strings.Contains(listed, want) {
			t.Errorf("ip does not list %q among gip's states:\n%s", want, listed)
		}
	}
	for spi := 0x100; spi <= 0x10a; spi++ {
		if in := strings.Contains(listed, fmt.Sprintf("spi 0x%08x ", spi)); in != (spi != 0x104) {
			t.Errorf("state with SPI %#x listed: %v (0x104 is deleted, the others added)", spi, in)
		}
	}
	// A batch of adds, a failure, and more: ip's xfrm exits at the failure.
	batch := "xfrm state add src 10.9.0.1 dst 10.9.0.2 proto esp spi 0x200 enc cipher_null \"\"\n" +
		"xfrm state add src 10.9.0.1 dst 10.9.0.2 proto esp spi 0x200 enc cipher_null \"\"\n" +
		"xfrm state add src 10.9.0.1 dst 10.9.0.3 proto esp spi 0x201 enc cipher_null \"\"\n"
	runXfrmBatch(t, ref, ns, batch)
	compareXfrm(t, ref, ns, "state", []string{"xfrm state", "xfrm state count"})
}

// runXfrmSteps runs each command line with ip on ref and gip on ns: the
// same output, errors and exit codes.
func runXfrmSteps(t *testing.T, ref, ns string, steps []string) {
	t.Helper()
	for _, s := range steps {
		args := splitArgs(s)
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) || xfrmTimes.apply(got.Stdout) != xfrmTimes.apply(want.Stdout) {
			t.Errorf("%s:\n ip exit %d %q %q\ngip exit %d %q %q", s, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
}

// xfrmTimes masks the times a listing shows (a second may tick between
// two).
var xfrmTimes = newMasker(`(add|use) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d`, "$1 T")

// runXfrmBatch runs a batch with ip -batch on ref and gip -batch on ns:
// the same errors and exit code.
func runXfrmBatch(t *testing.T, ref, ns, batch string, opts ...string) {
	t.Helper()
	cmd := execIP(t, append(append([]string{"-n", ref}, opts...), "-batch", "-")...)
	cmd.Stdin = strings.NewReader(batch)
	var ipErr strings.Builder
	cmd.Stderr = &ipErr
	ipCode := 0
	if err := cmd.Run(); err != nil {
		ipCode = cmd.ProcessState.ExitCode()
	}
	var out, errb strings.Builder
	code := Run(append(append([]string{"-n", ns}, opts...), "-batch", "-"), strings.NewReader(batch), &out, &errb)
	if code != ipCode || errb.String() != ipErr.String() {
		t.Errorf("batch %v: ip exit %d %q, gip exit %d %q", opts, ipCode, ipErr.String(), code, errb.String())
	}
}
