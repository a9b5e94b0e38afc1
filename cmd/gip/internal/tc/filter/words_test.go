package filter

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// testParent is the qdisc 1: the filters of the tests sit on.
const testParent = 0x10000

// checkCanon checks that a filter's words read as want (words joined by
// blanks), and that those read back as themselves.
func checkCanon(t *testing.T, kind, handle string, proto uint16, words []string, want string) {
	t.Helper()
	got, err := CanonWords(kind, handle, testParent, proto, words)
	if err != nil {
		t.Errorf("%s %q: %v", kind, words, err)
		return
	}
	if s := strings.Join(got.Flat(), " "); s != want {
		t.Errorf("%s %q:\n got %q\nwant %q", kind, words, s, want)
	}
	again, err := CanonWords(kind, handle, testParent, proto, got.Flat())
	if err != nil || !slices.EqualFunc(again, got, slices.Equal) {
		t.Errorf("%s %q: words %q read back as %q, %v", kind, words, got.Flat(), again.Flat(), err)
	}
}

// TestCanonWords parses filter option words, writes them as the kernel
// would report them, and checks that those words parse back to
// themselves.
func TestCanonWords(t *testing.T) {
	for _, c := range []struct{ kind, handle, in, want string }{
		{"u32", "", "match ip dst 10.0.0.0/8 flowid 1:10", "match u32 0xa000000 0xff000000 at 16 classid 1:10"},
		{"u32", "", "match ip src 1.2.3.4 match ip dport 80 0xffff classid 1:1",
			"match u32 0x1020304 0xffffffff at 12 match u32 0x50 0xffff at 20 classid 1:1"},
		{"u32", "", "match u16 0x50 0xffff at nexthdr+2", "match u32 0x50 0xffff at nexthdr+0"},
		{"u32", "2:", "divisor 16", "divisor 16"},
		{"u32", "", "ht 2:3: match u32 0 0 at 0 link 3: hashkey mask 0xff at 16 skip_sw", "match u32 0x0 0x0 at 0 hashkey mask 0x000000ff at 16 ht 2:3: link 3: skip_sw"},
		{"u32", "", "match mark 0x10 0xff classid 1:2", "match mark 0x10 0xff classid 1:2"},
		{"matchall", "", "classid 1:10 skip_hw", "classid 1:10 skip_hw"},
		{"basic", "", "classid 1:3", "classid 1:3"},
		{"fw", "5", "classid 1:5", "classid 1:5"},
		{"route", "", "to 1 from 2 classid 1:1", "to 1 from 2 classid 1:1"},
		{"bpf", "", "bytecode 1,6\\ 0\\ 0\\ 0 classid 1:1", ""},
	} {
		words := strings.Fields(c.in)
		if c.kind == "bpf" {
			words, c.want = []string{"bytecode", "1,6 0 0 0", "classid", "1:1"}, "bytecode 1,6 0 0 0 classid 1:1"
		}
		checkCanon(t, c.kind, c.handle, unix.ETH_P_IP, words, c.want)
	}
}

// TestCanonActionWords writes filters' action lists and policers as
// words: each kind's options, its verdict and index, and what follows
// any action.
func TestCanonActionWords(t *testing.T) {
	for _, c := range []struct{ kind, in, want string }{
		{"matchall", "action drop", "action gact drop"},
		{"matchall", "action gact pass cookie 0a action drop", "action gact pass cookie 0a action gact drop cookie 0a"},
		{"matchall", "action gact pass index 7 cookie 0a0b action pipe cookie 0c", "action gact pass index 7 cookie 0a0b action gact pipe cookie 0c"},
		{"matchall", "action gact drop random determ pass 50 index 3", "action gact drop random determ pass 50 index 3"},
		{"matchall", "action goto chain 5", "action gact goto chain 5"},
		{"matchall", "action jump 2 hw_stats delayed no_percpu", "action gact jump 2 hw_stats delayed no_percpu"},
		{"matchall", "action mirred egress redirect dev t1", "action mirred egress redirect dev t1"},
		{"matchall", "action mirred ingress mirror dev t1 continue index 4", "action mirred ingress mirror dev t1 continue index 4"},
		{"matchall", "action vlan push id 10 priority 3 reclassify", "action vlan push id 10 protocol 802.1Q priority 3 reclassify"},
		{"matchall", "action vlan modify id 11 protocol 802.1ad", "action vlan modify id 11 protocol 802.1ad pipe"},
		{"matchall", "action vlan pop", "action vlan pop pipe"},
		{"matchall", "action vlan push_eth dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:02", "action vlan push_eth dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:02 pipe"},
		{"matchall", "action skbedit queue_mapping 3 priority 1:10 mark 0x10/0xff ptype host inheritdsfield",
			"action skbedit queue_mapping 3 priority 1:10 mark 0x10/0xff ptype host inheritdsfield pipe"},
		{"matchall", "action csum ip4h and tcp udp", "action csum iph tcp udp pass"},
		{"matchall", "action nat egress 10.0.0.0/8 192.168.0.1 pass", "action nat egress 10.0.0.0/8 192.168.0.1 pass"},
		{"matchall", "action connmark zone 3 index 9", "action connmark zone 3 pipe index 9"},
		{"matchall", "action sample rate 100 group 5 trunc 64", "action sample rate 100 group 5 trunc 64 pipe"},
		{"matchall", "action police rate 1mbit burst 10k conform-exceed drop/pipe index 2",
			"action police rate 1Mbit burst 10kb mtu 2040b conform-exceed drop / pipe index 2"},
		{"matchall", "action police pkts_rate 1000 pkts_burst 100", "action police pkts_rate 1000 pkts_burst 100 conform-exceed reclassify"},
		{"matchall", "action police avrate 8kbit drop", "action police avrate 8Kbit conform-exceed drop"},
		{"matchall", "action pedit munge offset 12 u32 set 0x0a000001 action pedit munge ip ttl set 5 pipe",
			"action pedit munge offset 12 u32 set 0xa000001 retain 0xffffffff pass action pedit munge offset 8 u32 set 0x5000000 retain 0xff000000 pipe"},
		{"matchall", "action pedit ex munge ip dst set 10.0.0.9 munge tcp dport set 80 munge ip ttl decrement munge eth type set 0x800 munge ip6 hoplimit add 3 munge ip6 traffic_class set 4",
			"action pedit ex munge ip dst set 10.0.0.9 retain 0xffffffff munge tcp dport set 0x50 retain 0xffff munge ip ttl add 0xff retain 0xff munge eth type set 0x800 retain 0xffff munge ip6 hoplimit add 0x3 retain 0xff munge ip6 flow_lbl set 0x400000 retain 0xff00000 pass"},
		{"matchall", "action pedit munge offset 4 u16 invert",
			"action pedit munge offset 4 u32 invert retain 0xffff0000 pass"},
		{"matchall", "action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 id 7 dst_port 4789 nocsum tos 4 ttl 64 index 5",
			"action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 id 7 dst_port 4789 nocsum tos 4 ttl 64 pipe index 5"},
		{"matchall", "action tunnel_key set src_ip 2001:db8::1 dst_ip 2001:db8::2 geneve_opts 0102:80:00112233,0103:81:4455 action tunnel_key unset",
			"action tunnel_key set src_ip 2001:db8::1 dst_ip 2001:db8::2 geneve_opts 0102:80:00112233,0103:81:4455 pipe action tunnel_key unset pipe"},
		{"matchall", "action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 vxlan_opts 0x800 csum", "action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 vxlan_opts 2048 pipe"},
		{"matchall", "action ct commit zone 5 mark 0x10/0xff label 01 nat src addr 10.0.0.1-10.0.0.9 port 1000-2000 index 4 action ct clear action ct nat action ct zone 0 drop",
			"action ct commit zone 5 mark 16/0xff label 01000000000000000000000000000000/ffffffffffffffffffffffffffffffff nat src addr 10.0.0.1-10.0.0.9 port 1000-2000 index 4 pipe action ct clear pipe action ct nat pipe action ct drop"},
		{"matchall", "action ct commit nat dst addr 2001:db8::1 port 80", "action ct commit nat dst addr 2001:db8::1 port 80 pipe"},
		{"matchall", "action mpls push label 100 tc 2 action mpls pop protocol ip action mpls modify ttl 5 action mpls dec_ttl pass index 3 action mpls mac_push protocol mpls_mc label 5 bos 1",
			"action mpls push protocol mpls_uc label 100 tc 2 ttl 255 pipe action mpls pop protocol ip pipe action mpls modify ttl 5 pipe action mpls dec_ttl pass index 3 action mpls mac_push protocol mpls_mc label 5 ttl 255 bos 1 pipe"},
		{"matchall", "action skbmod set dmac 02:00:00:00:00:01 set smac 02:00:00:00:00:02 set etype 0x800 action skbmod swap mac action skbmod ecn drop index 3",
			"action skbmod set dmac 02:00:00:00:00:01 set smac 02:00:00:00:00:02 set etype 0x800 pipe action skbmod swap mac pipe action skbmod ecn drop index 3"},
		{"matchall", "classid 1:1 skip_sw action drop", "classid 1:1 skip_sw action gact drop"},
		{"u32", "match u32 0 0 police rate 1mbit burst 10k mtu 9000 peakrate 2mbit overhead 4 linklayer atm action mirred egress mirror dev t2",
			"match u32 0x0 0x0 at 0 police rate 1Mbit burst 10kb mtu 9000b peakrate 2Mbit overhead 4 linklayer atm conform-exceed reclassify action mirred egress mirror dev t2 pipe"},
		{"fw", "classid 1:2 indev t0 action drop", "classid 1:2 indev t0 action gact drop"},
		{"basic", "police rate 1mbit burst 10k action pass", "police rate 1Mbit burst 10kb mtu 2040b conform-exceed reclassify action gact pass"},
		{"route", "to 1 classid 1:1 action pass", "to 1 classid 1:1 action gact pass"},
		{"flow", "hash keys src,dst,proto-dst divisor 1024 perturb 10", "hash keys src,dst,proto-dst divisor 0x400 baseclass 1:1 perturb 10"},
		{"flow", "map key dst and 0xff xor 0x3 rshift 2 addend 10.0.0.1 baseclass 1:10 police rate 1mbit burst 10k action pass",
			"map keys dst and 0xff xor 0x3 rshift 0x2 addend 0xa000001 baseclass 1:10 police rate 1Mbit burst 10kb mtu 2040b conform-exceed reclassify action gact pass"},
		{"flow", "map key dst addend -1 baseclass 10", "map keys dst addend 0xffffffff baseclass 1:10"},
	} {
		checkCanon(t, c.kind, "", unix.ETH_P_IP, strings.Fields(c.in), c.want)
	}
}

// TestCanonBPFActionWords writes a bpf action's classic bytecode as one
// word, as "bytecode" reads it.
func TestCanonBPFActionWords(t *testing.T) {
	in := []string{"action", "bpf", "bytecode", "1,6 0 0 65535", "drop", "index", "4"}
	want := []string{"action", "bpf", "bytecode", "1,6 0 0 65535", "drop", "index", "4"}
	got, err := CanonWords("matchall", "", testParent, unix.ETH_P_IP, in)
	if err != nil || !slices.Equal(got.Flat(), want) {
		t.Errorf("%q: %q, %v; want %q", in, got.Flat(), err, want)
	}
}

// TestCanonFlowerWords writes flower's keys as words, for the protocol
// each needs.
func TestCanonFlowerWords(t *testing.T) {
	for _, c := range []struct {
		proto    uint16
		in, want string
	}{
		{unix.ETH_P_IP, "ip_proto tcp dst_ip 10.0.0.0/8 src_ip 10.1.2.3 dst_port 80 src_port 1000-2000 tcp_flags 0x2/0x12 classid 1:1 skip_hw",
			"ip_proto tcp dst_ip 10.0.0.0/8 src_ip 10.1.2.3/32 dst_port 80 src_port 1000-2000 tcp_flags 0x2/0x12 classid 1:1 skip_hw"},
		{unix.ETH_P_IP, "ip_proto udp dst_port 53/0xff00 ip_tos 0x10/0xfc ip_ttl 64 ip_flags frag/nofirstfrag",
			"ip_proto udp ip_tos 16/fc ip_ttl 64/ff dst_port 53/0xff00 ip_flags frag/nofirstfrag"},
		{unix.ETH_P_IP, "ip_proto icmp type 8 code 0/255 action drop", "ip_proto icmp type 8/255 code 0/255 action gact drop"},
		{unix.ETH_P_IPV6, "ip_proto icmpv6 type 128 dst_ip 2001:db8::/32", "ip_proto icmpv6 dst_ip 2001:db8::/32 type 128/255"},
		{unix.ETH_P_IPV6, "ip_proto sctp src_port 9", "ip_proto sctp src_port 9"},
		{unix.ETH_P_8021Q, "vlan_id 10 vlan_prio 2 vlan_ethtype ip ip_proto udp", "vlan_id 10 vlan_prio 2 vlan_ethtype ip ip_proto udp"},
		{unix.ETH_P_8021AD, "vlan_id 10 vlan_ethtype 802.1Q cvlan_id 20 cvlan_prio 1 cvlan_ethtype ipv6",
			"vlan_id 10 vlan_ethtype 802.1Q cvlan_id 20 cvlan_prio 1 cvlan_ethtype ipv6"},
		{unix.ETH_P_ALL, "dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/24 indev t0 verbose",
			"dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/ff:ff:ff:00:00:00 indev t0 verbose"},
		{unix.ETH_P_MPLS_UC, "mpls_label 100 mpls_tc 3 mpls_bos 1 mpls_ttl 64", "mpls_label 100 mpls_tc 3 mpls_bos 1 mpls_ttl 64"},
		{unix.ETH_P_MPLS_UC, "mpls lse depth 1 label 100 lse depth 2 ttl 5", "mpls lse depth 1 label 100 lse depth 2 ttl 5"},
		{unix.ETH_P_MPLS_UC, "mpls lse depth 1 label 100 tc 2", "mpls_label 100 mpls_tc 2"},
		{unix.ETH_P_ARP, "arp_tip 10.0.0.1 arp_sip 10.0.0.0/24 arp_op request arp_sha 02:00:00:00:00:01",
			"arp_tip 10.0.0.1/32 arp_sip 10.0.0.0/24 arp_op request/255 arp_sha 02:00:00:00:00:01"},
		{unix.ETH_P_PPP_SES, "pppoe_sid 5 ppp_proto ipv6 ip_proto udp", "pppoe_sid 5 ppp_proto ipv6 ip_proto udp"},
		{unix.ETH_P_IP, "enc_dst_ip 192.0.2.1 enc_src_ip 2001:db8::1 enc_key_id 42 enc_dst_port 4789 enc_tos 4 enc_ttl 64/f0",
			"enc_dst_ip 192.0.2.1/32 enc_src_ip 2001:db8::1/128 enc_key_id 42 enc_dst_port 4789 enc_tos 4/ff enc_ttl 64/f0"},
		{unix.ETH_P_IP, "enc_key_id 1 geneve_opts 0102:80:00112233/ffff:ff:00ffffff,0103:81:44556677", "enc_key_id 1 geneve_opts 0102:80:00112233/ffff:ff:00ffffff,0103:81:44556677/ffff:ff:ffffffff"},
		{unix.ETH_P_IP, "enc_key_id 1 vxlan_opts 0x800", "enc_key_id 1 vxlan_opts 2048/4294967295"},
		{unix.ETH_P_IP, "ct_state +trk+est-new ct_zone 4 ct_mark 0x10/0xff ct_label 01",
			"ct_state +trk-new+est ct_zone 4/0xffff ct_mark 16/0xff ct_label 01000000000000000000000000000000/ffffffffffffffffffffffffffffffff"},
		{unix.ETH_P_ALL, "hw_tc 2", "classid 1:ffe2"},
		{unix.ETH_P_IP, "ip_proto 0x2f dst_ip 0.0.0.0/0", "ip_proto 2f"},
	} {
		checkCanon(t, "flower", "", c.proto, strings.Fields(c.in), c.want)
	}
}
