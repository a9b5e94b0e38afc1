package class

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// showFilter is what tc class show selects.
type showFilter struct {
	dev     string
	parent  uint32
	qdisc   uint32 // only classes of this qdisc (its major), printed by minor
	classid uint32
}

func parseShow(e *env.Env, args []string) (*showFilter, error) {
	f := &showFilter{}
	a := grammar.NewArgs(args)
	for a.More() {
		switch w := a.Next(); {
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if f.dev != "" {
				return nil, fail.Duplicate("dev", v)
			}
			f.dev = v
		case w == "qdisc":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if f.qdisc != 0 {
				return nil, fail.Duplicate("qdisc", v)
			}
			h, ok := sched.ParseQdiscHandle(v)
			if !ok {
				return nil, fail.Invalid("invalid qdisc ID", v)
			}
			f.qdisc = h
		case w == "classid":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if f.classid != 0 {
				return nil, fail.Duplicate("classid", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return nil, fail.Invalid("invalid class ID", v)
			}
			f.classid = h
		case w == "root":
			if f.parent != 0 {
				return nil, fail.Usagef(`Error: "root" is duplicate parent ID`)
			}
			f.parent = rtnl.HandleRoot
		case w == "parent":
			if f.parent != 0 {
				return nil, fail.Duplicate("parent", a.Peek())
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return nil, fail.Invalid("invalid parent ID", v)
			}
			f.parent = h
		case grammar.Matches(w, "help"):
			fmt.Fprintln(e.Stderr, usage)
		default:
			return nil, fail.Usagef("What is %q? Try \"tc class help\".", w)
		}
	}
	return f, nil
}

func runShow(e *env.Env, args []string) error {
	f, err := parseShow(e, args)
	if err != nil {
		return err
	}
	var ifindex int32
	if f.dev != "" {
		l, err := env.LookupLink(e, f.dev)
		if err != nil {
			return err
		}
		ifindex = l.Index
	}
	graphing := e.G.Graph && !e.G.JSON
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	req := rtnl.TCDumpRequest(unix.RTM_GETTCLASS, rtnl.TCMsg{Ifindex: ifindex, Parent: f.parent}, rtnl.Opt[uint32]{})
	links := e.Links()
	if ifindex == 0 {
		// Names are needed for every device; learn them before the dump,
		// which leaves the socket busy until it ends.
		if err := links.Preload(); err != nil {
			return fail.Kernel(err)
		}
	}
	p := e.Printer()
	p.Stream()
	v := qdisc.NewView(e)
	var graphed []*rtnl.TC
	for m, err := range conn.Dump(req) {
		if err != nil {
			return qdisc.DumpError(err)
		}
		var c rtnl.TC
		if err := rtnl.DecodeTC(m, &c); err != nil {
			continue
		}
		if graphing {
			// tc -g takes every class of the dump, selectors aside.
			graphed = append(graphed, &c)
			continue
		}
		if c.Kind == "" {
			continue
		}
		if f.qdisc != 0 && rtnl.Major(c.Handle^f.qdisc) != 0 || f.classid != 0 && c.Handle != f.classid {
			continue
		}
		if k := qdisc.Lookup(c.Kind); c.HasOptions && (k.Class == nil || k.Class.Print == nil) {
			// tc has no printer for the class's options: it says so on
			// standard error, without a newline.
			fmt.Fprint(e.Stderr, "[cannot parse class parameters]")
		}
		r := &Record{C: &c, View: v, ShowDev: ifindex == 0, ByMinor: f.qdisc != 0}
		if r.ShowDev {
			r.Dev = links.Name(c.Ifindex)
		}
		if err := p.Print(r); err != nil {
			return err
		}
	}
	if graphing {
		t := format.NewText(format.Normal, false)
		drawGraph(t, graphed, v)
		_, err := e.Stdout.Write(*t.Bytes())
		return err
	}
	return p.Close()
}

// Record prints one class as tc's print_class does.
type Record struct {
	C       *rtnl.TC
	View    *qdisc.View
	ShowDev bool
	Dev     string
	ByMinor bool // ids as ":MIN" (tc class show qdisc X)
	Deleted bool
}

// Fields implements format.FieldRecord.
func (r *Record) Fields(f *format.Fields) {
	c, v := r.C, r.View
	if r.Deleted {
		f.Null("deleted", "deleted ")
	}
	id := func(h uint32) string {
		if r.ByMinor {
			h = rtnl.Minor(h)
		}
		return sched.ClassIDText(h)
	}
	handle := ""
	if c.Handle != 0 {
		handle = id(c.Handle)
	}
	f.String("class", "class %s ", c.Kind)
	f.String("handle", "%s ", handle)
	if r.ShowDev {
		f.Literal("dev ")
		f.StringColor(format.ColorIfname, "dev", "%s ", r.Dev)
	}
	if c.Parent == rtnl.HandleRoot {
		f.Bool("root", "root ", true)
	} else {
		f.String("parent", "parent %s ", id(c.Parent))
	}
	if c.Info != 0 {
		leaf := fmt.Sprintf("%x", c.Info>>16)
		f.String("leaf", "", "0x"+leaf)
		f.Literal("leaf " + leaf + ": ")
	}
	k := qdisc.Lookup(c.Kind)
	if c.HasOptions && k.Class != nil && k.Class.Print != nil {
		o := k.Class.New()
		if o.Decode(c.Options) == nil {
			k.Class.Print(f, o, v)
		}
	}
	f.Line()
	if v.Stats {
		f.Open("stats")
		if c.Stats != nil {
			qdisc.PrintStats(f, c.Stats, " ", v)
			f.Line()
		}
		// tc prints a class's xstats with the kind's one printer; a
		// kind with no class half (cake, whose flows are classes) has
		// only the qdisc's.
		xstats := k.XStats
		if k.Class != nil && k.Class.XStats != nil {
			xstats = k.Class.XStats
		}
		if xstats != nil && c.XStats != nil {
			xstats(f, c.XStats, v)
			f.Line()
		}
		f.Close()
	}
}
