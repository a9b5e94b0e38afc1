package link

import (
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vrf: an L3 master device bound to a routing table.
func vrfKind() Kind {
	return newKind("vrf", "Usage: ... vrf table TABLEID", parseVrf, printVrf)
}

func parseVrf(p *kindParser, v *rtnl.Vrf) error {
	for p.More() {
		w := p.Next()
		if w != "table" {
			return p.unknown(w)
		}
		t, err := p.u32("invalid table ID")
		if err != nil {
			return err
		}
		v.Table = t
	}
	return nil
}

func printVrf(f *format.Fields, v *rtnl.Vrf, _ *View) {
	if t, ok := v.Table.Get(); ok {
		f.Uint("table", "table %d ", uint64(t))
	}
}
