package stats

import (
	"slices"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// runShow is show: as ip, it counts as one -s, and -d as one more.
func runShow(e *env.Env, args []string) error {
	return show(e, args, e.G.Stats+e.G.Details+1)
}

// show reads "[ dev DEV ] [ group G [ subgroup S [ suite T ] ] ] ..." and
// prints the leaves selected (every leaf without a selection) of the
// device, or of every device; level is ip's count of -s.
func show(e *env.Env, args []string, level int) error {
	var dev string
	sel := &selection{}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if dev != "" {
				return fail.Garbage("dev", v)
			}
			if !grammar.ValidIfName(v) {
				return fail.Invalid(`"dev" not a valid ifname`, v)
			}
			dev = v
		case "help":
			return help()
		default:
			lv := slices.Index(levels[:], w)
			if lv < 0 {
				return invalid("What is %q?\n%s", w, usageText())
			}
			v, err := a.Value()
			if err != nil {
				return err
			}
			if err := sel.choose(lv, v); err != nil {
				return err
			}
		}
	}
	if err := sel.complete(); err != nil {
		return err
	}
	slices.SortFunc(sel.leaves, func(a, b enabled) int { return a.n.order - b.n.order })
	filter := &rtnl.StatsFilter{}
	for _, l := range sel.leaves {
		l.n.pack(filter)
	}
	var index int32
	if dev != "" {
		i, err := e.Links().Index(dev)
		if err != nil {
			return err
		}
		index = i
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	g := *e.G
	g.Stats = level
	p := e.Printer()
	links := e.Links()
	if index != 0 {
		s, err := rtnl.GetStats(conn, index, filter)
		if err != nil {
			return fail.Kernel(err)
		}
		if err := printDevice(p, s, links.Name(s.Index), sel.leaves, &g, false); err != nil {
			return err
		}
		return p.Close()
	}
	// Every device's statistics are held until the dump ends: naming the
	// devices asks the kernel, which must not happen in the middle of it.
	var all []*rtnl.IfStats
	for s, err := range rtnl.DumpStats(conn, filter) {
		if err != nil {
			return fail.DumpError(err, "Dump terminated")
		}
		all = append(all, s)
	}
	for _, s := range all {
		if err := printDevice(p, s, links.Name(s.Index), sel.leaves, &g, true); err != nil {
			return err
		}
	}
	return p.Close()
}

// printDevice prints each leaf of one device's statistics as a record
// of its own (ip's JSON has an object per leaf); in a dump, a blank line
// ends the device.
func printDevice(p *format.Printer, s *rtnl.IfStats, name string, leaves []enabled, g *env.Global, dump bool) error {
	for i, l := range leaves {
		if err := p.Print(&view{s: s, name: name, leaf: l, g: g, last: dump && i == len(leaves)-1}); err != nil {
			return err
		}
	}
	return nil
}
