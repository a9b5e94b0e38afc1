package app

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcActionCase is one action kind's configuration: filters that carry it
// (on v0's clsact hooks) and standalone actions, then the listings
// compared. Rates stay low enough that tc 6.1's truncated ticks and gip's
// rounded ones agree.
type tcActionCase struct {
	kind    string
	feature testenv.Feature
	setup   []string
	shows   []string
	errors  []string
	// gipJSON are -j listings whose tc output is not JSON: gip's must be.
	gipJSON []string
}

var tcActionCases = []tcActionCase{{
	kind: "police", feature: testenv.ActPolice,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action police rate 1mbit burst 10k",
		"filter add dev v0 ingress prio 2 matchall action police rate 2mbit burst 20k mtu 2k peakrate 3mbit conform-exceed drop/pipe",
		"filter add dev v0 ingress prio 3 matchall action police avrate 1mbit drop",
		"filter add dev v0 ingress prio 4 matchall action police pkts_rate 1000 pkts_burst 100 conform-exceed reclassify / pass",
		"filter add dev v0 ingress prio 5 matchall action police rate 1mbit burst 10k overhead 20 linklayer atm mpu 64 conform-exceed goto chain 3",
		"filter add dev v0 egress prio 6 u32 match u32 0 0 action police rate 100kbit burst 5k index 77 action drop",
		"filter add dev v0 egress prio 7 matchall action police rate 1mbit burst 10k/8 mtu 1500 pass",
		"actions add action police rate 1mbit burst 10k index 5 action police rate 2mbit burst 10k conform-exceed drop/ok index 6",
		"actions change action police rate 3mbit burst 20k index 5",
	},
	shows: []string{
		"filter show dev v0 ingress", "filter show dev v0 egress", "-s filter show dev v0 ingress",
		"-d -r filter show dev v0 ingress", "-iec filter show dev v0 egress",
		"-j filter show dev v0 ingress", "-j filter show dev v0 egress",
		"actions ls action police", "-j actions ls action police", "actions get action police index 5",
		"-br actions ls action police", "-j -br actions ls action police",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action police",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit",
		"filter add dev v0 ingress prio 9 matchall action police rate x burst 1k",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit rate 2mbit",
		"filter add dev v0 ingress prio 9 matchall action police foo",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit burst 1k avrate 1mbit",
		"filter add dev v0 ingress prio 9 matchall action police pkts_rate 5",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit burst 1k peakrate 2mbit",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit burst 1k conform-exceed foo",
		"filter add dev v0 ingress prio 9 matchall action police rate 1mbit burst 1k conform-exceed drop/foo",
		"filter add dev v0 ingress prio 9 matchall action police help",
		"actions add action police rate 1mbit",
	},
}, {
	kind: "vlan", feature: testenv.ActVlan,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action vlan pop",
		"filter add dev v0 ingress prio 2 matchall action vlan push id 100 protocol 802.1ad priority 3 pass",
		"filter add dev v0 ingress prio 3 matchall action vlan modify id 5 drop index 9",
		"filter add dev v0 ingress prio 4 matchall action vlan push_eth dst_mac 02:00:00:00:00:01 src_mac 2:0:0:0:0:2",
		"filter add dev v0 ingress prio 5 matchall action vlan pop_eth pipe",
		"actions add action vlan push id 7 index 3",
		"actions replace action vlan modify id 8 priority 1 index 3",
	},
	shows: []string{
		"filter show dev v0 ingress", "-j filter show dev v0 ingress", "-s filter show dev v0 ingress",
		"actions ls action vlan", "-j actions get action vlan index 3",
		"-br filter show dev v0 ingress", "-br -j filter show dev v0 ingress", "-br -s filter show dev v0 ingress",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action vlan",
		"filter add dev v0 ingress prio 9 matchall action vlan push",
		"filter add dev v0 ingress prio 9 matchall action vlan pop push",
		"filter add dev v0 ingress prio 9 matchall action vlan id 5",
		"filter add dev v0 ingress prio 9 matchall action vlan push id x",
		"filter add dev v0 ingress prio 9 matchall action vlan push id 5 protocol ip",
		"filter add dev v0 ingress prio 9 matchall action vlan push id 5 priority 9",
		"filter add dev v0 ingress prio 9 matchall action vlan push_eth dst_mac 1:2:3",
		"filter add dev v0 ingress prio 9 matchall action vlan push_eth dst_mac zz",
		"filter add dev v0 ingress prio 9 matchall action vlan push_eth dst_mac 1:-1:3:4:5:6 src_mac 0:0:0:0:0:1",
		"filter add dev v0 ingress prio 9 matchall action vlan push_eth dst_mac 0:0:0:0:0:1 src_mac 300.1.1.1",
		"filter add dev v0 ingress prio 9 matchall action vlan pop index x",
		"filter add dev v0 ingress prio 9 matchall action vlan help",
		"filter add dev v0 ingress prio 9 matchall action vlan pop goto chain x",
		"filter add dev v0 ingress prio 9 matchall action vlan pop jump",
		"filter add dev v0 ingress prio 9 matchall action vlan pop goto foo 1",
		"filter add dev v0 ingress prio 9 matchall action goto chain x",
	},
}, {
	kind: "skbedit", feature: testenv.ActSkbedit,
	setup: []string{
		"filter add dev v0 egress prio 1 matchall action skbedit queue_mapping 3 priority 1:2 mark 7/0xff ptype host",
		"filter add dev v0 egress prio 2 matchall action skbedit mark 5 inheritdsfield continue",
		"filter add dev v0 egress prio 3 matchall action skbedit ptype otherhost index 44",
		"filter add dev v0 egress prio 4 u32 match u32 0 0 action skbedit priority 10 action vlan push id 7",
		"actions add action skbedit mark 3 index 7 cookie 0102",
	},
	shows: []string{
		"filter show dev v0 egress", "-j filter show dev v0 egress", "actions ls action skbedit",
		"-j actions ls action skbedit", "-s actions get action skbedit index 7",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action skbedit",
		"filter add dev v0 ingress prio 9 matchall action skbedit foo",
		"filter add dev v0 ingress prio 9 matchall action skbedit queue_mapping 70000",
		"filter add dev v0 ingress prio 9 matchall action skbedit priority zz",
		"filter add dev v0 ingress prio 9 matchall action skbedit mark x",
		"filter add dev v0 ingress prio 9 matchall action skbedit mark 1/x",
		"filter add dev v0 ingress prio 9 matchall action skbedit ptype foo",
		"filter add dev v0 ingress prio 9 matchall action skbedit help",
	},
}, {
	kind: "csum", feature: testenv.ActCsum,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action csum ip4h and tcp or udp",
		"filter add dev v0 ingress prio 2 matchall action csum icmp igmp sctp udplite drop index 4",
		"filter add dev v0 ingress prio 3 matchall action csum iph + tcp csum udp pipe",
		"actions add action csum tcp index 9",
	},
	shows: []string{
		"filter show dev v0 ingress", "-j filter show dev v0 ingress", "-s filter show dev v0 ingress",
		"actions ls action csum", "-j actions get action csum index 9",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action csum",
		"filter add dev v0 ingress prio 9 matchall action csum foo",
		"filter add dev v0 ingress prio 9 matchall action csum tcp index x",
		"filter add dev v0 ingress prio 9 matchall action csum help",
	},
}, {
	kind: "nat", feature: testenv.ActNat,
	setup: []string{
		"filter add dev v0 egress prio 1 matchall action nat ingress 10.0.0.0/24 192.168.1.1",
		"filter add dev v0 egress prio 2 matchall action nat egress 10.1.2.3 1.1.1.1 pipe index 12",
		"filter add dev v0 egress prio 3 matchall action nat egress 0.0.0.0/0 1.1.1.1",
		"filter add dev v0 egress prio 4 matchall action nat ingress 172.16.0.0/12 10.0.0.1 drop",
		"actions add action nat ingress 1.2.3.0/28 5.6.7.8 index 9",
	},
	shows: []string{
		"filter show dev v0 egress", "-j filter show dev v0 egress", "-s filter show dev v0 egress",
		"actions ls action nat", "-j actions ls action nat",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action nat",
		"filter add dev v0 ingress prio 9 matchall action nat sideways 1.2.3.4 5.6.7.8",
		"filter add dev v0 ingress prio 9 matchall action nat ingress 1.2.3.300 5.6.7.8",
		"filter add dev v0 ingress prio 9 matchall action nat ingress 1.2.3.4 x",
		"filter add dev v0 ingress prio 9 matchall action nat ingress 1.2.3.4",
		"filter add dev v0 ingress prio 9 matchall action nat ingress 1.2.3.4 5.6.7.8 index x",
		"filter add dev v0 ingress prio 9 matchall action nat help",
	},
}, {
	kind: "connmark", feature: testenv.ActConnmark,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action connmark",
		"filter add dev v0 ingress prio 2 matchall action connmark zone 5 drop index 3",
		"filter add dev v0 ingress prio 3 matchall action connmark pass",
		"actions add action connmark zone 7 index 9",
	},
	shows: []string{
		"filter show dev v0 ingress", "-j filter show dev v0 ingress", "actions ls action connmark",
		"-j actions get action connmark index 9",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action connmark zone x",
		"filter add dev v0 ingress prio 9 matchall action connmark zone 1 index x",
		"filter add dev v0 ingress prio 9 matchall action connmark help",
		"filter add dev v0 ingress prio 9 matchall action connmark zone",
		"filter add dev v0 ingress prio 9 matchall action connmark jump 1x index 2",
	},
}, {
	kind: "pedit", feature: testenv.ActPedit,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action pedit munge offset 12 u32 set 0x0a000001",
		"filter add dev v0 ingress prio 2 matchall action pedit munge offset 13 u8 set 0x7 retain 0xf pipe",
		"filter add dev v0 ingress prio 3 matchall action pedit ex munge offset 14 u16 add 5 munge offset -4 u32 invert",
		"filter add dev v0 ingress prio 4 matchall action pedit munge offset 0 u32 clear munge offset 4 u32 preserve munge offset 1 u16 invert",
		"filter add dev v0 ingress prio 5 matchall action pedit munge offset 4 u16 at 8 ff00 2 set 1 munge offset 2 u8 set 1 retain 0x1ff",
		"filter add dev v0 ingress prio 6 matchall action pedit munge ip src set 1.2.3.4 munge ip dst set 10.1/16 drop index 21",
		"filter add dev v0 ingress prio 7 matchall action pedit ex munge ip src set 1.2.3.4 munge ip ttl decrement munge ip tos set 0x10",
		"filter add dev v0 ingress prio 8 matchall action pedit ex munge ip6 src set 2001:db8::1 munge ip6 hoplimit decrement",
		"filter add dev v0 ingress prio 9 matchall action pedit ex munge ip6 traffic_class set 0x2 munge ip6 flow_lbl set 5 munge ip6 payload_len set 100 munge ip6 nexthdr set 6",
		"filter add dev v0 ingress prio 10 matchall action pedit ex munge tcp sport set 80 munge tcp dport add 1 munge tcp flags set 0x12",
		"filter add dev v0 ingress prio 11 matchall action pedit ex munge udp sport set 53 munge udp dport set 54 continue",
		"filter add dev v0 ingress prio 12 matchall action pedit ex munge eth src set 02:00:00:00:00:01 munge eth dst set 11:22:33:44:55:66 munge eth type set 0x800",
		"filter add dev v0 egress prio 1 matchall action pedit munge ip sport set 80 munge ip dport set 81 munge ip icmp_type set 3 munge ip icmp_code set 1",
		"filter add dev v0 egress prio 2 matchall action pedit munge ip nofrag set 0 munge ip firstfrag set 0 munge ip ce set 1 munge ip df set 1 munge ip mf set 1 munge ip ihl set 5 munge ip precedence set 1 munge ip protocol set 17",
		"filter add dev v0 egress prio 3 matchall action pedit ex munge ip6 dst invert munge eth dst invert munge ip src invert",
		"filter add dev v0 egress prio 4 matchall action pedit ex munge ip ttl add 255 goto chain 3",
		"filter add dev v0 egress prio 5 matchall action pedit pass",
		"filter add dev v0 egress prio 6 matchall action pedit munge offset 0 u32 set 1 action pedit ex munge eth type preserve retain 0xff00 reclassify",
		"actions add action pedit munge offset 0 u32 set 1 index 90",
		"actions add action pedit ex munge ip6 src set ::1 munge ip6 dst set any index 91 cookie 0a0b",
		"actions replace action pedit ex munge ip6 hoplimit decrement retain 0x0f jump 2 index 90",
	},
	shows: []string{
		"filter show dev v0 ingress", "-s filter show dev v0 ingress", "-d filter show dev v0 ingress",
		"-j filter show dev v0 ingress", "filter show dev v0 egress", "-j filter show dev v0 egress",
		"-oneline filter show dev v0 egress", "actions ls action pedit", "-j actions ls action pedit",
		"-s actions get action pedit index 90", "-j actions get action pedit index 91",
		"-br actions ls action pedit", "-j -br actions ls action pedit",
	},
	errors: []string{
		"filter add dev v0 ingress prio 99 matchall action pedit",
		"filter add dev v0 ingress prio 99 matchall action pedit help",
		"filter add dev v0 ingress prio 99 matchall action pedit ex",
		"filter add dev v0 ingress prio 99 matchall action pedit munge",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 12",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 12 u32",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 13 u32 set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset x u32 set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 0 u64 set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 0 u32 frob 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 0 u32 set 1 retain x",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 0 u32 set 99999999999",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 4 u16 at 8 offmask ff00 shift 2 set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 3 u16 set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 2 u16 set 0x10000",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 2 u8 set 0x100",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 0 u32 set 1 munge offset 3 u32 set 1 pass",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 12 u32 add 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 12 u32 set 1 pedit ex",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 12 u32 set 1 index x",
		"filter add dev v0 ingress prio 99 matchall action pedit munge foo bar",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip foo",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip src",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip src set",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip src set 300.1.1.1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip ttl decrement",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge ip src decrement",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge ip sport set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit munge ip6 src set ::1",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge ip6 src set 1.2.3.4",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge ip6 src preserve",
		"filter add dev v0 ingress prio 99 matchall action pedit munge tcp sport set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge tcp sport set 70000",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge udp",
		"filter add dev v0 ingress prio 99 matchall action pedit munge icmp type set 1",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge eth src set zz",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge eth src set 1:2:3",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge eth src set 1.2.3.400",
		"filter add dev v0 ingress prio 99 matchall action pedit ex munge eth src set 1:2:3:4:5:6 retain 0xff",
		"filter add dev v0 ingress prio 99 matchall action pedit munge offset 1 u8 set 1 foo",
	},
}, {
	kind: "mpls", feature: testenv.ActMpls,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action mpls pop protocol ip",
		"filter add dev v0 ingress prio 2 matchall action mpls push protocol mpls_mc label 20 drop index 5",
		"filter add dev v0 ingress prio 3 matchall action mpls mac_push label 7 tc 1 ttl 9 bos 0",
		"filter add dev v0 ingress prio 4 matchall action mpls push label 100 tc 3 ttl 64 bos 1 pass",
		"filter add dev v0 egress prio 5 matchall action mpls modify label 0xfffff ttl 255 continue",
		"filter add dev v0 egress prio 6 matchall action mpls dec_ttl goto chain 2",
		"filter add dev v0 egress prio 7 matchall action mpls pop protocol mpls_uc action mpls pu label 3",
		"filter add dev v0 egress prio 8 matchall action mpls mac_push tc 1",
		"actions add action mpls dec_ttl index 9",
		"actions replace action mpls modify tc 2 bos 1 index 9",
		"actions add action mpls pop protocol 0x86dd index 10 cookie abcd",
	},
	shows: []string{
		"filter show dev v0 ingress", "filter show dev v0 egress", "-j filter show dev v0 ingress",
		"-j filter show dev v0 egress", "-s filter show dev v0 egress", "actions ls action mpls",
		"-j actions ls action mpls", "-s actions get action mpls index 9", "-br actions ls action mpls",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action mpls",
		"filter add dev v0 ingress prio 9 matchall action mpls pop",
		"filter add dev v0 ingress prio 9 matchall action mpls pop protocol foo",
		"filter add dev v0 ingress prio 9 matchall action mpls pop protocol 0",
		"filter add dev v0 ingress prio 9 matchall action mpls push",
		"filter add dev v0 ingress prio 9 matchall action mpls push protocol ip label 5",
		"filter add dev v0 ingress prio 9 matchall action mpls mac_push protocol ip label 5",
		"filter add dev v0 ingress prio 9 matchall action mpls push label 0x100000",
		"filter add dev v0 ingress prio 9 matchall action mpls push label -1",
		"filter add dev v0 ingress prio 9 matchall action mpls push tc 8",
		"filter add dev v0 ingress prio 9 matchall action mpls push ttl 0",
		"filter add dev v0 ingress prio 9 matchall action mpls push bos 2",
		"filter add dev v0 ingress prio 9 matchall action mpls pop label 5",
		"filter add dev v0 ingress prio 9 matchall action mpls modify protocol ip",
		"filter add dev v0 ingress prio 9 matchall action mpls pop push",
		"filter add dev v0 ingress prio 9 matchall action mpls m p",
		"filter add dev v0 ingress prio 9 matchall action mpls index 5",
		"filter add dev v0 ingress prio 9 matchall action mpls pop protocol ip index x",
		"filter add dev v0 ingress prio 9 matchall action mpls modify ttl 256",
		"filter add dev v0 ingress prio 9 matchall action mpls foo",
		"filter add dev v0 ingress prio 9 matchall action mpls help",
	},
}, {
	kind: "skbmod", feature: testenv.ActSkbmod,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action skbmod swap mac",
		"filter add dev v0 ingress prio 2 matchall action skbmod set dmac 02:00:00:00:00:01 set smac 2:0:0:0:0:2 drop index 4",
		"filter add dev v0 ingress prio 3 matchall action skbmod set etype 0x88b5 set dmac 0x1:-2:fff:4:5:6zz",
		"filter add dev v0 egress prio 4 matchall action skbmod ecn pass",
		"filter add dev v0 egress prio 5 matchall action skbmod set etype 0",
		"filter add dev v0 egress prio 6 matchall action skbmod s se smac 1:2:3:4:5:6 e 0x800 ecn goto chain 1",
		"actions add action skbmod set smac 02:aa:bb:cc:dd:ee index 8",
		"actions change action skbmod swap mac index 8",
	},
	// tc 6.1 prints skbmod's fields as plain text inside its JSON, which
	// is then no JSON at all: only the text listings are compared.
	shows: []string{
		"filter show dev v0 ingress", "filter show dev v0 egress", "-s filter show dev v0 ingress",
		"actions ls action skbmod", "-s actions get action skbmod index 8", "-br actions ls action skbmod",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action skbmod",
		"filter add dev v0 ingress prio 9 matchall action skbmod foo",
		"filter add dev v0 ingress prio 9 matchall action skbmod set",
		"filter add dev v0 ingress prio 9 matchall action skbmod set etype x",
		"filter add dev v0 ingress prio 9 matchall action skbmod set etype 70000",
		"filter add dev v0 ingress prio 9 matchall action skbmod set dmac 1:2:3",
		"filter add dev v0 ingress prio 9 matchall action skbmod set smac 1:2:3:4:5",
		"filter add dev v0 ingress prio 9 matchall action skbmod set dmac",
		"filter add dev v0 ingress prio 9 matchall action skbmod ecn index x",
		"filter add dev v0 ingress prio 9 matchall action skbmod pipe",
		"filter add dev v0 ingress prio 9 matchall action skbmod se etype 1 foo",
		"filter add dev v0 ingress prio 9 matchall action skbmod help",
	},
}, {
	kind: "bpf", feature: testenv.ActBpf,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action bpf obj " + bpfObjects + "action.o",
		"filter add dev v0 ingress prio 2 matchall action bpf object-file " + bpfObjects + "action.o sec ok pass index 4",
		"filter add dev v0 ingress prio 3 matchall action bpf run bcf " + bpfObjects + "action.bc drop",
		"filter add dev v0 egress prio 4 matchall action bpf obj " + bpfObjects + "action.o program act_ok action bpf bcf " + bpfObjects + "action.bc",
		"actions add action bpf obj " + bpfObjects + "action.o sec ok index 7 cookie 0102",
		"actions add action bpf bytecode-file " + bpfObjects + "action.bc continue index 8",
	},
	shows: []string{
		"filter show dev v0 ingress", "filter show dev v0 egress", "-j filter show dev v0 ingress",
		"-s filter show dev v0 ingress", "-d filter show dev v0 egress", "actions ls action bpf",
		"-j actions ls action bpf", "-s actions get action bpf index 7", "-br actions ls action bpf",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action bpf",
		"filter add dev v0 ingress prio 9 matchall action bpf foo",
		"filter add dev v0 ingress prio 9 matchall action bpf bytecode",
		"filter add dev v0 ingress prio 9 matchall action bpf bytecode x",
		"filter add dev v0 ingress prio 9 matchall action bpf bytecode-file /nonexistent",
		"filter add dev v0 ingress prio 9 matchall action bpf bcf " + bpfObjects + "action.bc index x",
		"filter add dev v0 ingress prio 9 matchall action bpf run bcf " + bpfObjects + "action.bc run bcf x",
		"filter add dev v0 ingress prio 9 matchall action bpf run",
		"filter add dev v0 ingress prio 9 matchall action bpf pipe",
		"filter add dev v0 ingress prio 9 matchall action bpf obj",
		"filter add dev v0 ingress prio 9 matchall action bpf obj /nonexistent.o",
		"filter add dev v0 ingress prio 9 matchall action bpf obj " + bpfObjects + "verdict.o",
		"filter add dev v0 ingress prio 9 matchall action bpf obj " + bpfObjects + "action.o sec",
		"filter add dev v0 ingress prio 9 matchall action bpf obj " + bpfObjects + "action.o sec nosuch",
		"filter add dev v0 ingress prio 9 matchall action bpf obj " + bpfObjects + "action.o program nosuch",
		"filter add dev v0 ingress prio 9 matchall action bpf obj " + bpfObjects + "action.o help",
		"filter add dev v0 ingress prio 9 matchall action bpf pinned /sys/fs/bpf/gip-nonexistent",
		"filter add dev v0 ingress prio 9 matchall action bpf help",
		"actions add action bpf bcf " + bpfObjects + "action.bc action bpf",
	},
}, {
	kind: "tunnel_key", feature: testenv.ActTunnelKey,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 id 42 dst_port 4789",
		"filter add dev v0 ingress prio 2 matchall action tunnel_key set src_ip 2001:db8::1 dst_ip 2001:db8::2 id 7 dst_port 6081 tos 0x10 ttl 64 nocsum geneve_opts 0102:80:00112233,0003:01:44556677aabbccdd pass",
		"filter add dev v0 ingress prio 3 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 vxlan_opts 1234 index 5",
		"filter add dev v0 ingress prio 4 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 erspan_opts 1:12:0:0 csum",
		"filter add dev v0 ingress prio 5 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 erspan_opts 2:0:1:7 tos 0 ttl 0",
		"filter add dev v0 ingress prio 6 matchall action tunnel_key unset drop",
		"filter add dev v0 ingress prio 7 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 no_percpu",
		"filter add dev v0 ingress prio 8 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 geneve_opts 0102:80:00112233 vxlan_opts 0x5 ttl ff",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 geneve_opts 0102:80",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2001::1",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip default dst_ip 2.2.2.2",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key pipe",
		"filter add dev v0 ingress prio 10 u32 match u32 0 0 action tunnel_key unset goto chain 4 action tunnel_key set dst_ip 10.1.1.1 src_ip 10.1.1.2 id 0 cookie 0a0b",
		"actions add action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 id 1 index 30",
		"actions replace action tunnel_key set src_ip 3.3.3.3 dst_ip 4.4.4.4 dst_port 1 index 30",
		"actions add action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 id 1 index 30",
	},
	shows: []string{
		"filter show dev v0 ingress", "-s filter show dev v0 ingress", "-d filter show dev v0 ingress",
		"-j filter show dev v0 ingress", "actions ls action tunnel_key", "-s actions ls action tunnel_key",
		"-j actions ls action tunnel_key", "actions get action tunnel_key index 30",
		"-j actions get action tunnel_key index 30", "-br actions ls action tunnel_key",
		"-j -br actions ls action tunnel_key",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action tunnel_key",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip x dst_ip 1.1.1.1",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 id x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 dst_port 70000",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 tos 300",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 ttl x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 geneve_opts zz",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 geneve_opts 1:2:3:4",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 geneve_opts 1:2:00,1:2:3z",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 vxlan_opts x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 erspan_opts 1:2:3:4:5",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 erspan_opts 1:2:300:4",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set unset",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 index x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 foo",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key help",
		"actions add action tunnel_key set src_ip 1.1.1.1 id x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 goto chain x",
		"filter add dev v0 ingress prio 9 matchall action tunnel_key set goto chain x",
	},
}, {
	kind: "ct", feature: testenv.ActCt,
	setup: []string{
		"filter add dev v0 egress prio 1 matchall action ct",
		"filter add dev v0 egress prio 2 matchall action ct commit",
		"filter add dev v0 egress prio 3 matchall action ct commit force zone 5 mark 7/0xff label 0102/ffff",
		"filter add dev v0 egress prio 4 matchall action ct commit nat src addr 10.0.0.1-10.0.0.9 port 1000-2000 pipe",
		"filter add dev v0 egress prio 5 matchall action ct clear",
		"filter add dev v0 egress prio 6 matchall action ct commit nat dst addr 2001:db8::1 port 80 drop index 11",
		"filter add dev v0 egress prio 7 matchall action ct zone 3 nat pass",
		"filter add dev v0 egress prio 8 matchall action ct commit mark 5 label 00112233445566778899aabbccddeeff",
		"filter add dev v0 egress prio 9 matchall action ct commit label 01 zone 0x10 index 12 continue",
		"filter add dev v0 egress prio 10 matchall action ct commit nat src addr 1.1.1.1-1.1.1.1 port 5-5 reclassify",
		"filter add dev v0 egress prio 11 matchall action ct commit nat dst addr 2001:db8::1-2001:db8::ff pipe",
		"filter add dev v0 egress prio 12 matchall action ct nat",
		"filter add dev v0 egress prio 12 matchall action ct commit nat src addr 1.1.1.1",
		"filter add dev v0 egress prio 13 matchall action ct label 0/ff pipe",
		"actions add action ct commit zone 9 index 40",
		"actions change action ct commit zone 10 mark 1 index 40",
	},
	shows: []string{
		"filter show dev v0 egress", "-s filter show dev v0 egress", "-d filter show dev v0 egress",
		"-j filter show dev v0 egress", "actions ls action ct", "-j actions ls action ct",
		"-s actions get action ct index 40", "-j actions get action ct index 40", "-br actions ls action ct",
		"-j -br actions ls action ct",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action ct zone x",
		"filter add dev v0 ingress prio 9 matchall action ct zone 70000",
		"filter add dev v0 ingress prio 9 matchall action ct zone 1/2",
		"filter add dev v0 ingress prio 9 matchall action ct zone",
		"filter add dev v0 ingress prio 9 matchall action ct mark 1/x",
		"filter add dev v0 ingress prio 9 matchall action ct label xyz",
		"filter add dev v0 ingress prio 9 matchall action ct label 0011223344556677889900112233445566",
		"filter add dev v0 ingress prio 9 matchall action ct label 00/zz",
		"filter add dev v0 ingress prio 9 matchall action ct clear commit",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat src addr 1.1.1.1 nat dst addr 2.2.2.2 pipe",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat pipe",
		"filter add dev v0 ingress prio 9 matchall action ct nat src addr 1.1.1.1 pipe",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat src foo",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat dst addr x",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat src addr 2001::1-1.1.1.1",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat src addr 1.1.1.1 port 1-x",
		"filter add dev v0 ingress prio 9 matchall action ct commit nat src addr 1.1.1.1",
		"filter add dev v0 ingress prio 9 matchall action ct index x",
		"filter add dev v0 ingress prio 9 matchall action ct help",
		"filter add dev v0 ingress prio 9 matchall action ct foo",
		"actions add action ct zone",
		"filter add dev v0 ingress prio 9 matchall action ct commit jump 1x",
		"filter add dev v0 ingress prio 9 matchall action ct commit goto",
	},
}, {
	kind: "sample", feature: testenv.ActSample,
	setup: []string{
		"filter add dev v0 ingress prio 1 matchall action sample rate 100 group 5",
		"filter add dev v0 ingress prio 2 matchall action sample rate 12 group 1 trunc 128 drop index 8",
		"filter add dev v0 ingress prio 3 matchall action sample rate 0 group 1",
		"filter add dev v0 ingress prio 4 u32 match u32 0 0 action sample r 5 g 3 t 64 goto chain 2 action sample index 8",
		"actions add action sample rate 3 group 4 index 2",
		"actions add action sample index 2",
		"actions replace action sample rate 30 group 40 trunc 9 pass index 2",
	},
	shows: []string{
		"filter show dev v0 ingress", "-s filter show dev v0 ingress", "-j filter show dev v0 ingress",
		"actions ls action sample", "-j actions ls action sample", "-j actions get action sample index 2",
		"-br actions ls action sample",
	},
	errors: []string{
		"filter add dev v0 ingress prio 9 matchall action sample",
		"filter add dev v0 ingress prio 9 matchall action sample rate",
		"filter add dev v0 ingress prio 9 matchall action sample rate x group 1",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1 group x",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1 group 1 trunc x",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1",
		"filter add dev v0 ingress prio 9 matchall action sample group 1",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1 group 1 index x",
		"filter add dev v0 ingress prio 9 matchall action sample help",
		"filter add dev v0 ingress prio 9 matchall action sample rate 4294967296 group 1",
		"filter add dev v0 ingress prio 9 u32 match u32 0 0 action sample flowid 1:1",
		"actions add action sample",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1 group 1 goto foo 1",
		"filter add dev v0 ingress prio 9 matchall action sample rate 1 group 1 goto chain 99999999999",
	},
}}

// policeIndex matches police's own print of its index, in hexadecimal.
var policeIndex = regexp.MustCompile(`police 0x[0-9a-f]+`)

// bpfProg and bpfProgJSON match what differs between two loads of one
// program: the kernel's id for it and its load time.
var (
	bpfProg     = regexp.MustCompile(`(\] id |load_time )[0-9]+`)
	bpfProgJSON = regexp.MustCompile(`("prog":\{"id":|"load_time":)[0-9]+`)
)

func maskAction(s string) string {
	s = bpfProgJSON.ReplaceAllString(bpfProg.ReplaceAllString(s, "${1}N"), "${1}0")
	return policeIndex.ReplaceAllString(maskTimes(s), "police 0xN")
}

// loadedAction runs a setup line with tc and ends the test when the kernel
// lacks the action.
func loadedAction(t *testing.T, c tcActionCase, r result) {
	t.Helper()
	switch {
	case strings.Contains(r.Stderr, "Failed to load TC action module"):
		testenv.Missing(t, c.feature, "%s", strings.TrimSpace(r.Stderr))
	case strings.Contains(r.Stderr, "TC classifier not found"):
		testenv.Missing(t, testenv.FilterMatchall, "%s", strings.TrimSpace(r.Stderr))
	}
}

// TestTCActionMatchesTC builds each kind's filters and standalone actions
// with tc in one namespace and with gip tc in another, then compares the
// listings of both tools on both, JSON by value.
func TestTCActionMatchesTC(t *testing.T) {
	for _, c := range tcActionCases {
		t.Run(c.kind, func(t *testing.T) { runActionCase(t, c) })
	}
}

// runActionCase builds c's setup with tc in one namespace and with gip tc
// in another and compares c's listings of both tools on both.
func runActionCase(t *testing.T, c tcActionCase) {
	byTC, byGip := tcNS(t), tcNS(t)
	for _, ns := range []string{byTC, byGip} {
		must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "clsact")
	}
	for _, line := range c.setup {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		loadedAction(t, c, ref)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, line := range c.shows {
		compareActionListing(t, line, byTC, byGip)
	}
	for _, line := range c.gipJSON {
		for _, ns := range []string{byTC, byGip} {
			r := gip(t, append([]string{"tc", "-n", ns}, strings.Fields(line)...)...)
			var v any
			if r.code != 0 || json.Unmarshal([]byte(r.Stdout), &v) != nil {
				t.Errorf("gip tc %s: exit %d, not JSON:\n%s%s", line, r.code, r.Stdout, r.Stderr)
			}
		}
	}
}

func compareActionListing(t *testing.T, line, byTC, byGip string) {
	t.Helper()
	w := strings.Fields(line)
	for _, ns := range []string{byTC, byGip} {
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		if strings.Contains(line, "-j") {
			var a, b any
			if err := json.Unmarshal([]byte(matchArray(maskAction(ref.Stdout))), &a); err != nil {
				t.Fatalf("tc %s: %v\n%s", line, err, ref.Stdout)
			}
			if err := json.Unmarshal([]byte(maskAction(got.Stdout)), &b); err != nil {
				t.Fatalf("gip tc %s: not JSON: %v\n%s", line, err, got.Stdout)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("tc %s: JSON differs\n tc:  %s\n gip: %s", line, ref.Stdout, got.Stdout)
			}
			continue
		}
		compareLines(t, "tc "+line, maskAction(ref.Stdout), maskAction(got.Stdout))
	}
	a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
	b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
	compareLines(t, "tc "+line+" (built by tc, by gip)", stripIndex(maskAction(a.Stdout)), stripIndex(maskAction(b.Stdout)))
}

// TestTCActionErrorsMatchTC checks that bad action lines fail as tc's do:
// the same messages and exit codes (tc parses before it asks the kernel,
// so these need no action module).
func TestTCActionErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "clsact")
	for _, c := range tcActionCases {
		for _, line := range c.errors {
			w := strings.Fields(line)
			ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
			got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
			if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
				t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
					line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
			}
		}
	}
}

// tcActionsTable drives the standalone table with mirred, which the host
// kernel has: every command of "tc actions", with tc's quirks (several
// commands on a line, a cookie that carries over, errors that go on to
// the next word).
var tcActionsTable = []string{
	"actions",
	"actions add action mirred egress redirect dev v1 index 7",
	"actions add action mirred egress mirror dev v1 index 8 cookie aabb action mirred ingress redirect dev v0",
	"actions ls action mirred", "-s actions ls action mirred", "-j actions ls action mirred",
	"-br actions ls action mirred", "-j -br actions ls action mirred",
	"actions get action mirred index 7", "-j actions get action mirred index 7",
	"actions get action mirred index 99", "actions get action gact index 1",
	"actions delete action mirred index 99", "actions add action mirred egress redirect dev v1 index 7",
	"actions ls", "actions ls action", "actions ls foo mirred", "actions ls action foo",
	"actions get action mirred", "actions get action mirred foo 1", "actions get", "actions frob", "actions help",
	"actions replace action mirred egress mirror dev v0 index 7 skip_hw",
	"actions ls action mirred since 0", "actions ls action mirred since x",
	"actions add action mirred egress redirect dev v1 index 3 hw_stats immediate",
	"actions add action mirred egress redirect dev v1 index 4 hw_stats bogus",
	"actions add action frob",
	"actions add action mirred egress redirect dev v1 index 5 add action mirred egress redirect dev v1 index 6",
	"actions ls action mirred", "actions get action mirred index 5 action mirred index 6",
	"actions delete action mirred index 5 action mirred index 6", "actions add", "actions add action", "actions add foo",
	"actions add action mirred egress redirect dev nosuch", "actions add action mirred sideways",
	"actions del action mirred index 3 get action mirred index 7", "actions flush action gact",
	"actions flush action mirred", "actions ls action mirred",
	"actions add action mirred egress redirect dev v1 index 9 no_percpu", "actions ls action mirred",
}

// TestTCActionsTableMatchesTC runs each line with tc in one namespace and
// gip tc in another, which therefore hold the same table at every step.
func TestTCActionsTableMatchesTC(t *testing.T) {
	byTC, byGip := tcNS(t), tcNS(t)
	for _, line := range tcActionsTable {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		if strings.Contains(line, "-j") {
			if !jsonEqual(t, maskAction(ref.Stdout), maskAction(got.Stdout)) {
				t.Errorf("tc %s: JSON differs\n tc:  %s\n gip: %s", line, ref.Stdout, got.Stdout)
			}
			continue
		}
		compareLines(t, "tc "+line, maskAction(ref.Stdout), maskAction(got.Stdout))
	}
}
