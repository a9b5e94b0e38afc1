package state

import (
	"fmt"
	"slices"
	"strings"
)

// op is what a plan does to one object.
type op int

const (
	opCreate op = iota
	opChange
	opDelete
	opReplace
)

var opNames = [...]struct{ symbol, name string }{
	opCreate:  {"+", "create"},
	opChange:  {"~", "change"},
	opDelete:  {"-", "delete"},
	opReplace: {"-/+", "replace"},
}

// action is one object's change in a plan: what it is and is to be, and
// the gip command lines that make it so, split by when they run in the
// batch (deletions first, dependents first; then creations; then a link's
// settings, once every link exists).
type action struct {
	op     op
	kind   *kind
	before *Item // nil for a creation
	after  *Item // nil for a deletion
	fields []string
	line   int // of the file

	remove, put, set []line
}

// Plan is what makes a namespace what a document says.
type Plan struct{ actions []*action }

// counts are Terraform's three numbers: a replacement adds and destroys.
func (p *Plan) counts() (add, change, destroy int) {
	for _, a := range p.actions {
		switch a.op {
		case opCreate:
			add++
		case opChange:
			change++
		case opDelete:
			destroy++
		case opReplace:
			add++
			destroy++
		}
	}
	return
}

// Empty says the namespace is as the document says.
func (p *Plan) Empty() bool { return len(p.actions) == 0 }

// planFor compares the namespace (cur, read for the types want names)
// with the document. Objects a section does not name stay as they are,
// unless the section purges.
func planFor(file string, cur, want *Document) (*Plan, error) {
	p := &Plan{}
	peers := map[string]bool{} // ends of a pair (veth, vxcan) that the creation of their peer makes
	// gone holds the links the plan deletes or replaces: what sits on
	// them goes with them, and is created again if the file names it.
	gone := map[string]bool{}
	// tcGone holds the qdiscs (dev and major) the plan deletes or
	// replaces: their classes, filters and child qdiscs go with them.
	tcGone := map[string]bool{}
	for _, k := range kinds {
		ws := want.Sections[k.section]
		if ws == nil {
			continue
		}
		var acts []*action
		for {
			var err error
			if acts, err = planKind(file, k, cur.Sections[k.section], ws, peers, func(o *Item) bool {
				return k != linkKind && gone[o.Get("dev")] || underGoneQdisc(k, o, tcGone)
			}); err != nil {
				return nil, err
			}
			if k != qdiscKind || !markGoneQdiscs(acts, cur.Sections[k.section], tcGone) {
				break
			}
		}
		p.actions = append(p.actions, acts...)
		if k == linkKind {
			for _, a := range p.actions {
				if a.remove != nil {
					gone[a.before.Get("name")] = true
					if pairKinds[a.before.Get("kind")] {
						gone[a.before.Get("peer")] = true
					}
				}
			}
		}
	}
	dropPeerDeletions(p)
	if cs, ws := cur.Sections[linkKind.section], want.Sections[linkKind.section]; cs != nil && ws != nil {
		reattachPorts(p, cs, ws, gone)
	}
	return p, nil
}

// planKind compares the objects of type k: those of cs the skip leaves,
// and the file's section ws.
func planKind(file string, k *kind, cs, ws *Section, peers map[string]bool, skip func(o *Item) bool) ([]*action, error) {
	var out []*action
	have := map[string]*Item{}
	var order []*Item
	if cs != nil {
		for _, o := range cs.Objects {
			if skip(o) {
				continue
			}
			have[k.key(o)] = o
			order = append(order, o)
		}
	}
	named := map[string]bool{}
	for _, w := range ws.Objects {
		key := k.key(w)
		c := have[key]
		if c == nil && k.match != nil {
			if c = k.match(w, have); c != nil {
				key = k.key(c)
			}
		}
		named[key] = true
		if k.refuse != nil && !w.Absent {
			o := w
			if c != nil {
				o = merged(c, w)
			}
			if msg := k.refuse(w, o); msg != "" {
				return nil, &ParseError{File: file, Line: w.Line, Msg: msg}
			}
		}
		switch {
		case w.Absent:
			if c != nil {
				out = append(out, deletion(k, c, w.Line))
			}
		case c == nil:
			a, err := creation(file, k, w, peers)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		default:
			if a := change(k, c, w); a != nil {
				out = append(out, a)
			}
		}
	}
	if ws.Purge {
		for _, c := range order {
			if !named[k.key(c)] && !(k == linkKind && c.Get("name") == "lo") {
				out = append(out, deletion(k, c, 0))
			}
		}
	}
	return out, nil
}

// qdiscMajor is the qdisc an object of a tc type sits under: its
// device and the major of its parent (of its class id for a class).
func qdiscMajor(k *kind, o *Item) string {
	id := o.Get("parent")
	if k == classKind {
		id = o.Get("classid")
	}
	maj, _, _ := strings.Cut(id, ":")
	return o.Get("dev") + " " + maj
}

func underGoneQdisc(k *kind, o *Item, tcGone map[string]bool) bool {
	if len(tcGone) == 0 || k != qdiscKind && k != classKind && k != filterKind {
		return false
	}
	if k == filterKind && (o.Get("parent") == "ingress" || o.Get("parent") == "egress") {
		return tcGone[o.Get("dev")+" ffff"]
	}
	return tcGone[qdiscMajor(k, o)]
}

// markGoneQdiscs adds to tcGone the qdiscs the actions delete or
// replace, and those under them; true when it added one.
func markGoneQdiscs(acts []*action, cs *Section, tcGone map[string]bool) bool {
	n := len(tcGone)
	mark := func(o *Item) {
		h := o.Get("handle")
		if o.Get("parent") == "ingress" {
			h = "ffff:"
		}
		if h != "" {
			tcGone[o.Get("dev")+" "+strings.TrimSuffix(h, ":")] = true
		}
	}
	for _, a := range acts {
		if a.remove != nil {
			mark(a.before)
		}
	}
	for grew := true; grew && cs != nil; {
		m := len(tcGone)
		for _, o := range cs.Objects {
			if p := o.Get("parent"); p != "root" && p != "ingress" && tcGone[qdiscMajor(qdiscKind, o)] {
				mark(o)
			}
		}
		grew = len(tcGone) != m
	}
	return len(tcGone) != n
}

// reattachPorts: the ports of a replaced link (a bridge, bond or vrf)
// leave it with the old one; they join the new one again, with their
// bridge port options, unless they go too or the file gives their
// master itself.
func reattachPorts(p *Plan, cur, want *Section, gone map[string]bool) {
	own := map[string]bool{}
	for _, w := range want.Objects {
		if w.Has("master") {
			own[w.Get("name")] = true
		}
	}
	for _, a := range p.actions {
		if a.op != opReplace || a.kind != linkKind {
			continue
		}
		for _, c := range cur.Objects {
			if name := c.Get("name"); c.Get("master") == a.before.Get("name") && !gone[name] && !own[name] {
				a.set = append(a.set, setLines(c, []string{"master"})...)
				a.set = append(a.set, portLines(c, portOptions)...)
				a.set = append(a.set, linkVlanLines(nil, c, c)...)
			}
		}
	}
}

func deletion(k *kind, c *Item, line int) *action {
	return &action{op: opDelete, kind: k, before: c, line: line, remove: k.remove(c)}
}

func creation(file string, k *kind, w *Item, peers map[string]bool) (*action, error) {
	a := &action{op: opCreate, kind: k, after: w, line: w.Line}
	if k != linkKind {
		a.put = k.create(w)
		return a, nil
	}
	name := w.Get("name")
	if peers[name] {
		a.set = slices.Concat(setLines(w, []string{"address", "mtu", "master", "alias", "up"}), portLines(w, portOptions), linkVlanLines(nil, w, w))
		return a, nil
	}
	if !w.Has("kind") {
		return nil, &ParseError{File: file, Line: w.Line, Msg: fmt.Sprintf("link %s does not exist, and a link to create needs its kind", name)}
	}
	if pairKinds[w.Get("kind")] && w.Has("peer") {
		peers[w.Get("peer")] = true
	}
	a.put = k.create(w)
	a.set = slices.Concat(setLines(w, []string{"master", "alias", "up"}), portLines(w, portOptions), linkVlanLines(nil, w, w))
	return a, nil
}

func change(k *kind, c, w *Item) *action {
	fields := k.differs(c, w)
	if len(fields) == 0 {
		return nil
	}
	a := &action{op: opChange, kind: k, before: c, after: merged(c, w), fields: fields, line: w.Line}
	lines, ok := k.change(c, w)
	if !ok {
		a.op = opReplace
		a.remove = k.remove(c)
		a.put = k.create(w)
		if k == linkKind {
			a.set = slices.Concat(setLines(w, []string{"master", "alias", "up"}), portLines(w, portOptions), linkVlanLines(nil, a.after, w))
		}
		return a
	}
	if k == linkKind {
		a.set = lines
	} else {
		a.put = lines
	}
	return a
}

// dropPeerDeletions keeps one deletion of a pair (veth, vxcan): the kernel deletes
// both ends at once.
func dropPeerDeletions(p *Plan) {
	deleted := map[string]bool{}
	for _, a := range p.actions {
		if a.kind != linkKind || a.remove == nil {
			continue
		}
		name := a.before.Get("name")
		if pairKinds[a.before.Get("kind")] && deleted[a.before.Get("peer")] {
			a.remove = nil
			continue
		}
		deleted[name] = true
	}
}

// lines is the plan as one batch, in the order the kernel needs it.
func (p *Plan) lines() []batchLine {
	var out []batchLine
	add := func(a *action, ls []line) {
		for _, l := range ls {
			if !l.late {
				out = append(out, batchLine{line: l, action: a})
			}
		}
	}
	for _, k := range slices.Backward(kinds) {
		if k == filterKind {
			// qdiscs, classes and filters as one tree: children first
			for _, a := range slices.Backward(tcOrder(p.actions)) {
				add(a, a.remove)
			}
		}
		if isTC(k) {
			continue
		}
		// Newest first: a dump lists an IPv4 device's primary address
		// before the secondaries its deletion takes along.
		dels := p.ofKind(k, nil)
		slices.Reverse(dels)
		slices.SortStableFunc(dels, groupsFirst)
		for _, a := range dels {
			add(a, a.remove)
		}
	}
	for _, k := range kinds {
		if k == qdiscKind {
			for _, a := range tcOrder(p.actions) {
				add(a, a.put)
			}
		}
		if isTC(k) {
			continue
		}
		for _, a := range p.ofKind(k, lowerFirst) {
			add(a, a.put)
		}
		if k == linkKind {
			for _, a := range p.ofKind(k, nil) {
				add(a, a.set)
			}
			// then what needs every link in place (a bond's primary)
			for _, a := range p.ofKind(k, nil) {
				for _, l := range slices.Concat(a.put, a.set) {
					if l.late {
						out = append(out, batchLine{line: l, action: a})
					}
				}
			}
		}
	}
	return out
}

// batchLine is one line of a plan's batch and the action it serves.
type batchLine struct {
	line
	action *action
}

// ofKind is the plan's actions on type k, in the order less sorts them.
func (p *Plan) ofKind(k *kind, less func(a, b *action) int) []*action {
	var out []*action
	for _, a := range p.actions {
		if a.kind == k {
			out = append(out, a)
		}
	}
	if less != nil {
		slices.SortStableFunc(out, less)
	}
	return out
}

// groupsFirst deletes nexthop groups before their members.
func groupsFirst(a, b *action) int { return rank(b, "group") - rank(a, "group") }

// lowerFirst creates links after the links they sit on, and nexthop
// groups after their members.
func lowerFirst(a, b *action) int {
	return rank(a, "link") + rank(a, "dev") + rank(a, "group") - rank(b, "link") - rank(b, "dev") - rank(b, "group")
}

// objectOf is what an action makes, or deletes.
func objectOf(a *action) *Item {
	if a.after != nil {
		return a.after
	}
	return a.before
}

func rank(a *action, field string) int {
	o := a.after
	if o == nil {
		o = a.before
	}
	if (a.kind == linkKind && field != "group" || a.kind == nexthopKind && field == "group") && o.Has(field) {
		return 1
	}
	return 0
}
