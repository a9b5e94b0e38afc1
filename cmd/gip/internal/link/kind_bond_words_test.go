package link

// bond's words: each of ip's, abbreviated in ip's order, given twice
// (sent twice), bad values, targets, devices, unknown words and help.
func init() {
	kindWordCases["bond"] = bondWordCases
	kindWordCases["bond_slave"] = bondPortWordCases
}

var bondWordCases = []wordCase{
	{words: "mode 802.3ad"}, {words: "mode 1 mode 2"}, {words: "m balance-alb"}, {words: "mode 7"}, {words: "mode x"},
	{words: "mode 01"}, {words: "active_slave eth7"}, {words: "a eth7 clear_active_slave"}, {words: "active_slave nosuch"},
	{words: "clear_active_slave"}, {words: "c"}, {words: "miimon 100 mi 200"}, {words: "miimon -1"}, {words: "miimon 0x10"},
	{words: "updelay 5"}, {words: "u 5"}, {words: "downdelay 5"}, {words: "d 7"}, {words: "peer_notify_delay 9"}, {words: "p 9"},
	{words: "use_carrier 0"}, {words: "us 256"}, {words: "arp_interval 100"}, {words: "ar 1"}, {words: "arp_interval x"},
	{words: "arp_ip_target 10.0.0.1,10.0.0.2"}, {words: "arp_ip_target"}, {words: "arp_ip_target 10.0.0.1,,10.0.0.3"},
	{words: "arp_ip_target x"}, {words: "arp_ip_target any"}, {words: "arp_ip 10.0.0.1 arp_ip_target 10.0.0.2"},
	{words: "arp_ip_target 1.1.1.1,1.1.1.2,1.1.1.3,1.1.1.4,1.1.1.5,1.1.1.6,1.1.1.7,1.1.1.8,1.1.1.9,1.1.1.10,1.1.1.11,1.1.1.12,1.1.1.13,1.1.1.14,1.1.1.15,1.1.1.16,1.1.1.17"},
	{words: "ns_ip6_target 2001:db8::1,2001:db8::2"}, {words: "ns_ip6_target"}, {words: "ns_ip6_target 10.0.0.1"},
	{words: "ns_ip6 2001:db8::1"}, {words: "ns_ip6_target ::1 ns_ip6_target ::2"},
	{words: "arp_validate filter_backup"}, {words: "arp_v 3"}, {words: "arp_validate x"}, {words: "arp_all_targets all"},
	{words: "arp_all 0"}, {words: "arp_missed_max 3"}, {words: "arp_missed 3"}, {words: "arp_missed_max 300"},
	{words: "primary eth7"}, {words: "pr eth7"}, {words: "primary nosuch"}, {words: "primary_reselect better"},
	{words: "primary_reselect 2 primary_re always"}, {words: "fail_over_mac follow"}, {words: "f 9"},
	{words: "xmit_hash_policy vlan+srcmac"}, {words: "x layer2+3"}, {words: "xmit_hash_policy layer5"},
	{words: "resend_igmp 3"}, {words: "r 3"}, {words: "num_grat_arp 5"}, {words: "n 5"}, {words: "num_unsol_na 5"},
	{words: "num_u 300"}, {words: "all_slaves_active 1"}, {words: "al 1"}, {words: "min_links 2"}, {words: "mi 2"},
	{words: "lp_interval 2"}, {words: "l 2"}, {words: "packets_per_slave 2"}, {words: "pa 2"}, {words: "lacp_rate fast"},
	{words: "la slow"}, {words: "lacp_rate 2"}, {words: "lacp_active on"}, {words: "lacp_a on"}, {words: "lacp_active x"},
	{words: "ad_select count"}, {words: "ad 1"}, {words: "ad_user_port_key 5"}, {words: "ad_u 70000"},
	{words: "ad_actor_sys_prio 5"}, {words: "ad_actor_s 5"}, {words: "ad_actor_system 00:11:22:33:44:55"},
	{words: "ad_actor_system zz"}, {words: "ad_actor_sy 02:00:00:00:00:01"}, {words: "tlb_dynamic_lb 1"}, {words: "t 0"},
	{words: "tlb_dynamic_lb x"}, {words: "mode"}, {words: "bogus"}, {words: "help"}, {words: "h"}, {words: "mode 1 bogus"},
}

var bondPortWordCases = []wordCase{
	{words: "queue_id 5"}, {words: "q 5"}, {words: "queue_id 5 queue_id 6"}, {words: "queue_id 70000"},
	{words: "prio 5"}, {words: "prio -5"}, {words: "prio 5 prio 6"}, {words: "pri 5"}, {words: "prio x"},
	{words: "bogus"}, {words: "help"}, {words: "queue_id"},
}
