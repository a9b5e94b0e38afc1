package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// ipJSON runs `ip -j ARGS` (or bridge) and decodes the array it prints.
func ipJSON(t *testing.T, toolName string, args ...string) []map[string]any {
	t.Helper()
	r := tool(t, toolName, append([]string{"-j"}, args...)...)
	if r.code != 0 {
		t.Fatalf("%s -j %s: exit %d: %s", toolName, strings.Join(args, " "), r.code, r.Stderr)
	}
	var out []map[string]any
	if strings.TrimSpace(r.Stdout) == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(r.Stdout), &out); err != nil {
		t.Fatalf("%s -j %s: %v\n%s", toolName, strings.Join(args, " "), err, r.Stdout)
	}
	return out
}

// get walks a decoded JSON value by keys.
func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func expect(t *testing.T, what string, got, want any) {
	t.Helper()
	if f, ok := got.(float64); ok && f == float64(int64(f)) {
		got = int64(f)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func hasFlag(v any, flag string) bool {
	l, _ := v.([]any)
	for _, f := range l {
		if f == flag {
			return true
		}
	}
	return false
}

func TestLinkMutationsSeenByIP(t *testing.T) {
	ns := testNS(t)
	g := func(args ...string) { t.Helper(); mustGip(t, append([]string{"-n", ns}, args...)...) }
	show := func(dev string) map[string]any {
		t.Helper()
		l := ipJSON(t, "ip", "-n", ns, "-d", "link", "show", "dev", dev)
		if len(l) != 1 {
			t.Fatalf("ip link show dev %s: %d links", dev, len(l))
		}
		return l[0]
	}

	g("link", "add", "v0", "type", "veth", "peer", "name", "v1", "mtu", "1400")
	l := show("v0")
	expect(t, "v0 kind", get(l, "linkinfo", "info_kind"), "veth")
	expect(t, "v0 peer", l["link"], "v1")
	expect(t, "v1 mtu", show("v1")["mtu"], 1400)

	g("link", "add", "br0", "type", "bridge", "stp_state", "1", "forward_delay", "400",
		"hello_time", "300", "max_age", "1500", "ageing_time", "1000", "priority", "100",
		"group_fwd_mask", "0x8", "mcast_snooping", "0", "no_linklocal_learn", "1")
	b := show("br0")
	for k, want := range map[string]any{"stp_state": 1, "forward_delay": 400, "hello_time": 300,
		"max_age": 1500, "ageing_time": 1000, "priority": 100, "group_fwd_mask": "0x8",
		"mcast_snooping": 0, "no_linklocal_learn": 1} {
		expect(t, "br0 "+k, get(b, "linkinfo", "info_data", k), want)
	}

	g("link", "set", "dev", "br0", "type", "bridge", "stp_state", "0", "ageing_time", "500")
	b = show("br0")
	expect(t, "br0 stp_state after set", get(b, "linkinfo", "info_data", "stp_state"), 0)
	expect(t, "br0 ageing_time after set", get(b, "linkinfo", "info_data", "ageing_time"), 500)

	g("link", "set", "v1", "master", "br0")
	expect(t, "v1 master", show("v1")["master"], "br0")
	g("link", "set", "dev", "v1", "type", "bridge_slave", "cost", "7", "priority", "9", "learning", "off")
	s := show("v1")
	expect(t, "v1 port cost", get(s, "linkinfo", "info_slave_data", "cost"), 7)
	expect(t, "v1 port priority", get(s, "linkinfo", "info_slave_data", "priority"), 9)
	expect(t, "v1 port learning", get(s, "linkinfo", "info_slave_data", "learning"), false)
	g("link", "set", "v1", "nomaster")
	if _, ok := show("v1")["master"]; ok {
		t.Errorf("v1 still has a master after nomaster")
	}

	g("link", "set", "v0", "up", "mtu", "1300", "address", "02:11:22:33:44:55", "alias", "up link",
		"txqueuelen", "500", "promisc", "on", "arp", "off", "allmulticast", "on", "group", "5")
	l = show("v0")
	expect(t, "v0 mtu", l["mtu"], 1300)
	expect(t, "v0 address", l["address"], "02:11:22:33:44:55")
	expect(t, "v0 alias", l["ifalias"], "up link")
	expect(t, "v0 txqlen", l["txqlen"], 500)
	expect(t, "v0 group", l["group"], "5")
	for _, f := range []string{"UP", "PROMISC", "NOARP", "ALLMULTI"} {
		if !hasFlag(l["flags"], f) {
			t.Errorf("v0 flags %v lack %s", l["flags"], f)
		}
	}
	g("link", "set", "v0", "down", "promisc", "off", "arp", "on", "multicast", "off")
	l = show("v0")
	for _, f := range []string{"UP", "PROMISC", "NOARP", "MULTICAST"} {
		if hasFlag(l["flags"], f) {
			t.Errorf("v0 flags %v still have %s", l["flags"], f)
		}
	}
	g("link", "set", "group", "5", "mtu", "1280")
	expect(t, "group-wide mtu", show("v0")["mtu"], 1280)

	g("link", "set", "v0", "name", "up0")
	expect(t, "renamed", show("up0")["ifname"], "up0")
	g("link", "property", "add", "dev", "up0", "altname", "uplink-zero")
	expect(t, "altnames", show("up0")["altnames"], []any{"uplink-zero"})
	g("link", "property", "del", "dev", "up0", "altname", "uplink-zero")
	if _, ok := show("up0")["altnames"]; ok {
		t.Errorf("altname still present after property del")
	}

	g("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "192.0.2.1", "ttl", "9", "nolearning")
	v := show("vx0")
	expect(t, "vxlan id", get(v, "linkinfo", "info_data", "id"), 42)
	expect(t, "vxlan port", get(v, "linkinfo", "info_data", "port"), 4789)
	expect(t, "vxlan local", get(v, "linkinfo", "info_data", "local"), "192.0.2.1")
	expect(t, "vxlan ttl", get(v, "linkinfo", "info_data", "ttl"), 9)
	expect(t, "vxlan learning", get(v, "linkinfo", "info_data", "learning"), false)

	g("link", "add", "link", "up0", "name", "mv0", "type", "macvlan", "mode", "private")
	expect(t, "macvlan mode", get(show("mv0"), "linkinfo", "info_data", "mode"), "private")
	g("link", "add", "link", "up0", "name", "mvt0", "type", "macvtap", "mode", "bridge")
	expect(t, "macvtap kind", get(show("mvt0"), "linkinfo", "info_kind"), "macvtap")
	g("link", "add", "ifb0", "type", "ifb")
	expect(t, "ifb kind", get(show("ifb0"), "linkinfo", "info_kind"), "ifb")

	// Move a link to another namespace made by gip, found there by ip.
	other := "giptest-other-" + ns
	mustGip(t, "netns", "add", other)
	t.Cleanup(func() { gip(t, "netns", "delete", other) })
	g("link", "set", "ifb0", "netns", other)
	if got := ipJSON(t, "ip", "-n", other, "link", "show", "dev", "ifb0"); len(got) != 1 {
		t.Errorf("ifb0 not in %s after netns move", other)
	}

	g("link", "delete", "mv0")
	g("link", "del", "dev", "vx0")
	for _, l := range ipJSON(t, "ip", "-n", ns, "link") {
		if l["ifname"] == "mv0" || l["ifname"] == "vx0" {
			t.Errorf("%v still exists after delete", l["ifname"])
		}
	}
}

func TestAddrMutationsSeenByIP(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	g := func(args ...string) { t.Helper(); mustGip(t, append([]string{"-n", ns}, args...)...) }
	addrs := func() []any {
		t.Helper()
		l := ipJSON(t, "ip", "-n", ns, "addr", "show", "dev", "v0")
		return l[0]["addr_info"].([]any)
	}
	find := func(local string) map[string]any {
		for _, a := range addrs() {
			if m := a.(map[string]any); m["local"] == local {
				return m
			}
		}
		return nil
	}
	g("addr", "add", "192.0.2.1/24", "brd", "+", "dev", "v0", "label", "v0:a")
	a := find("192.0.2.1")
	if a == nil {
		t.Fatalf("192.0.2.1 not added")
	}
	expect(t, "brd", a["broadcast"], "192.0.2.255")
	expect(t, "label", a["label"], "v0:a")
	g("addr", "add", "10.0.0.1", "peer", "10.0.0.2/32", "dev", "v0")
	expect(t, "peer", find("10.0.0.1")["address"], "10.0.0.2")
	g("a", "add", "2001:db8::1/64", "dev", "v0", "nodad", "noprefixroute", "valid_lft", "600", "preferred_lft", "300")
	a = find("2001:db8::1")
	expect(t, "nodad", a["nodad"], true)
	expect(t, "noprefixroute", a["noprefixroute"], true)
	expect(t, "valid", a["valid_life_time"] != nil, true)
	g("addr", "change", "2001:db8::1/64", "dev", "v0", "valid_lft", "forever", "preferred_lft", "forever")
	expect(t, "valid after change", find("2001:db8::1")["valid_life_time"], 4294967295)
	g("addr", "replace", "192.0.2.1/24", "dev", "v0", "metric", "9")
	expect(t, "metric after replace", find("192.0.2.1")["metric"], 9)
	g("addr", "add", "198.51.100.2/255.255.255.0", "dev", "v0")
	expect(t, "dotted netmask", find("198.51.100.2")["prefixlen"], 24)
	g("addr", "add", "127.1.2.3/8", "dev", "v0")
	expect(t, "loopback scope", find("127.1.2.3")["scope"], "host")
	g("addr", "del", "127.1.2.3/8", "dev", "v0")
	if find("127.1.2.3") != nil {
		t.Errorf("127.1.2.3 still present after del")
	}
	g("addr", "flush", "dev", "v0", "scope", "global")
	for _, x := range addrs() {
		if x.(map[string]any)["scope"] == "global" {
			t.Errorf("global address left after flush: %v", x)
		}
	}
}

func TestNeighMutationsSeenByIP(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v0", "up")
	must(t, "ip", "-n", ns, "link", "set", "v1", "up") // carrier: a link without it loses its neighbours
	g := func(args ...string) { t.Helper(); mustGip(t, append([]string{"-n", ns}, args...)...) }
	find := func(dst string, extra ...string) map[string]any {
		for _, n := range ipJSON(t, "ip", append([]string{"-n", ns, "neigh", "show"}, extra...)...) {
			if n["dst"] == dst {
				return n
			}
		}
		return nil
	}
	g("neigh", "add", "192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev", "v0")
	n := find("192.0.2.2")
	expect(t, "lladdr", n["lladdr"], "02:00:00:00:00:02")
	expect(t, "state", n["state"], []any{"PERMANENT"})
	g("neigh", "replace", "192.0.2.2", "lladdr", "02:00:00:00:00:03", "dev", "v0", "nud", "stale", "router")
	n = find("192.0.2.2")
	expect(t, "lladdr after replace", n["lladdr"], "02:00:00:00:00:03")
	expect(t, "state after replace", n["state"], []any{"STALE"})
	if _, ok := n["router"]; !ok {
		t.Errorf("router flag missing: %v", n)
	}
	g("n", "add", "2001:db8::2", "lladdr", "02:00:00:00:00:04", "dev", "v0", "nud", "reachable")
	expect(t, "v6 state", find("2001:db8::2")["state"], []any{"REACHABLE"})
	g("neigh", "add", "proxy", "192.0.2.100", "dev", "v0")
	if find("192.0.2.100", "proxy") == nil {
		t.Errorf("proxy entry missing")
	}
	g("neigh", "del", "192.0.2.2", "dev", "v0")
	if find("192.0.2.2") != nil {
		t.Errorf("192.0.2.2 still present after del")
	}
	g("neigh", "flush", "dev", "v0")
	if find("2001:db8::2") != nil {
		t.Errorf("reachable entry left after flush")
	}
}

func TestBridgeMutationsSeenByBridge(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "add", "br0", "type", "bridge")
	must(t, "ip", "-n", ns, "link", "set", "v1", "master", "br0")
	g := func(args ...string) { t.Helper(); mustGip(t, append([]string{"-n", ns, "bridge"}, args...)...) }
	must(t, "ip", "-n", ns, "link", "set", "v0", "up")
	must(t, "ip", "-n", ns, "link", "set", "v1", "up")
	must(t, "ip", "-n", ns, "link", "set", "br0", "up")
	g("link", "set", "dev", "v1", "cost", "11", "priority", "3", "hairpin", "on", "state", "2")
	p := ipJSON(t, "bridge", "-n", ns, "-d", "link", "show", "dev", "v1")
	expect(t, "cost", p[0]["cost"], 11)
	expect(t, "priority", p[0]["priority"], 3)
	expect(t, "hairpin", p[0]["hairpin"], true)
	expect(t, "state", p[0]["state"], "learning")
	g("fdb", "add", "02:00:00:00:00:aa", "dev", "v1", "master", "static")
	g("fdb", "append", "02:00:00:00:00:bb", "dev", "v1", "self", "permanent")
	found := map[string]any{}
	for _, e := range ipJSON(t, "bridge", "-n", ns, "fdb", "show", "dev", "v1") {
		found[e["mac"].(string)] = e["state"]
	}
	expect(t, "static entry", found["02:00:00:00:00:aa"], "static")
	expect(t, "self entry", found["02:00:00:00:00:bb"], "permanent")
	g("fdb", "del", "02:00:00:00:00:aa", "dev", "v1", "master")
	for _, e := range ipJSON(t, "bridge", "-n", ns, "fdb", "show", "dev", "v1") {
		if e["mac"] == "02:00:00:00:00:aa" {
			t.Errorf("fdb entry left after del")
		}
	}
}

func TestNetnsInterchangeable(t *testing.T) {
	ns := testNS(t)
	name := ns + "-g"
	mustGip(t, "netns", "add", name)
	listed := false
	for _, e := range ipJSON(t, "ip", "netns", "list") {
		listed = listed || e["name"] == name
	}
	if !listed {
		t.Errorf("ip netns list does not show %s made by gip", name)
	}
	must(t, "ip", "-n", name, "link", "set", "lo", "up")
	r := gip(t, "-n", name, "-br", "link", "show", "lo")
	if !strings.HasPrefix(r.Stdout, "lo ") || !strings.Contains(r.Stdout, "UNKNOWN") {
		t.Errorf("gip -n %s sees lo as %q", name, r.Stdout)
	}
	r = gip(t, "netns", "exec", name, "ip", "-br", "link", "show", "lo")
	if r.code != 0 || !strings.HasPrefix(r.Stdout, "lo ") {
		t.Errorf("gip netns exec: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	if r := gip(t, "netns", "exec", name, "sh", "-c", "exit 7"); r.code != 7 {
		t.Errorf("gip netns exec exit status %d, want 7", r.code)
	}
	must(t, "ip", "netns", "set", name, "17")
	r = gip(t, "-j", "netns", "list")
	if !strings.Contains(r.Stdout, fmt.Sprintf(`{"name":%q,"id":17}`, name)) {
		t.Errorf("gip -j netns list lacks %s with id 17: %s", name, r.Stdout)
	}
	mustGip(t, "netns", "delete", name)
	for _, e := range ipJSON(t, "ip", "netns", "list") {
		if e["name"] == name {
			t.Errorf("%s still listed after gip netns delete", name)
		}
	}
}

// TestFlushReportsMatchIP flushes the same state with ip and with gip -s and
// expects the same report.
func TestFlushReportsMatchIP(t *testing.T) {
	out := map[string]string{}
	for _, who := range []string{"ip", "gip"} {
		ns := testNS(t)
		for _, s := range [][]string{
			{"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
			{"link", "set", "v0", "up"},
			{"link", "set", "v1", "up"}, // carrier: a link without it loses its neighbours
			{"neigh", "replace", "10.0.0.2", "lladdr", "02:00:00:00:00:02", "dev", "v0", "nud", "reachable"},
			{"neigh", "replace", "10.0.0.3", "lladdr", "02:00:00:00:00:03", "dev", "v0", "nud", "stale"},
			{"addr", "add", "10.0.0.1/24", "dev", "v0"},
			{"addr", "add", "10.0.1.1/24", "dev", "v0"},
		} {
			must(t, "ip", append([]string{"-n", ns}, s...)...)
		}
		var b strings.Builder
		for _, c := range []string{"-s neigh flush dev v0", "-s neigh flush dev v0", "-s addr flush dev v0 scope global", "-s addr flush dev v0 scope global"} {
			args := append([]string{"-n", ns}, strings.Fields(c)...)
			var r result
			if who == "ip" {
				r = tool(t, "ip", args...)
			} else {
				r = gip(t, args...)
			}
			fmt.Fprintf(&b, "%s: exit %d\n%s%s", c, r.code, r.Stdout, r.Stderr)
		}
		out[who] = b.String()
	}
	compareLines(t, "flush reports", out["ip"], out["gip"])
}

// TestBridgeVlansSeenByBridge adds and deletes port vlans with gip and
// reads them back with bridge -j (on kernels that filter vlans on bridges;
// the host's answers EOPNOTSUPP and the test skips).
func TestBridgeVlansSeenByBridge(t *testing.T) {
	ns := testNS(t)
	if r := gip(t, "-n", ns, "link", "add", "br0", "type", "bridge", "vlan_filtering", "1"); r.code != 0 {
		if strings.Contains(r.Stderr, "Operation not supported") {
			t.Skipf("skipped: this kernel does not filter vlans on bridges (%s)", strings.TrimSpace(r.Stderr))
		}
		t.Fatalf("gip link add type bridge vlan_filtering 1: exit %d: %s", r.code, r.Stderr)
	}
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v1", "master", "br0")
	r := gip(t, "-n", ns, "bridge", "vlan", "add", "dev", "v1", "vid", "10-12", "untagged")
	if r.code != 0 {
		if strings.Contains(r.Stderr, "Operation not supported") {
			t.Skipf("skipped: this kernel does not filter vlans on bridges (%s)", strings.TrimSpace(r.Stderr))
		}
		t.Fatalf("gip bridge vlan add: exit %d: %s", r.code, r.Stderr)
	}
	mustGip(t, "-n", ns, "bridge", "vlan", "add", "dev", "v1", "vid", "30", "pvid")
	mustGip(t, "-n", ns, "bridge", "vlan", "del", "dev", "v1", "vid", "11")
	flags := map[float64][]any{}
	for _, p := range ipJSON(t, "bridge", "-n", ns, "vlan", "show", "dev", "v1") {
		for _, v := range p["vlans"].([]any) {
			m := v.(map[string]any)
			f, _ := m["flags"].([]any)
			flags[m["vlan"].(float64)] = f
		}
	}
	expect(t, "vid 10", flags[10], []any{"Egress Untagged"})
	expect(t, "vid 12", flags[12], []any{"Egress Untagged"})
	expect(t, "vid 30", flags[30], []any{"PVID"})
	if _, ok := flags[11]; ok {
		t.Errorf("vid 11 left after del: %v", flags)
	}
}
