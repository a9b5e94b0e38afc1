package state

import (
	"slices"
	"strings"
)

// Rules: a rule is all it says, so it has no change: a rule that differs
// is another rule. The kernel's default rules are left out.

var ruleKind = &kind{
	section: "rules",
	noun:    "rule",
	fields: []field{
		{name: "family"}, {name: "priority", typ: number, canon: canonNumber}, {name: "not", typ: flag},
		{name: "from", canon: canonPrefix}, {name: "to", canon: canonPrefix}, {name: "tos"},
		{name: "fwmark"}, {name: "iif"}, {name: "oif"}, {name: "ipproto"}, {name: "sport"}, {name: "dport"},
		{name: "uidrange"}, {name: "l3mdev", typ: flag}, {name: "protocol"},
		{name: "table", canon: canonTable}, {name: "suppress_prefixlength", typ: number, canon: canonNumber},
		{name: "type"}, {name: "goto", typ: number, canon: canonNumber},
	},
	normalize: func(o *Item) {
		if !o.Has("family") {
			f := "inet"
			if isV6(o.Get("from")) || isV6(o.Get("to")) {
				f = "inet6"
			}
			o.Set("family", f)
		}
		if o.Get("type") == "unicast" || o.Get("type") == "table" || o.Get("type") == "goto" {
			o.Set("type", "")
		}
		if o.Get("protocol") == "unspec" || o.Get("protocol") == "0" {
			o.Set("protocol", "")
		}
	},
	key: func(o *Item) string { return strings.Join(ruleWords(o), " ") },
	describe: func(o *Item) string {
		return "rule " + strings.Join(ruleWords(o), " ")
	},
	quiet:  func(o *Item, f string) bool { return f == "family" && o.Get(f) == "inet" },
	read:   readRules,
	create: func(o *Item) []line { return []line{ruleLine("add", o)} },
	remove: func(o *Item) []line { return []line{ruleLine("del", o)} },
	change: func(cur, want *Item) ([]line, bool) { return nil, false },
}

func ruleWords(o *Item) []string {
	var w []string
	if o.Get("family") == "inet6" {
		w = append(w, "-6")
	}
	if o.Has("priority") {
		w = append(w, "priority", o.Get("priority"))
	}
	if o.Get("not") == "true" {
		w = append(w, "not")
	}
	for _, f := range []string{"from", "to", "tos", "fwmark", "iif", "oif", "ipproto", "sport", "dport", "uidrange"} {
		if o.Has(f) {
			w = append(w, f, o.Get(f))
		}
	}
	if o.Get("l3mdev") == "true" {
		w = append(w, "l3mdev")
	}
	if o.Has("protocol") {
		w = append(w, "protocol", o.Get("protocol"))
	}
	if t := o.Get("type"); t != "" {
		w = append(w, t)
	}
	if o.Has("goto") {
		w = append(w, "goto", o.Get("goto"))
	}
	for _, f := range []string{"table", "suppress_prefixlength"} {
		if o.Has(f) {
			w = append(w, f, o.Get(f))
		}
	}
	return w
}

func ruleLine(verb string, o *Item) line {
	w := ruleWords(o)
	fam := families[0]
	if len(w) > 0 && w[0] == "-6" {
		w, fam = w[1:], families[1]
	}
	return line{words: append([]string{"rule", verb}, w...), family: fam}
}

// defaultRule reports one of the rules the kernel starts a namespace
// with.
func defaultRule(v view, fam uint8) bool {
	keys := []string{}
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"priority", "src", "table"}) || v.str("src") != "all" {
		return false
	}
	switch v.str("priority") + " " + v.str("table") {
	case "0 local", "32766 main":
		return true
	case "32767 default":
		return fam == families[0]
	}
	return false
}

func readRules(r *reader) ([]*Item, error) {
	var out []*Item
	for _, fam := range families {
		views, err := r.show(fam, false, "rule", "show")
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			if defaultRule(v, fam) {
				continue
			}
			o := NewItem()
			o.Set("family", "inet")
			if fam == families[1] {
				o.Set("family", "inet6")
			}
			o.Set("priority", v.str("priority"))
			o.Set("not", boolText(v.has("not")))
			if s := v.str("src"); s != "" && s != "all" {
				o.Set("from", withLen(s, v.str("srclen")))
			}
			if d := v.str("dst"); d != "" && d != "all" {
				o.Set("to", withLen(d, v.str("dstlen")))
			}
			o.Set("tos", v.str("tos"))
			if m := v.str("fwmark"); m != "" {
				if k := v.str("fwmask"); k != "" && k != "0xffffffff" {
					m += "/" + k
				}
				o.Set("fwmark", m)
			}
			o.Set("iif", v.str("iif"))
			o.Set("oif", v.str("oif"))
			o.Set("ipproto", v.str("ipproto"))
			o.Set("sport", portRange(v, "sport"))
			o.Set("dport", portRange(v, "dport"))
			if v.has("uid_start") {
				o.Set("uidrange", v.str("uid_start")+"-"+v.str("uid_end"))
			}
			o.Set("l3mdev", boolText(v.has("l3mdev")))
			o.Set("protocol", v.str("protocol"))
			t, _ := canonTable(v.str("table"))
			o.Set("table", t)
			o.Set("suppress_prefixlength", v.str("suppress_prefixlen"))
			o.Set("type", v.str("action"))
			o.Set("goto", v.str("goto"))
			out = append(out, o)
		}
	}
	return out, nil
}

// portRange is a rule's port selector as ip rule add takes it: N, or
// START-END.
func portRange(v view, name string) string {
	if v.has(name) {
		return v.str(name)
	}
	if v.has(name + "_start") {
		return v.str(name+"_start") + "-" + v.str(name+"_end")
	}
	return ""
}

func withLen(a, n string) string {
	if n == "" {
		n = "32"
		if isV6(a) {
			n = "128"
		}
	}
	p, _ := canonPrefix(a + "/" + n)
	return p
}
