package state

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
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
		{name: "onlink", typ: flag}, {name: "nexthops", typ: list, entry: "via ADDRESS dev NAME weight N"},
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

// readRoutes dumps the routes of every table, IPv4 and IPv6, and names
// them as gip route show does (tables, protocols, scopes and devices by
// name): a table may hold a million, which no JSON view should carry.
func readRoutes(r *reader) ([]*Item, error) {
	conn, err := r.e.Conn()
	if err != nil {
		return nil, err
	}
	links := env.NewLinks(r.e.Conn)
	if err := links.Preload(); err != nil {
		return nil, err
	}
	var out []*Item
	for _, fam := range families {
		req := nl.Message{Header: nl.Header{Type: unix.RTM_GETROUTE}, Data: make([]byte, unix.SizeofRtMsg)}
		req.Data[0] = fam
		n := len(out)
		for attempt := 0; ; attempt++ {
			out = out[:n]
			err = nil
			var rt rtnl.Route
			for m, derr := range conn.Dump(req) {
				if derr != nil {
					err = derr
					break
				}
				if m.Header.Type != unix.RTM_NEWROUTE {
					continue
				}
				rt = rtnl.Route{}
				if rtnl.DecodeRoute(m, &rt) != nil || kernelRoute(&rt) {
					continue
				}
				out = append(out, routeItem(&rt, r.e.Names(), links))
			}
			if !errors.Is(err, nl.ErrDumpInterrupted) || attempt == nl.DumpRetries {
				break
			}
		}
		if err != nil {
			return nil, fail.DumpError(err, "Dump terminated")
		}
	}
	return out, nil
}

// kernelRoute reports a route the kernel makes by itself, or a cached
// one.
func kernelRoute(rt *rtnl.Route) bool {
	switch rt.Type {
	case unix.RTN_LOCAL, unix.RTN_BROADCAST, unix.RTN_ANYCAST, unix.RTN_MULTICAST:
		return true
	}
	switch rt.Protocol {
	case unix.RTPROT_KERNEL, unix.RTPROT_RA, unix.RTPROT_REDIRECT:
		return true
	}
	return rt.Table == unix.RT_TABLE_LOCAL || rt.Flags&unix.RTM_F_CLONED != 0
}

func routeItem(rt *rtnl.Route, names *env.Names, links *env.Links) *Item {
	o := NewItem()
	var b []byte
	switch {
	case rt.Dst.IsValid() && rt.Dst.Bits() > 0:
		o.Set("dst", rt.Dst.String())
	case rt.Family == unix.AF_INET6:
		o.Set("dst", "::/0")
	default:
		o.Set("dst", "default")
	}
	if rt.Type != unix.RTN_UNICAST {
		o.Set("type", string(env.AppendRouteType(b[:0], rt.Type, false)))
	}
	t, _ := canonTable(string(names.AppendTable(b[:0], rt.Table)))
	o.Set("table", t)
	if rt.TOS != 0 {
		o.Set("tos", string(names.AppendDSField(b[:0], rt.TOS)))
	}
	if rt.Priority != nil {
		o.Set("metric", strconv.FormatUint(uint64(*rt.Priority), 10))
	}
	if rt.Protocol != unix.RTPROT_BOOT {
		o.Set("protocol", string(names.AppendProto(b[:0], rt.Protocol)))
	}
	if rt.Scope != unix.RT_SCOPE_UNIVERSE {
		o.Set("scope", names.Scope(rt.Scope))
	}
	if rt.Gateway.IsValid() {
		o.Set("via", rt.Gateway.String())
	}
	if rt.OIF != 0 {
		o.Set("dev", links.Name(rt.OIF))
	}
	if rt.PrefSrc.IsValid() {
		o.Set("src", rt.PrefSrc.String())
	}
	if rt.NHID != 0 {
		o.Set("nhid", strconv.FormatUint(uint64(rt.NHID), 10))
	}
	o.Set("onlink", boolText(rt.Flags&unix.RTNH_F_ONLINK != 0))
	var paths []string
	for _, p := range rt.Nexthops {
		var w []string
		if p.Gateway.IsValid() {
			w = append(w, "via", p.Gateway.String())
		}
		if p.IfIndex != 0 {
			w = append(w, "dev", links.Name(p.IfIndex))
		}
		if p.Weight > 1 {
			w = append(w, "weight", strconv.Itoa(p.Weight))
		}
		if p.Flags&unix.RTNH_F_ONLINK != 0 {
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
