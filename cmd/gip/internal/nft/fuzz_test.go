package nft

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// offline is a change into table inet t, made in the same transaction,
// so that its parsing needs no kernel.
func offline() *change {
	return &change{tx: &nftables.Tx{}, newTables: map[tableKey]bool{{nftables.FamilyINet, "t"}: true}}
}

// FuzzSetSpec parses any set or map declaration: an error or changes,
// never a panic.
func FuzzSetSpec(f *testing.F) {
	for _, s := range []string{
		"{ type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1 } }",
		"{ type inet_service; flags timeout; elements = { 22 timeout 1h, 80 } }",
		"{ type ipv4_addr . inet_service : verdict; elements = { 1.2.3.4 . 80 : accept } }",
		"{ type mark : ipv4_addr; }",
		`{ type ifname; flags constant; elements = { "eth0", "lo" } }`,
		"{ type ipv6_addr . inet_service; timeout 2h; size 1000; comment \"c\"; }",
		"{ type ipv6_addr; flags interval; auto-merge; elements = { 2001:db8::/32 } }",
		"{ type inet_service; flags interval; elements = { 1-1023, 8080 } }",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		for _, kind := range []string{"set", "map"} {
			c := offline()
			if err := c.line([]string{"add", kind, "inet", "t", "s", spec}); err == nil && c.tx.Len() == 0 {
				t.Errorf("add %s %q: no error and no change", kind, spec)
			}
		}
	})
}

// FuzzChainSpec parses any chain declaration.
func FuzzChainSpec(f *testing.F) {
	for _, s := range []string{
		"{ type filter hook input priority filter; policy drop; }",
		"{ type nat hook postrouting priority srcnat + 10; }",
		"{ type filter hook forward priority 10; }",
		"{ type route hook output priority mangle; }",
		"{ type filter hook prerouting priority security - 10; policy accept; }",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		c := offline()
		if err := c.line([]string{"add", "chain", "inet", "t", "c", spec}); err == nil && c.tx.Len() == 0 {
			t.Errorf("add chain %q: no error and no change", spec)
		}
	})
}

// FuzzJSONFile reads any file as nft's JSON ruleset: its command lines,
// whose declarations and rules then parse offline (moved into inet t).
func FuzzJSONFile(f *testing.F) {
	for _, s := range []string{
		`{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "t", "handle": 1}}]}`,
		`{"nftables": [{"set": {"family": "inet", "name": "s", "table": "t", "type": "ipv4_addr", "flags": ["interval"],
			"elem": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, {"range": ["10.1.0.1", "10.1.0.9"]}, "192.168.1.1"]}}]}`,
		`{"nftables": [{"map": {"family": "inet", "name": "m", "table": "t", "type": ["ipv4_addr", "inet_service"], "map": "verdict",
			"elem": [[{"concat": ["1.2.3.4", 80]}, {"accept": null}]]}}]}`,
		`{"nftables": [{"chain": {"family": "inet", "table": "t", "name": "c", "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}]}`,
		`{"nftables": [{"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==",
			"left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": {"set": [22, 80]}}}, {"counter": null}, {"accept": null}]}}]}`,
		`{"nftables": [{"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"jump": {"target": "x"}}]}}}]}`,
		`{"nftables": [{"add": {"bogus": {}}}]}`,
		`{"nftables": [{"flush": {"ruleset": null}}, {"delete": {"table": {"family": "ip", "handle": 3}}}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		lines, err := jsonLines(strings.NewReader(doc))
		if err != nil {
			return
		}
		c := offline()
		for _, l := range lines {
			if len(l) < 4 || l[0] != "add" {
				continue
			}
			switch l[1] {
			case "set", "map", "chain":
				_ = c.line(append([]string{l[0], l[1], "inet", "t"}, l[4:]...))
			case "rule":
				if len(l) > 5 {
					_, _, _, _ = compileRule(newParser(l[5:]), c.tx, nftables.FamilyINet, "t", nil)
				}
			}
		}
	})
}

// FuzzObjectSpec parses any counter or quota declaration.
func FuzzObjectSpec(f *testing.F) {
	for _, s := range []string{"", "{ }", "{ packets 5 bytes 100 }", "{ 25 mbytes }", "{ over 1024 mbytes used 10 mbytes }"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		for _, kind := range []string{"counter", "quota"} {
			c := offline()
			if err := c.line([]string{"add", kind, "inet", "t", "o", spec}); err == nil && c.tx.Len() == 0 {
				t.Errorf("add %s %q: no error and no change", kind, spec)
			}
		}
	})
}
