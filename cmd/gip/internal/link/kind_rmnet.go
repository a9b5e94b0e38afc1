package link

import (
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
	return parseNumberOption(p, "mux_id", 16, "mux_id is invalid", rmnetUsage, func(n uint64) { r.MuxID = rtnl.Some(uint16(n)) })
}

func printRmnet(f *format.Fields, r *rtnl.Rmnet, _ *View) {
	printUint(f, "mux_id", "mux_id", r.MuxID)
}
