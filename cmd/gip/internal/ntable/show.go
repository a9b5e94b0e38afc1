package ntable

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// noDev is the filter "dev none": the tables' own parameters only.
const noDev = -1

// filter is what show keeps: a device (noDev, or 0 for any) and a name.
type filter struct {
	index int32
	name  string
}

// keeps is ip's choice: the name when given; the device when given,
// records without a device passing only "dev none".
func (f *filter) keeps(t *rtnl.NeighTable) bool {
	if f.name != "" && t.Name != "" && t.Name != f.name {
		return false
	}
	if t.Parms == nil || f.index == 0 {
		return true
	}
	if t.Parms.Ifindex != nil {
		return f.index == int32(*t.Parms.Ifindex)
	}
	return f.index == noDev
}

// runShow is show [ dev DEV ] [ name NAME ]; any other word is ip's
// "unknown" error.
func runShow(e *env.Env, args []string) error {
	var f filter
	a := grammar.NewArgs(args)
	for a.More() {
		switch w := a.Next(); w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if v == "none" {
				f.index = noDev
				continue
			}
			i, err := e.Links().Index(v)
			if err != nil || i == 0 {
				return fail.Invalid(`"DEV" is invalid`, v)
			}
			f.index = i
		case "name":
			v, err := a.Value()
			if err != nil {
				return err
			}
			f.name = v
		default:
			return fail.Invalid("unknown", w)
		}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	// The devices are named from one dump of the links first, so that
	// the tables print as they arrive (asking the kernel for a name in
	// the middle of a dump is not possible).
	if err := e.Links().Preload(); err != nil {
		return err
	}
	p := e.Printer()
	for t, err := range rtnl.NeighTables(conn, e.G.Family) {
		if err != nil {
			return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
		}
		if (e.G.Family == 0 || t.Family == e.G.Family) && f.keeps(t) {
			if err := p.Print(&view{t: t, links: e.Links(), stats: e.G.Stats > 0}); err != nil {
				return err
			}
		}
	}
	return p.Close()
}
