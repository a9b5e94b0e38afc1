package action

import (
	"errors"

	"github.com/cilium/ebpf"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/bpfprog"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const bpfUsage = `Usage: ... bpf ... [ index INDEX ]

BPF use case:
 bytecode BPF_BYTECODE
 bytecode-file FILE

eBPF use case:
 object-file FILE [ section ACT_NAME ] [ export UDS_FILE ] [ verbose ]
 object-pinned FILE

Where BPF_BYTECODE := 's,c t f k,c t f k,c t f k,...'
c,t,f,k and s are decimals; s denotes number of 4-tuples

Where FILE points to a file containing the BPF_BYTECODE string,
an ELF file containing eBPF map definitions and bytecode, or a
pinned eBPF program.

Where ACT_NAME refers to the section name containing the
action (default 'action').

Where UDS_FILE points to a unix domain socket file in order
to hand off control of all created eBPF maps to an agent.

Where optionally INDEX points to an existing action, or
explicitly specifies an action index upon creation.`

// bpfOptions is the bpf action's options and, while the request is on
// its way, the program it names: the descriptor in TCA_ACT_BPF_FD must
// stay open until the kernel has answered.
type bpfOptions struct {
	rtnl.ActBPF
	prog *bpfprog.Config
}

// Release closes the program gip loaded for the request (the action
// holds its own reference once the kernel accepted it).
func (o *bpfOptions) Release() {
	if o.prog != nil {
		o.prog.Close()
		o.prog = nil
	}
}

// bpfKind is bpf: a classic or eBPF program whose result is the verdict.
func bpfKind() *Kind {
	k := &Kind{Name: "bpf", Usage: bpfUsage}
	k.New, k.Parse, k.Print = typed(parseActBPF, printActBPF)
	return k
}

func parseActBPF(p *Parser, o *bpfOptions) error {
	if _, err := p.value(); err != nil {
		return err
	}
	seenRun := false
loop:
	for p.More() {
		switch w := p.Peek(); {
		case grammar.Matches(w, "run"):
			v, err := p.value()
			if err != nil {
				return err
			}
			if seenRun {
				return fail.Duplicate("run", v)
			}
		case grammar.Matches(w, "help"):
			return p.Fail(bpfUsage)
		case grammar.Matches(w, "index"):
			break loop
		case seenRun:
			break loop
		}
		seenRun = true
		if err := loadActBPF(p, o); err != nil {
			return err
		}
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	_, err := p.IndexTail(`bpf: Illegal "index"`, &o.Parms.Index)
	return err
}

// loadActBPF reads the program's words at the cursor and loads it, as
// tc does for the action in one step.
func loadActBPF(p *Parser, o *bpfOptions) error {
	cfg, err := bpfprog.Parse(p.Args, ebpf.SchedACT, true)
	if err != nil {
		var pe *bpfprog.ParseError
		if errors.As(err, &pe) {
			if pe.Msg == "" {
				return p.Fail()
			}
			return p.Fail(pe.Msg)
		}
		return err
	}
	if err := cfg.Load(p.Stderr); err != nil {
		var le *bpfprog.LoadError
		if errors.As(err, &le) {
			return p.Fail(le.Msg)
		}
		return err
	}
	o.Release()
	o.prog = cfg
	o.Ops, o.FD, o.Name = nil, rtnl.Opt[uint32]{}, rtnl.Opt[string]{}
	switch cfg.Mode {
	case bpfprog.Bytecode, bpfprog.BytecodeFile:
		o.Ops = cfg.Ops
	case bpfprog.Object, bpfprog.Pinned:
		fd, _ := cfg.FD()
		o.FD = rtnl.Some(fd)
		o.Name = rtnl.Some(cfg.Annotation())
	}
	if cfg.UDS != "" {
		o.Release()
		return p.Fail(`gip tc: "export" (handing the maps to an agent over a unix socket) is not supported yet`)
	}
	return nil
}

func printActBPF(f *format.Fields, o *bpfOptions, v *View) {
	f.String("kind", "%s ", "bpf")
	if n, ok := o.Name.Get(); ok {
		f.String("bpf_name", "%s ", n)
	}
	if len(o.Ops) > 0 {
		bpfprog.PrintOps(f, o.Ops)
		f.Literal(" ")
	}
	shown := false
	if id, ok := o.ID.Get(); ok {
		shown = bpfprog.PrintProgInfo(f, id, v.Details)
	}
	if !shown && len(o.Tag) > 0 {
		bpfprog.PrintTag(f, o.Tag)
	}
	PrintControl(f, "default-action ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
	// tc ends the bpf action with a line break and a space.
	f.Literal(" ")
}
