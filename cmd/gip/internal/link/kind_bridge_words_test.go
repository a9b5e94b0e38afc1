package link

// bridge's words: each of ip's, abbreviated in ip's order, given twice
// (sent twice), bad values, the boolean options gathered in one
// attribute, unknown words and help.
func init() { kindWordCases["bridge"] = bridgeWordCases }

var bridgeWordCases = []wordCase{
	{words: "forward_delay 1500"}, {words: "f 1500 forward_delay 1600"}, {words: "forward_delay -1"}, {words: "forward_delay x"},
	{words: "hello_time 200"}, {words: "h 200"}, {words: "max_age 2000"}, {words: "m 2000"}, {words: "ageing_time 30000"},
	{words: "a 1"}, {words: "stp_state 1"}, {words: "s 1 s 0"}, {words: "priority 100"}, {words: "p 70000"},
	{words: "vlan_filtering 1"}, {words: "v 1"}, {words: "vlan_filtering 256"}, {words: "vlan_protocol 802.1ad"},
	{words: "vlan_p 802.1Q"}, {words: "vlan_protocol 0x88a8"}, {words: "vlan_protocol bogus"}, {words: "group_fwd_mask 8"},
	{words: "g 0x4000"}, {words: "group_address 01:80:c2:00:00:0e"}, {words: "group_a 01:80:c2:00:00:0f"},
	{words: "group_address zz"}, {words: "no_linklocal_learn 1"}, {words: "no_linklocal_learn 0"}, {words: "no_link 1"},
	{words: "no_linklocal_learn 1 mcast_vlan_snooping 1"}, {words: "mcast_vlan_snooping 1 mcast_vlan_snooping 0"},
	{words: "mcast_vlan_snooping x"}, {words: "fdb_flush"}, {words: "fd fdb_flush"}, {words: "vlan_default_pvid 5"},
	{words: "vlan_d 0"}, {words: "vlan_stats_enabled 1"}, {words: "vlan_stats_e 1"}, {words: "vlan_stats_per_port 1"},
	{words: "vlan_stats_p 1"}, {words: "mcast_router 2"}, {words: "mc 2"}, {words: "mcast_snooping 0"}, {words: "mcast_s 0"},
	{words: "mcast_query_use_ifaddr 1"}, {words: "mcast_q 1"}, {words: "mcast_querier 1"}, {words: "mcast_querier_i 100"},
	{words: "mcast_hash_elasticity 4"}, {words: "mcast_h 4"}, {words: "mcast_hash_max 512"}, {words: "mcast_hash_m 512"},
	{words: "mcast_last_member_count 2"}, {words: "mcast_l 2"}, {words: "mcast_startup_query_count 2"},
	{words: "mcast_st 2"}, {words: "mcast_last_member_interval 100"}, {words: "mcast_last_member_i 100"},
	{words: "mcast_membership_interval 26000"}, {words: "mcast_m 26000"}, {words: "mcast_querier_interval 25500"},
	{words: "mcast_query_interval 12500"}, {words: "mcast_query_i 12500"}, {words: "mcast_query_response_interval 1000"},
	{words: "mcast_query_r 1000"}, {words: "mcast_startup_query_interval 3125"}, {words: "mcast_startup_query_i 3125"},
	{words: "mcast_stats_enabled 1"}, {words: "mcast_sta 1"}, {words: "mcast_igmp_version 3"}, {words: "mcast_i 3"},
	{words: "mcast_mld_version 2"}, {words: "mcast_ml 2"}, {words: "nf_call_iptables 1"}, {words: "n 1"},
	{words: "nf_call_ip6tables 1"}, {words: "nf_call_ip6 1"}, {words: "nf_call_arptables 1"}, {words: "nf_call_a 1"},
	{words: "mcast_membership_interval -1"}, {words: "mcast_query_interval 18446744073709551616"},
	{words: "forward_delay"}, {words: "bogus"}, {words: "help"}, {words: "he"}, {words: "stp_state 1 bogus"},
}
