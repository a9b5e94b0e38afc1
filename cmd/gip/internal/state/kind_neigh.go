package state

// Neighbours: the permanent entries, by address and device; the kernel's
// learned ones come and go by themselves.

var neighKind = &kind{
	section: "neighbours",
	noun:    "neighbour",
	fields: []field{
		{name: "dst", canon: canonAddr}, {name: "dev"}, {name: "lladdr", canon: canonMAC},
		{name: "router", typ: flag},
	},
	required:  []string{"dst", "dev"},
	normalize: func(*Item) {},
	key:       func(o *Item) string { return o.Get("dst") + " dev " + o.Get("dev") },
	describe:  func(o *Item) string { return "neighbour " + o.Get("dst") + " dev " + o.Get("dev") },
	read:      readNeighs,
	create:    func(o *Item) []line { return []line{{words: neighWords("add", o)}} },
	remove: func(o *Item) []line {
		return []line{{words: []string{"neighbour", "del", o.Get("dst"), "dev", o.Get("dev")}}}
	},
	change: func(cur, want *Item) ([]line, bool) {
		return []line{{words: neighWords("replace", merged(cur, want))}}, true
	},
}

func neighWords(verb string, o *Item) []string {
	w := []string{"neighbour", verb, o.Get("dst")}
	if o.Has("lladdr") {
		w = append(w, "lladdr", o.Get("lladdr"))
	}
	w = append(w, "dev", o.Get("dev"), "nud", "permanent")
	if o.Get("router") == "true" {
		w = append(w, "router")
	}
	return w
}

func readNeighs(r *reader) ([]*Item, error) {
	var out []*Item
	for _, fam := range families {
		views, err := r.show(fam, false, "neighbour", "show", "nud", "permanent")
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			o := NewItem()
			o.Set("dst", v.str("dst"))
			o.Set("dev", v.str("dev"))
			o.Set("lladdr", v.str("lladdr"))
			o.Set("router", boolText(v.has("router")))
			out = append(out, o)
		}
	}
	return out, nil
}
