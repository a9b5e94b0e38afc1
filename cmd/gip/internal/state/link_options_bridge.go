package state

// A bridge's options, as ip link add ... type bridge takes them, with
// the kernel's defaults; what the kernel reports of its state (bridge
// and root ids, timers, topology changes) is not an option.
var bridgeOptions = []linkOption{
	{name: "stp_state", typ: number, def: "0"}, {name: "forward_delay", typ: number, def: "1500"},
	{name: "hello_time", typ: number, def: "200"}, {name: "max_age", typ: number, def: "2000"},
	{name: "ageing_time", typ: number, def: "30000"}, {name: "priority", typ: number, def: "32768"},
	{name: "vlan_filtering", typ: number, def: "0"}, {name: "vlan_protocol", typ: text, def: "802.1Q"},
	{name: "vlan_default_pvid", typ: number, def: "1"},
	{name: "vlan_stats_enabled", typ: number, def: "0"}, {name: "vlan_stats_per_port", typ: number, def: "0"},
	{name: "group_fwd_mask", typ: text, def: "0"}, {name: "group_address", view: "group_addr", typ: text, def: "01:80:c2:00:00:00"},
	{name: "mcast_snooping", typ: number, def: "1"},
	{name: "no_linklocal_learn", typ: number, def: "0"}, {name: "mcast_vlan_snooping", typ: number, def: "0"},
	{name: "mcast_router", typ: number, def: "1"}, {name: "mcast_query_use_ifaddr", typ: number, def: "0"},
	{name: "mcast_querier", typ: number, def: "0"},
	{name: "mcast_hash_elasticity", typ: number, def: "16"}, {name: "mcast_hash_max", typ: number, def: "4096"},
	{name: "mcast_last_member_count", view: "mcast_last_member_cnt", typ: number, def: "2"},
	{name: "mcast_startup_query_count", view: "mcast_startup_query_cnt", typ: number, def: "2"},
	{name: "mcast_last_member_interval", view: "mcast_last_member_intvl", typ: number, def: "100"},
	{name: "mcast_membership_interval", view: "mcast_membership_intvl", typ: number, def: "26000"},
	{name: "mcast_querier_interval", view: "mcast_querier_intvl", typ: number, def: "25500"},
	{name: "mcast_query_interval", view: "mcast_query_intvl", typ: number, def: "12500"},
	{name: "mcast_query_response_interval", view: "mcast_query_response_intvl", typ: number, def: "1000"},
	{name: "mcast_startup_query_interval", view: "mcast_startup_query_intvl", typ: number, def: "3125"},
	{name: "mcast_stats_enabled", typ: number, def: "0"},
	{name: "mcast_igmp_version", typ: number, def: "2"}, {name: "mcast_mld_version", typ: number, def: "1"},
	{name: "nf_call_iptables", typ: number, def: "0"}, {name: "nf_call_ip6tables", typ: number, def: "0"},
	{name: "nf_call_arptables", typ: number, def: "0"},
}

// bridgePortOptions are a bridge port's options (ip link set ... type
// bridge_slave), read from info_slave_data.
var bridgePortOptions = []linkOption{
	{name: "cost", typ: number}, {name: "priority", typ: number, def: "32"},
	{name: "hairpin", typ: flag, def: "false", words: onOff}, {name: "guard", typ: flag, def: "false", words: onOff},
	{name: "root_block", typ: flag, def: "false", words: onOff}, {name: "fastleave", typ: flag, def: "false", words: onOff},
	{name: "learning", typ: flag, def: "true", words: onOff}, {name: "flood", typ: flag, def: "true", words: onOff},
	{name: "mcast_router", view: "multicast_router", typ: number, def: "1"}, {name: "mcast_flood", typ: flag, def: "true", words: onOff},
	{name: "bcast_flood", typ: flag, def: "true", words: onOff}, {name: "mcast_to_unicast", typ: flag, def: "false", words: onOff},
	{name: "neigh_suppress", typ: flag, def: "false", words: onOff}, {name: "isolated", typ: flag, def: "false", words: onOff},
	{name: "proxy_arp", typ: flag, def: "false", words: onOff}, {name: "proxy_arp_wifi", typ: flag, def: "false", words: onOff},
	{name: "vlan_tunnel", typ: flag, def: "false", words: onOff}, {name: "locked", typ: flag, def: "false", words: onOff},
	{name: "group_fwd_mask", typ: text, def: "0"},
}
