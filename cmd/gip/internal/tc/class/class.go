package class

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Object is `tc class`.
func Object() *command.Object {
	return &command.Object{
		Name:  "class",
		Short: "classes of classful qdiscs",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"replace", "replace"}, {"delete", "delete"},
			{"list", "show"}, {"show", "show"}, {"lst", "show"},
		},
		Default: "show",
		HelpOK:  true,
		Usage:   usage,
		Unknown: func(w string) error {
			if grammar.Matches(w, "help") {
				return &fail.Error{Msg: usage, Code: fail.ExitOK}
			}
			return fail.Usagef("Command %q is unknown, try \"tc class help\".", w)
		},
		Verbs: []command.Verb{
			modifyVerb("add", "add a class", unix.RTM_NEWTCLASS, nl.Create|nl.Excl),
			modifyVerb("change", "change a class", unix.RTM_NEWTCLASS, 0),
			modifyVerb("replace", "add or change a class", unix.RTM_NEWTCLASS, nl.Create),
			modifyVerb("delete", "delete a class", unix.RTM_DELTCLASS, 0),
			{Use: "show [ dev STRING ] [ root | parent CLASSID ] [ qdisc QHANDLE ] [ classid CLASSID ]", Short: "list classes", Run: runShow},
		},
	}
}

const usage = `Usage: tc class [ add | del | change | replace | show ] dev STRING
       [ classid CLASSID ] [ root | parent CLASSID ]
       [ [ QDISC_KIND ] [ help | OPTIONS ] ]

       tc class show [ dev STRING ] [ root | parent CLASSID ]
Where:
QDISC_KIND := { prio | cbq | etc. }
OPTIONS := ... try tc class add <desired QDISC_KIND> help`

func modifyVerb(name, short string, typ uint16, flags nl.Flags) command.Verb {
	return command.Planned(name+" dev STRING [ classid CLASSID ] [ root | parent CLASSID ] [ QDISC_KIND [ OPTIONS ] ]", short,
		func(e *env.Env, args []string) ([]plan.Step, error) {
			dev, spec, err := parseModify(e, args)
			if err != nil {
				return nil, err
			}
			return []plan.Step{{Build: func(e *env.Env) (nl.Message, error) {
				if dev != "" {
					i, err := e.Links().Index(dev)
					if err != nil {
						return nl.Message{}, err
					}
					spec.Ifindex = i
				}
				return spec.Message(typ, flags)
			}}}, nil
		})
}

// parseModify reads tc class add/change/replace/del's words as
// tc_class_modify does.
func parseModify(e *env.Env, args []string) (string, *rtnl.TCSpec, error) {
	var dev string
	s := &rtnl.TCSpec{}
	var kind *qdisc.Kind
	a := grammar.NewArgs(args)
	for a.More() && kind == nil {
		switch w := a.Next(); {
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return "", nil, err
			}
			if dev != "" {
				return "", nil, fail.Duplicate("dev", v)
			}
			dev = v
		case w == "classid":
			v, err := a.Value()
			if err != nil {
				return "", nil, err
			}
			if s.Handle != 0 {
				return "", nil, fail.Duplicate("classid", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return "", nil, fail.Invalid("invalid class ID", v)
			}
			s.Handle = h
		case w == "handle":
			return "", nil, fail.Usagef(`Error: try "classid" instead of "handle"`)
		case w == "root":
			if s.Parent != 0 {
				return "", nil, fail.Usagef(`Error: "root" is duplicate parent ID.`)
			}
			s.Parent = rtnl.HandleRoot
		case w == "parent":
			v, err := a.Value()
			if err != nil {
				return "", nil, err
			}
			if s.Parent != 0 {
				return "", nil, fail.Duplicate("parent", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return "", nil, fail.Invalid("invalid parent ID", v)
			}
			s.Parent = h
		case grammar.Matches(w, "estimator"):
			est, err := qdisc.ParseEstimator(e, a, s.Estimator.Set)
			if err != nil {
				return "", nil, err
			}
			s.Estimator = rtnl.Some(est)
		case grammar.Matches(w, "help"):
			fmt.Fprintln(e.Stderr, usage)
		default:
			kind, s.Kind = qdisc.Lookup(w), w
		}
	}
	if kind != nil {
		c := kind.Class
		if c == nil || c.Parse == nil {
			return "", nil, fail.Localf("Error: Qdisc %q is classless.", kind.Name)
		}
		o := c.New()
		p := qdisc.NewParser(kind.Name, dev, kind.Usage, a.Rest())
		p.Stderr, p.MTU = e.Stderr, qdisc.DeviceMTU(e, dev)
		if err := c.Parse(p, o); err != nil {
			return "", nil, err
		}
		s.Options = o
	}
	return dev, s, nil
}
