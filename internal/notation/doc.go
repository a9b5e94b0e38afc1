// Package notation writes lists of networks in the syntax of the configs
// that hold them: Cisco prefix lists and access lists, Juniper prefix lists,
// iptables rules, nftables sets, ipset restore files, BIRD prefix sets, and
// plain CIDR, netmask, hostmask and JSON lists.
//
// A Writer streams: each network is written as it comes, so endless lists
// (the hosts of ::/0) print until the reader stops. Targets that hold one
// address family per list (nftables and ipset sets, BIRD prefix sets, Cisco
// lists) get one list per family: IPv4 networks go to the list named by
// Options.Name, IPv6 networks to the same name, or, for sets, to NAME6 when
// IPv4 networks came first. Callers give IPv4 networks before IPv6 ones.
//
// Zones ("fe80::%eth0/64") are kept in the plain, netmask, hostmask and JSON
// notations, which follow Python's ipaddress, and left out of the config
// notations, whose targets have no such syntax.
package notation
