package qdisc

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func showVerb(name string) command.Verb {
	return command.Verb{
		Use:   name + " [ dev STRING ] [ ingress | clsact | root | parent CLASSID | handle QHANDLE ] [ invisible ]",
		Short: "list qdiscs",
		Run:   runShow,
	}
}

// showFilter is what tc qdisc show selects.
type showFilter struct {
	dev       string
	parent    uint32
	handle    uint32
	invisible bool
}

func parseShow(args []string) (*showFilter, error) {
	f := &showFilter{}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		selects := func() error {
			if f.parent != 0 {
				return fail.Invalid("parent is already specified", w)
			}
			if f.handle != 0 {
				return fail.Invalid("handle is already specified", w)
			}
			return nil
		}
		switch {
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.dev = v
		case w == "root" || w == "ingress" || w == "clsact":
			if err := selects(); err != nil {
				return nil, err
			}
			f.parent = rtnl.HandleRoot
			if w != "root" {
				f.parent = rtnl.HandleIngress
			}
		case grammar.Matches(w, "parent"):
			if err := selects(); err != nil {
				return nil, err
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
		case grammar.Matches(w, "handle"):
			if err := selects(); err != nil {
				return nil, err
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			h, ok := sched.ParseQdiscHandle(v)
			if !ok {
				return nil, fail.Invalid("invalid handle ID", v)
			}
			f.handle = h
		case grammar.Matches(w, "help"):
			return nil, usageError()
		case w == "invisible":
			f.invisible = true
		default:
			return nil, fail.Usagef("What is %q? Try \"tc qdisc help\".", w)
		}
	}
	return f, nil
}

func runShow(e *env.Env, args []string) error {
	f, err := parseShow(args)
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
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	req := rtnl.TCDumpRequest(unix.RTM_GETQDISC, rtnl.TCMsg{Ifindex: ifindex}, rtnl.Opt[uint32]{})
	if f.invisible {
		req.Data = append(req.Data, 4, 0, unix.TCA_DUMP_INVISIBLE, 0)
	}
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
	v := NewView(e)
	for m, err := range conn.Dump(req) {
		if err != nil {
			return DumpError(err)
		}
		var q rtnl.TC
		if err := rtnl.DecodeTC(m, &q); err != nil || q.Kind == "" {
			continue
		}
		if ifindex != 0 && q.Ifindex != ifindex || f.handle != 0 && q.Handle != f.handle ||
			f.parent != 0 && q.Parent != f.parent {
			continue
		}
		r := &Record{Q: &q, View: v, ShowDev: ifindex == 0}
		if r.ShowDev {
			r.Dev = links.Name(q.Ifindex)
		}
		if err := p.Print(r); err != nil {
			return err
		}
	}
	return p.Close()
}

// NewView is the printing options of e's command line.
func NewView(e *env.Env) *View {
	c, _ := sched.ReadClock()
	return &View{Details: e.G.Details > 0, Stats: e.G.Stats > 0, Raw: e.G.Raw, IEC: e.G.IEC, Clock: c}
}

// Record prints one qdisc as tc's print_qdisc does.
type Record struct {
	Q       *rtnl.TC
	View    *View
	ShowDev bool
	Dev     string
	// Event is "added", "replaced" or "deleted" for a monitor's or an
	// echo's message, "" for a listing.
	Event string
}

// Fields implements format.FieldRecord.
func (r *Record) Fields(f *format.Fields) {
	q, v := r.Q, r.View
	if r.Event != "" {
		f.Bool(r.Event, r.Event+" ", true)
	}
	f.String("kind", "qdisc %s", q.Kind)
	f.String("handle", " %s", sched.HandleText(q.Handle))
	if v.Raw {
		f.Literal("[" + hex8(q.Handle) + "]")
	}
	f.Literal(" ")
	if r.ShowDev {
		f.Literal("dev ")
		f.StringColor(format.ColorIfname, "dev", "%s ", r.Dev)
	}
	switch {
	case q.Parent == rtnl.HandleRoot:
		f.Bool("root", "root ", true)
	case q.Parent != 0:
		f.String("parent", "parent %s ", sched.ClassIDText(q.Parent))
	}
	if q.Info != 1 {
		f.Uint("refcnt", "refcnt %u ", uint64(q.Info))
	}
	if v, ok := q.HWOffload.Get(); ok && v != 0 {
		f.Bool("offloaded", "offloaded ", true)
	}
	if b, ok := q.IngressBlock.Get(); ok && b != 0 {
		f.Uint("ingress_block", "ingress_block %u ", uint64(b))
	}
	if b, ok := q.EgressBlock.Get(); ok && b != 0 {
		f.Uint("egress_block", "egress_block %u ", uint64(b))
	}
	name := q.Kind
	if name == "pfifo_fast" {
		name = "prio" // tc prints pfifo_fast with prio's code
	}
	k := Lookup(name)
	f.Open("options")
	if q.HasOptions && k.Print != nil {
		o := k.New()
		if o.Decode(q.Options) == nil {
			k.Print(f, o, v)
		}
	}
	f.Close()
	f.Line()
	if st, ok := q.Stab.Get(); ok && v.Details {
		printStab(f, st)
		f.Line()
	}
	if v.Stats && q.Stats != nil {
		PrintStats(f, q.Stats, " ", v)
		f.Line()
		if k.XStats != nil && q.XStats != nil {
			k.XStats(f, q.XStats, v)
			f.Line()
		}
	}
}

func utoa(v uint64) string { return strconv.FormatUint(v, 10) }

func hex8(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	for len(s) < 8 {
		s = "0" + s
	}
	return s
}

// CheckBlock answers a listing of a shared block as tc does before it
// dumps: with "Cannot find block" (exit 1) when no qdisc is bound to the
// block.
func CheckBlock(conn *nl.Conn, block uint32) error {
	req := rtnl.TCDumpRequest(unix.RTM_GETQDISC, rtnl.TCMsg{}, rtnl.Opt[uint32]{})
	found := false
	for m, err := range conn.Dump(req) {
		if err != nil {
			return DumpError(err)
		}
		var q rtnl.TC
		if found || rtnl.DecodeTC(m, &q) != nil {
			continue // the dump is read to its end
		}
		in, _ := q.IngressBlock.Get()
		out, _ := q.EgressBlock.Get()
		found = in == block || out == block
	}
	if !found {
		return fail.Localf("Cannot find block \"%d\"", block)
	}
	return nil
}
