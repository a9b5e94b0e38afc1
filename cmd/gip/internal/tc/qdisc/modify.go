package qdisc

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const (
	rtmNewQdisc = unix.RTM_NEWQDISC
	rtmDelQdisc = unix.RTM_DELQDISC
)

// op is what a modifying verb sends: the message type and the flags.
type op struct {
	typ   uint16
	flags nl.Flags
}

func modifyVerb(name, short string, o op) command.Verb {
	return command.Planned(name+" dev STRING [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ] [ QDISC_KIND [ OPTIONS ] ]",
		short, func(e *env.Env, args []string) ([]plan.Step, error) { return planModify(e, args, o) })
}

// request is a parsed qdisc command line, its device still a name.
type request struct {
	dev  string
	spec rtnl.TCSpec
}

// parseModify reads tc qdisc add/change/replace/link/del's words as
// tc_qdisc_modify does. A bare "help" prints tc's usage and goes on, as
// tc does.
func parseModify(e *env.Env, args []string) (*request, error) {
	r := &request{}
	s := &r.spec
	var kind *Kind
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if r.dev != "" {
				return nil, fail.Duplicate("dev", v)
			}
			r.dev = v
		case w == "handle":
			if s.Handle != 0 {
				return nil, fail.Duplicate("handle", a.Peek())
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			h, ok := sched.ParseQdiscHandle(v)
			if !ok {
				return nil, fail.Invalid("invalid qdisc ID", v)
			}
			s.Handle = h
		case w == "root":
			if s.Parent != 0 {
				return nil, fail.Usagef(`Error: "root" is duplicate parent ID`)
			}
			s.Parent = rtnl.HandleRoot
		case w == "clsact" || w == "ingress":
			if s.Parent != 0 {
				return nil, fail.Usagef(`Error: %q is a duplicate parent ID`, w)
			}
			s.Parent, s.Handle = rtnl.HandleIngress, rtnl.MakeHandle(0xFFFF, 0)
			kind, s.Kind = Lookup(w), w
		case w == "parent":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if s.Parent != 0 {
				return nil, fail.Duplicate("parent", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return nil, fail.Invalid("invalid parent ID", v)
			}
			s.Parent = h
		case grammar.Matches(w, "estimator"):
			est, err := ParseEstimator(e, a, s.Estimator.Set)
			if err != nil {
				return nil, err
			}
			s.Estimator = rtnl.Some(est)
		case grammar.Matches(w, "stab"):
			t, err := parseStab(a)
			if err != nil {
				return nil, err
			}
			s.Stab = t
		case grammar.Matches(w, "ingress_block") || grammar.Matches(w, "egress_block"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			b, ok := grammar.ParseCUint(v, 32)
			which := "ingress"
			if w[0] == 'e' {
				which = "egress"
			}
			if !ok || b == 0 {
				return nil, fail.Invalid("invalid "+which+" block index value", v)
			}
			if which == "ingress" {
				s.IngressBlock = rtnl.Some(uint32(b))
			} else {
				s.EgressBlock = rtnl.Some(uint32(b))
			}
		case grammar.Matches(w, "help"):
			fmt.Fprintln(e.Stderr, usage)
		default:
			kind, s.Kind = Lookup(w), w
		}
		if kind != nil {
			break
		}
	}
	if kind != nil {
		if err := parseKind(e, kind, r, a.Rest()); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// parseKind reads the kind's words into the request's options.
func parseKind(e *env.Env, k *Kind, r *request, words []string) error {
	if k.Parse == nil {
		if len(words) > 0 {
			return fail.Usagef("qdisc '%s' does not support option parsing", k.Name)
		}
		return nil
	}
	o := k.New()
	p := NewParser(k.Name, r.dev, k.Usage, words)
	p.Stderr = e.Stderr
	p.MTU = DeviceMTU(e, r.dev)
	if err := k.Parse(p, o); err != nil {
		return err
	}
	r.spec.Options = o
	return nil
}

// ParseEstimator reads "estimator INTERVAL TIME_CONSTANT" after its
// keyword, as tc does (dup says one was given already).
func ParseEstimator(e *env.Env, a *grammar.Args, dup bool) (rtnl.Estimator, error) {
	var times [2]uint64
	for i, bad := range []string{"invalid estimator interval", "invalid estimator time constant"} {
		v, err := a.Value()
		if err != nil {
			return rtnl.Estimator{}, err
		}
		if i == 0 && dup {
			return rtnl.Estimator{}, fail.Duplicate("estimator", v)
		}
		if grammar.Matches(v, "help") {
			fmt.Fprint(e.Stderr, estimatorUsage)
		}
		t, err := grammar.ParseTime(v)
		if err != nil || t > 1<<32-1 {
			// tc names the argument and the complaint the other way round.
			return rtnl.Estimator{}, fail.Invalid(bad, "estimator")
		}
		times[i] = t
	}
	est, ok := sched.Estimator(times[0], times[1])
	if !ok {
		return est, fail.Usagef("Error: estimator parameters are out of range.")
	}
	if e.G.Raw {
		fmt.Fprintf(e.Stderr, "[estimator i=%d e=%d]\n", est.Interval, est.EWMALog)
	}
	return est, nil
}

const estimatorUsage = `Usage: ... estimator INTERVAL TIME-CONST
  INTERVAL is interval between measurements
  TIME-CONST is averaging time constant
Example: ... est 1sec 8sec
`

// planModify parses a command line into the one step that sends it.
func planModify(e *env.Env, args []string, o op) ([]plan.Step, error) {
	r, err := parseModify(e, args)
	if err != nil {
		return nil, err
	}
	return []plan.Step{{
		Build: func(e *env.Env) (nl.Message, error) {
			if r.dev != "" {
				i, err := e.Links().Index(r.dev)
				if err != nil {
					return nl.Message{}, err
				}
				r.spec.Ifindex = i
			}
			return r.spec.Message(o.typ, o.flags)
		},
	}}, nil
}
