package state

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	tcaction "github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Traffic control: qdiscs, classes and filters, their options as the
// words tc takes after the kind ("rate 1Mbit ceil 2Mbit ..."). Each kind
// of package tc writes its own words (qdisc.OptionWords,
// filter.OptionWords), so a kind gip tc learns to write needs nothing
// here. A file's words are read by the kind's grammar and written again
// the same way, so that any spelling tc takes compares with the kernel's
// answer: a qdisc's or class's option words compare group by group, only
// those the file's words make (the kernel fills in the rest, such as
// htb's quantum); a filter's compare whole.
//
// What the kernel makes by itself is left out: qdiscs of handle 0 (a
// device's default qdisc, such as pfifo_fast, mq's and mqprio's children,
// a class's default leaf) and their classes, the classes a qdisc makes
// itself (prio's, mqprio's, cake's, ets's bands, whose quanta the ets
// qdisc's own options carry), a qdisc's root class (hfsc's, minor 0),
// and u32's hash tables of the ids it allocates (a
// priority's root table, 800:), whose keys are written by their node
// alone ("::800"). Filters of shared blocks, chains' templates and
// standalone actions are not carried. A filter's actions and policer are
// words of its options ("action gact drop index 1"); a file whose filter
// names no action index matches the filter whatever indexes the kernel
// gave its actions.

// Fields of the tc kinds that are not written: the groups of a
// qdisc's or class's canonical words, and the kernel's own handle of a
// filter (which requests that name the filter use).
const (
	groupsField       = "\x00groups"
	kernelHandleField = "\x00handle"
	indexFreeField    = "\x00indexfree" // a filter's options without action indexes
)

var qdiscKind = &kind{
	section: "qdiscs",
	noun:    "qdisc",
	fields: []field{
		{name: "dev"}, {name: "parent", canon: canonQdiscParent}, {name: "handle", canon: canonQdiscHandle},
		{name: "kind"}, {name: "options", same: sameGroups},
	},
	required:  []string{"dev", "parent", "kind"},
	normalize: func(o *Item) {},
	check:     func(o *Item) error { return canonOptions(o, false) },
	key:       func(o *Item) string { return "dev " + o.Get("dev") + " parent " + o.Get("parent") },
	describe: func(o *Item) string {
		return "qdisc " + o.Get("kind") + " dev " + o.Get("dev") + " parent " + o.Get("parent")
	},
	read:   readQdiscs,
	depth:  func(o *Item) int { return boolInt(o.Get("parent") != "root" && o.Get("parent") != "ingress") },
	create: func(o *Item) []line { return []line{tcLine(qdiscWords("add", o, true))} },
	remove: func(o *Item) []line { return []line{tcLine(qdiscWords("delete", o, false))} },
	change: func(cur, want *Item) ([]line, bool) {
		if differ(cur, want, "kind", "handle") {
			return nil, false
		}
		w, ok := qdisc.ChangeWords(cur.Get("kind"), wordGroups(cur), wordGroups(want))
		if !ok {
			return nil, false // made again
		}
		m := mergedTC(cur, want)
		m.Set("options", joinWords(w.Flat()))
		return []line{tcLine(qdiscWords("change", m, true))}, true
	},
}

var classKind = &kind{
	section: "classes",
	noun:    "class",
	fields: []field{
		{name: "dev"}, {name: "parent", canon: canonClassID}, {name: "classid", canon: canonClassID},
		{name: "kind"}, {name: "options", same: sameGroups},
	},
	required:  []string{"dev", "parent", "classid", "kind"},
	normalize: func(o *Item) {},
	check:     func(o *Item) error { return canonOptions(o, true) },
	key:       func(o *Item) string { return "dev " + o.Get("dev") + " classid " + o.Get("classid") },
	describe: func(o *Item) string {
		return "class " + o.Get("kind") + " dev " + o.Get("dev") + " classid " + o.Get("classid")
	},
	read:  readClasses,
	depth: func(o *Item) int { return boolInt(!strings.HasSuffix(o.Get("parent"), ":")) },
	create: func(o *Item) []line {
		return []line{tcLine(append([]string{"class", "add", "dev", o.Get("dev"), "parent", o.Get("parent"),
			"classid", o.Get("classid"), o.Get("kind")}, splitWords(o.Get("options"))...))}
	},
	remove: func(o *Item) []line {
		return []line{tcLine([]string{"class", "delete", "dev", o.Get("dev"), "classid", o.Get("classid")})}
	},
	change: func(cur, want *Item) ([]line, bool) {
		if differ(cur, want, "kind", "parent") {
			return nil, false
		}
		o := mergedTC(cur, want)
		return []line{tcLine(append([]string{"class", "change", "dev", o.Get("dev"), "parent", o.Get("parent"),
			"classid", o.Get("classid"), o.Get("kind")}, splitWords(o.Get("options"))...))}, true
	},
}

var filterKind = &kind{
	section: "filters",
	noun:    "filter",
	fields: []field{
		{name: "dev"}, {name: "parent", canon: canonFilterParent}, {name: "chain", typ: number, canon: canonNumber},
		{name: "protocol", canon: canonProtocol}, {name: "pref", typ: number, canon: canonNumber},
		{name: "handle"}, {name: "kind"}, {name: "options", same: sameFilterOptions},
	},
	required: []string{"dev", "parent", "pref", "kind"},
	normalize: func(o *Item) {
		if !o.Has("protocol") {
			o.Set("protocol", "all")
		}
		if o.Get("chain") == "0" {
			o.Set("chain", "")
		}
	},
	check: canonFilterOptions,
	key:   func(o *Item) string { return filterPrio(o) + " handle " + o.Get("handle") },
	describe: func(o *Item) string {
		d := "filter " + o.Get("kind") + " " + filterPrio(o)
		if o.Has("handle") {
			d += " handle " + o.Get("handle")
		}
		return d
	},
	read: readFilters,
	// A u32 hash table before the keys that link to it.
	depth:  func(o *Item) int { return boolInt(!strings.HasPrefix(o.Get("options"), "divisor ")) },
	create: func(o *Item) []line { return []line{tcLine(filterWords("add", o, true))} },
	remove: func(o *Item) []line { return []line{tcLine(filterWords("delete", o, false))} },
	change: func(cur, want *Item) ([]line, bool) {
		if differ(cur, want, "kind") || !cur.Has(kernelHandleField) {
			return nil, false
		}
		return []line{tcLine(filterWords("replace", mergedTC(cur, want), true))}, true
	},
	// A filter the file names without its handle is the one filter of
	// its priority, if there is one.
	match: func(w *Item, have map[string]*Item) *Item {
		if w.Has("handle") {
			return nil
		}
		var found *Item
		prio := filterPrio(w) + " handle "
		for k, c := range have {
			if strings.HasPrefix(k, prio) {
				if found != nil {
					return nil
				}
				found = c
			}
		}
		return found
	},
}

func isTC(k *kind) bool { return k == qdiscKind || k == classKind || k == filterKind }

// tcOrder is the plan's qdisc, class and filter actions with each after
// those that make what it sits on (a qdisc under a class after the
// class, a class after its qdisc and parent class, a filter after its
// parent), in the plan's order otherwise, each type's by its depth.
func tcOrder(actions []*action) []*action {
	var todo []*action
	for _, k := range []*kind{qdiscKind, classKind, filterKind} {
		var of []*action
		for _, a := range actions {
			if a.kind == k {
				of = append(of, a)
			}
		}
		slices.SortStableFunc(of, func(a, b *action) int { return k.depth(objectOf(a)) - k.depth(objectOf(b)) })
		todo = append(todo, of...)
	}
	provided := map[string]bool{}
	for _, a := range todo {
		provided[tcProvides(a.kind, objectOf(a))] = true
	}
	made := map[string]bool{}
	var out []*action
	for len(todo) > 0 {
		var left []*action
		for _, a := range todo {
			if n := tcNeeds(a.kind, objectOf(a)); n != "" && provided[n] && !made[n] {
				left = append(left, a)
				continue
			}
			out = append(out, a)
			made[tcProvides(a.kind, objectOf(a))] = true
		}
		if len(left) == len(todo) { // a cycle the kernel refuses anyway
			return append(out, left...)
		}
		todo = left
	}
	return out
}

// tcProvides is what a qdisc or class makes for others to sit on.
func tcProvides(k *kind, o *Item) string {
	switch k {
	case qdiscKind:
		h := strings.TrimSuffix(o.Get("handle"), ":")
		if o.Get("parent") == "ingress" {
			h = "ffff"
		}
		return o.Get("dev") + " qdisc " + h
	case classKind:
		return o.Get("dev") + " class " + o.Get("classid")
	}
	return ""
}

// tcNeeds is what a qdisc, class or filter sits on.
func tcNeeds(k *kind, o *Item) string {
	p := o.Get("parent")
	switch {
	case p == "root" || k == qdiscKind && p == "ingress":
		return ""
	case p == "ingress" || p == "egress":
		return o.Get("dev") + " qdisc ffff"
	case strings.HasSuffix(p, ":"):
		return o.Get("dev") + " qdisc " + strings.TrimSuffix(p, ":")
	}
	return o.Get("dev") + " class " + p
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// differ reports whether want sets one of fields to another value than
// cur has.
func differ(cur, want *Item, fields ...string) bool {
	for _, f := range fields {
		if want.Has(f) && want.Get(f) != cur.Get(f) {
			return true
		}
	}
	return false
}

// mergedTC is what a change sends: cur with what want gives, its options
// want's words alone (the kernel keeps what they leave out).
func mergedTC(cur, want *Item) *Item {
	m := merged(cur, want)
	m.Set("options", want.Get("options"))
	return m
}

func tcLine(words []string) line { return line{words: append([]string{"tc"}, words...)} }

func filterPrio(o *Item) string {
	s := "dev " + o.Get("dev") + " parent " + o.Get("parent")
	if o.Has("chain") {
		s += " chain " + o.Get("chain")
	}
	return s + " protocol " + o.Get("protocol") + " pref " + o.Get("pref")
}

// qdiscWords is a qdisc line: its place (and handle), then its kind and
// options when withKind.
func qdiscWords(verb string, o *Item, withKind bool) []string {
	w := []string{"qdisc", verb, "dev", o.Get("dev")}
	switch p := o.Get("parent"); {
	case p == "ingress":
		return append(w, o.Get("kind")) // ingress or clsact: their own place
	case p == "root":
		w = append(w, "root")
	default:
		w = append(w, "parent", p)
	}
	if o.Has("handle") {
		w = append(w, "handle", o.Get("handle"))
	}
	if !withKind {
		return w
	}
	return append(append(w, o.Get("kind")), splitWords(o.Get("options"))...)
}

// filterWords is a filter line: a change or deletion names the handle the
// kernel reports (a u32 key of a root table by its table too).
func filterWords(verb string, o *Item, withOptions bool) []string {
	w := []string{"filter", verb, "dev", o.Get("dev")}
	switch p := o.Get("parent"); p {
	case "ingress", "egress":
		w = append(w, p)
	default:
		w = append(w, "parent", p)
	}
	if o.Has("chain") {
		w = append(w, "chain", o.Get("chain"))
	}
	h := o.Get("handle")
	if verb != "add" && o.Has(kernelHandleField) {
		h = o.Get(kernelHandleField)
	}
	if h != "" {
		w = append(w, "handle", h)
	}
	w = append(w, "protocol", o.Get("protocol"), "pref", o.Get("pref"), o.Get("kind"))
	if withOptions {
		w = append(w, splitWords(o.Get("options"))...)
	}
	return w
}

// Canonical forms.

func canonQdiscParent(v string) (string, error) {
	if v == "root" || v == "ingress" || v == "clsact" {
		if v == "clsact" {
			v = "ingress"
		}
		return v, nil
	}
	return canonClassID(v)
}

func canonQdiscHandle(v string) (string, error) {
	h, ok := sched.ParseQdiscHandle(v)
	if !ok {
		return "", fmt.Errorf("%q is not a qdisc handle (MAJ:)", v)
	}
	return sched.HandleText(h), nil
}

func canonClassID(v string) (string, error) {
	h, ok := sched.ParseClassID(v)
	if !ok || h == rtnl.HandleRoot || h == 0 {
		return "", fmt.Errorf("%q is not a class id (MAJ:MIN)", v)
	}
	return sched.ClassIDText(h), nil
}

func canonFilterParent(v string) (string, error) {
	switch v {
	case "ingress", "egress":
		return v, nil
	}
	h, ok := sched.ParseClassID(v)
	if !ok || h == rtnl.HandleRoot || h == 0 {
		return "", fmt.Errorf("%q is not a filter's parent (MAJ:MIN, ingress, egress)", v)
	}
	return filterParentText(h), nil
}

// filterParent is a filter's canonical parent as a handle.
func filterParent(v string) uint32 {
	switch v {
	case "ingress":
		return rtnl.MakeHandle(0xFFFF, rtnl.MinIngress)
	case "egress":
		return rtnl.MakeHandle(0xFFFF, rtnl.MinEgress)
	}
	h, _ := sched.ParseClassID(v)
	return h
}

func filterParentText(h uint32) string {
	switch h {
	case rtnl.MakeHandle(0xFFFF, rtnl.MinIngress):
		return "ingress"
	case rtnl.MakeHandle(0xFFFF, rtnl.MinEgress):
		return "egress"
	}
	return sched.ClassIDText(h)
}

func canonProtocol(v string) (string, error) {
	p, ok := grammar.ParseEthProto(v)
	if !ok {
		return "", fmt.Errorf("%q is not a protocol", v)
	}
	return grammar.EthProtoWord(p), nil
}

// canonOptions reads a qdisc's (a class's) options through its kind's
// grammar and writes them as the kernel's would be written.
func canonOptions(o *Item, class bool) error {
	w, err := qdisc.CanonWords(o.Get("kind"), class, o.Get("dev"), splitWords(o.Get("options")))
	if err != nil {
		return optionsError(o, err)
	}
	setWords(o, w)
	return nil
}

func canonFilterOptions(o *Item) error {
	proto, _ := grammar.ParseEthProto(o.Get("protocol"))
	w, err := filter.CanonWords(o.Get("kind"), o.Get("handle"), filterParent(o.Get("parent")), proto, splitWords(o.Get("options")))
	if err != nil {
		return optionsError(o, err)
	}
	setFilterWords(o, w)
	return nil
}

// setFilterWords sets a filter's options to the words, and the words
// without the indexes of its actions.
func setFilterWords(o *Item, w qdisc.Words) {
	o.Set("options", joinWords(w.Flat()))
	var free qdisc.Words
	for _, g := range w {
		if !tcaction.IsIndex(g) {
			free = append(free, g)
		}
	}
	o.Set(indexFreeField, joinWords(free.Flat()))
}

// sameFilterOptions compares a filter's options whole, without the
// indexes of its actions when want names none.
func sameFilterOptions(cur, want *Item) bool {
	if want.Get(indexFreeField) == want.Get("options") {
		return cur.Get(indexFreeField) == want.Get(indexFreeField)
	}
	return cur.Get("options") == want.Get("options")
}

// optionsError is a refusal of a kind's grammar, on one line.
func optionsError(o *Item, err error) error {
	msg := strings.Join(strings.Fields(strings.SplitN(err.Error(), "\n", 2)[0]), " ")
	return fmt.Errorf("options of %s %s: %s", o.Get("kind"), strings.TrimSpace(o.Get("options")), msg)
}

// setWords sets options to the words, and their groups.
func setWords(o *Item, w qdisc.Words) {
	o.Set("options", joinWords(w.Flat()))
	groups := make([]string, len(w))
	for i, g := range w {
		groups[i] = joinWords(g)
	}
	o.Set(groupsField, strings.Join(groups, "\n"))
}

// wordGroups are an object's groups of words.
func wordGroups(o *Item) qdisc.Words {
	var w qdisc.Words
	for _, g := range strings.Split(o.Get(groupsField), "\n") {
		if g != "" {
			w = append(w, splitWords(g))
		}
	}
	return w
}

// sameGroups says cur has every group of words want has.
func sameGroups(cur, want *Item) bool {
	have := map[string]bool{}
	for _, g := range strings.Split(cur.Get(groupsField), "\n") {
		have[g] = true
	}
	for _, g := range strings.Split(want.Get(groupsField), "\n") {
		if g != "" && !have[g] {
			return false
		}
	}
	return true
}

// joinWords writes words as one line, a word with blanks in single
// quotes; splitWords reads such a line (and double quotes).
func joinWords(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if w == "" || strings.ContainsAny(w, " \t'\"") {
			w = "'" + strings.ReplaceAll(w, "'", `'"'"'`) + "'"
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}

func splitWords(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}
