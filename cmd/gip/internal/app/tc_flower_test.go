package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcFlowerSetup builds flower filters, one per family of keys, on v0's
// clsact hooks and on v2's ingress qdisc.
var tcFlowerSetup = []string{
	"qdisc add dev v0 clsact",
	"qdisc add dev v2 ingress",
	"filter add dev v0 ingress prio 1 protocol all flower",
	"filter add dev v0 ingress prio 2 protocol ip handle 5 flower dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/ff:ff:ff:00:00:00 classid 1:2",
	"filter add dev v0 ingress prio 3 protocol ip flower ip_proto tcp dst_ip 10.0.0.0/8 src_ip 192.168.1.1 dst_port 80 src_port 1000-2000 tcp_flags 0x2/0x12 ip_tos 0x10/0xfc ip_ttl 64 skip_hw",
	"filter add dev v0 ingress prio 4 protocol ipv6 flower ip_proto udp dst_ip 2001:db8::/32 src_ip 2001:db8::1 dst_port 53 src_port 0x100/0xff00 verbose",
	"filter add dev v0 ingress prio 5 protocol ip flower ip_proto icmp type 8 code 0",
	"filter add dev v0 ingress prio 6 protocol ipv6 flower ip_proto icmpv6 type 128/255 code 3/7",
	"filter add dev v0 ingress prio 7 protocol arp flower arp_tip 10.0.0.1 arp_sip 10.0.0.0/24 arp_op request arp_sha 02:00:00:00:00:01 arp_tha 02:00:00:00:00:00/24",
	"filter add dev v0 ingress prio 8 protocol 802.1Q flower vlan_id 100 vlan_prio 3 vlan_ethtype 802.1Q cvlan_id 200 cvlan_prio 5 cvlan_ethtype ipv4 ip_proto 0x11 dst_ip 1.2.3.4",
	"filter add dev v0 ingress prio 9 protocol mpls_uc flower mpls_label 1000 mpls_tc 3 mpls_bos 1 mpls_ttl 64",
	"filter add dev v0 ingress prio 10 protocol mpls_mc flower mpls lse depth 1 label 100 tc 1 bos 0 ttl 5 lse depth 2 label 200 bos 1",
	"filter add dev v0 ingress prio 11 protocol ip flower enc_dst_ip 10.1.1.1 enc_src_ip 10.1.1.0/24 enc_key_id 42 enc_dst_port 4789 enc_tos 0x10/0xff enc_ttl 64 ip_flags frag/nofirstfrag",
	"filter add dev v0 ingress prio 12 protocol ip flower enc_dst_ip 2001:db8::1 enc_src_ip 2001:db8::/64 geneve_opts 0102:80:1122334455667788/ffff:ff:ffffffffffffffff,0103:81:aabbccdd",
	"filter add dev v0 ingress prio 13 protocol ip flower vxlan_opts 0x800001/0xffffff",
	"filter add dev v0 ingress prio 14 protocol ip flower erspan_opts 1:12:0:0/1:0xffff:0:0",
	"filter add dev v0 ingress prio 15 protocol ip flower erspan_opts 2:0:1:8",
	"filter add dev v0 ingress prio 16 protocol ip flower gtp_opts 1:8/ff:ff",
	"filter add dev v0 ingress prio 17 protocol ip flower ct_state +trk+est-new ct_zone 5 ct_mark 0x10/0xff ct_label 0102/ffff",
	"filter add dev v0 ingress prio 18 protocol ip flower ct_state -trk ct_zone 5/0xff ct_mark 7 ct_label 00000000000000000000000000000001",
	"filter add dev v0 ingress prio 19 protocol ip flower indev v1 ip_proto sctp dst_port 5000-6000 action mirred egress redirect dev v1",
	"filter add dev v0 ingress prio 20 protocol 802.1ad flower num_of_vlans 2 vlan_id 5 vlan_ethtype ipv4 skip_hw classid ffff:ffe3",
	"filter add dev v0 ingress prio 21 protocol ppp_ses flower pppoe_sid 1234 ppp_proto ip dst_ip 1.1.1.1",
	"filter add dev v0 ingress prio 22 protocol ip flower ip_proto 0x2f ip_flags nofrag",
	"filter add dev v0 ingress prio 23 protocol all flower dst_mac 02:00:00:00:00:01/00:ff:00:00:00:00 src_mac 02:00:00:00:00:01/0",
	"filter add dev v0 ingress prio 24 protocol ipv6 flower dst_ip 2001:db8::/40 ip_proto udp dst_port 7-0 ip_ttl 3/0xf",
	"filter add dev v0 ingress prio 25 protocol ip chain 3 flower c 1:3 ip_flags frag/firstfrag",
	"filter add dev v0 ingress prio 26 protocol ppp_ses flower pppoe_sid 7 ppp_proto ipv6 dst_ip 2001:db8::7",
	"filter add dev v0 ingress prio 27 protocol ppp_ses flower ppp_proto 0x8021",
	"filter add dev v0 ingress prio 28 protocol arp flower arp_op 2/3 arp_sha 02:00:00:00:00:01/ff:ff:00:ff:ff:ff arp_tip 10.0.0.0/255.255.0.0",
	"filter add dev v0 ingress prio 29 protocol ip flower ip_proto icmp type 3/15 enc_key_id 7 enc_dst_port 6081",
	"filter add dev v0 egress prio 1 protocol ipv4 handle 0x10 flower dst_ip 10.0.0.1 action mirred egress mirror dev v1",
	"filter add dev v2 parent ffff: prio 1 protocol ip flower hw_tc 3",
	"filter replace dev v0 ingress prio 2 protocol ip handle 5 flower dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/24 classid 1:4",
	"filter del dev v0 ingress prio 22",
}

var tcFlowerShows = []string{
	"filter show dev v0 ingress", "-s filter show dev v0 ingress", "-d filter show dev v0 ingress",
	"filter show dev v0 egress", "-s filter show dev v0 egress", "filter show dev v2 ingress",
	"filter show dev v0 ingress chain 3", "-N filter show dev v0 ingress prio 8",
	"filter get dev v0 ingress prio 2 protocol ip handle 5 flower",
	"-j filter show dev v0 ingress", "-j -s filter show dev v0 ingress", "-j -s filter show dev v0 egress", "-j filter show dev v2 ingress",
	"-j -p filter show dev v0 ingress prio 12",
}

var tcFlowerErrors = []string{
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto icmpv6",
	"filter add dev v0 ingress prio 30 protocol all flower ip_proto tcp",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto 300",
	"filter add dev v0 ingress prio 30 protocol ip flower dst_ip 2001:db8::1",
	"filter add dev v0 ingress prio 30 protocol ip flower dst_ip 300.1.1.1",
	"filter add dev v0 ingress prio 30 protocol ip flower dst_port 80",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto tcp dst_port 90-80",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto tcp dst_port x",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto tcp dst_port 0",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto tcp tcp_flags 0x1000",
	"filter add dev v0 ingress prio 30 protocol ip flower vlan_id 5",
	"filter add dev v0 ingress prio 30 protocol 802.1q flower vlan_id 5000",
	"filter add dev v0 ingress prio 30 protocol 802.1q flower vlan_prio 8",
	"filter add dev v0 ingress prio 30 protocol ip flower vlan_ethtype ipv4",
	"filter add dev v0 ingress prio 30 protocol 802.1q flower cvlan_id 5",
	"filter add dev v0 ingress prio 30 protocol 802.1q flower cvlan_ethtype ipv4",
	"filter add dev v0 ingress prio 30 protocol 802.1q flower vlan_ethtype foo",
	"filter add dev v0 ingress prio 30 protocol ip flower mpls_label 5",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls_label 5 mpls lse depth 1",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls lse depth 1 mpls_tc 1",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls lse label 1",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls lse depth 0",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls lse depth 1 tc 8",
	"filter add dev v0 ingress prio 30 protocol mpls_uc flower mpls_label 1048576",
	"filter add dev v0 ingress prio 30 protocol ip flower dst_mac zz",
	"filter add dev v0 ingress prio 30 protocol ip flower src_mac 02:00:00:00:00:01/1:zz",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_tos 300",
	"filter add dev v0 ingress prio 30 protocol ip flower ct_state +foo",
	"filter add dev v0 ingress prio 30 protocol ip flower ct_label 0102/zz",
	"filter add dev v0 ingress prio 30 protocol ip flower ct_label 000102030405060708090a0b0c0d0e0f10",
	"filter add dev v0 ingress prio 30 protocol ip flower ct_zone 70000",
	"filter add dev v0 ingress prio 30 protocol ip flower indev nosuchdevice_longer_than_16",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_flags foo",
	"filter add dev v0 ingress prio 30 protocol ip flower arp_op request",
	"filter add dev v0 ingress prio 30 protocol arp flower arp_op 5",
	"filter add dev v0 ingress prio 30 protocol ip flower type 8",
	"filter add dev v0 ingress prio 30 protocol ip flower enc_key_id x",
	"filter add dev v0 ingress prio 30 protocol ip flower geneve_opts 0102:80",
	"filter add dev v0 ingress prio 30 protocol ip flower geneve_opts 0102:80:aabbccdd/ff:ff:ff:ff",
	"filter add dev v0 ingress prio 30 protocol ip flower vxlan_opts x",
	"filter add dev v0 ingress prio 30 protocol ip flower erspan_opts 1:2:3:4:5",
	"filter add dev v0 ingress prio 30 protocol ip flower hw_tc 20",
	"filter add dev v0 ingress prio 30 protocol ip flower hw_tc x",
	"filter add dev v0 ingress prio 30 protocol ip flower classid zz",
	"filter add dev v0 ingress prio 30 protocol ip flower frob",
	"filter add dev v0 ingress prio 30 protocol ip flower help",
	"filter add dev v0 ingress prio 30 protocol ip flower skip_hw skip_sw",
	"filter add dev v0 ingress prio 30 protocol ip handle zz flower",
	"filter add dev v0 ingress prio 30 protocol ip flower num_of_vlans x",
	"filter add dev v0 ingress prio 30 protocol ip flower pppoe_sid 5",
	"filter add dev v0 ingress prio 30 protocol ppp_ses flower ppp_proto foo",
	"filter add dev v0 ingress prio 30 protocol ip flower action",
	"filter add dev v0 ingress prio 30 protocol ip flower action frob",
	"filter add dev v0 ingress prio 30 protocol ip flower dst_ip",
	"filter add dev v0 ingress prio 30 protocol ip flower src_port 5",
	"filter add dev v0 ingress prio 30 protocol ip flower ip_proto tcp dst_port 0-5",
	"filter add dev v0 ingress prio 30 protocol ip flower enc_dst_ip foo",
	"filter add dev v0 ingress prio 30 protocol ip flower geneve_opts 0102:80:zz",
	"filter add dev v0 ingress prio 30 protocol ip flower geneve_opts 0102:80:00",
	"filter add dev v0 ingress prio 1 protocol ipv6 flower",
	"filter change dev v0 ingress prio 1 handle 1 flower classid 1:1 foo",
}

// flowerNS makes a namespace for the flower tests, or skips when the
// kernel has no flower.
func flowerNS(t *testing.T) string {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v4", "clsact")
	if r := tool(t, "tc", "-n", ns, "filter", "add", "dev", "v4", "ingress", "flower"); r.code != 0 {
		testenv.Missing(t, testenv.FilterFlower, "%s", strings.TrimSpace(r.Stderr))
	}
	return ns
}

// TestTCFlowerMatchesTC builds the same flower filters with tc in one
// namespace and with gip tc in another and compares the listings of both
// tools on both (JSON by value).
func TestTCFlowerMatchesTC(t *testing.T) {
	byTC, byGip := flowerNS(t), flowerNS(t)
	for _, line := range tcFlowerSetup {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		if ref.code != 0 {
			t.Errorf("setup: tc %s: exit %d: %s", line, ref.code, ref.Stderr)
		}
	}
	for _, line := range tcFlowerShows {
		w := strings.Fields(line)
		for _, ns := range []string{byTC, byGip} {
			ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
			got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
			if got.code != ref.code || got.Stderr != ref.Stderr {
				t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
			}
			if strings.Contains(line, "-j") {
				var a, b any
				if err := json.Unmarshal([]byte(maskTimes(ref.Stdout)), &a); err != nil {
					t.Fatalf("tc %s: %v\n%s", line, err, ref.Stdout)
				}
				if err := json.Unmarshal([]byte(maskTimes(got.Stdout)), &b); err != nil {
					t.Fatalf("gip tc %s: not JSON: %v\n%s", line, err, got.Stdout)
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("tc %s: JSON differs\n tc:  %s\n gip: %s", line, ref.Stdout, got.Stdout)
				}
				continue
			}
			compareLines(t, "tc "+line, maskTimes(ref.Stdout), maskTimes(got.Stdout))
		}
		a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
		compareLines(t, "tc "+line+" (built by tc, by gip)", stripIndex(maskTimes(a.Stdout)), stripIndex(maskTimes(b.Stdout)))
	}
}

// TestTCFlowerErrorsMatchTC compares bad flower command lines; most fail
// in the grammar, so it runs on kernels without flower too (where the rest
// fail alike, as the kernel has no flower).
func TestTCFlowerErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "clsact")
	tool(t, "tc", "-n", ns, "filter", "add", "dev", "v0", "ingress", "prio", "1", "protocol", "ip", "flower", "dst_ip", "10.0.0.0/8")
	for _, line := range tcFlowerErrors {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
				line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
	}
}
