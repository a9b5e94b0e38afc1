package filter

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func modifyVerb(name, short string, o op) command.Verb {
	return command.Planned(name+" [ dev STRING | block BLOCK_INDEX ] [ pref PRIO ] protocol PROTO [ chain CHAIN_INDEX ] [ root | ingress | egress | parent CLASSID ] [ handle FILTERID ] [ FILTER_TYPE [ OPTIONS ] ]",
		short, func(e *env.Env, args []string) ([]plan.Step, error) { return planModify(e, args, o) })
}

// planModify parses a filter command line into the one step that sends
// it, as tc_filter_modify does.
func planModify(e *env.Env, args []string, o op) ([]plan.Step, error) {
	l, err := parseLine(e, args, false)
	if err != nil {
		return nil, err
	}
	if l.help {
		return nil, helpAnswer(e)
	}
	if !l.protocolSet && o.typ == unix.RTM_NEWTFILTER && o.flags&nl.Create != 0 {
		l.protocol = unix.ETH_P_ALL
	}
	if err := l.parseKind(e); err != nil {
		return nil, err
	}
	done := l.release
	if r, ok := l.spec.Options.(interface{ Release() }); ok {
		done = func() { r.Release(); l.release() }
	}
	return []plan.Step{{
		Done: done,
		Build: func(e *env.Env) (nl.Message, error) {
			if err := l.header(e); err != nil {
				return nl.Message{}, err
			}
			return l.spec.Message(o.typ, o.flags)
		},
		Report: func(err error) error {
			return &fail.Error{Msg: (&fail.KernelError{Err: err}).Error() + "\nWe have an error talking to the kernel", Code: fail.ExitKernel, Err: err}
		},
	}}, nil
}
