package rule

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// planModify is the plan of add and del (op): one step, the request for
// the rule. An added rule is undone by deleting it with the same selector
// and its priority, which the kernel echoes back when it chose it.
func planModify(op rtnl.RuleOp) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		add := op == rtnl.RuleAdd
		if len(args) == 0 {
			verb := "del"
			if add {
				verb = "add"
			}
			return nil, fail.Localf("\"%s rule %s\" requires arguments.", command.Prog, verb)
		}
		r, err := parseSpec(args, add, e.G.Family, e.Names())
		if err != nil {
			return nil, err
		}
		m, err := message(r, op)
		if err != nil {
			return nil, err
		}
		// An add has no undo: the kernel deletes the first rule that
		// matches what a request names, and an older rule with more
		// selectors and the same priority matches the new rule's
		// selectors too. Without -force an add waits and runs alone.
		return []plan.Step{{Build: func(*env.Env) (nl.Message, error) { return m, nil }}}, nil
	}
}

// message encodes a rule as ip sends it: without FRA_PROTOCOL unless one
// was given (the kernel then records protocol unspec).
func message(r *rtnl.Rule, op rtnl.RuleOp) (nl.Message, error) {
	m, err := r.MessageAsIs(op)
	if err != nil {
		return nl.Message{}, err
	}
	if !r.HasProtocol {
		m.Data = withoutAttr(m.Data, unix.FRA_PROTOCOL)
	}
	return m, nil
}

// fibRuleHdrLen is the size of struct fib_rule_hdr, before the attributes.
const fibRuleHdrLen = 12

// withoutAttr drops attributes of type t from an encoded rule.
func withoutAttr(data []byte, t uint16) []byte {
	e := nl.NewAttrEncoder(append([]byte(nil), data[:fibRuleHdrLen]...))
	d := nl.NewAttrDecoder(data[fibRuleHdrLen:])
	for d.Next() {
		if d.Type() != t {
			e.Bytes(d.RawType(), d.Bytes())
		}
	}
	b, _ := e.Encode()
	return b
}
