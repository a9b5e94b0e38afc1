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

// planPolicySetDefault is policy setdefault DIR ACTION [ DIR ACTION ]...:
// what happens to traffic no policy matches.
func planPolicySetDefault(e *env.Env, args []string) ([]plan.Step, error) {
	var d xfrm.Defaults
	p := newParser(e, args)
	for p.a.More() {
		word := p.a.Next()
		var v *uint8
		switch word {
		case "in":
			v = &d.In
		case "fwd":
			v = &d.Fwd
		case "out":
			v = &d.Out
		default:
			return nil, fail.Invalid("unknown direction", word)
		}
		if *v != xfrm.DefaultUnspec {
			return nil, fail.Duplicate(word, word)
		}
		a, err := p.value()
		if err != nil {
			return nil, err
		}
		switch a {
		case "block":
			*v = xfrm.DefaultBlock
		case "accept":
			*v = xfrm.DefaultAccept
		default:
			return nil, fail.Invalid(word+" policy value is invalid", a)
		}
	}
	build := func(*env.Env) (nl.Message, error) { return d.Message(xfrm.MsgSetDefault), nil }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// runPolicyGetDefault is policy getdefault.
func runPolicyGetDefault(e *env.Env, _ []string) error {
	return printReplies(e, xfrm.Defaults{}.Message(xfrm.MsgGetDefault), "An error :-)", func(rep nl.Message) (format.FieldRecord, error) {
		d, err := xfrm.ParseDefaults(rep)
		return &defaultsView{d}, err
	})
}

// defaultsView prints the default actions as xfrm_policy_default_print
// does.
type defaultsView struct{ d xfrm.Defaults }

func (v *defaultsView) Fields(f *format.Fields) {
	f.Literal("Default policies:\n")
	f.String("in", " in:  %s\n", defaultName(v.d.In))
	f.String("fwd", " fwd: %s\n", defaultName(v.d.Fwd))
	f.String("out", " out: %s\n", defaultName(v.d.Out))
}

func defaultName(a uint8) string {
	switch a {
	case xfrm.DefaultUnspec:
		return "unspec"
	case xfrm.DefaultBlock:
		return "block"
	case xfrm.DefaultAccept:
		return "accept"
	}
	return "unknown"
}
