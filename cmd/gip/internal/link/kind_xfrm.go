package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// xfrm: an xfrm interface, the device IPsec policies and states with the
// same if_id route through.
func xfrmKind() Kind {
	return newKind("xfrm", xfrmUsage, parseXfrm, printXfrm)
}

const xfrmUsage = "Usage: ... xfrm dev [ PHYS_DEV ] [ if_id IF-ID ]\n" +
	"\t\t[ external ]\n\n" +
	"Where: IF-ID := { 0x1..0xffffffff }"

// parseXfrm reads an xfrm's words as ip does: dev and if_id abbreviated,
// external whole, ip's usage for any other word.
func parseXfrm(p *kindParser, x *rtnl.Xfrm) error {
	link := false
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "dev"):
			if err := p.linkName(func(i uint32) { x.Link = rtnl.Some(i) }); err != nil {
				return err
			}
			link = true
		case grammar.Matches(w, "if_id"):
			id, err := p.u32("if_id value is invalid")
			if err != nil {
				return err
			}
			if id.V == 0 {
				return fail.Invalid("if_id value is invalid", "0")
			}
			x.IfID = id
		case w == "external":
			x.CollectMetadata = true
		default:
			return explained("", xfrmUsage)
		}
	}
	if x.CollectMetadata {
		if x.IfID.Set || link {
			return fail.Localf("xfrmi: both 'external' and if_id/link cannot be specified")
		}
		return nil
	}
	if !x.IfID.Set {
		return fail.Usagef("Error: argument \"IF_ID\" is required")
	}
	return nil
}

func printXfrm(f *format.Fields, x *rtnl.Xfrm, _ *View) {
	if x.CollectMetadata {
		f.Bool("external", "external ", true)
		return
	}
	printHex(f, "if_id", "if_id", x.IfID)
}
