package class

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// node is one class of the tree tc -g draws.
type node struct {
	c        *rtnl.TC
	parent   *node
	right    *node // the child on the path being drawn (graph_indent's)
	children []*node
	hasNext  bool // a sibling follows in the list it is drawn from
}

// graph draws classes as tc -g does: each class as "+---(ID) KIND
// OPTIONS" under its parent, with the tree's lines. tc keeps its lists by
// pushing to their heads, so top-level classes come in the reverse of the
// kernel's order and the children of a class in the kernel's order; gip
// draws them in the same order.
type graph struct {
	f    *format.Fields
	text *format.Text
	v    *qdisc.View
	rest []*node // classes not yet placed under a parent, most recent first
}

// drawGraph draws the classes (in the kernel's order) into t.
func drawGraph(t *format.Text, classes []*rtnl.TC, v *qdisc.View) {
	g := &graph{f: format.NewTextFields(t), text: t, v: v}
	var roots []*node
	for _, c := range classes {
		n := &node{c: c}
		if c.Parent == rtnl.HandleRoot {
			roots = append([]*node{n}, roots...)
		} else {
			g.rest = append([]*node{n}, g.rest...)
		}
	}
	markNext(roots)
	g.draw(roots)
}

func markNext(list []*node) {
	for i, n := range list {
		n.hasNext = i < len(list)-1
	}
}

// draw draws the classes of one list and, after each, its children.
func (g *graph) draw(list []*node) {
	for _, n := range list {
		var children []*node
		kept := g.rest[:0]
		for _, c := range g.rest {
			if c.c.Parent == n.c.Handle {
				c.parent = n
				children = append([]*node{c}, children...)
			} else {
				kept = append(kept, c)
			}
		}
		g.rest = kept
		n.children = children
		markNext(children)

		id := sched.ClassIDText(n.c.Handle)
		g.f.Literal(g.indent(n, false, 0) + "+---(" + id + ") " + n.c.Kind + " ")
		k := qdisc.Lookup(n.c.Kind)
		if n.c.HasOptions && k.Class != nil && k.Class.Print != nil {
			o := k.Class.New()
			if o.Decode(n.c.Options) == nil {
				k.Class.Print(g.f, o, g.v)
			}
		}
		tail := ""
		if g.v.Stats {
			prefix := g.indent(n, true, len(n.c.Kind)-2+len(id))
			if n.c.Stats != nil {
				g.f.Literal("\n")
				qdisc.PrintStats(g.f, n.c.Stats, prefix, g.v)
			}
			if n.hasNext || len(n.children) > 0 {
				tail = "\n" + g.indent(n, true, 0)
			}
		}
		g.f.Literal(tail + "\n")
		g.draw(n.children)
		if !n.hasNext {
			g.f.Literal(g.indent(n, false, 0) + "\n")
		}
	}
}

// indent is tc's graph_indent: a column of "|" or blanks for each
// ancestor of n, by whether a sibling of it is still to come, then on a
// continuation line the start of n's own column, then spaces.
func (g *graph) indent(n *node, newline bool, spaces int) string {
	var b strings.Builder
	top := n
	for top.parent != nil {
		top.parent.right = top
		top = top.parent
	}
	// As tc, follow the path the right pointers make, which drawing a
	// class's children leaves set: after them, the line under the class
	// goes on through its last child's column.
	m := top
	for ; m.right != nil; m = m.right {
		if m.hasNext {
			b.WriteString("|    ")
		} else {
			b.WriteString("     ")
		}
	}
	if newline {
		switch {
		case m.hasNext && len(m.children) > 0:
			b.WriteString("|    |")
		case m.hasNext:
			b.WriteString("|     ")
		case len(m.children) > 0:
			b.WriteString("     |")
		default:
			b.WriteString("      ")
		}
	}
	if spaces > 0 {
		b.WriteString(strings.Repeat(" ", spaces))
	}
	return b.String()
}
