package state

import "slices"

// Links: name, kind, the kind's options, and the settings ip link set
// changes. lo is written only where it differs from what the kernel
// makes (up).

// linkOption is one option of a link kind: its name in a document (and
// the keyword of ip link add), where gip -d -j link show puts it in
// info_data, and how it is written.
type linkOption struct {
	name, view string
	typ        fieldType
	// def is the kernel's default, which a document leaves out.
	def string
	// words turns a value into the words of ip link add ("learning" or
	// "nolearning" for a flag); nil is "NAME VALUE".
	words func(v string) []string
}

// linkKinds lists the kinds whose options a document carries, and
// whether ip link set ... type KIND changes them in place.
var linkKinds = map[string]struct {
	options   []linkOption
	changesOK bool
}{
	"bridge": {changesOK: true, options: []linkOption{
		{name: "stp_state", typ: number, def: "0"}, {name: "forward_delay", typ: number, def: "1500"},
		{name: "hello_time", typ: number, def: "200"}, {name: "max_age", typ: number, def: "2000"},
		{name: "ageing_time", typ: number, def: "30000"}, {name: "priority", typ: number, def: "32768"},
		{name: "vlan_filtering", typ: number, def: "0"}, {name: "mcast_snooping", typ: number, def: "1"},
	}},
	"vxlan": {options: []linkOption{
		{name: "id", typ: number}, {name: "local", typ: text}, {name: "remote", typ: text},
		{name: "group", typ: text}, {name: "dev", view: "link", typ: text},
		{name: "dstport", view: "port", typ: number}, {name: "ttl", typ: number, def: "0"},
		{name: "learning", typ: flag, def: "true", words: func(v string) []string {
			if v == "false" {
				return []string{"nolearning"}
			}
			return []string{"learning"}
		}},
	}},
	"macvlan": {changesOK: true, options: []linkOption{{name: "mode", typ: text}}},
	"macvtap": {changesOK: true, options: []linkOption{{name: "mode", typ: text}}},
}

// fallbackLinks are the devices a tunnel module makes in every namespace
// (and which cannot be deleted), by name, with their kinds.
var fallbackLinks = map[string]string{
	"tunl0": "ipip", "gre0": "gre", "gretap0": "gretap", "erspan0": "erspan", "sit0": "sit",
	"ip6tnl0": "ip6tnl", "ip6gre0": "ip6gre", "ip_vti0": "vti", "ip6_vti0": "vti6",
}

func linkFields() []field {
	fs := []field{
		{name: "name"}, {name: "kind"}, {name: "peer"}, {name: "link"},
		{name: "address", canon: canonMAC}, {name: "mtu", typ: number, canon: canonNumber},
		{name: "master"}, {name: "alias"}, {name: "up", typ: flag, keepFalse: true},
	}
	for _, k := range []string{"bridge", "vxlan", "macvlan"} {
		for _, o := range linkKinds[k].options {
			if !slices.ContainsFunc(fs, func(f field) bool { return f.name == o.name }) {
				f := field{name: o.name, typ: o.typ, option: true, keepFalse: o.typ == flag}
				if o.typ == number {
					f.canon = canonNumber
				}
				fs = append(fs, f)
			}
		}
	}
	return fs
}

var linkFieldList = linkFields()

var linkKind = &kind{
	section:   "links",
	noun:      "link",
	fields:    linkFieldList,
	required:  []string{"name"},
	normalize: func(*Item) {},
	key:       func(o *Item) string { return o.Get("name") },
	describe:  func(o *Item) string { return "link " + o.Get("name") },
	quiet: func(o *Item, f string) bool {
		for _, opt := range linkKinds[o.Get("kind")].options {
			if opt.name == f {
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
}

func readLinks(r *reader) ([]*Item, error) {
	views, err := r.show(0, true, "link", "show")
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, v := range views {
		o := NewItem()
		name := v.str("ifname")
		o.Set("name", name)
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
		switch {
		case v.has("link_netnsid"):
			// the peer or lower device is in another namespace, which
			// a document of this one cannot name
		case kindName == "veth":
			o.Set("peer", v.str("link"))
		default:
			o.Set("link", v.str("link"))
		}
		o.Set("address", v.str("address"))
		o.Set("mtu", v.str("mtu"))
		o.Set("master", v.str("master"))
		o.Set("alias", v.str("ifalias"))
		o.Set("up", up)
		data := info.obj("info_data")
		for _, opt := range linkKinds[kindName].options {
			key := opt.view
			if key == "" {
				key = opt.name
			}
			if !data.has(key) && data.has(key+"6") {
				key += "6" // vxlan's IPv6 endpoints
			}
			if data.has(key) {
				o.Set(opt.name, data.str(key))
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// optionWords are the words of ip link add that set o's kind options.
func optionWords(o *Item) []string {
	var w []string
	for _, opt := range linkKinds[o.Get("kind")].options {
		v, ok := o.Fields[opt.name]
		if !ok {
			continue
		}
		if opt.words != nil {
			w = append(w, opt.words(v)...)
		} else {
			w = append(w, opt.name, v)
		}
	}
	return w
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
	w = append(w, optionWords(o)...)
	if o.Get("kind") == "veth" && o.Has("peer") {
		w = append(w, "peer", "name", o.Get("peer"))
	}
	return []line{{words: w}}
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

// setLines set what o says beyond what ip link add sets: its master,
// alias, and state; after every link exists.
func setLines(o *Item, names []string) []line {
	w := settings(o, names)
	if slices.Contains(names, "up") && o.Has("up") {
		if o.Get("up") == "true" {
			w = append(w, "up")
		} else {
			w = append(w, "down")
		}
	}
	if len(w) == 0 {
		return nil
	}
	return []line{{words: append([]string{"link", "set", "dev", o.Get("name")}, w...)}}
}

func changeLink(cur, want *Item) ([]line, bool) {
	diff := differs(linkFieldList, cur, want)
	var set []string
	var opts bool
	for _, f := range diff {
		switch f {
		case "kind", "peer", "link":
			return nil, false
		case "address", "mtu", "master", "alias", "up":
			set = append(set, f)
		default:
			opts = true
		}
	}
	if opts && !linkKinds[cur.Get("kind")].changesOK {
		return nil, false
	}
	var lines []line
	if opts {
		m := merged(cur, want)
		w := append([]string{"link", "set", "dev", want.Get("name"), "type", cur.Get("kind")}, optionWords(m)...)
		lines = append(lines, line{words: w})
	}
	return append(lines, setLines(want, set)...), true
}
