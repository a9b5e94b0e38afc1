package addrlabel

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// change is a parsed add or del.
type change struct {
	typ   uint16
	label rtnl.AddrLabel
	dev   string
}

// planModify reads prefix, dev and label as ip does (exact words; any
// other word is skipped; a later prefix or label wins) into one step.
func planModify(typ uint16) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		c := &change{typ: typ}
		c.label.Family = e.G.Family
		var hasPrefix, hasLabel bool
		a := grammar.NewArgs(args)
		for a.More() {
			switch a.Next() {
			case "prefix":
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				p, err := grammar.ParsePrefix(v, e.G.Family)
				if err != nil {
					return nil, err
				}
				setPrefix(&c.label, p)
				hasPrefix = true
			case "dev":
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				// ip resolves the device as it reads the word.
				i, err := e.Links().Index(v)
				if err != nil || i == 0 {
					return nil, fail.Invalid("dev is invalid\n", v)
				}
				c.dev = v
				c.label.Index = i
			case "label":
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				l, ok := grammar.CUint(v, 0, math.MaxUint32)
				if !ok || l == math.MaxUint32 {
					return nil, fail.Invalid("label is invalid\n", v)
				}
				c.label.Label, c.label.HasLabel = uint32(l), true
				hasLabel = true
			}
		}
		if !hasPrefix {
			return nil, fail.Localf(`Not enough information: "prefix" argument is required.`)
		}
		if !hasLabel {
			return nil, fail.Localf(`Not enough information: "label" argument is required.`)
		}
		if c.label.Family == unix.AF_UNSPEC {
			c.label.Family = unix.AF_INET6
		}
		step := plan.Step{Build: c.build, Report: fail.Kernel}
		if typ == unix.RTM_NEWADDRLABEL {
			step.Undo = undoAdd
		}
		return []plan.Step{step}, nil
	}
}

// setPrefix puts a parsed prefix into the request: its bytes (all zeros
// of its family's length for default, all or any) and its length.
func setPrefix(l *rtnl.AddrLabel, p grammar.Prefix) {
	switch {
	case p.Addr.IsValid():
		l.Raw = p.Addr.AsSlice()
	case p.Family == unix.AF_INET6:
		l.Raw = make([]byte, 16)
	default:
		l.Raw = make([]byte, 4)
	}
	l.PrefixLen = uint8(p.Bits)
}

// build makes the request; a device named in a batch is looked up again
// here, as an earlier line may have renamed it.
func (c *change) build(e *env.Env) (nl.Message, error) {
	l := c.label
	if c.dev != "" {
		i, err := e.Links().Index(c.dev)
		if err != nil {
			return nl.Message{}, err
		}
		l.Index = i
	}
	flags := nl.Flags(0)
	if c.typ == unix.RTM_NEWADDRLABEL {
		flags = rtnl.FlagsAdd
	}
	return l.Message(c.typ, flags)
}

// undoAdd deletes the label an add created.
func undoAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	l, err := rtnl.ParseAddrLabel(req)
	if err != nil {
		return nl.Message{}, false
	}
	m, err := l.Message(unix.RTM_DELADDRLABEL, 0)
	return m, err == nil
}
