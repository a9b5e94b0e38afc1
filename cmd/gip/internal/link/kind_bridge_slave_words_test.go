package link

// bridge_slave's words: each of ip's, abbreviated in ip's order, given
// twice (sent twice), the switches' on and off, bad values, devices,
// unknown words and help.
func init() { kindWordCases["bridge_slave"] = bridgePortWordCases }

var bridgePortWordCases = []wordCase{
	{words: "fdb_flush"}, {words: "f fdb_flush"}, {words: "state 3"}, {words: "s 3 state 0"}, {words: "state forwarding"},
	{words: "state 256"}, {words: "priority 5"}, {words: "p 70000"}, {words: "cost 100"}, {words: "c x"},
	{words: "hairpin on"}, {words: "h off"}, {words: "hairpin o"}, {words: "hairpin yes"}, {words: "guard on"},
	{words: "g on guard off"}, {words: "root_block on"}, {words: "r on"}, {words: "fastleave on"}, {words: "fa on"},
	{words: "learning off"}, {words: "l on"}, {words: "flood on"}, {words: "fl off"}, {words: "mcast_flood on"},
	{words: "mcast_f on"}, {words: "bcast_flood off"}, {words: "b on"}, {words: "mcast_to_unicast on"}, {words: "mcast_t on"},
	{words: "proxy_arp on"}, {words: "pr on"}, {words: "proxy_arp_wifi on"}, {words: "proxy_arp_w on"},
	{words: "mcast_router 2"}, {words: "mcast_r 2"}, {words: "mcast_router 300"}, {words: "mcast_fast_leave on"},
	{words: "mcast_fa off"}, {words: "neigh_suppress on"}, {words: "n on"}, {words: "group_fwd_mask 8"}, {words: "gr 8"},
	{words: "group_fwd_mask 0x10000"}, {words: "vlan_tunnel on"}, {words: "v on"}, {words: "isolated on"}, {words: "i on"},
	{words: "locked on"}, {words: "lo on"}, {words: "backup_port eth7"}, {words: "ba eth7 nobackup_port"},
	{words: "backup_port nosuch"}, {words: "nobackup_port"}, {words: "no"}, {words: "state"}, {words: "hairpin"},
	{words: "bogus"}, {words: "help"}, {words: "he"}, {words: "cost 5 bogus"},
}
