package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const dsaUsage = "Usage: ... dsa [ conduit DEVICE ]\n"

// dsa: a user port of a switch; `conduit` (or `master`) moves it to
// another conduit interface (`ip link set dev PORT type dsa conduit DEV`).
func dsaKind() Kind {
	return newKind("dsa", dsaUsage, parseDSA, printDSA)
}

func parseDSA(p *kindParser, d *rtnl.DSA) error {
	for p.More() {
		w := p.Next()
		switch w {
		case "conduit", "master":
			v, err := p.Value()
			if err != nil {
				return err
			}
			l, err := env.LookupLink(p.env, v)
			if err != nil {
				return fail.Invalid("Device does not exist\n", v)
			}
			d.Conduit = rtnl.Some(uint32(l.Index))
		case "help":
			return explained("", dsaUsage)
		default:
			return explained(fmt.Sprintf("dsa: unknown command %q?", w), dsaUsage)
		}
	}
	return nil
}

func printDSA(f *format.Fields, d *rtnl.DSA, v *View) {
	if c, ok := d.Conduit.Get(); ok {
		f.String("conduit", "conduit %s ", v.linkName(c))
	}
}
