package filter

import (
	"errors"
	"strconv"

	"github.com/cilium/ebpf"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/bpfprog"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const bpfUsage = `Usage: ... bpf ...

BPF use case:
 bytecode BPF_BYTECODE
 bytecode-file FILE

eBPF use case:
 object-file FILE [ section CLS_NAME ] [ export UDS_FILE ] [ verbose ] [ direct-action ] [ skip_hw | skip_sw ]
 object-pinned FILE [ direct-action ] [ skip_hw | skip_sw ]

Common remaining options:
 [ action ACTION_SPEC ]
 [ classid CLASSID ]

Where BPF_BYTECODE := 's,c t f k,c t f k,c t f k,...'
c,t,f,k and s are decimals; s denotes number of 4-tuples

Where FILE points to a file containing the BPF_BYTECODE string,
an ELF file containing eBPF map definitions and bytecode, or a
pinned eBPF program.

Where CLS_NAME refers to the section name containing the
classifier (default 'classifier').

Where UDS_FILE points to a unix domain socket file in order
to hand off control of all created eBPF maps to an agent.

ACTION_SPEC := ... look at individual actions
NOTE: CLASSID is parsed as hexadecimal input.`

// bpfOptions is the bpf filter's options and, while the request is on
// its way, the program it names: the descriptor in TCA_BPF_FD must stay
// open until the kernel has answered.
type bpfOptions struct {
	rtnl.BPF
	prog *bpfprog.Config
}

// Release closes the program gip loaded for the request (the filter
// holds its own reference once the kernel accepted it).
func (o *bpfOptions) Release() {
	if o.prog != nil {
		o.prog.Close()
	}
}

// bpfKind is bpf: a classic or eBPF program classifies (or, with
// direct-action, acts).
func bpfKind() *Kind {
	k := &Kind{Name: "bpf", Usage: bpfUsage}
	k.New, k.Parse, k.Print = typed(parseBPF, printBPF)
	return k
}

func parseBPF(p *Parser, o *bpfOptions) error {
	if p.Handle != "" {
		h, err := strconv.ParseUint(p.Handle, 0, 32)
		if err != nil {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = uint32(h)
	}
	if !p.More() {
		return nil
	}
	o.Present = true
	var gen, flags uint32
	run := func() error {
		cfg, err := bpfprog.Parse(p.Args, ebpf.SchedCLS, true)
		if err != nil {
			var pe *bpfprog.ParseError
			if errors.As(err, &pe) {
				if pe.Msg == "" {
					return p.Fail("Unable to parse bpf command line")
				}
				return p.Fail(pe.Msg, "Unable to parse bpf command line")
			}
			return err
		}
		o.prog.Close()
		o.prog = cfg
		return nil
	}
	o.prog = &bpfprog.Config{}
	seenRun := false
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "run"):
			if !p.More() {
				_, err := p.Value()
				return err
			}
			if seenRun {
				return fail.Duplicate("run", p.Peek())
			}
			seenRun = true
			if err := run(); err != nil {
				return err
			}
		case grammar.Matches(w, "classid") || grammar.Matches(w, "flowid"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			id, ok := sched.ParseClassID(v)
			if !ok {
				return p.Fail(`Illegal "classid"`)
			}
			o.Classid = rtnl.Some(id)
		case grammar.Matches(w, "direct-action") || grammar.Matches(w, "da"):
			flags |= rtnl.BPFFlagActDirect
		case grammar.Matches(w, "skip_hw"):
			gen |= rtnl.ClsFlagSkipHW
		case grammar.Matches(w, "skip_sw"):
			gen |= rtnl.ClsFlagSkipSW
		case grammar.Matches(w, "action"):
			if !p.More() {
				_, err := p.Value()
				return err
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
		case grammar.Matches(w, "police"):
			pol, err := p.Police()
			if err != nil {
				return err
			}
			o.Police = pol
		case grammar.Matches(w, "help"):
			return p.Fail(bpfUsage)
		default:
			if seenRun {
				return p.WhatIs(w)
			}
			p.Back()
			seenRun = true
			if err := run(); err != nil {
				return err
			}
		}
	}
	if err := o.prog.Load(p.Stderr); err != nil {
		var le *bpfprog.LoadError
		if errors.As(err, &le) {
			return p.Fail(le.Msg, "Unable to load program")
		}
		return err
	}
	switch c := o.prog; c.Mode {
	case bpfprog.Bytecode, bpfprog.BytecodeFile:
		o.Ops = c.Ops
	case bpfprog.Object, bpfprog.Pinned:
		fd, _ := c.FD()
		o.FD = rtnl.Some(fd)
		o.Name = rtnl.Some(c.Annotation())
	}
	if gen != 0 {
		o.FlagsGen = rtnl.Some(gen)
	}
	if flags != 0 {
		o.Flags = rtnl.Some(flags)
	}
	if o.prog.UDS != "" {
		o.prog.Close()
		return p.Fail(`gip tc: "export" (handing the maps to an agent over a unix socket) is not supported yet`)
	}
	return nil
}

func printBPF(f *format.Fields, o *bpfOptions, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.String("handle", "handle %s ", "0x"+strconv.FormatUint(uint64(h.Handle), 16))
	}
	if c, ok := o.Classid.Get(); ok {
		f.String("flowid", "flowid %s ", sched.ClassIDText(c))
	}
	if n, ok := o.Name.Get(); ok {
		f.String("bpf_name", "%s ", n)
	}
	if fl, ok := o.Flags.Get(); ok && fl&rtnl.BPFFlagActDirect != 0 {
		f.Bool("direct-action", "direct-action ", true)
	}
	if fl, ok := o.FlagsGen.Get(); ok {
		printClsFlags(f, fl)
	}
	bpfprog.PrintOps(f, o.Ops)
	ok := false
	if id, set := o.ID.Get(); set {
		ok = bpfprog.PrintProgInfo(f, id, v.Q.Details)
	}
	if !ok && o.Tag != nil {
		bpfprog.PrintTag(f, o.Tag)
	}
	if o.Police != nil {
		f.Line()
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
