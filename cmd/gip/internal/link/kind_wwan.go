package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
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
	for p.More() {
		word := p.Next()
		switch {
		case grammar.Matches(word, "linkid"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("linkid", v)
			}
			w.LinkID = rtnl.Some(uint32(n))
		case grammar.Matches(word, "help"):
			return explained("", wwanUsage)
		default:
			return explained(fmt.Sprintf("wwan: unknown command %q?", word), wwanUsage)
		}
	}
	return nil
}

func printWWAN(f *format.Fields, w *rtnl.WWAN, _ *View) {
	printUint(f, "linkid", "linkid", w.LinkID)
}
