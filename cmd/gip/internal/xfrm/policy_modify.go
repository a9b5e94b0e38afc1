package xfrm

import (
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// dir reads DIR.
func (p *parser) dir() (uint8, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	switch v {
	case "in":
		return xfrm.DirIn, nil
	case "out":
		return xfrm.DirOut, nil
	case "fwd":
		return xfrm.DirFwd, nil
	}
	return 0, fail.Invalid("DIR value is invalid", v)
}

// ptype reads PTYPE.
func (p *parser) ptype() (uint8, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	switch v {
	case "main":
		return xfrm.TypeMain, nil
	case "sub":
		return xfrm.TypeSub, nil
	}
	return 0, fail.Invalid("PTYPE value is invalid", v)
}

// action reads ACTION.
func (p *parser) action() (uint8, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	switch v {
	case "allow":
		return xfrm.ActionAllow, nil
	case "block":
		return xfrm.ActionBlock, nil
	}
	return 0, fail.Invalid("ACTION value is invalid\n", v)
}

// flagList reads FLAG-LIST after "flag" (or "extra-flag"): a hex number
// of at most max, which replaces flags, or flag words up to the first
// word that is not one, which add to them; msg is ip's complaint about
// the number.
func (p *parser) flagList(flags uint32, names []flagName, max uint64, msg string) (uint32, error) {
	if !p.a.More() {
		return 0, fail.Incomplete()
	}
	if v := p.a.Peek(); len(v) > 2 && strings.HasPrefix(v, "0x") {
		p.a.Next()
		n, ok := grammar.CUint(v, 16, max)
		if !ok {
			return 0, fail.Invalid(msg, v)
		}
		return uint32(n), nil
	}
	for p.a.More() {
		bit := flagBit(p.a.Peek(), names)
		if bit == 0 {
			break
		}
		flags |= bit
		p.a.Next()
	}
	return flags, nil
}

// flagBit is the bit of a flag word, 0 if it is none.
func flagBit(word string, names []flagName) uint32 {
	for _, n := range names {
		if n.name == word {
			return n.bit
		}
	}
	return 0
}

// policyFlags reads a policy's FLAG-LIST.
func (p *parser) policyFlags(flags *uint8) error {
	v, err := p.flagList(uint32(*flags), policyFlags, math.MaxUint8, "FLAG value is invalid")
	*flags = uint8(v)
	return err
}

// planPolicyModify is policy add (NEWPOLICY) and update (UPDPOLICY).
func planPolicyModify(typ uint16) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		pol := &xfrm.Policy{Info: xfrm.PolicyInfo{Lifetime: xfrm.NoLimits()}}
		pol.Info.Sel.Family = uint16(e.G.Family)
		p := newParser(e, args)
		var dirSeen, selSeen, ptypeSeen, ctxSeen bool
		for p.a.More() {
			switch word := p.a.Next(); word {
			case "dir":
				if dirSeen {
					return nil, fail.Duplicate("dir", word)
				}
				dirSeen = true
				d, err := p.dir()
				if err != nil {
					return nil, err
				}
				pol.Info.Dir = d
			case "ctx":
				if ctxSeen {
					return nil, fail.Duplicate("ctx", word)
				}
				ctxSeen = true
				c, err := p.secCtx()
				if err != nil {
					return nil, err
				}
				pol.SecCtx = c
			case "mark":
				m, err := p.mark()
				if err != nil {
					return nil, err
				}
				pol.Mark = m
			case "index":
				n, err := p.u32("INDEX value is invalid")
				if err != nil {
					return nil, err
				}
				pol.Info.Index = n
			case "ptype":
				if ptypeSeen {
					return nil, fail.Duplicate("ptype", word)
				}
				ptypeSeen = true
				t, err := p.ptype()
				if err != nil {
					return nil, err
				}
				pol.Type = &t
			case "action":
				a, err := p.action()
				if err != nil {
					return nil, err
				}
				pol.Info.Action = a
			case "priority":
				n, err := p.u32("PRIORITY value is invalid")
				if err != nil {
					return nil, err
				}
				pol.Info.Priority = n
			case "flag":
				if err := p.policyFlags(&pol.Info.Flags); err != nil {
					return nil, err
				}
			case "limit":
				if err := p.limit(&pol.Info.Lifetime); err != nil {
					return nil, err
				}
			case "tmpl":
				if len(pol.Templates) >= 1024/64 {
					return nil, fail.Fatal(fail.ExitLocal, "Too many tmpls: buffer overflow")
				}
				t, err := p.template()
				if err != nil {
					return nil, err
				}
				pol.Templates = append(pol.Templates, t)
			case "if_id":
				n, err := p.u32("IF_ID value is invalid")
				if err != nil {
					return nil, err
				}
				pol.IfID = &n
			default:
				if selSeen {
					return nil, fail.Duplicate("unknown", word)
				}
				selSeen = true
				p.a.Back()
				if err := p.selector(&pol.Info.Sel, &selectorWords{}); err != nil {
					return nil, err
				}
				if p.family == unix.AF_UNSPEC {
					p.family = uint8(pol.Info.Sel.Family)
				}
			}
		}
		if !dirSeen {
			return nil, fail.Fatal(fail.ExitLocal, "Not enough information: DIR is required.")
		}
		if pol.Mark != nil && pol.Mark.Mask == 0 {
			pol.Mark = nil // ip sends a mark only with a mask
		}
		if pol.Info.Sel.Family == unix.AF_UNSPEC {
			pol.Info.Sel.Family = unix.AF_INET
		}
		build := func(*env.Env) (nl.Message, error) { return pol.Message(typ) }
		step := plan.Step{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}
		if typ == xfrm.MsgNewPolicy {
			step.Undo = undoPolicyAdd
		}
		return []plan.Step{step}, nil
	}
}

// kernelFatal is a refusal as ip reports it for xfrm: the kernel's
// message, and an exit with 2 even in a batch.
func kernelFatal(err error) error {
	return fail.AsFatal(&fail.Error{Code: fail.ExitKernel, Msg: (&fail.KernelError{Err: err}).Error(), Err: err})
}

// undoPolicyAdd deletes the policy an add created.
func undoPolicyAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	pol, err := xfrm.ParsePolicy(req)
	if err != nil {
		return nl.Message{}, false
	}
	ref := &xfrm.PolicyRef{ID: xfrm.PolicyID{Sel: pol.Info.Sel, Dir: pol.Info.Dir},
		PolicyAttrs: xfrm.PolicyAttrs{Type: pol.Type, Mark: pol.Mark, SecCtx: pol.SecCtx, IfID: pol.IfID}}
	m, err := ref.Message(xfrm.MsgDelPolicy)
	return m, err == nil
}
