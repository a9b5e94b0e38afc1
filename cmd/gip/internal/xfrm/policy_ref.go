package xfrm

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// parsePolicyRef reads { SELECTOR | index INDEX } dir DIR [ ctx CTX ]
// [ mark MARK [ mask MASK ] ] [ ptype PTYPE ] [ if_id IF_ID ], as policy
// get and delete take it.
func parsePolicyRef(e *env.Env, args []string) (*xfrm.PolicyRef, *parser, error) {
	r := &xfrm.PolicyRef{}
	p := newParser(e, args)
	var dirSeen, selSeen, indexSeen, ptypeSeen, ctxSeen bool
	var mark *xfrm.Mark
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "dir":
			if dirSeen {
				return nil, nil, fail.Duplicate("dir", word)
			}
			dirSeen = true
			d, err := p.dir()
			if err != nil {
				return nil, nil, err
			}
			r.ID.Dir = d
		case "ctx":
			if ctxSeen {
				return nil, nil, fail.Duplicate("ctx", word)
			}
			ctxSeen = true
			c, err := p.secCtx()
			if err != nil {
				return nil, nil, err
			}
			r.SecCtx = c
		case "mark":
			m, err := p.mark()
			if err != nil {
				return nil, nil, err
			}
			mark = m
		case "index":
			if indexSeen {
				return nil, nil, fail.Duplicate("index", word)
			}
			indexSeen = true
			n, err := p.u32("INDEX value is invalid")
			if err != nil {
				return nil, nil, err
			}
			r.ID.Index = n
		case "ptype":
			if ptypeSeen {
				return nil, nil, fail.Duplicate("ptype", word)
			}
			ptypeSeen = true
			t, err := p.ptype()
			if err != nil {
				return nil, nil, err
			}
			r.Type = &t
		case "if_id":
			n, err := p.u32("IF_ID value is invalid")
			if err != nil {
				return nil, nil, err
			}
			r.IfID = &n
		default:
			if selSeen {
				return nil, nil, fail.Invalid("unknown", word)
			}
			selSeen = true
			p.a.Back()
			if err := p.selector(&r.ID.Sel, &selectorWords{}); err != nil {
				return nil, nil, err
			}
			if p.family == unix.AF_UNSPEC {
				p.family = uint8(r.ID.Sel.Family)
			}
		}
	}
	switch {
	case !dirSeen:
		return nil, nil, fail.Fatal(fail.ExitLocal, "Not enough information: DIR is required.")
	case !selSeen && !indexSeen:
		return nil, nil, fail.Fatal(fail.ExitLocal, "Not enough information: either SELECTOR or INDEX is required.")
	case selSeen && indexSeen:
		return nil, nil, fail.Garbage("SELECTOR", "INDEX")
	}
	if r.ID.Sel.Family == unix.AF_UNSPEC {
		r.ID.Sel.Family = unix.AF_INET
	}
	if mark != nil && mark.Value&mark.Mask != 0 {
		r.Mark = mark
	}
	return r, p, nil
}

// planPolicyDelete is policy delete.
func planPolicyDelete(e *env.Env, args []string) ([]plan.Step, error) {
	r, _, err := parsePolicyRef(e, args)
	if err != nil {
		return nil, err
	}
	build := func(*env.Env) (nl.Message, error) { return r.Message(xfrm.MsgDelPolicy) }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// runPolicyGet is policy get: the policy, printed as list prints it.
func runPolicyGet(e *env.Env, args []string) error {
	r, p, err := parsePolicyRef(e, args)
	if err != nil {
		return err
	}
	m, err := r.Message(xfrm.MsgGetPolicy)
	if err != nil {
		return err
	}
	return printReplies(e, m, "An error :-)", func(rep nl.Message) (format.FieldRecord, error) {
		pol, err := xfrm.ParsePolicy(rep)
		return &policyView{p: pol, typ: rep.Header.Type, family: p.family, e: e}, err
	})
}
