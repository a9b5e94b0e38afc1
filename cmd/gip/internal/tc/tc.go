package tc

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/class"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/monitor"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
)

// Object is gip tc: its verbs are tc's objects.
func Object() *command.Object {
	return &command.Object{
		Name:  "tc",
		Short: "traffic control: qdiscs, classes, filters and actions (iproute2's tc tool)",
		// tc's order, as it matches abbreviations.
		Match: [][2]string{
			{"qdisc", "qdisc"}, {"class", "class"}, {"filter", "filter"}, {"chain", "chain"},
			{"actions", "actions"}, {"monitor", "monitor"}, {"exec", "exec"},
			{"help", "help"},
			{"show", "show"}, // gip's own
		},
		Usage:   usage,
		Notes:   notes,
		Options: options,
		Unknown: func(w string) error {
			return fail.Usagef("Object %q is unknown, try \"tc help\".", w)
		},
		Verbs: []command.Verb{
			objectVerb("qdisc { add | change | replace | link | delete | show } ...", "queueing disciplines", qdisc.Object()),
			objectVerb("class { add | change | replace | delete | show } ...", "classes of classful qdiscs", class.Object()),
			objectVerb("filter { add | change | replace | delete | get | show } ...", "classifiers", filter.Object()),
			objectVerb("chain { add | delete | get | show } ...", "filter chains", filter.ChainObject()),
			objectVerb("actions { add | change | replace | delete | get | list | flush } ...", "standalone actions", action.Object()),
			monitor.Verb(), missing("exec"), helpVerb(), deviceVerb(),
		},
	}
}

const usage = `Usage:	tc [ OPTIONS ] OBJECT { COMMAND | help }
	tc [-force] -batch filename
where  OBJECT := { qdisc | class | filter | chain |
		    action | monitor | exec }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |
		    -o[neline] | -j[son] | -p[retty] | -c[olor]
		    -b[atch] [filename] | -n[etns] name | -N[umeric] |
		     -nm | -nam[es] | { -cf | -conf } path
		     -br[ief] }`

// usageAnswer is tc's usage on stderr with exit 0, its answer to "help"
// and to no object at all.
func usageAnswer() error {
	return &fail.Error{Msg: usage, Code: fail.ExitOK}
}

// objectVerb runs one of tc's objects.
func objectVerb(use, short string, o *command.Object) command.Verb {
	return command.Verb{Use: use, Short: short, Sub: o, Run: func(e *env.Env, args []string) error {
		return o.Run(e, args)
	}}
}

// missing is an object of tc's that gip tc does not provide yet.
func missing(name string) command.Verb {
	return command.Verb{Use: name + " ...", Short: "not provided yet", Run: func(*env.Env, []string) error {
		return fail.Localf("Object %q is not provided by gip tc yet.", name)
	}}
}

// options reads tc's own options after "tc" into e.G, in tc's order of
// matching. tc -V answers at once.
func options(e *env.Env, words []string) ([]string, bool, error) {
	g := e.G
	for len(words) > 0 && strings.HasPrefix(words[0], "-") {
		opt := words[0]
		m := func(full string) bool { return grammar.Matches(opt, full) }
		next := func() (string, error) {
			if len(words) < 2 {
				return "", fail.Incomplete()
			}
			words = words[1:]
			return words[0], nil
		}
		switch {
		case m("-stats") || m("-statistics"):
			g.Stats++
		case m("-details"):
			g.Details++
		case m("-raw"):
			g.Raw = true
		case m("-pretty"):
			g.Pretty = true
		case m("-graph"):
			g.Graph = true
		case m("-Version"):
			fmt.Fprintf(e.Stdout, "tc utility, gip-suite %s\n", command.Version())
			return nil, true, nil
		case m("-iec"):
			g.IEC = true
		case m("-help"):
			return nil, true, usageAnswer()
		case m("-force"):
			g.Force = true
		case m("-batch"):
			f, err := next()
			if err != nil {
				return nil, true, usageAnswer()
			}
			g.Batch, g.HasBatch = f, true
		case m("-netns"):
			ns, err := next()
			if err != nil {
				return nil, true, err
			}
			g.NetNS = ns
		case m("-Numeric"):
			g.Numeric = true
		case m("-names") || m("-nm"):
			g.ClassNames = true
		case m("-cf") || m("-conf"):
			f, err := next()
			if err != nil {
				return nil, true, err
			}
			g.ClassConf = f
		case colorOption(opt, g):
		case m("-timestamp"):
			g.Timestamp++
		case m("-tshort"):
			g.Timestamp = 2
		case m("-json"):
			g.JSON = true
		case m("-oneline"):
			g.Oneline = true
		case m("-echo"):
			g.Echo = true
		case m("-brief"):
			g.Brief = true
		default:
			return nil, true, fail.Usagef("Option %q is unknown, try \"tc -help\".", opt)
		}
		words = words[1:]
	}
	if g.Echo {
		e.Echoed = monitor.Echo(e)
	}
	if g.HasBatch {
		return nil, true, e.Batch(e, []string{"tc"})
	}
	if len(words) == 0 {
		return nil, true, usageAnswer()
	}
	return words, false, nil
}

// colorOption reads -c[olor][=WHEN] as ip and tc do.
func colorOption(opt string, g *env.Global) bool {
	rest, err := g.Parse(command.Prog, []string{opt})
	return err == nil && len(rest) == 0 && grammar.Matches(strings.SplitN(opt, "=", 2)[0], "-color")
}
