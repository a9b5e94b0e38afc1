package state

import (
	"strings"
)

// Routes of every table, by table, destination, tos and metric (and
// device, for IPv6, which keeps a route to one prefix per device). What
// the kernel makes by itself is left out: routes of the local table, of
// the types local, broadcast, anycast and multicast, and of the protocols
// kernel, ra and redirect.

var routeKind = &kind{
	section: "routes",
	noun:    "route",
	fields: []field{
		{name: "dst", canon: canonPrefix}, {name: "type"}, {name: "table", canon: canonTable},
		{name: "tos"}, {name: "metric", typ: number, canon: canonNumber},
		{name: "protocol"}, {name: "scope"}, {name: "via", canon: canonAddr}, {name: "dev"},
		{name: "src", canon: canonAddr}, {name: "nhid", typ: number, canon: canonNumber},
		{name: "onlink", typ: flag}, {name: "nexthops", typ: list},
	},
	required:  []string{"dst"},
	normalize: normalizeRoute,
	key: func(o *Item) string {
		k := routeV(o) + " " + o.Get("dst") + " table " + o.Get("table") + " metric " + o.Get("metric")
		if o.Has("tos") {
			k += " tos " + o.Get("tos")
		}
		if routeV(o) == "6" && o.Has("dev") && !o.Has("nhid") && !o.Has("nexthops") {
			k += " dev " + o.Get("dev")
		}
		return k
	},
	describe: func(o *Item) string {
		s := "route "
		if t := o.Get("type"); t != "" {
			s += t + " "
		}
		s += o.Get("dst")
		if t := o.Get("table"); t != "main" {
			s += " table " + t
		}
		if routeV(o) == "6" && o.Get("metric") != "1024" || routeV(o) == "4" && o.Get("metric") != "0" {
			s += " metric " + o.Get("metric")
		}
		if routeV(o) == "6" && o.Has("dev") && !o.Has("nexthops") {
			s += " dev " + o.Get("dev")
		}
		return s
	},
	quiet: func(o *Item, f string) bool {
		switch f {
		case "table":
			return o.Get(f) == "main"
		case "metric":
			return o.Get(f) == map[string]string{"4": "0", "6": "1024"}[routeV(o)]
		}
		return false
	},
	read:   readRoutes,
	create: func(o *Item) []line { return []line{routeLine("add", o, true)} },
	remove: func(o *Item) []line { return []line{routeLine("del", o, false)} },
	change: func(cur, want *Item) ([]line, bool) {
		m := merged(cur, want)
		if want.Has("nhid") || want.Has("nexthops") {
			// the paths come from the nexthop now: the kernel's report of
			// the old ones goes
			for _, f := range []string{"via", "dev", "nexthops", "nhid", "onlink"} {
				if !want.Has(f) {
					m.Set(f, "")
					m.SetList(f, nil)
				}
			}
		} else if want.Has("via") || want.Has("dev") {
			m.Set("nhid", "")
			m.SetList("nexthops", nil)
		}
		return []line{routeLine("replace", m, true)}, true
	},
}

// routeV is the route's IP version, "4" or "6", from its addresses.
func routeV(o *Item) string {
	for _, f := range []string{"dst", "via", "src"} {
		if isV6(o.Get(f)) {
			return "6"
		}
	}
	for _, p := range o.Lists["nexthops"] {
		if strings.Contains(p, ":") && strings.Contains(p, "via") {
			return "6"
		}
	}
	return "4"
}

func normalizeRoute(o *Item) {
	if o.Get("type") == "unicast" {
		o.Set("type", "")
	}
	if !o.Has("table") {
		o.Set("table", "main")
	}
	if o.Get("dst") == "default" && routeV(o) == "6" {
		o.Set("dst", "::/0")
	}
	if o.Get("dst") == "0.0.0.0/0" {
		o.Set("dst", "default")
	}
	if o.Get("protocol") == "boot" {
		o.Set("protocol", "")
	}
	if !o.Has("metric") {
		if routeV(o) == "6" {
			o.Set("metric", "1024")
		} else {
			o.Set("metric", "0")
		}
	}
	if o.Has("nhid") {
		// what the kernel reports of the nexthop's paths is the nexthop's
		o.Set("via", "")
		o.Set("dev", "")
		o.SetList("nexthops", nil)
	}
}

// routeLine is gip route VERB for o; a deletion names the key only.
func routeLine(verb string, o *Item, all bool) line {
	w := []string{"route", verb}
	if t := o.Get("type"); t != "" {
		w = append(w, t)
	}
	w = append(w, o.Get("dst"), "table", o.Get("table"), "metric", o.Get("metric"))
	if o.Has("tos") {
		w = append(w, "tos", o.Get("tos"))
	}
	if !all {
		if routeV(o) == "6" && o.Has("dev") && !o.Has("nhid") && !o.Has("nexthops") {
			w = append(w, "dev", o.Get("dev"))
		}
		return line{words: w, family: family(routeV(o))}
	}
	for _, f := range []string{"protocol", "scope", "via", "dev", "src", "nhid"} {
		if o.Has(f) {
			w = append(w, f, o.Get(f))
		}
	}
	if o.Get("onlink") == "true" {
		w = append(w, "onlink")
	}
	for _, p := range o.Lists["nexthops"] {
		w = append(w, "nexthop")
		w = append(w, strings.Fields(p)...)
	}
	return line{words: w, family: family(routeV(o))}
}

// kernelRoute reports a route the kernel makes by itself.
func kernelRoute(v view) bool {
	switch v.str("type") {
	case "local", "broadcast", "anycast", "multicast":
		return true
	}
	switch v.str("protocol") {
	case "kernel", "ra", "redirect":
		return true
	}
	return v.str("table") == "local"
}

func readRoutes(r *reader) ([]*Item, error) {
	var out []*Item
	for _, fam := range families {
		views, err := r.show(fam, false, "route", "show", "table", "all")
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			if kernelRoute(v) {
				continue
			}
			out = append(out, routeObject(v, fam))
		}
	}
	return out, nil
}

func routeObject(v view, fam uint8) *Item {
	o := NewItem()
	dst := v.str("dst")
	if dst != "default" {
		dst, _ = canonPrefix(dst)
	}
	o.Set("dst", dst)
	o.Set("type", v.str("type"))
	t, _ := canonTable(v.str("table"))
	o.Set("table", t)
	o.Set("tos", v.str("tos"))
	o.Set("metric", v.str("metric"))
	o.Set("protocol", v.str("protocol"))
	o.Set("scope", v.str("scope"))
	o.Set("via", gateway(v))
	o.Set("dev", v.str("dev"))
	o.Set("src", v.str("prefsrc"))
	o.Set("nhid", v.str("nhid"))
	o.Set("onlink", boolText(v.flagged("flags", "onlink")))
	var paths []string
	for _, p := range v.list("nexthops") {
		var w []string
		if g := gateway(p); g != "" {
			w = append(w, "via", g)
		}
		if d := p.str("dev"); d != "" {
			w = append(w, "dev", d)
		}
		if wt := p.str("weight"); wt != "" && wt != "1" {
			w = append(w, "weight", wt)
		}
		if p.flagged("flags", "onlink") {
			w = append(w, "onlink")
		}
		paths = append(paths, strings.Join(w, " "))
	}
	o.SetList("nexthops", paths)
	if dst == "default" && fam == families[1] {
		o.Set("dst", "::/0")
	}
	return o
}

// gateway is a route's or path's gateway: "gateway", or "via" when the
// gateway's family differs from the route's.
func gateway(v view) string {
	if g := v.str("gateway"); g != "" {
		return g
	}
	if via := v.obj("via"); via != nil {
		return via.str("host")
	}
	return ""
}

func family(v string) uint8 {
	if v == "6" {
		return families[1]
	}
	return families[0]
}
