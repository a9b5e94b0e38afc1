package stats

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// planSet reads "dev DEV l3_stats on|off" as ip does and makes the
// RTM_SETSTATS of it.
func planSet(e *env.Env, args []string) ([]plan.Step, error) {
	var dev string
	var on, given bool
	a := grammar.NewArgs(args)
	for a.More() {
		switch w := a.Next(); w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if dev != "" {
				return nil, fail.Garbage("dev", v)
			}
			if !grammar.ValidIfName(v) {
				return nil, fail.Invalid(`"dev" not a valid ifname`, v)
			}
			dev = v
		case "l3_stats":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if given {
				return nil, invalid("A statistics suite to toggle was already given.")
			}
			switch v {
			case "on":
				on = true
			case "off":
			default:
				return nil, invalid(`Error: argument of "l3_stats" must be one of "off", "on", not %q`, v)
			}
			given = true
		case "help":
			return nil, help()
		default:
			return nil, invalid("What is %q?\n%s", w, usageText())
		}
	}
	// ip exits at once on these two.
	if dev == "" {
		return nil, fail.Fatal(fail.ExitUsage, `Not enough information: "dev" argument is required.`)
	}
	if !given {
		return nil, fail.Fatal(fail.ExitUsage, "Not enough information: stat type to toggle is required.")
	}
	build := func(e *env.Env) (nl.Message, error) {
		i, err := e.Links().Index(dev)
		if err != nil {
			return nl.Message{}, err
		}
		return rtnl.SetL3StatsRequest(i, on)
	}
	return []plan.Step{{Build: build, Report: fail.Kernel}}, nil
}
