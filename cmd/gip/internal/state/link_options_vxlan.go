package state

import "strings"

// A vxlan's options, as ip link add ... type vxlan takes them. The
// checksum switches have no default of their own (the kernel's depends
// on the address family), so a document always says them.
var vxlanOptions = []linkOption{
	{name: "id", typ: number, read: vniUnlessExternal}, {name: "local", read: firstOf("local", "local6"), typ: text},
	{name: "remote", read: firstOf("remote", "remote6"), typ: text},
	{name: "group", read: firstOf("group", "group6"), typ: text}, {name: "dev", view: "link", typ: text},
	{name: "dstport", view: "port", typ: number},
	{name: "srcport", typ: text, def: "0-0", read: sourcePorts, words: sourcePortWords},
	{name: "ttl", typ: text, def: "0"}, {name: "tos", typ: text, def: "0"},
	{name: "df", typ: text, def: "unset"}, {name: "flowlabel", view: "label", typ: text, def: "0"},
	{name: "ageing", typ: number, def: "300"}, {name: "maxaddress", view: "limit", typ: number, def: "0"},
	{name: "learning", typ: flag, def: "true", words: orNo},
	{name: "proxy", typ: flag, def: "false", words: orNo}, {name: "rsc", typ: flag, def: "false", words: orNo},
	{name: "l2miss", typ: flag, def: "false", words: orNo}, {name: "l3miss", typ: flag, def: "false", words: orNo},
	{name: "udpcsum", view: "udp_csum", typ: flag, words: orNo},
	{name: "udp6zerocsumtx", view: "udp_zero_csum6_tx", typ: flag, words: orNo},
	{name: "udp6zerocsumrx", view: "udp_zero_csum6_rx", typ: flag, words: orNo},
	{name: "remcsumtx", view: "remcsum_tx", typ: flag, def: "false", words: orNo},
	{name: "remcsumrx", view: "remcsum_rx", typ: flag, def: "false", words: orNo},
	{name: "gbp", typ: flag, def: "false", words: ifSet}, {name: "gpe", typ: flag, def: "false", words: ifSet},
	{name: "external", typ: flag, def: "false", words: orNo},
	{name: "vnifilter", typ: flag, def: "false", words: orNo},
}

// vniUnlessExternal is a vxlan's or geneve's vni; an external one has
// none (ip refuses both).
func vniUnlessExternal(d, _ view) string {
	if d.str("external") == "true" {
		return ""
	}
	return d.str("id")
}

// sourcePorts reads a vxlan's source port range as LOW-HIGH.
func sourcePorts(d, _ view) string {
	r := d.obj("port_range")
	if r == nil {
		return ""
	}
	return r.str("low") + "-" + r.str("high")
}

// sourcePortWords: srcport LOW HIGH.
func sourcePortWords(name, v string) []string {
	lo, hi, _ := strings.Cut(v, "-")
	return []string{name, lo, hi}
}
