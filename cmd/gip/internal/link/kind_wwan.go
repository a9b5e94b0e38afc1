package link

import (
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const wwanUsage = `Usage: ... wwan linkid LINKID

Where: LINKID := 0-4294967295
`

// wwan: a data channel of a WWAN modem, by the modem's link identifier.
func wwanKind() Kind {
	return newKind("wwan", wwanUsage, parseWWAN, printWWAN)
}

func parseWWAN(p *kindParser, w *rtnl.WWAN) error {
	return parseNumberOption(p, "linkid", 32, "linkid", wwanUsage, func(n uint64) { w.LinkID = rtnl.Some(uint32(n)) })
}

func printWWAN(f *format.Fields, w *rtnl.WWAN, _ *View) {
	printUint(f, "linkid", "linkid", w.LinkID)
}
