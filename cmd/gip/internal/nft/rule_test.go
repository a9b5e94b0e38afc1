package nft

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// roundTrip compiles a rule as gip nft add rule does and reads the
// expressions back as gip nft list does, without a kernel: named sets
// are declared in the table given.
func roundTrip(t *testing.T, f nftables.Family, rule string) (string, error) {
	t.Helper()
	tx := &nftables.Tx{}
	p := newParser(strings.Fields(rule))
	exprs, _, udata, err := compileRule(p, tx, f, "t", nil)
	if err != nil {
		return "", err
	}
	tb := &table{anon: map[string]*set{}}
	tb.sets = []*set{newSet(nftables.Set{Name: "blk", KeyType: typeIPv4, KeyLen: 4}),
		newSet(nftables.Set{Name: "m", KeyType: typeIPv4<<typeBits | typeInetService, KeyLen: 8, Flags: nftables.SetMap, DataType: dataVerdict})}
	r := &nftables.Rule{Family: f, Exprs: exprs, UserData: udata}
	return ruleText(tb, r), nil
}

func TestRuleTextRoundTrip(t *testing.T) {
	for _, c := range []struct {
		f    nftables.Family
		rule string
	}{
		{nftables.FamilyINet, "tcp dport 22 accept"},
		{nftables.FamilyINet, "ip saddr 10.0.0.0/8 drop"},
		{nftables.FamilyINet, "ip saddr != 10.0.0.0/8 drop"},
		{nftables.FamilyINet, "ip6 daddr 2001:db8::/32 udp sport 53 counter packets 0 bytes 0 accept"},
		{nftables.FamilyINet, "ct state established,related accept"},
		{nftables.FamilyINet, "ct state != established drop"},
		{nftables.FamilyINet, "ct mark 0x00000002 goto other"},
		{nftables.FamilyINet, `iifname "lo" accept`},
		{nftables.FamilyINet, `oifname "eth*" drop`},
		{nftables.FamilyINet, "meta mark 0x00000001 jump other"},
		{nftables.FamilyINet, "meta skuid 1000 drop"},
		{nftables.FamilyINet, "meta nfproto ipv6 continue"},
		{nftables.FamilyINet, "meta l4proto != tcp drop"},
		{nftables.FamilyINet, "ip saddr @blk drop"},
		{nftables.FamilyINet, "ip saddr != @blk drop"},
		{nftables.FamilyINet, "ip saddr . tcp dport vmap @m"},
		{nftables.FamilyINet, "tcp dport 1000-2000 accept"},
		{nftables.FamilyINet, "tcp sport > 1024 return"},
		{nftables.FamilyINet, "ip protocol icmp icmp type echo-request limit rate 5/second accept"},
		{nftables.FamilyINet, "limit rate over 10/minute burst 20 packets drop"},
		{nftables.FamilyINet, "limit rate 1 mbytes/second"},
		{nftables.FamilyINet, `log prefix "x" level info`},
		{nftables.FamilyINet, "log group 3 snaplen 64 queue-threshold 2"},
		{nftables.FamilyINet, "quota over 100 mbytes drop"},
		{nftables.FamilyINet, "th dport 1234 drop"},
		{nftables.FamilyINet, "ether saddr 00:11:22:33:44:55 return"},
		{nftables.FamilyINet, "reject with icmp host-unreachable"},
		{nftables.FamilyINet, "reject"},
		{nftables.FamilyINet, "meta l4proto tcp reject with tcp reset"},
		{nftables.FamilyIP, "reject"},
		{nftables.FamilyIP, "reject with tcp reset"},
		{nftables.FamilyIP, "tcp dport 80 dnat to 10.0.0.1:8080"},
		{nftables.FamilyIP, "ip saddr 10.1.0.0/16 snat to 1.2.3.4"},
		{nftables.FamilyIP, "udp dport 53 redirect to :5353"},
		{nftables.FamilyIP, "masquerade"},
		{nftables.FamilyIP, "meta l4proto tcp masquerade to :1024-2048 random"},
		{nftables.FamilyIP, "ip ttl 64 drop"},
		{nftables.FamilyIP6, "reject"},
		{nftables.FamilyIP6, "ip6 hoplimit 1 drop"},
		{nftables.FamilyINet, "snat ip to 5.6.7.8 fully-random"},
		{nftables.FamilyINet, `counter packets 0 bytes 0 comment "a b"`},
		{nftables.FamilyINet, "tcp flags syn,ack accept"},
		{nftables.FamilyINet, "tcp flags == syn drop"},
		{nftables.FamilyINet, "meta pkttype broadcast drop"},
	} {
		got, err := roundTrip(t, c.f, c.rule)
		if err != nil {
			t.Errorf("%s %q: %v", c.f, c.rule, err)
			continue
		}
		if got != c.rule {
			t.Errorf("%s %q: read back as %q", c.f, c.rule, got)
		}
	}
}

// Wrong statements fail with nft's words, never a panic.
func TestRuleErrors(t *testing.T) {
	for _, c := range []struct{ rule, want string }{
		{"tcp dport", "syntax error, unexpected newline, expecting string"},
		{"ip saddr 1.2.3", "Could not resolve hostname"},
		{"ct state bogus", "Could not parse conntrack state"},
		{"tcp dport 22 udp sport 1", "conflicting transport layer protocols specified: tcp vs. udp"},
		{"limit rate 5/fortnight", "syntax error"},
		{"dnat to :80", "specify `dnat ip' or 'dnat ip6' in inet table to disambiguate"},
		{"dnat ip to :80", "transport protocol mapping is only valid after transport protocol match"},
		{"bogus", "syntax error, unexpected newline"},
	} {
		_, err := roundTrip(t, nftables.FamilyINet, c.rule)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.rule, err, c.want)
		}
	}
}

// FuzzCompileRule feeds any text to the rule compiler: an error or
// expressions the listing reads, never a panic.
func FuzzCompileRule(f *testing.F) {
	for _, s := range []string{"tcp dport { 22, 80 } accept", "ip saddr . tcp dport @m", "ct state new,established accept",
		`iifname { "lo", "eth*" } accept`, "ip daddr 1.2.3.4 tcp dport 80 dnat to 10.0.0.1-10.0.0.5:80-90 persistent",
		"log prefix \"x\" level debug group 2", "quota 10 mbytes", "reject with icmpx admin-prohibited",
		"counter name \"c1\" quota name q1 accept", "quota over 5 mbytes used 1 mbytes"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tx := &nftables.Tx{}
		exprs, _, udata, err := compileRule(newParser([]string{s}), tx, nftables.FamilyINet, "t", nil)
		if err != nil {
			return
		}
		tb := &table{anon: map[string]*set{}}
		r := &nftables.Rule{Family: nftables.FamilyINet, Exprs: exprs, UserData: udata}
		_ = ruleText(tb, r)
		_ = ruleJSON(tb, r)
	})
}

// FuzzListRule reads any rule the kernel could send: text and JSON, never
// a panic.
func FuzzListRule(f *testing.F) {
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := nftables.DecodeRule(nftables.FamilyINet, b)
		if err != nil {
			return
		}
		tb := &table{anon: map[string]*set{}}
		_ = ruleText(tb, &r)
		_ = ruleJSON(tb, &r)
	})
}
