package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const rmnetUsage = `Usage: ... rmnet mux_id MUXID

MUXID := 1-254
`

// rmnet: a multiplexed channel of a Qualcomm modem's data device.
func rmnetKind() Kind {
	return newKind("rmnet", rmnetUsage, parseRmnet, printRmnet)
}

func parseRmnet(p *kindParser, r *rtnl.Rmnet) error {
	for p.More() {
		w := p.Next()
		switch {
		case grammar.Matches(w, "mux_id"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return fail.Invalid("mux_id is invalid", v)
			}
			r.MuxID = rtnl.Some(uint16(n))
		case grammar.Matches(w, "help"):
			return explained("", rmnetUsage)
		default:
			return explained(fmt.Sprintf("rmnet: unknown command %q?", w), rmnetUsage)
		}
	}
	return nil
}

func printRmnet(f *format.Fields, r *rtnl.Rmnet, _ *View) {
	printUint(f, "mux_id", "mux_id", r.MuxID)
}
