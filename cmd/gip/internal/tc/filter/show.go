package filter

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func showVerb(typ uint16) command.Verb {
	short := "list filters"
	if typ == unix.RTM_GETCHAIN {
		short = "list chains"
	}
	return command.Verb{
		Use:   "show [ dev STRING | block BLOCK_INDEX ] [ root | ingress | egress | parent CLASSID ] [ handle FILTERID ] [ pref PRIO ] [ protocol PROTO ] [ chain CHAIN_INDEX ]",
		Short: short,
		Run:   func(e *env.Env, args []string) error { return runShow(e, args, typ) },
	}
}

// Selection is what a listing names already, and so does not repeat on
// each filter (tc's filter_ifindex, filter_parent, ... globals).
type Selection struct {
	Ifindex  int32
	Block    uint32
	Parent   uint32
	Prio     uint32
	Protocol uint16
	Chain    rtnl.Opt[uint32]
}

// runShow lists filters (RTM_GETTFILTER) or chains (RTM_GETCHAIN) as
// tc_filter_list does.
func runShow(e *env.Env, args []string, typ uint16) error {
	var sel Selection
	var dev, handle string
	req := rtnl.TCMsg{}
	a := grammar.NewArgs(args)
	parent := func(w string, h uint32) error {
		if req.Parent != 0 {
			return fail.Usagef("Error: %q is duplicate parent ID", w)
		}
		req.Parent, sel.Parent = h, h
		return nil
	}
	for a.More() {
		w := a.Next()
		var err error
		switch {
		case w == "dev":
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			switch {
			case dev != "":
				return fail.Duplicate("dev", v)
			case sel.Block != 0:
				return fail.Usagef(`Error: "dev" cannot be used in the same time as "block"`)
			}
			dev = v
		case grammar.Matches(w, "block"):
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			switch {
			case sel.Block != 0:
				return fail.Duplicate("block", v)
			case dev != "":
				return fail.Usagef(`Error: "block" cannot be used in the same time as "dev"`)
			}
			b, ok := grammar.ParseCUint(v, 32)
			if !ok || b == 0 {
				return fail.Invalid("invalid block index value", v)
			}
			sel.Block = uint32(b)
		case w == "root":
			err = parent(w, rtnl.HandleRoot)
		case w == "ingress":
			err = parent(w, rtnl.MakeHandle(0xFFFF, rtnl.MinIngress))
		case w == "egress":
			err = parent(w, rtnl.MakeHandle(0xFFFF, rtnl.MinEgress))
		case w == "parent":
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			if req.Parent != 0 {
				return fail.Duplicate("parent", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return fail.Invalid("invalid parent ID", v)
			}
			req.Parent, sel.Parent = h, h
		case w == "handle":
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			if handle != "" {
				return fail.Duplicate("handle", v)
			}
			handle = v
		case grammar.Matches(w, "preference") || grammar.Matches(w, "priority"):
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			if sel.Prio != 0 {
				return fail.Duplicate("priority", v)
			}
			p, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid preference", v)
			}
			sel.Prio = uint32(p)
		case grammar.Matches(w, "protocol"):
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			if sel.Protocol != 0 {
				return fail.Duplicate("protocol", v)
			}
			p, ok := grammar.ParseEthProto(v)
			if !ok {
				return fail.Invalid("invalid protocol", v)
			}
			sel.Protocol = p
		case grammar.Matches(w, "chain"):
			var v string
			if v, err = a.Value(); err != nil {
				return err
			}
			if sel.Chain.Set {
				return fail.Duplicate("chain", v)
			}
			c, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid chain index value", v)
			}
			sel.Chain = rtnl.Some(uint32(c))
		case grammar.Matches(w, "help"):
			return usageAnswer()
		default:
			return fail.Usagef(" What is %q? Try \"tc filter help\"", w)
		}
		if err != nil {
			return err
		}
	}
	req.Info = sel.Prio<<16 | uint32(sel.Protocol>>8|sel.Protocol<<8)
	links := e.Links()
	switch {
	case dev != "":
		l, err := env.LookupLink(e, dev)
		if err != nil {
			return err
		}
		req.Ifindex, sel.Ifindex = l.Index, l.Index
	case sel.Block != 0:
		req.Ifindex, req.Parent = rtnl.IfindexBlock, sel.Block
	}
	if err := links.Preload(); err != nil {
		return fail.Kernel(err)
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if sel.Block != 0 {
		if err := qdisc.CheckBlock(conn, sel.Block); err != nil {
			return err
		}
	}
	m := rtnl.TCDumpRequest(typ, req, sel.Chain)
	if e.G.Brief && typ == unix.RTM_GETTFILTER {
		m = rtnl.TCTerseDumpRequest(req, sel.Chain)
	}
	p := e.Printer()
	p.Stream()
	v := NewView(e)
	// One record and message model serve the whole listing: each filter
	// is printed before the next is read.
	var t rtnl.TC
	rec := &Record{F: &t, Sel: &sel, View: v}
	for msg, err := range conn.Dump(m) {
		if err != nil {
			p.Abandon()
			return qdisc.DumpError(err)
		}
		if err := rtnl.DecodeTCAliased(msg, &t); err != nil {
			continue
		}
		rec.Type, rec.Flags = msg.Header.Type, msg.Header.Flags
		if err := p.Print(rec); err != nil {
			return err
		}
	}
	return p.Close()
}

// NewView is the printing options of e's command line.
func NewView(e *env.Env) *View {
	return &View{
		Q:       qdisc.NewView(e),
		A:       action.NewView(e),
		Pretty:  e.G.Pretty && !e.G.JSON,
		Numeric: e.G.Numeric,
		Realm:   func(id uint32) string { return string(e.Names().AppendRealm(nil, id)) },
	}
}

// Record prints one filter (or chain) message as tc's print_filter does.
type Record struct {
	F     *rtnl.TC
	Type  uint16 // the message type: NEW/DEL TFILTER or CHAIN
	Flags nl.Flags
	Sel   *Selection
	View  *View
	Dev   string
}

// Fields implements format.FieldRecord.
func (r *Record) Fields(f *format.Fields) {
	t, sel, v := r.F, r.Sel, r.View
	isFilter := r.Type == unix.RTM_NEWTFILTER || r.Type == unix.RTM_GETTFILTER || r.Type == unix.RTM_DELTFILTER
	if r.Type == unix.RTM_DELTFILTER || r.Type == unix.RTM_DELCHAIN {
		f.Bool("deleted", "deleted ", true)
	}
	if (r.Type == unix.RTM_NEWTFILTER || r.Type == unix.RTM_NEWCHAIN) && r.Flags&nl.Create != 0 {
		if r.Flags&nl.Excl != 0 {
			f.Bool("added", "added ", true)
		} else {
			f.Bool("replaced", "replaced ", true)
		}
	}
	if isFilter {
		f.Literal("filter ")
	} else {
		f.Literal("chain ")
	}
	if t.Ifindex == rtnl.IfindexBlock {
		if sel.Block == 0 || sel.Block != t.Parent {
			f.Uint("block", "block %u ", uint64(t.Parent))
		}
	} else {
		if sel.Ifindex == 0 || sel.Ifindex != t.Ifindex {
			f.Literal("dev ")
			f.StringColor(format.ColorIfname, "dev", "%s ", v.A.Name(t.Ifindex))
		}
		if sel.Parent == 0 || sel.Parent != t.Parent {
			switch t.Parent {
			case rtnl.HandleRoot:
				f.Bool("root", "root ", true)
			case rtnl.MakeHandle(0xFFFF, rtnl.MinIngress):
				f.Bool("ingress", "ingress ", true)
			case rtnl.MakeHandle(0xFFFF, rtnl.MinEgress):
				f.Bool("egress", "egress ", true)
			default:
				f.String("parent", "parent %s ", sched.ClassIDText(t.Parent))
			}
		}
	}
	var proto uint16
	if t.Info != 0 && isFilter {
		proto = filterProto(t.TCMsg)
		prio := t.Info >> 16
		if (sel.Protocol == 0 || sel.Protocol != proto) && proto != 0 {
			f.String("protocol", "protocol %s ", grammar.EthProtoText(proto, v.Numeric))
		}
		if (sel.Prio == 0 || sel.Prio != prio) && prio != 0 {
			f.Uint("pref", "pref %u ", uint64(prio))
		}
	}
	if t.Kind != "" {
		f.String("kind", "%s ", t.Kind)
	}
	if c, ok := t.Chain.Get(); ok && (!sel.Chain.Set || sel.Chain.V != c) {
		f.Uint("chain", "chain %u ", uint64(c))
	}
	if t.Kind != "" && t.HasOptions {
		k := Lookup(t.Kind)
		f.Open("options")
		o := v.options(k)
		if o.Decode(t.Options) == nil {
			k.Print(f, o, t.TCMsg, v)
		}
		f.Close()
	}
	f.Line()
	if v.Q.Stats && t.Stats != nil {
		qdisc.PrintStats(f, t.Stats, " ", v.Q)
		f.Line()
	}
}

// options returns the options a listing decodes filters of kind k into,
// one per kind, reused from record to record.
func (v *View) options(k *Kind) rtnl.TCOptions {
	if o, ok := v.decoded[k.Name]; ok {
		return o
	}
	if v.decoded == nil {
		v.decoded = map[string]rtnl.TCOptions{}
	}
	o := k.New()
	v.decoded[k.Name] = o
	return o
}
