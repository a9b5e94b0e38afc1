package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// bond_slave: a bond port's options, set on the port. gip does not print
// them (ip's bond_slave details are not modelled yet).
func bondPortKind() Kind {
	return newKind("bond_slave", "Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ]", parseBondPort, nil)
}

func parseBondPort(p *kindParser, port *rtnl.BondPort) error {
	for p.More() {
		w := p.Next()
		switch w {
		case "queue_id":
			id, err := p.u16("queue_id is invalid")
			if err != nil {
				return err
			}
			port.QueueID = id
		case "prio":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil {
				return fail.Invalid("prio is invalid", v)
			}
			port.Prio = rtnl.Some(int32(n))
		default:
			return p.unknown(w)
		}
	}
	return nil
}
