package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// vlanNS is a namespace with a vlan-filtering bridge br0 over the vxlan
// ports vx0 (vlan_tunnel on) and vx1 (no vlans at all).
func vlanNS(t *testing.T) string {
	ns := testNS(t)
	if r := tool(t, "ip", "-n", ns, "link", "add", "br0", "type", "bridge", "vlan_filtering", "1"); r.code != 0 {
		testenv.Missing(t, testenv.BridgeVlanFiltering, "ip link add type bridge vlan_filtering 1: %s", strings.TrimSpace(r.Stderr))
	}
	must(t, "ip", "-n", ns, "link", "add", "vx0", "type", "vxlan", "dstport", "4789", "external")
	must(t, "ip", "-n", ns, "link", "add", "vx1", "type", "vxlan", "dstport", "4790", "external")
	for _, p := range []string{"vx0", "vx1"} {
		must(t, "ip", "-n", ns, "link", "set", p, "master", "br0")
	}
	must(t, "bridge", "-n", ns, "vlan", "del", "dev", "vx1", "vid", "1")
	must(t, "ip", "-n", ns, "link", "set", "dev", "vx0", "type", "bridge_slave", "vlan_tunnel", "on")
	return ns
}

// sameAsBridge runs each line with bridge on one namespace and with gip
// bridge on its twin: the same messages and exit statuses.
func sameAsBridge(t *testing.T, byBridge, byGip string, lines []string) {
	t.Helper()
	for _, line := range lines {
		ref := tool(t, "bridge", append([]string{"-n", byBridge}, strings.Fields(line)...)...)
		got := gip(t, append([]string{"-n", byGip, "bridge"}, strings.Fields(line)...)...)
		if got.code != ref.code || strings.ReplaceAll(got.Stderr, "gip bridge", "bridge") != ref.Stderr {
			t.Errorf("%s: exit %d %q, bridge exits %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
}

// listedAlike lists each namespace with bridge and with gip bridge, in
// text and JSON: the same output.
func listedAlike(t *testing.T, shows []string, nss ...string) {
	t.Helper()
	for _, show := range shows {
		for _, j := range []string{"", "-j "} {
			args := strings.Fields(j + show)
			for _, ns := range nss {
				ref := tool(t, "bridge", append([]string{"-n", ns}, args...)...)
				got := gip(t, append([]string{"-n", ns, "bridge"}, args...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr {
					t.Errorf("%s%s: exit %d %q, bridge exits %d %q", j, show, got.code, got.Stderr, ref.code, ref.Stderr)
					continue
				}
				if j != "" && ref.Stdout != "" {
					if !jsonEqual(t, ref.Stdout, got.Stdout) {
						t.Errorf("-j %s: JSON differs\n ref: %s\n gip: %s", show, ref.Stdout, got.Stdout)
					}
					continue
				}
				compareLines(t, show, ref.Stdout, got.Stdout)
			}
		}
	}
}

// TestBridgeVlanTunnelMatchesBridge maps vlans to tunnel ids with bridge
// on one namespace and gip on a twin (single ids, ranges, ids past 16
// bits, deletion, bad ids), then lists both with both tools.
func TestBridgeVlanTunnelMatchesBridge(t *testing.T) {
	byBridge, byGip := vlanNS(t), vlanNS(t)
	sameAsBridge(t, byBridge, byGip, []string{
		"vlan add dev vx0 vid 1000",
		"vlan add dev vx0 vid 1000 tunnel_info id 1000",
		"vlan add dev vx0 vid 1010-1020",
		"vlan add dev vx0 vid 1010-1020 tunnel_info id 1010-1020",
		"vlan add dev vx0 vid 1030",
		"vlan add dev vx0 vid 1030 tunnel_info id 65556",
		"vlan add dev vx0 vid 1040",
		"vlan add dev vx0 vid 1040 tunnel_info i 0x50",
		"vlan add dev vx0 vid 1041 tunnel_info id 77",
		"vlan add dev vx0 vid 1040 tunnel_info",
		"vlan add dev vx0 vid 1040 tunnel_info id",
		"vlan add dev vx0 vid 1040 tunnel_info id x",
		"vlan add dev vx0 vid 1040 tunnel_info id 5-x",
		"vlan add dev vx0 vid 1040 tunnel_info id 0",
		"vlan add dev vx0 vid 1040 tunnel_info id 16777216",
		"vlan add dev vx0 vid 1040 tunnel_info foo 3",
		"vlan add dev vx0 vid 1050",
		"vlan add dev vx0 vid 1050 tunnel_info id 3000",
		"vlan del dev vx0 vid 1050 tunnel_info id 3000",
		"vlan tunnelshow dev nosuch",
	})
	listedAlike(t, []string{"vlan tunnelshow", "vlan tunnelshow dev vx0", "vlan tunnelshow dev vx1",
		"vlan tunnelshow vid 1015", "vlan tunnelshow vid 1030", "vlan tunnelshow vid 1", "vlan show", "vlan"},
		byBridge, byGip)
	a, b := tool(t, "bridge", "-n", byBridge, "vlan", "tunnelshow"), tool(t, "bridge", "-n", byGip, "vlan", "tunnelshow")
	compareLines(t, "bridge vlan tunnelshow of both", a.Stdout, b.Stdout)
	if !strings.Contains(b.Stdout, "1010-1020  1010-1020") {
		t.Errorf("bridge vlan tunnelshow lacks the range gip mapped:\n%s", b.Stdout)
	}
}

// TestBridgeVlanOptionsMatchesBridge sets port vlan options (vlan set)
// and a bridge's global vlan options (vlan global set) with bridge on one
// namespace and gip on a twin: the same messages and exit statuses, the
// same options read back with bridge (-d vlan show, vlan global show),
// and the same global listings by both tools.
func TestBridgeVlanOptionsMatchesBridge(t *testing.T) {
	byBridge, byGip := vlanNS(t), vlanNS(t)
	sameAsBridge(t, byBridge, byGip, []string{
		"vlan add dev vx0 vid 1000", "vlan add dev vx0 vid 1010-1020",
		"vlan set dev vx0 vid 1000 state learning",
		"vlan set dev vx0 vid 1000 state 4",
		"vlan set dev vx0 vid 1010-1012 mcast_router 2",
		"vlan set dev vx0 vid 1013 mcast_router 0 state disabled",
		"vlan set dev br0 vid 1 state blocking",
		"vlan set dev vx0 vid 1010 state bogus",
		"vlan set dev vx0 vid 1010 state -1",
		"vlan set dev vx0 vid 2000 state learning",
		"vlan set dev vx0 vid 1000",
		"vlan set dev vx0 state learning",
		"vlan set dev vx0 vid 1000 mcast_router 300",
		"vlan set dev vx0 vid 1000 frob he state 3",
		"vlan set dev vx0 vid 1000 he state",
		"vlan set dev vx0 vid 5000 state 1",
		"vlan set dev vx0 vid 1012-1010 state 1",
		"vlan set dev vx0 vid 1012-5000 state 1",
		"vlan global set dev br0 vid 1 mcast_snooping 1 mcast_igmp_version 3 mcast_mld_version 2 mcast_last_member_count 3 " +
			"mcast_startup_query_count 4 mcast_last_member_interval 100 mcast_membership_interval 2000 mcast_querier_interval 3000 " +
			"mcast_query_interval 4000 mcast_query_response_interval 500 mcast_startup_query_interval 600 mcast_querier 1",
		"vlan global set dev br0 vid 1010-1012 mcast_query_interval 5000 bogus 1",
		"vlan global set dev vx0 vid 1 mcast_snooping 1",
		"vlan global set dev br0 vid 1 mcast_querier 300",
		"vlan global set dev br0 vid 1 mcast_query_interval x",
		"vlan global set dev br0 vid 1 mcast_snooping",
		"vlan global set dev br0 mcast_snooping 1",
		"vlan global set dev br0 vid 3000 mcast_snooping 1",
		"vlan global show dev nosuch",
	})
	// bridge answers a word vlan global does not take with its vlan usage,
	// gip with gip bridge's.
	for _, line := range []string{"vlan global frob", "vlan global sh"} {
		ref := tool(t, "bridge", append([]string{"-n", byBridge}, strings.Fields(line)...)...)
		got := gip(t, append([]string{"-n", byGip, "bridge"}, strings.Fields(line)...)...)
		if got.code != ref.code || !strings.HasPrefix(ref.Stderr, "Usage: bridge vlan") || !strings.HasPrefix(got.Stderr, "Usage: gip bridge") {
			t.Errorf("%s: exit %d %q, bridge exits %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, show := range []string{"-d vlan show", "-d -j vlan show", "vlan global show", "-j vlan global show"} {
		a := tool(t, "bridge", append([]string{"-n", byBridge}, strings.Fields(show)...)...)
		b := tool(t, "bridge", append([]string{"-n", byGip}, strings.Fields(show)...)...)
		compareLines(t, "bridge "+show+" of both", a.Stdout, b.Stdout)
	}
	if got := tool(t, "bridge", "-n", byGip, "-d", "vlan", "show").Stdout; !strings.Contains(got, "1010-1012\n                    state forwarding mcast_router 2") {
		t.Errorf("bridge -d vlan show lacks what gip set:\n%s", got)
	}
	listedAlike(t, []string{"vlan global", "vlan global show", "vlan global list", "vlan global show dev br0 vid 1",
		"vlan global show vid 1015", "-s vlan global show", "vlan global show dev vx0",
		"-d vlan show", "-d -s vlan show", "-d vlan show vid 1011", "-d vlan show dev vx0"}, byBridge, byGip)
}
