package state

import (
	"strings"
)

// Nexthops, by id; a group's members as ip writes them ("1/2,3": 1, and
// 2 of weight 3).

var nexthopKind = &kind{
	section: "nexthops",
	noun:    "nexthop",
	fields: []field{
		{name: "id", typ: number, canon: canonNumber}, {name: "via", canon: canonAddr}, {name: "dev"},
		{name: "blackhole", typ: flag}, {name: "onlink", typ: flag}, {name: "fdb", typ: flag},
		{name: "group"}, {name: "protocol"},
	},
	required: []string{"id"},
	normalize: func(o *Item) {
		if o.Get("protocol") == "boot" {
			o.Set("protocol", "")
		}
	},
	key:      func(o *Item) string { return o.Get("id") },
	describe: func(o *Item) string { return "nexthop id " + o.Get("id") },
	read:     readNexthops,
	create:   func(o *Item) []line { return []line{{words: nexthopWords("add", o)}} },
	remove: func(o *Item) []line {
		return []line{{words: []string{"nexthop", "del", "id", o.Get("id")}}}
	},
	change: func(cur, want *Item) ([]line, bool) {
		if cur.Has("group") != want.Has("group") && want.Has("group") {
			return nil, false // a nexthop does not become a group
		}
		return []line{{words: nexthopWords("replace", merged(cur, want))}}, true
	},
}

func nexthopWords(verb string, o *Item) []string {
	w := []string{"nexthop", verb, "id", o.Get("id")}
	if o.Has("group") {
		return append(w, "group", o.Get("group"))
	}
	if o.Get("blackhole") == "true" {
		return append(w, "blackhole")
	}
	for _, f := range []string{"via", "dev", "protocol"} {
		if o.Has(f) {
			w = append(w, f, o.Get(f))
		}
	}
	for _, f := range []string{"onlink", "fdb"} {
		if o.Get(f) == "true" {
			w = append(w, f)
		}
	}
	return w
}

func readNexthops(r *reader) ([]*Item, error) {
	views, err := r.show(0, false, "nexthop", "show")
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, v := range views {
		o := NewItem()
		o.Set("id", v.str("id"))
		o.Set("via", v.str("gateway"))
		o.Set("dev", v.str("dev"))
		o.Set("blackhole", boolText(v.has("blackhole")))
		o.Set("onlink", boolText(v.flagged("flags", "onlink")))
		o.Set("fdb", boolText(v.has("fdb")))
		o.Set("protocol", v.str("protocol"))
		var members []string
		for _, m := range v.list("group") {
			s := m.str("id")
			if w := m.str("weight"); w != "" && w != "1" {
				s += "," + w
			}
			members = append(members, s)
		}
		o.Set("group", strings.Join(members, "/"))
		out = append(out, o)
	}
	return out, nil
}
