package tc

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/bpfprog"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/class"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// deviceVerb is `gip tc show dev DEV`, gip's own: a device's whole
// traffic-control setup in one document, where tc needs a listing per
// qdisc, class parent and chain.
func deviceVerb() command.Verb {
	return command.Verb{
		Use:   "show dev DEV",
		Short: "a device's qdiscs, classes and filters in one listing (gip's own)",
		Run:   runDevice,
	}
}

// setup is what a device holds, as the kernel lists it.
type setup struct {
	qdiscs  []*rtnl.TC
	classes []*rtnl.TC
	// filters by parent, in the order of the qdiscs and classes they
	// hang on.
	filters []parentFilters
	// tcx is the BPF programs on the device's tcx hooks, ingress's first,
	// each in the order they run.
	tcx []tcxProg
}

// tcxProg is a program attached to a tcx hook.
type tcxProg struct {
	hook string // "ingress" or "egress"
	id   uint32
}

type parentFilters struct {
	parent uint32
	tcs    []*rtnl.TC
}

func runDevice(e *env.Env, args []string) error {
	a := grammar.NewArgs(args)
	dev := ""
	for a.More() {
		switch w := a.Next(); w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		default:
			return fail.Usagef("What is %q? Try \"gip tc show dev DEV\".", w)
		}
	}
	if dev == "" {
		return fail.Usagef("Usage: gip tc show dev DEV")
	}
	idx, err := e.Links().Index(dev)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	s, err := collect(conn, idx, e.G.NetNS)
	if err != nil {
		return err
	}
	return printSetup(e, dev, s)
}

// dump lists the messages of one dump, decoded and kept.
func dump(conn *nl.Conn, typ uint16, h rtnl.TCMsg) ([]*rtnl.TC, error) {
	var out []*rtnl.TC
	for m, err := range conn.Dump(rtnl.TCDumpRequest(typ, h, rtnl.Opt[uint32]{})) {
		if err != nil {
			return nil, qdisc.DumpError(err)
		}
		t := &rtnl.TC{}
		if rtnl.DecodeTC(m, t) == nil && t.Ifindex == h.Ifindex {
			out = append(out, t)
		}
	}
	return out, nil
}

// collect reads the device's qdiscs, classes, and the filters on each
// qdisc and class (clsact's and ingress's on their hooks), and the
// programs on its tcx hooks (asked in netNS, the namespace of tc -n).
func collect(conn *nl.Conn, idx int32, netNS string) (*setup, error) {
	s := &setup{}
	var err error
	if s.qdiscs, err = dump(conn, unix.RTM_GETQDISC, rtnl.TCMsg{Ifindex: idx}); err != nil {
		return nil, err
	}
	if s.classes, err = dump(conn, unix.RTM_GETTCLASS, rtnl.TCMsg{Ifindex: idx}); err != nil {
		return nil, err
	}
	var parents []uint32
	for _, q := range s.qdiscs {
		switch q.Kind {
		case "clsact":
			parents = append(parents, rtnl.MakeHandle(0xFFFF, rtnl.MinIngress), rtnl.MakeHandle(0xFFFF, rtnl.MinEgress))
		case "ingress":
			parents = append(parents, rtnl.MakeHandle(0xFFFF, 0))
		default:
			parents = append(parents, q.Handle)
		}
	}
	for _, c := range s.classes {
		parents = append(parents, c.Handle)
	}
	for _, p := range parents {
		fs, err := dump(conn, unix.RTM_GETTFILTER, rtnl.TCMsg{Ifindex: idx, Parent: p})
		if err != nil {
			return nil, err
		}
		if len(fs) > 0 {
			s.filters = append(s.filters, parentFilters{parent: p, tcs: fs})
		}
	}
	for _, hook := range []string{"ingress", "egress"} {
		var ids []uint32
		err := nl.InNetNS(netNS, func() (err error) {
			ids, err = bpfprog.TCXPrograms(idx, hook == "egress")
			return err
		})
		if errors.Is(err, bpfprog.ErrNoTCX) {
			break
		}
		if err != nil {
			return nil, fail.Localf("gip tc: cannot list the tcx %s programs: %s", hook, fail.Strerror(err))
		}
		for _, id := range ids {
			s.tcx = append(s.tcx, tcxProg{hook, id})
		}
	}
	return s, nil
}

// printSetup prints the setup: in text as the three tc listings one after
// the other, each filter group under a line naming its parent; in JSON as
// one object {"dev", "qdiscs", "classes", "filters": [{"parent",
// "filters"}], "tcx": [{"hook", "prog"}]} whose members are what the
// listings print. The programs on tcx hooks follow, under "tcx HOOK"
// lines, as a bpf filter prints its program.
func printSetup(e *env.Env, dev string, s *setup) error {
	qv := qdisc.NewView(e)
	fv := filter.NewView(e)
	records := func(f *format.Fields, tcs []*rtnl.TC, rec func(*rtnl.TC) format.FieldRecord) {
		for _, t := range tcs {
			f.OpenElement()
			rec(t).Fields(f)
			f.Close()
		}
	}
	qrec := func(t *rtnl.TC) format.FieldRecord { return &qdisc.Record{Q: t, View: qv} }
	crec := func(t *rtnl.TC) format.FieldRecord { return &class.Record{C: t, View: qv} }
	if e.G.JSON {
		w := format.NewJSONWriter(e.G.Pretty)
		f := format.NewJSONFields(w, format.Normal)
		w.StartObject()
		f.String("dev", "", dev)
		f.OpenArray("qdiscs")
		records(f, s.qdiscs, qrec)
		f.CloseArray()
		f.OpenArray("classes")
		records(f, s.classes, crec)
		f.CloseArray()
		f.OpenArray("filters")
		for _, g := range s.filters {
			f.OpenElement()
			f.String("parent", "", sched.ClassIDText(g.parent))
			if h := hookName(g.parent); h != "" {
				f.String("hook", "", h)
			}
			f.OpenArray("filters")
			sel := &filter.Selection{Ifindex: g.tcs[0].Ifindex, Parent: g.parent}
			records(f, g.tcs, func(t *rtnl.TC) format.FieldRecord {
				return &filter.Record{F: t, Type: unix.RTM_NEWTFILTER, Sel: sel, View: fv}
			})
			f.CloseArray()
			f.Close()
		}
		f.CloseArray()
		f.OpenArray("tcx")
		for _, p := range s.tcx {
			f.OpenElement()
			f.String("hook", "", p.hook)
			bpfprog.PrintProgInfo(f, p.id, qv.Details)
			f.Close()
		}
		f.CloseArray()
		w.EndObject()
		_, err := e.Stdout.Write(append(w.Bytes(), '\n'))
		return err
	}
	t := format.NewText(format.Normal, e.Color())
	f := format.NewTextFields(t)
	for _, q := range s.qdiscs {
		qrec(q).Fields(f)
	}
	for _, c := range s.classes {
		crec(c).Fields(f)
	}
	for _, g := range s.filters {
		f.Literal("filters " + parentText(g.parent) + "\n")
		sel := &filter.Selection{Ifindex: g.tcs[0].Ifindex, Parent: g.parent}
		for _, ft := range g.tcs {
			(&filter.Record{F: ft, Type: unix.RTM_NEWTFILTER, Sel: sel, View: fv}).Fields(f)
		}
	}
	hook := ""
	for _, p := range s.tcx {
		if p.hook != hook {
			hook = p.hook
			f.Literal("tcx " + hook + "\n")
		}
		f.Literal(" ")
		bpfprog.PrintProgInfo(f, p.id, qv.Details)
		f.Line()
	}
	_, err := e.Stdout.Write(*t.Bytes())
	return err
}

// hookName names clsact's hooks; "" for any other parent.
func hookName(parent uint32) string {
	switch parent {
	case rtnl.MakeHandle(0xFFFF, rtnl.MinIngress):
		return "ingress"
	case rtnl.MakeHandle(0xFFFF, rtnl.MinEgress):
		return "egress"
	}
	return ""
}

// parentText names a filter group's parent as tc's filter listing does:
// ingress, egress or "parent MAJ:MIN".
func parentText(parent uint32) string {
	if h := hookName(parent); h != "" {
		return h
	}
	return "parent " + sched.ClassIDText(parent)
}
