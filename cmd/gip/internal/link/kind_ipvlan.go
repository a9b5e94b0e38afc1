package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// ipvlan and ipvtap: devices sharing their lower device's MAC address.
func ipvlanKind(name string) Kind {
	return newKind(name, "Usage: ... "+name+" [ mode MODE ] [ FLAGS ]\n"+
		"MODE: l3 | l3s | l2\nFLAGS: bridge | private | vepa\n(first values are the defaults if nothing is specified).",
		parseIPvlan, printIPvlan)
}

func parseIPvlan(p *kindParser, v *rtnl.IPvlan) error {
	for p.More() {
		w := p.Next()
		switch w {
		case "mode":
			m, err := p.Value()
			if err != nil {
				return err
			}
			mode, ok := map[string]uint16{"l2": rtnl.IPvlanModeL2, "l3": rtnl.IPvlanModeL3, "l3s": rtnl.IPvlanModeL3S}[m]
			if !ok {
				return fail.Localf("Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"")
			}
			v.Mode = rtnl.Some(mode)
		case "bridge", "private", "vepa":
			v.Flags = rtnl.Some(map[string]uint16{"bridge": 0, "private": rtnl.IPvlanFlagPrivate, "vepa": rtnl.IPvlanFlagVEPA}[w])
		default:
			return fail.Localf("%s: unknown option %q?", p.kind, w)
		}
	}
	return nil
}

func printIPvlan(f *format.Fields, v *rtnl.IPvlan, _ *View) {
	if m, ok := v.Mode.Get(); ok {
		name := "unknown"
		if int(m) < 3 {
			name = []string{"l2", "l3", "l3s"}[m]
		}
		f.String("mode", " mode %s ", name)
	}
	if fl, ok := v.Flags.Get(); ok {
		switch {
		case fl&rtnl.IPvlanFlagPrivate != 0:
			f.Bool("private", "private ", true)
		case fl&rtnl.IPvlanFlagVEPA != 0:
			f.Bool("vepa", "vepa ", true)
		default:
			f.Bool("bridge", "bridge ", true)
		}
	}
}
