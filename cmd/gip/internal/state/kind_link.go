package state

import (
	"slices"
	"strings"
	"sync"
)

// Links: name, kind, the kind's options, and the settings ip link set
// changes. lo is written only where it differs from what the kernel
// makes (up).

// fallbackLinks are the devices a tunnel module makes in every namespace
// (and which cannot be deleted), by name, with their kinds.
var fallbackLinks = map[string]string{
	"tunl0": "ipip", "gre0": "gre", "gretap0": "gretap", "erspan0": "erspan", "sit0": "sit",
	"ip6tnl0": "ip6tnl", "ip6gre0": "ip6gre", "ip_vti0": "vti", "ip6_vti0": "vti6",
}

func linkFields() []field {
	return append([]field{
		{name: "name"}, {name: "kind"}, {name: "peer"}, {name: "link"},
		{name: "address", canon: canonMAC}, {name: "mtu", typ: number, canon: canonNumber},
		{name: "master", none: true}, {name: "alias"}, {name: "up", typ: flag, keepFalse: true},
		{name: "vlans", typ: list, none: true, entry: vlanEntryForm, canonList: canonVlans},
	}, optionFields()...)
}

// linkFieldList is built on first use: it has every kind's options.
var linkFieldList = sync.OnceValue(linkFields)

var linkKind = &kind{
	section:    "links",
	noun:       "link",
	lazyFields: linkFieldList,
	required:   []string{"name"},
	normalize:  func(*Item) {},
	key:        func(o *Item) string { return o.Get("name") },
	describe:   func(o *Item) string { return "link " + o.Get("name") },
	quiet: func(o *Item, f string) bool {
		if f == "vlans" {
			return o.value(f) == defaultVlans
		}
		opts, name := linkKinds()[o.Get("kind")].options, f
		if p, ok := strings.CutPrefix(f, portPrefix); ok {
			opts, name = portOptions, p
		}
		for _, opt := range opts {
			if opt.name == name {
				return opt.def != "" && o.Get(f) == opt.def
			}
		}
		return false
	},
	read:   readLinks,
	create: createLink,
	remove: func(o *Item) []line {
		return []line{{words: []string{"link", "del", "dev", o.Get("name")}}}
	},
	change: changeLink,
	refuse: func(w, o *Item) string {
		if w.Has("vlans") && !hasVlans(o) {
			return "link " + o.Get("name") + ": only a bridge or a bridge port has vlans"
		}
		return ""
	},
}

func readLinks(r *reader) ([]*Item, error) {
	views, err := r.show(0, true, "link", "show")
	if err != nil {
		return nil, err
	}
	var out []*Item
	byName := map[string]*Item{}
	for _, v := range views {
		o := NewItem()
		name := v.str("ifname")
		o.Set("name", name)
		byName[name] = o
		up := boolText(v.flagged("flags", "UP"))
		if name == "lo" {
			// the kernel makes lo: only its state is the document's
			o.Set("up", up)
			out = append(out, o)
			continue
		}
		info := v.obj("linkinfo")
		kindName := info.str("info_kind")
		if fallbackLinks[name] == kindName && kindName != "" {
			continue
		}
		o.Set("kind", kindName)
		data := info.obj("info_data")
		switch {
		case v.has("link_netnsid"):
			// the peer or lower device is in another namespace, which
			// a document of this one cannot name
		case pairKinds[kindName]:
			o.Set("peer", v.str("link"))
		case !data.has("link"):
			// (a tunnel's lower device is its option dev)
			o.Set("link", v.str("link"))
		}
		if v.str("link_type") == "ether" {
			// other types' addresses follow from the kind's options
			// (a tunnel's local address) or do not exist
			o.Set("address", v.str("address"))
		}
		o.Set("mtu", v.str("mtu"))
		o.Set("master", v.str("master"))
		o.Set("alias", v.str("ifalias"))
		o.Set("up", up)
		readOptions(o, linkKinds()[kindName].options, "", data, v)
		for _, pk := range portKinds {
			if info.str("info_slave_kind")+"_slave" == pk.kind {
				readOptions(o, pk.options, portPrefix, info.obj("info_slave_data"), v)
			}
		}
		out = append(out, o)
	}
	if err := readVlans(r, views, byName); err != nil {
		return nil, err
	}
	return out, nil
}

func createLink(o *Item) []line {
	w := []string{"link", "add", o.Get("name")}
	if o.Has("link") {
		w = append(w, "link", o.Get("link"))
	}
	if o.Has("address") {
		w = append(w, "address", o.Get("address"))
	}
	if o.Has("mtu") {
		w = append(w, "mtu", o.Get("mtu"))
	}
	w = append(w, "type", o.Get("kind"))
	w = append(w, kindWords(o)...)
	if pairKinds[o.Get("kind")] && o.Has("peer") {
		w = append(w, "peer", "name", o.Get("peer"))
	}
	return append([]line{{words: w}}, lateLines(o)...)
}

// settings are ip link set's words for the fields of o in names.
func settings(o *Item, names []string) []string {
	var w []string
	for _, f := range names {
		if !o.Has(f) {
			continue
		}
		v := o.value(f)
		switch f {
		case "address", "mtu", "alias":
			w = append(w, f, v)
		case "master":
			if v == "" {
				w = append(w, "nomaster")
			} else {
				w = append(w, "master", v)
			}
		}
	}
	return w
}

// setLines set what o says beyond what ip link add sets, after every
// link exists: its address, mtu and alias, then its master, then its
// state, each in a line of its own: the kernel applies a line's state
// before its master, a bond takes no port that is up, and a port's
// permanent address is the one it has when it joins.
func setLines(o *Item, names []string) []line {
	var lines []line
	add := func(w []string) {
		if len(w) > 0 {
			lines = append(lines, line{words: append([]string{"link", "set", "dev", o.Get("name")}, w...)})
		}
	}
	add(settings(o, slices.DeleteFunc(slices.Clone(names), func(f string) bool { return f == "master" })))
	if slices.Contains(names, "master") {
		add(settings(o, []string{"master"}))
	}
	if slices.Contains(names, "up") && o.Has("up") {
		if o.Get("up") == "true" {
			add([]string{"up"})
		} else {
			add([]string{"down"})
		}
	}
	return lines
}

func changeLink(cur, want *Item) ([]line, bool) {
	diff := differs(linkFieldList(), cur, want)
	var set []string
	for _, f := range diff {
		switch f {
		case "kind", "peer", "link":
			return nil, false
		case "address", "mtu", "master", "alias", "up":
			set = append(set, f)
		}
	}
	// only the options that change are sent: a bond refuses even its
	// own mode again while it has ports
	kind := linkKinds()[cur.Get("kind")]
	opts := changed(kind.options, "", diff)
	if len(opts) > 0 && (!kind.changesOK || slices.ContainsFunc(opts, func(o linkOption) bool { return o.fixed })) {
		return nil, false
	}
	lines := kindLines(want, cur.Get("kind"), opts)
	lines = append(lines, setLines(want, set)...)
	port := changed(portOptions, portPrefix, diff)
	if slices.Contains(set, "master") {
		port = portOptions // a new port: every option the file gives
	}
	lines = append(lines, portLines(want, port)...)
	if slices.Contains(diff, "vlans") || slices.Contains(set, "master") {
		lines = append(lines, linkVlanLines(cur, merged(cur, want), want)...)
	}
	return lines, true
}
