package mptcp

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

// parseLimits reads `[ subflows NR ] [ add_addr_accepted NR ]` as ip
// does (words may be abbreviated; a later value wins).
func parseLimits(args []string) (mptcp.Limits, error) {
	var l mptcp.Limits
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		var dst *uint32
		var has *bool
		var name string
		switch {
		case grammar.Matches(w, "subflows"):
			dst, has, name = &l.Subflows, &l.HasSubflows, "subflows"
		case grammar.Matches(w, "add_addr_accepted"):
			dst, has, name = &l.AddAddrAccepted, &l.HasAddAddrAccepted, "add_addr_accepted"
		default:
			return l, fail.Invalid("unknown limit", w)
		}
		v, err := a.Value()
		if err != nil {
			return l, err
		}
		n, ok := grammar.CUint(v, 0, math.MaxUint32)
		if !ok {
			return l, fail.Invalid("invalid "+name+"\n", v)
		}
		*dst, *has = uint32(n), true
	}
	return l, nil
}

// planLimits is limits set: one request.
func planLimits(_ *env.Env, args []string) ([]plan.Step, error) {
	l, err := parseLimits(args)
	if err != nil {
		return nil, err
	}
	r := &request{cmd: mptcp.CmdSetLimits, attrs: func(*env.Env) ([]byte, error) { return l.Attrs(nil) }}
	return []plan.Step{r.step()}, nil
}

// runLimits is limits show: ip reads the same words as set (and the
// kernel ignores them), then prints the answer.
func runLimits(e *env.Env, args []string) error {
	l, err := parseLimits(args)
	if err != nil {
		return err
	}
	attrs, err := l.Attrs(nil)
	if err != nil {
		return err
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	msgs, err := c.Execute(uint8(mptcp.CmdGetLimits), 0, attrs)
	if err != nil {
		return fail.Kernel(err)
	}
	if len(msgs) == 0 {
		return nil
	}
	got, err := mptcp.ParseLimits(msgs[0].Attrs)
	if err != nil {
		return err
	}
	return printLimits(e, got)
}
