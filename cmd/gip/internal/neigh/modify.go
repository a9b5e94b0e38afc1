package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// modifyVerb is add, change, replace or delete: one request of type typ
// with flags for the entry the arguments name.
func modifyVerb(name string, typ uint16, flags nl.Flags) command.Verb {
	return command.Planned(
		name+" { ADDR [ lladdr LLADDR ] [ nud STATE ] | proxy ADDR } [ dev DEV ] [ router ] [ extern_learn ]",
		name+" a neighbour entry",
		func(e *env.Env, args []string) ([]plan.Step, error) {
			return planModify(args, e.G.Family, typ, flags)
		})
}

// change is a parsed add, change, replace or delete, and the one step it
// makes (held here so that a plan costs one allocation for both).
type change struct {
	entry
	typ   uint16
	flags nl.Flags
	steps [1]plan.Step
	ll    [maxLLAddr]byte // holds spec.LLAddr
}

// maxLLAddr is the longest link-layer address ip reads (MAX_ADDR_LEN).
const maxLLAddr = 32

// planModify parses a command line into the step that makes the change.
// It does not talk to the kernel: the device is resolved when the step is
// built, so a batch can name a device an earlier line creates.
func planModify(args []string, family uint8, typ uint16, flags nl.Flags) ([]plan.Step, error) {
	en, err := parseEntry(args, family)
	if err != nil {
		return nil, err
	}
	if !en.hasDev || !en.hasDst {
		return nil, fail.Usagef("Device and destination are required arguments.")
	}
	c := &change{entry: en, typ: typ, flags: flags}
	if en.lladdr != "" && en.lladdr != "null" {
		b, ok := grammar.AppendLLAddr(c.ll[:0], en.lladdr)
		if !ok {
			return nil, fail.Localf("%q is invalid lladdr.", en.lladdr)
		}
		c.spec.LLAddr = b
	}
	c.steps[0] = plan.Step{Build: c.build, Report: refused, Fatal: true}
	if typ == unix.RTM_NEWNEIGH && flags == rtnl.FlagsAdd && c.spec.Flags&unix.NTF_PROXY == 0 {
		// (A proxy entry is added again without complaint, so an add
		// that succeeded need not have made it: it has no undo.)
		// An add that succeeded created the entry (NLM_F_EXCL): deleting
		// it restores what was there.
		c.steps[0].Undo = undoAdd
	}
	return c.steps[:], nil
}

// refused is a kernel refusal of a neighbour change, on which ip exits at
// once with status 2, even in a batch run with -force.
func refused(err error) error { return fail.AsFatal(fail.Kernel(err)) }

// build resolves the device and makes the request.
func (c *change) build(e *env.Env) (nl.Message, error) {
	s := c.spec
	if c.dev != "" {
		i, err := e.Links().Index(c.dev)
		if err != nil {
			return nl.Message{}, err
		}
		s.Index = i
	}
	return s.Message(c.typ, c.flags)
}

// undoAdd deletes the entry an add request created.
func undoAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	n, err := rtnl.ParseNeigh(req)
	if err != nil {
		return nl.Message{}, false
	}
	m, err := deleteRequest(n)
	return m, err == nil
}

// deleteRequest is the RTM_DELNEIGH that removes entry n: its family,
// device, address and proxy flag name it.
func deleteRequest(n *rtnl.Neigh) (nl.Message, error) {
	// The state is ip's default for a delete: the kernel does not find
	// the entry for a request whose state is none.
	s := rtnl.NeighSpec{Family: n.Family, Index: n.Index, Dst: n.Dst, Flags: n.Flags & unix.NTF_PROXY, State: unix.NUD_PERMANENT}
	return s.Message(unix.RTM_DELNEIGH, 0)
}
