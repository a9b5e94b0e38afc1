package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestMissingKindsLive creates, in a fresh namespace, every kind the
// host kernel may lack; where the kernel answers "Unknown device type" the
// test skips (the vm tier, whose kernel has them, fails instead).
func TestMissingKindsLive(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	cases := []struct {
		feature testenv.Feature
		Args    string
		dev     string
		check   map[string]any // info_data fields ip -d -j reports
	}{
		{testenv.LinkDummy, "d0 type dummy", "d0", nil},
		{testenv.LinkVLAN, "link v0 name v0.10 type vlan id 10", "v0.10", map[string]any{"id": 10, "protocol": "802.1Q"}},
		{testenv.LinkVLAN, "link v0 name v0.20 type vlan protocol 802.1ad id 20", "v0.20", map[string]any{"id": 20, "protocol": "802.1ad"}},
		{testenv.LinkBond, "bond0 type bond mode active-backup miimon 100", "bond0", map[string]any{"mode": "active-backup", "miimon": 100}},
		{testenv.LinkBond, "bond1 type bond mode 802.3ad lacp_rate fast xmit_hash_policy layer3+4 min_links 1", "bond1", map[string]any{"mode": "802.3ad", "ad_lacp_rate": "fast"}},
		{testenv.LinkBond, "bond2 type bond mode balance-xor arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.2", "bond2", map[string]any{"mode": "balance-xor", "arp_interval": 100}},
		{testenv.LinkBond, "bond3 type bond mode active-backup arp_interval 100 ns_ip6_target 2001:db8::1,2001:db8::2", "bond3", map[string]any{"mode": "active-backup", "arp_interval": 100}},
		{testenv.LinkVRF, "vrf10 type vrf table 10", "vrf10", map[string]any{"table": 10}},
		{testenv.LinkGRE, "gre1 type gre remote 198.51.100.2 local 198.51.100.1 ttl 64", "gre1", map[string]any{"remote": "198.51.100.2", "ttl": 64}},
		{testenv.LinkGRE, "gt1 type gretap remote 198.51.100.2", "gt1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "g6 type ip6gre remote 2001:db8::2", "g6", map[string]any{"remote": "2001:db8::2"}},
		{testenv.LinkGRE, "g7 type ip6gretap remote 2001:db8::2 local 2001:db8::1 key 7", "g7", map[string]any{"local": "2001:db8::1"}},
		{testenv.LinkGRE, "g1k type gre remote 198.51.100.3 key 9 ttl 3", "g1k", map[string]any{"ikey": "0.0.0.9"}},
		{testenv.LinkGRE, "t1 type ipip remote 198.51.100.2", "t1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "s1 type sit remote 198.51.100.2", "s1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "t6 type ip6tnl remote 2001:db8::2", "t6", map[string]any{"remote": "2001:db8::2"}},
		{testenv.LinkIPVLAN, "link v0 name ipv1 type ipvlan mode l3", "ipv1", map[string]any{"mode": "l3"}},
		{testenv.LinkGeneve, "gen0 type geneve id 5 remote 198.51.100.2", "gen0", map[string]any{"id": 5, "remote": "198.51.100.2"}},
		{testenv.LinkGeneve, "gen1 type geneve id 6 remote 2001:db8::2 ttl 9 dstport 6082", "gen1", map[string]any{"id": 6, "remote6": "2001:db8::2", "port": 6082}},
		{testenv.LinkWireGuard, "wg0 type wireguard", "wg0", nil},
		// the kinds' words as ip reads them: abbreviations, priority maps,
		// source lists, the flags
		{testenv.LinkVLAN, "link v0 name v0.30 type vlan i 30 p 802.1ad r off g on ingress-qos-map 1:2 3:4 egress-qos-map 2:6", "v0.30",
			map[string]any{"id": 30, "flags": []any{"GVRP"}}},
		{testenv.LinkMACVLAN, "link v0 name mv0 type macvlan m source macaddr set 00:11:22:33:44:55 00:11:22:33:44:66 bc 50", "mv0",
			map[string]any{"mode": "source", "macaddr_count": 2}},
		{testenv.LinkMACVLAN, "link v0 name mvt0 type macvtap mode bridge nodst", "mvt0", map[string]any{"mode": "bridge", "nodst": true}},
		{testenv.LinkIPVLAN, "link v0 name ipv2 type ipvlan m l2 v", "ipv2", map[string]any{"mode": "l2", "vepa": true}},
		{testenv.LinkVRF, "vrf11 type vrf t main", "vrf11", map[string]any{"table": 254}},
		{testenv.LinkIPsec, "xf0 type xfrm i 5 d v0", "xf0", map[string]any{"if_id": "0x5"}},
		{testenv.LinkIPsec, "vt0 type vti r 198.51.100.2 l 198.51.100.1 k 5 fwmark 7", "vt0", map[string]any{"ikey": "0.0.0.5"}},
		{testenv.LinkIPsec, "vt6 type vti6 remote 2001:db8::2 i 1.2.3.4", "vt6", map[string]any{"ikey": "1.2.3.4"}},
		{testenv.LinkMACsec, "link v0 ms0 type macsec port 5 encrypt on replay on window 9 validate check", "ms0",
			map[string]any{"window": 9, "validation": "check"}},
	}
	for _, c := range cases {
		t.Run(c.Args, func(t *testing.T) {
			r := gip(t, append([]string{"-n", ns, "link", "add"}, strings.Fields(c.Args)...)...)
			if r.code != 0 {
				if strings.Contains(r.Stderr, "Unknown device type") {
					testenv.Missing(t, c.feature, "%s", strings.TrimSpace(r.Stderr))
				}
				t.Fatalf("gip link add %s: exit %d: %s", c.Args, r.code, r.Stderr)
			}
			l := ipJSON(t, "ip", "-n", ns, "-d", "link", "show", "dev", c.dev)
			kind := strings.Fields(c.Args)[len(strings.Fields(c.Args))-1]
			for i, w := range strings.Fields(c.Args) {
				if w == "type" {
					kind = strings.Fields(c.Args)[i+1]
				}
			}
			expect(t, "kind", get(l[0], "linkinfo", "info_kind"), kind)
			for k, want := range c.check {
				expect(t, k, get(l[0], "linkinfo", "info_data", k), want)
			}
			// gip shows it as ip does, with and without -d, text and JSON.
			ref := tool(t, "ip", "-n", ns, "link", "show", "dev", c.dev)
			got := gip(t, "-n", ns, "link", "show", "dev", c.dev)
			compareLines(t, "ip link show "+c.dev, ref.Stdout, got.Stdout)
			ref = tool(t, "ip", "-n", ns, "-d", "link", "show", "dev", c.dev)
			got = gip(t, "-n", ns, "-d", "link", "show", "dev", c.dev)
			compareLines(t, "ip -d link show "+c.dev, ref.Stdout, got.Stdout)
			ref = tool(t, "ip", "-n", ns, "-j", "-d", "link", "show", "dev", c.dev)
			got = gip(t, "-n", ns, "-j", "-d", "link", "show", "dev", c.dev)
			if !jsonEqual(t, ref.Stdout, got.Stdout) {
				var r, g []map[string]any
				json.Unmarshal([]byte(ref.Stdout), &r)
				json.Unmarshal([]byte(got.Stdout), &g)
				t.Errorf("ip -j -d link show %s differs\n ref info_data: %v\n gip info_data: %v\n ref: %s\n gip: %s", c.dev,
					get(r[0], "linkinfo", "info_data"), get(g[0], "linkinfo", "info_data"), ref.Stdout, got.Stdout)
			}
			mustGip(t, "-n", ns, "link", "del", c.dev)
		})
	}
}
