package state

import (
	"fmt"
	"slices"
	"strconv"
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

// routeView is what gip -j route show prints of a route, decoded into
// a struct: a table may hold a million.
type routeView struct {
	pathView
	Type     string     `json:"type"`
	Dst      string     `json:"dst"`
	Table    string     `json:"table"`
	Tos      any        `json:"tos"`
	Metric   *uint32    `json:"metric"`
	Protocol string     `json:"protocol"`
	Scope    string     `json:"scope"`
	Prefsrc  string     `json:"prefsrc"`
	NHID     *uint32    `json:"nhid"`
	Nexthops []pathView `json:"nexthops"`
}

// pathView is a route's path, or one of a multipath route's.
type pathView struct {
	Gateway string                 `json:"gateway"`
	Via     *struct{ Host string } `json:"via"`
	Dev     string                 `json:"dev"`
	Weight  *uint32                `json:"weight"`
	Flags   []string               `json:"flags"`
}

// gateway is the path's gateway: "gateway", or "via" when the gateway's
// family differs from the route's.
func (p *pathView) gateway() string {
	if p.Gateway == "" && p.Via != nil {
		return p.Via.Host
	}
	return p.Gateway
}

func (p *pathView) onlink() bool { return slices.Contains(p.Flags, "onlink") }

// kernel reports a route the kernel makes by itself.
func (v *routeView) kernel() bool {
	switch v.Type {
	case "local", "broadcast", "anycast", "multicast":
		return true
	}
	switch v.Protocol {
	case "kernel", "ra", "redirect":
		return true
	}
	return v.Table == "local"
}

func readRoutes(r *reader) ([]*Item, error) {
	var out []*Item
	for _, fam := range families {
		var views []routeView
		if err := r.decode(&views, fam, false, "route", "show", "table", "all"); err != nil {
			return nil, err
		}
		for i := range views {
			if v := &views[i]; !v.kernel() {
				out = append(out, v.item(fam))
			}
		}
	}
	return out, nil
}

func optNumber(n *uint32) string {
	if n == nil {
		return ""
	}
	return strconv.FormatUint(uint64(*n), 10)
}

func (v *routeView) item(fam uint8) *Item {
	o := NewItem()
	dst := v.Dst
	if dst != "default" {
		dst, _ = canonPrefix(dst)
	} else if fam == families[1] {
		dst = "::/0"
	}
	o.Set("dst", dst)
	o.Set("type", v.Type)
	t, _ := canonTable(v.Table)
	o.Set("table", t)
	if v.Tos != nil {
		o.Set("tos", fmt.Sprint(v.Tos))
	}
	o.Set("metric", optNumber(v.Metric))
	o.Set("protocol", v.Protocol)
	o.Set("scope", v.Scope)
	o.Set("via", v.gateway())
	o.Set("dev", v.Dev)
	o.Set("src", v.Prefsrc)
	o.Set("nhid", optNumber(v.NHID))
	o.Set("onlink", boolText(v.onlink()))
	var paths []string
	for _, p := range v.Nexthops {
		var w []string
		if g := p.gateway(); g != "" {
			w = append(w, "via", g)
		}
		if p.Dev != "" {
			w = append(w, "dev", p.Dev)
		}
		if wt := optNumber(p.Weight); wt != "" && wt != "1" {
			w = append(w, "weight", wt)
		}
		if p.onlink() {
			w = append(w, "onlink")
		}
		paths = append(paths, strings.Join(w, " "))
	}
	o.SetList("nexthops", paths)
	return o
}

func family(v string) uint8 {
	if v == "6" {
		return families[1]
	}
	return families[0]
}
