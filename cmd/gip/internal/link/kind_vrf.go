package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vrf: an L3 master device bound to a routing table.
func vrfKind() Kind {
	return newKind("vrf", vrfUsage, parseVrf, printVrf)
}

const vrfUsage = "Usage: ... vrf table TABLEID\n"

// parseVrf reads the table, by number or by its name in rt_tables (ip's
// complaint ends in a blank line), as ip does.
func parseVrf(p *kindParser, v *rtnl.Vrf) error {
	for p.More() {
		w := p.Next()
		switch {
		case grammar.Matches(w, "table"):
			s, err := p.Value()
			if err != nil {
				return err
			}
			t, ok := p.env.Names().ParseTable(s)
			if !ok {
				return fail.Invalid("invalid table ID\n", s)
			}
			v.Table = rtnl.Some(t)
		case grammar.Matches(w, "help"):
			return explained("", vrfUsage)
		default:
			return explained(fmt.Sprintf("vrf: unknown option %q?", w), vrfUsage)
		}
	}
	return nil
}

func printVrf(f *format.Fields, v *rtnl.Vrf, _ *View) {
	if t, ok := v.Table.Get(); ok {
		f.Uint("table", "table %d ", uint64(t))
	}
}
