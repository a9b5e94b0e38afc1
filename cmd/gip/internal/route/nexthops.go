package route

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// nexthops reads `nexthop NH [nexthop NH]...` to the end of the line
// (parse_nexthops).
func (p *specParser) nexthops(a *grammar.Args) error {
	for a.More() {
		if w := a.Next(); w != "nexthop" {
			return fail.Usagef("Error: \"nexthop\" or end of line is expected instead of \"%s\"", w)
		}
		if !a.More() {
			return fail.Usagef("Error: unexpected end of line after \"nexthop\"")
		}
		nh := rtnl.Nexthop{Weight: 1}
		dev, err := p.hop(a, &nh)
		if err != nil {
			return err
		}
		p.s.Route.Nexthops = append(p.s.Route.Nexthops, nh)
		p.s.hopDevs = append(p.s.hopDevs, dev)
	}
	return nil
}

// hop reads one NH up to the next word that is not its own, returning
// the device it names.
func (p *specParser) hop(a *grammar.Args, nh *rtnl.Nexthop) (dev string, err error) {
	for a.More() {
		switch w := a.Next(); {
		case w == "via":
			nh.Gateway, err = p.via(a)
		case w == "dev":
			dev, err = a.Value()
		case w == "weight":
			var v string
			if v, err = a.Value(); err != nil {
				return "", err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok || n == 0 || n > 256 {
				return "", fail.Invalid("\"weight\" is invalid\n", v)
			}
			nh.Weight = int(n)
		case w == "onlink":
			nh.Flags |= unix.RTNH_F_ONLINK
		case grammar.Matches(w, "realms"):
			nh.Realms, err = grammar.ParseValue(a, p.names.ParseRealms, "\"realm\" value is invalid\n")
		case w == "encap":
			nh.EncapType, nh.Encap, err = nexthop.ParseEncap(a, p.s.Route.Family)
		case w == "as":
			nh.NewDst, err = p.labels(a, false)
		default:
			a.Back()
			return dev, nil
		}
		if err != nil {
			return "", err
		}
	}
	return dev, nil
}
