package state

import "strings"

// A bond's options, as ip link add ... type bond takes them. Those the
// kernel refuses in some modes (arp_interval in 802.3ad, ad_actor_system
// outside it) have their defaults, so that a document leaves them out
// where they do not apply. primary names a port: it is set once every
// link has joined its master (the kernel reports it only then).
var bondOptions = []linkOption{
	{name: "mode", typ: text, def: "balance-rr"}, {name: "miimon", typ: number, def: "0"},
	{name: "updelay", typ: number, def: "0"}, {name: "downdelay", typ: number, def: "0"},
	{name: "peer_notify_delay", typ: number, def: "0"}, {name: "use_carrier", typ: number, def: "1"},
	{name: "arp_interval", typ: number, def: "0"}, {name: "arp_missed_max", typ: number, def: "2"},
	{name: "arp_ip_target", typ: text, read: joined("arp_ip_target")},
	{name: "ns_ip6_target", typ: text, read: joined("ns_ip6_target")},
	{name: "arp_validate", typ: text, def: "none"},
	{name: "arp_all_targets", typ: text, def: "any"}, {name: "primary_reselect", typ: text, def: "always"},
	{name: "fail_over_mac", typ: text, def: "none"}, {name: "xmit_hash_policy", typ: text, def: "layer2"},
	{name: "resend_igmp", typ: number, def: "1"}, {name: "num_grat_arp", view: "num_peer_notif", typ: number, def: "1"},
	{name: "all_slaves_active", typ: number, def: "0"}, {name: "min_links", typ: number, def: "0"},
	{name: "lp_interval", typ: number, def: "1"}, {name: "packets_per_slave", typ: number, def: "1"},
	{name: "lacp_active", view: "ad_lacp_active", typ: text, def: "on"},
	{name: "lacp_rate", view: "ad_lacp_rate", typ: text, def: "slow"}, {name: "ad_select", typ: text, def: "stable"},
	{name: "tlb_dynamic_lb", typ: number, def: "1"}, {name: "ad_actor_sys_prio", typ: number, def: "65535"},
	{name: "ad_user_port_key", typ: number, def: "0"},
	{name: "ad_actor_system", typ: text, def: "00:00:00:00:00:00"},
	{name: "primary", typ: text, late: true},
}

// bondPortOptions are a bond port's options (ip link set ... type
// bond_slave), read from info_slave_data.
var bondPortOptions = []linkOption{
	{name: "queue_id", typ: number, def: "0"}, {name: "prio", typ: number, def: "0"},
}

// joined reads info_data's list key as its entries joined by commas, as
// ip link add takes them (arp_ip_target 10.0.0.1,10.0.0.2, ns_ip6_target 2001:db8::1).
func joined(key string) func(view, view) string {
	return func(d, _ view) string {
		l, _ := d[key].([]any)
		s := make([]string, 0, len(l))
		for _, x := range l {
			if v, ok := x.(string); ok {
				s = append(s, v)
			}
		}
		return strings.Join(s, ",")
	}
}
