package app

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// stateKindCases are namespaces of links of one kind (or family of
// kinds) with their options set, made with ip; lines are ip -batch lines.
var stateKindCases = []struct {
	name    string
	feature testenv.Feature // what the host kernel may lack
	lines   []string
}{
	{"veth", "", []string{"link add v0 type veth peer name v1", "link set v0 mtu 1400 up", "link set v1 up"}},
	{"ifb", "", []string{"link add ifb1 type ifb", "link set ifb1 up"}},
	{"bridge-ports", "", []string{
		"link add br0 type bridge stp_state 0 hello_time 300 mcast_snooping 0",
		"link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
		"link set v0 master br0", "link set v2 master br0", "link set br0 up",
		"link set v2 type bridge_slave cost 7 priority 5 hairpin on learning off isolated on mcast_router 2",
		"link set v0 up", "link set v1 up", "link set v2 up", "link set v3 up",
	}},
	{"bridge-options", "", []string{
		"link add br0 type bridge forward_delay 400 hello_time 100 max_age 1000 ageing_time 1000 priority 100" +
			" vlan_protocol 802.1ad vlan_default_pvid 5 vlan_stats_enabled 1 vlan_stats_per_port 1" +
			" group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e mcast_router 2 mcast_query_use_ifaddr 1" +
			" mcast_querier 1 mcast_hash_max 1024 mcast_last_member_count 3 mcast_startup_query_count 3" +
			" mcast_last_member_interval 200 mcast_membership_interval 30000 mcast_querier_interval 30000" +
			" mcast_query_interval 15000 mcast_query_response_interval 2000 mcast_startup_query_interval 4000" +
			" mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2 no_linklocal_learn 1",
		"link add br1 address 02:00:00:00:00:11 type bridge mcast_snooping 0 stp_state 1", // a bridge id follows a set address
		"link add v0 type veth peer name v1", "link set v0 master br0",
		"link set v0 type bridge_slave vlan_tunnel on locked on group_fwd_mask 0x4000 proxy_arp on",
	}},
	{"bridge-vlan-filtering", testenv.BridgeVlanFiltering, []string{
		"link add br0 address 02:00:00:00:00:12 type bridge vlan_filtering 1 vlan_default_pvid 5 vlan_stats_per_port 1 mcast_vlan_snooping 1",
	}},
	{"vxlan-options", "", []string{
		"link add d0 type veth peer name d1",
		"link add vx0 type vxlan id 10 local 10.0.0.1 group 239.1.1.1 dev d0 dstport 4789 srcport 1000 2000" +
			" ttl 10 tos 0x10 df set ageing 100 maxaddress 50 nolearning proxy rsc l2miss l3miss noudpcsum",
		"link add vx1 type vxlan id 11 remote 2001:db8::2 local 2001:db8::1 dstport 4790 flowlabel 0x12" +
			" ttl inherit tos inherit udp6zerocsumtx udp6zerocsumrx remcsumtx remcsumrx gbp df inherit",
		"link add vx2 type vxlan external dstport 4791",
		"link add vx3 type vxlan external gpe dstport 4792",
	}},
	{"dummy", testenv.LinkDummy, []string{"link add d0 type dummy", "link set d0 up"}},
	{"vlan", testenv.LinkVLAN, []string{
		"link add d0 type veth peer name d1",
		"link add vl0 link d0 type vlan id 10 protocol 802.1ad gvrp on",
		"link add vl1 link d0 type vlan id 11 reorder_hdr off loose_binding on mvrp on",
		"link add vl2 link d0 type vlan id 12 bridge_binding on",
	}},
	{"vrf", testenv.LinkVRF, []string{
		"link add vrf0 type vrf table 10", "link add v0 type veth peer name v1",
		"link set v0 master vrf0", "link set vrf0 up",
	}},
	{"bond", testenv.LinkBond, []string{
		"link add bo0 type bond mode active-backup miimon 100 updelay 200 fail_over_mac active num_grat_arp 3",
		"link add bo1 type bond mode 802.3ad lacp_rate fast xmit_hash_policy layer3+4 min_links 1 ad_select bandwidth",
		"link add bo2 type bond mode active-backup arp_interval 200 arp_validate all",
		"link add bo3 type bond mode balance-tlb tlb_dynamic_lb 0",
		"link add v0 type veth peer name v1", "link set v0 master bo0", "link set v1 up",
	}},
	{"bond-options", testenv.LinkBond, []string{
		"link add v0 type veth peer name v1", "link add v2 type veth peer name v3", "link set v1 up", "link set v3 up",
		"link add bo0 type bond mode active-backup miimon 100 updelay 200 downdelay 200 peer_notify_delay 100 use_carrier 0" +
			" primary_reselect better fail_over_mac active resend_igmp 3 num_grat_arp 4 all_slaves_active 1 min_links 1 lp_interval 2",
		"link set v0 master bo0", "link set v2 master bo0", "link set dev bo0 type bond primary v2",
		"link set v0 type bond_slave queue_id 2 prio 5", "link set bo0 up",
		"link add bo1 type bond mode 802.3ad lacp_rate fast lacp_active off ad_select count ad_actor_sys_prio 100" +
			" ad_user_port_key 5 ad_actor_system 02:00:00:00:00:01 xmit_hash_policy layer3+4",
		"link add bo2 type bond mode balance-xor arp_interval 200 arp_ip_target 10.0.0.1,10.0.0.2 arp_validate all" +
			" arp_all_targets all arp_missed_max 4",
		"link add bo3 type bond mode balance-rr packets_per_slave 3",
	}},
	{"geneve", testenv.LinkGeneve, []string{
		"link add gn0 type geneve id 7 remote 10.0.0.2 ttl 9 tos 0x10 dstport 6082",
		"link add gn1 type geneve id 8 remote 2001:db8::2",
	}},
	{"ipvlan", testenv.LinkIPVLAN, []string{
		"link add d0 type veth peer name d1",
		"link add ipv0 link d0 type ipvlan mode l2 private",
		"link add d4 type veth peer name d5",
		"link add ipv1 link d4 type ipvlan mode l3s", // the mode is the lower device's: one ipvlan each
		"link add d2 type veth peer name d3",
		"link add ipt0 link d2 type ipvtap mode l2 vepa",
	}},
	{"macsec", testenv.LinkMACsec, []string{
		"link add d0 type veth peer name d1",
		"link add ms0 link d0 type macsec port 5 encrypt on send_sci off replay on window 8 validate check",
		"link add ms1 link d0 type macsec sci 0a0b0c0d0e0f0002 cipher gcm-aes-256 icvlen 12 end_station on",
	}},
	{"gre", testenv.LinkGRE, []string{
		"link add d0 type veth peer name d1",
		"link add gre1 type gre local 10.0.0.1 remote 10.0.0.2 ttl 10 key 5 tos 0x10",
		"link add gt1 type gretap local 10.0.0.1 remote 10.0.0.3 ikey 3 okey 4 dev d0 iseq oseq",
		"link add g6 type ip6gre local 2001:db8::1 remote 2001:db8::2 hoplimit 20 okey 6",
		"link add g6t type ip6gretap local 2001:db8::1 remote 2001:db8::3 encaplimit 2 dev d0",
		"link add ipip1 type ipip local 10.0.0.1 remote 10.0.0.4 nopmtudisc",
		"link add sit1 type sit local 10.0.0.1 remote 10.0.0.5 mode ip6ip",
		"link add t6 type ip6tnl local 2001:db8::1 remote 2001:db8::6 mode ip6ip6 tclass 0x20 flowlabel 0x12",
		"link add gre2 type gre local 10.0.0.1 remote 10.0.0.10 fwmark 0x5 nopmtudisc ignore-df",
		"link add gt2 type gretap local 10.0.0.1 remote 10.0.0.11 fwmark 9",
		"link add ipip2 type ipip local 10.0.0.1 remote 10.0.0.12 fwmark 3",
		"link add g6m type ip6gre local 2001:db8::1 remote 2001:db8::9 fwmark 7",
		"link add gext type gre external",
		"link add fou1 type ipip local 10.0.0.1 remote 10.0.0.13 encap fou encap-sport auto encap-dport 5555 encap-csum",
		"link add gue1 type gre local 10.0.0.1 remote 10.0.0.14 encap gue encap-sport 4000 encap-dport 6000 encap-remcsum",
		"link add t6f type ip6tnl local 2001:db8::1 remote 2001:db8::15 encap fou encap-dport 5556 noencap-udp6-csum fwmark 0x9",
		"link set gre1 up", "link set sit1 up",
	}},
	{"vti", testenv.LinkIPsec, []string{
		"link add vti1 type vti local 10.0.0.1 remote 10.0.0.7 ikey 9 okey 9 fwmark 4",
		"link add vti61 type vti6 local 2001:db8::1 remote 2001:db8::7 okey 2",
	}},
	{"erspan", testenv.LinkERSPAN, []string{
		"link add er1 type erspan local 10.0.0.1 remote 10.0.0.8 seq key 10 erspan_ver 1 erspan 12",
		"link add er2 type erspan local 10.0.0.1 remote 10.0.0.9 seq key 11 erspan_ver 2 erspan_dir egress erspan_hwid 7",
	}},
	{"wireguard", testenv.LinkWireGuard, []string{"link add wg0 type wireguard", "link set wg0 mtu 1380"}},
	{"vcan", testenv.LinkVCAN, []string{
		"link add vc0 type vcan", "link add vx0 type vxcan peer name vx1", "link set vc0 up",
	}},
}

// TestStateLinkKinds writes namespaces holding links of every kind gip
// state carries the options of with gip state show, applies each file to
// an empty namespace, and compares both by ip -d -j dumps; a second apply
// changes nothing.
func TestStateLinkKinds(t *testing.T) {
	testenv.NeedRoot(t)
	for _, c := range stateKindCases {
		t.Run(c.name, func(t *testing.T) {
			src := stateNS(t, "")
			for _, l := range c.lines {
				r := tool(t, "ip", append([]string{"-n", src}, strings.Fields(l)...)...)
				if r.code != 0 && c.feature != "" && (strings.Contains(r.Stderr, "Unknown device type") || strings.Contains(r.Stderr, "Operation not supported")) {
					testenv.Missing(t, c.feature, "ip %s: %s", l, strings.TrimSpace(r.Stderr))
				}
				if r.code != 0 {
					t.Fatalf("setup: ip %s: exit %d: %s", l, r.code, r.Stderr)
				}
			}
			stateRoundTrip(t, src)
		})
	}
}

// stateRoundTrip applies what gip state show writes of src to an empty
// namespace, which must then read as src does (ip -d -j), and applies it
// again, which must change nothing.
func stateRoundTrip(t *testing.T, src string) {
	t.Helper()
	want := settledStateOf(t, src)
	shown := gip(t, "-n", src, "state", "show", "links")
	if shown.code != 0 {
		t.Fatalf("state show: exit %d: %s", shown.code, shown.Stderr)
	}
	file := stateFile(t, shown.Stdout)
	dst := stateNS(t, "")
	if r := gip(t, "-n", dst, "state", "apply", "--detailed-exitcode", file); r.code != 2 {
		t.Fatalf("first apply: exit %d, want 2 (changed)\n%s%s\nof\n%s", r.code, r.Stdout, r.Stderr, shown.Stdout)
	}
	if got := settledComparable(t, dst, want); got != want {
		t.Errorf("the applied namespace differs from the original:\n%s\nthe file:\n%s", stateDiff(want, got), shown.Stdout)
	}
	secondApplyNoChanges(t, dst, file)
}

// TestStatePortChanges changes a bridge port's options in place, and
// takes another port off its bridge with master: "" (nomaster); ip
// reads both back.
func TestStatePortChanges(t *testing.T) {
	testenv.NeedRoot(t)
	ns := stateNS(t, "")
	for _, l := range []string{
		"link add br0 type bridge", "link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
		"link set v0 master br0", "link set v2 master br0",
	} {
		must(t, "ip", append([]string{"-n", ns}, strings.Fields(l)...)...)
	}
	file := stateFile(t, "links:\n  - name: v0\n    port: {cost: 9, learning: false}\n  - name: v2\n    master: \"\"\n")
	r := gip(t, "-n", ns, "state", "apply", file)
	if r.code != 0 || !strings.Contains(r.Stdout, "~ link v0\n") || !strings.Contains(r.Stdout, "~ link v2\n") {
		t.Fatalf("apply: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	port := tool(t, "ip", "-n", ns, "-d", "-j", "link", "show", "v0").Stdout
	if !strings.Contains(port, `"cost":9,`) || !strings.Contains(port, `"learning":false,`) {
		t.Errorf("ip -d -j link show v0 after the apply: %s", port)
	}
	if got := tool(t, "ip", "-n", ns, "-j", "link", "show", "v2").Stdout; strings.Contains(got, `"master"`) {
		t.Errorf("v2 still has a master: %s", got)
	}
	if r := gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
		t.Errorf("plan after the apply: %q %q", r.Stdout, r.Stderr)
	}
}

// TestStateKindChanges changes kind options: in place where the kernel
// changes them (a bond with a port, an ipvlan, a macsec), by replacing
// the link where it does not (a vlan's id, a macsec's sci); ip reads
// the change back and a second plan finds nothing to do.
func TestStateKindChanges(t *testing.T) {
	testenv.NeedRoot(t)
	for _, c := range []struct {
		name    string
		feature testenv.Feature
		setup   []string
		file    string
		plan    string // the plan's first line
		dev     string
		want    string // in ip -d -j link show DEV
	}{
		{"bond", testenv.LinkBond,
			[]string{"link add bo0 type bond mode active-backup miimon 100", "link add v0 type veth peer name v1", "link set v0 master bo0"},
			"links:\n  - name: bo0\n    kind: bond\n    options: {mode: active-backup, miimon: 200, updelay: 400}\n",
			"  ~ link bo0\n", "bo0", `"miimon":200,"updelay":400,`},
		{"ipvlan", testenv.LinkIPVLAN,
			[]string{"link add d0 type veth peer name d1", "link add ipv0 link d0 type ipvlan mode l2"},
			"links:\n  - name: ipv0\n    kind: ipvlan\n    options: {mode: l3, flag: private}\n",
			"  ~ link ipv0\n", "ipv0", `"info_data":{"mode":"l3","private":true}`},
		{"macsec", testenv.LinkMACsec,
			[]string{"link add d0 type veth peer name d1", "link add ms0 link d0 type macsec port 5"},
			"links:\n  - name: ms0\n    kind: macsec\n    options: {encrypt: true}\n",
			"  ~ link ms0\n", "ms0", `"encrypt":true`},
		{"macsec-sci", testenv.LinkMACsec,
			[]string{"link add d0 type veth peer name d1", "link add ms0 link d0 type macsec port 5"},
			"links:\n  - name: ms0\n    kind: macsec\n    link: d0\n    options: {sci: 0a0b0c0d0e0f0009}\n",
			"-/+ link ms0\n", "ms0", `"sci":"0a0b0c0d0e0f0009"`},
		{"vrf", testenv.LinkVRF, // replaced: its port joins the new one
			[]string{"link add vrf0 type vrf table 10", "link add v0 type veth peer name v1", "link set v0 master vrf0"},
			"links:\n  - name: vrf0\n    kind: vrf\n    options: {table: 11}\n",
			"-/+ link vrf0\n", "v0", `"master":"vrf0"`},
		{"vlan", testenv.LinkVLAN,
			[]string{"link add d0 type veth peer name d1", "link add vl0 link d0 type vlan id 5"},
			"links:\n  - name: vl0\n    kind: vlan\n    link: d0\n    options: {id: 6, gvrp: true}\n",
			"-/+ link vl0\n", "vl0", `"id":6,"flags":["REORDER_HDR","GVRP"]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ns := stateNS(t, "")
			for _, l := range c.setup {
				r := tool(t, "ip", append([]string{"-n", ns}, strings.Fields(l)...)...)
				if r.code != 0 && strings.Contains(r.Stderr, "Unknown device type") {
					testenv.Missing(t, c.feature, "ip %s: %s", l, strings.TrimSpace(r.Stderr))
				}
				if r.code != 0 {
					t.Fatalf("setup: ip %s: exit %d: %s", l, r.code, r.Stderr)
				}
			}
			file := stateFile(t, c.file)
			r := gip(t, "-n", ns, "state", "apply", file)
			if r.code != 0 || !strings.HasPrefix(r.Stdout, c.plan) {
				t.Fatalf("apply: exit %d %q %q, want a plan starting %q", r.code, r.Stdout, r.Stderr, c.plan)
			}
			if got := tool(t, "ip", "-n", ns, "-d", "-j", "link", "show", c.dev).Stdout; !strings.Contains(got, c.want) {
				t.Errorf("ip -d -j link show %s after the apply: %s, want %s", c.dev, got, c.want)
			}
			if r := gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
				t.Errorf("plan after the apply: %q %q", r.Stdout, r.Stderr)
			}
		})
	}
}

// TestBondPortDetails: gip -d link show prints a bond's ports as ip
// does, text and JSON (state, mii_status, perm_hwaddr, queue_id, prio,
// and the 802.3ad states of a port of an 802.3ad bond).
func TestBondPortDetails(t *testing.T) {
	testenv.NeedRoot(t)
	ns := stateNS(t, "")
	for _, l := range []string{
		"link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
		"link add bo0 type bond mode active-backup", "link add bo1 type bond mode 802.3ad",
		"link set v0 master bo0", "link set v2 master bo1", "link set v0 type bond_slave queue_id 3 prio 7",
		"link set bo1 up", "link set v3 up",
	} {
		r := tool(t, "ip", append([]string{"-n", ns}, strings.Fields(l)...)...)
		if r.code != 0 && strings.Contains(r.Stderr, "Unknown device type") {
			testenv.Missing(t, testenv.LinkBond, "ip %s: %s", l, strings.TrimSpace(r.Stderr))
		}
		if r.code != 0 {
			t.Fatalf("setup: ip %s: exit %d: %s", l, r.code, r.Stderr)
		}
	}
	for _, dev := range []string{"v0", "v2"} {
		sameDetails(t, ns, dev)
	}
}

// sameDetails compares gip's -d link show of dev with ip's, text and
// JSON.
func sameDetails(t *testing.T, ns, dev string) {
	t.Helper()
	for _, j := range [][]string{nil, {"-j"}} {
		args := append(append([]string{"-n", ns, "-d"}, j...), "link", "show", "dev", dev)
		want, got := tool(t, "ip", args...), gip(t, args...)
		if j == nil {
			compareLines(t, strings.Join(args, " "), volatile.apply(want.Stdout), volatile.apply(got.Stdout))
		} else if !jsonEqual(t, volatile.apply(want.Stdout), volatile.apply(got.Stdout)) {
			t.Errorf("%s:\n ip: %s\ngip: %s", strings.Join(args, " "), want.Stdout, got.Stdout)
		}
	}
}

// TestTunnelEncapDetails: gip link add takes the fou and gue
// encapsulation of the IP and GRE tunnels, and gip -d link show prints
// it as ip does, text and JSON.
func TestTunnelEncapDetails(t *testing.T) {
	testenv.NeedRoot(t)
	ns, twin := stateNS(t, ""), stateNS(t, "")
	for _, l := range []string{
		"fou1 type ipip local 10.0.0.1 remote 10.0.0.13 encap fou encap-sport auto encap-dport 5555 encap-csum",
		"gue1 type gre local 10.0.0.1 remote 10.0.0.14 encap gue encap-sport 4000 encap-dport 6000 encap-remcsum",
		"gt1 type gretap remote 10.0.0.15 encap fou encap-dport 7000 noencap-csum",
		"s1 type sit local 10.0.0.1 remote 10.0.0.16 encap gue encap-dport 7001",
		"t6f type ip6tnl local 2001:db8::1 remote 2001:db8::15 encap fou encap-dport 5556 noencap-udp6-csum fwmark 0x9",
		"g6f type ip6gre local 2001:db8::1 remote 2001:db8::16 encap gue encap-sport 100 encap-dport 5557",
		"g6g type ip6gretap local 2001:db8::1 remote 2001:db8::17 encap fou encap-dport 5558 encap-csum",
	} {
		r := gip(t, append([]string{"-n", ns, "link", "add"}, strings.Fields(l)...)...)
		if r.code != 0 && strings.Contains(r.Stderr, "Unknown device type") {
			testenv.Missing(t, testenv.LinkGRE, "gip link add %s: %s", l, strings.TrimSpace(r.Stderr))
		}
		if r.code != 0 {
			t.Fatalf("gip link add %s: exit %d: %s", l, r.code, r.Stderr)
		}
		sameDetails(t, ns, strings.Fields(l)[0])
		// ip makes the same link in a twin namespace: the kernel holds
		// the same encapsulation
		must(t, "ip", append([]string{"-n", twin, "link", "add"}, strings.Fields(l)...)...)
		dev := strings.Fields(l)[0]
		mine := ipJSON(t, "ip", "-n", ns, "-d", "link", "show", "dev", dev)
		theirs := ipJSON(t, "ip", "-n", twin, "-d", "link", "show", "dev", dev)
		if a, b := get(mine[0], "linkinfo", "info_data", "encap"), get(theirs[0], "linkinfo", "info_data", "encap"); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: gip made %v, ip %v", l, a, b)
		}
	}
	for _, bad := range []struct{ args, err string }{
		{"x1 type ipip remote 10.0.0.1 encap foo", "Error: argument \"foo\" is wrong: Invalid encap type.\n"},
		{"x1 type gre remote 10.0.0.1 encap-dport x", "Error: argument \"x\" is wrong: Invalid destination port.\n"},
	} {
		args := append([]string{"-n", ns, "link", "add"}, strings.Fields(bad.args)...)
		want, got := tool(t, "ip", args...), gip(t, args...)
		if got.code != want.code || got.Stderr != want.Stderr {
			t.Errorf("link add %s: gip exit %d %q, ip exit %d %q", bad.args, got.code, got.Stderr, want.code, want.Stderr)
		}
	}
}
