package state

import (
	"net/netip"
	"strings"
)

// Addresses: by device and address (and peer). The kernel's own are left
// out: IPv6 link-local and autoconfigured (dynamic) addresses, and lo's
// 127.0.0.1/8 and ::1/128.

var addrKind = &kind{
	section: "addresses",
	noun:    "address",
	fields: []field{
		{name: "dev"}, {name: "address", canon: canonIfAddr}, {name: "peer", canon: canonIfAddr},
		{name: "broadcast", canon: canonAddr}, {name: "scope"}, {name: "label"},
		{name: "noprefixroute", typ: flag},
	},
	required: []string{"dev", "address"},
	normalize: func(o *Item) {
		if o.Get("scope") == "global" || o.Get("scope") == "0" {
			o.Set("scope", "")
		}
		if o.Get("label") == o.Get("dev") {
			o.Set("label", "")
		}
	},
	key: func(o *Item) string {
		k := o.Get("address") + " dev " + o.Get("dev")
		if o.Has("peer") {
			k += " peer " + o.Get("peer")
		}
		return k
	},
	describe: func(o *Item) string {
		s := "address " + o.Get("address")
		if o.Has("peer") {
			s += " peer " + o.Get("peer")
		}
		return s + " dev " + o.Get("dev")
	},
	read: readAddrs,
	create: func(o *Item) []line {
		return []line{{words: addrWords("add", o, true)}}
	},
	remove: func(o *Item) []line {
		return []line{{words: addrWords("del", o, false)}}
	},
	change: func(cur, want *Item) ([]line, bool) {
		return []line{{words: addrWords("replace", merged(cur, want), true)}}, true
	},
}

func addrWords(verb string, o *Item, all bool) []string {
	w := []string{"address", verb, o.Get("address")}
	if o.Has("peer") {
		w = append(w, "peer", o.Get("peer"))
	}
	w = append(w, "dev", o.Get("dev"))
	if !all {
		return w
	}
	for _, f := range []string{"broadcast", "scope", "label"} {
		if o.Has(f) {
			w = append(w, f, o.Get(f))
		}
	}
	if o.Get("noprefixroute") == "true" {
		w = append(w, "noprefixroute")
	}
	return w
}

// kernelAddr reports an address the kernel makes by itself.
func kernelAddr(dev string, a view) bool {
	local := a.str("local")
	if a.str("dynamic") == "true" {
		return true
	}
	if ip, err := netip.ParseAddr(local); err == nil && ip.Is6() && ip.IsLinkLocalUnicast() && a.str("prefixlen") == "64" {
		return true
	}
	return dev == "lo" && (local == "127.0.0.1" && a.str("prefixlen") == "8" || local == "::1")
}

func readAddrs(r *reader) ([]*Item, error) {
	views, err := r.show(0, false, "address", "show")
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, v := range views {
		dev := v.str("ifname")
		for _, a := range v.list("addr_info") {
			if kernelAddr(dev, a) {
				continue
			}
			o := NewItem()
			o.Set("dev", dev)
			o.Set("address", a.str("local")+"/"+a.str("prefixlen"))
			if a.has("address") && a.str("address") != a.str("local") {
				o.Set("peer", a.str("address")+"/"+a.str("prefixlen"))
				o.Set("address", a.str("local")+"/32")
				if strings.Contains(a.str("local"), ":") {
					o.Set("address", a.str("local")+"/128")
				}
			}
			o.Set("broadcast", a.str("broadcast"))
			o.Set("scope", a.str("scope"))
			o.Set("label", a.str("label"))
			o.Set("noprefixroute", boolText(a.str("noprefixroute") == "true"))
			out = append(out, o)
		}
	}
	return out, nil
}
