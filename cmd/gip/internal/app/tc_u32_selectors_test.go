package app

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// tcU32Selectors are u32 filters tc adds, by protocol and match phrases,
// with the selectors gip -j decodes their keys to ("" for the phrases
// themselves).
var tcU32Selectors = []struct{ proto, in, want string }{
	{"ip", "ip dst 10.0.0.0/8", ""},
	{"ip", "ip src 192.168.1.1/32; ip dport 80 0xffff; ip protocol 6 0xff", ""},
	{"ip", "ip protocol 6 0xff; tcp dst 443 0xffff", ""},
	{"ip", "ip protocol 17 0xff; udp src 53 0xffff; udp dst 5353 0xffff", "ip protocol 17 0xff; udp src 53 0xffff; udp dst 5353 0xffff"},
	{"ip", "ip protocol 1 0xff; icmp type 8 0xff", ""},
	{"ip", "ip tos 0x10 0xff; ip nofrag; ip ihl 5 0xf", "ip ihl 5 0xf; ip tos 0x10 0xff; ip nofrag"},
	{"ip", "ip df; ip firstfrag", ""},
	{"ip", "ip sport 80 0xffff; ip dport 22 0xffff", ""},
	{"ip", "u32 0x0a000000 0xff00ff00 at 12", ""},
	{"ip", "u32 0 0", "u32 0x00000000 0x00000000 at 0"},
	{"ipv6", "ip6 dst 2001:db8::/32; tcp dst 443 0xffff", "ip6 dst 2001:db8::/32; u32 0x000001bb 0x0000ffff at nexthdr+0"},
	{"ipv6", "ip6 src 2001:db8:1::/48; ip6 protocol 17 0xff; udp src 53 0xffff", ""},
	{"ipv6", "ip6 dst 2001:db8::1/128; ip6 protocol 6 0xff; ip6 dport 443 0xffff", ""},
	{"ipv6", "ip6 priority 0x3 0xff; ip6 sport 80 0xffff", ""},
	{"all", "ether dst 02:00:00:00:00:01", "u32 0x00000200 0x0000ffff at -16; u32 0x00000001 0xffffffff at -12"},
}

// TestTCU32SelectorsJSON has tc add u32 filters, reads their keys back as
// selectors from gip -j, then has gip add a filter of those selectors:
// tc lists the same keys for both.
func TestTCU32SelectorsJSON(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb")
	type node struct {
		Options struct {
			Fh        string            `json:"fh"`
			Match     []json.RawMessage `json:"match"`
			Selectors []string          `json:"selectors"`
		} `json:"options"`
	}
	// nodeOf is the one node with keys of a prio, as a tool lists it.
	nodeOf := func(out string, prio int) node {
		t.Helper()
		var nodes []node
		if err := json.Unmarshal([]byte(out), &nodes); err != nil {
			t.Fatalf("prio %d: %v\n%s", prio, err, out)
		}
		for _, n := range nodes {
			if n.Options.Match != nil || n.Options.Selectors != nil {
				return n
			}
		}
		t.Fatalf("prio %d: no node with keys in %s", prio, out)
		return node{}
	}
	show := func(prio int) []string {
		return []string{"-n", ns, "-j", "filter", "show", "dev", "v0", "parent", "1:", "prio", strconv.Itoa(prio)}
	}
	for i, c := range tcU32Selectors {
		prio := 10 + 2*i
		add := []string{"-n", ns, "filter", "add", "dev", "v0", "parent", "1:", "protocol", c.proto, "prio", strconv.Itoa(prio), "u32"}
		for _, ph := range strings.Split(c.in, "; ") {
			add = append(add, "match")
			add = append(add, strings.Fields(ph)...)
		}
		must(t, "tc", append(add, "flowid", "1:1")...)
		r := gip(t, append([]string{"tc"}, show(prio)...)...)
		if r.code != 0 {
			t.Fatalf("gip tc %v: exit %d %s", show(prio), r.code, r.Stderr)
		}
		want := c.want
		if want == "" {
			want = c.in
		}
		sels := nodeOf(r.Stdout, prio).Options.Selectors
		if got := strings.Join(sels, "; "); got != want {
			t.Errorf("%s %s: selectors %q, want %q", c.proto, c.in, got, want)
		}
		again := []string{"tc", "-n", ns, "filter", "add", "dev", "v0", "parent", "1:", "protocol", c.proto, "prio", strconv.Itoa(prio + 1), "u32"}
		for _, s := range sels {
			again = append(again, "match")
			again = append(again, strings.Fields(s)...)
		}
		if r := gip(t, append(again, "flowid", "1:1")...); r.code != 0 {
			t.Fatalf("gip %v: exit %d %s", again, r.code, r.Stderr)
		}
		a := nodeOf(matchArray(tool(t, "tc", show(prio)...).Stdout), prio).Options.Match
		b := nodeOf(matchArray(tool(t, "tc", show(prio+1)...).Stdout), prio+1).Options.Match
		if len(a) == 0 || !reflect.DeepEqual(a, b) {
			t.Errorf("%s %s: tc lists keys %s for tc's filter, %s for gip's of the selectors %q", c.proto, c.in, a, b, sels)
		}
	}
}
