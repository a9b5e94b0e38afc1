package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// ipvlan and ipvtap: devices sharing their lower device's MAC address.
func ipvlanKind(name string) Kind {
	return newKind(name, ipvlanUsage(name), parseIPvlan, printIPvlan)
}

// ipvlanUsage is ip's help for ipvlan or ipvtap.
func ipvlanUsage(kind string) string {
	return "Usage: ... " + kind + ` [ mode MODE ] [ FLAGS ]

MODE: l3 | l3s | l2
FLAGS: bridge | private | vepa
(first values are the defaults if nothing is specified).
`
}

// ipvlanFlags are the flag words, in the order ip tries them, with
// their flags.
var ipvlanFlags = []struct {
	word string
	flag uint16
}{{"private", rtnl.IPvlanFlagPrivate}, {"vepa", rtnl.IPvlanFlagVEPA}, {"bridge", 0}}

// ipvlanModes are the modes by name.
var ipvlanModes = map[string]uint16{"l2": rtnl.IPvlanModeL2, "l3": rtnl.IPvlanModeL3, "l3s": rtnl.IPvlanModeL3S}

// parseIPvlan reads an ipvlan's words as ip does: one flag word at most
// (a second is unknown), the flags always sent (0, bridge, unless
// given); a mode given twice is sent twice, the kernel keeping the last.
func parseIPvlan(p *kindParser, v *rtnl.IPvlan) error {
	usage := ipvlanUsage(p.kind)
	flagGiven := false
	var flags uint16
next:
	for p.More() {
		w := p.Next()
		if grammar.Matches(w, "mode") {
			m, err := p.Value()
			if err != nil {
				return err
			}
			mode, ok := ipvlanModes[m]
			if !ok {
				return fail.Localf("Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"")
			}
			v.Mode = rtnl.Some(mode)
			continue
		}
		for _, f := range ipvlanFlags {
			if !flagGiven && grammar.Matches(w, f.word) {
				flags, flagGiven = f.flag, true
				continue next
			}
		}
		if grammar.Matches(w, "help") {
			return explained("", usage)
		}
		return explained(fmt.Sprintf("%s: unknown option %q?", p.kind, w), usage)
	}
	v.Flags = rtnl.Some(flags)
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
