package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// bond_slave: a bond port's options, set on the port, and what the
// kernel reports of the port.
func bondPortKind() Kind {
	return newKind("bond_slave", "Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ]", parseBondPort, printBondPort)
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

// Names of a bond port's states, by value.
var (
	bondPortStates    = []string{"ACTIVE", "BACKUP"}
	bondPortMIIStatus = []string{"UP", "GOING_DOWN", "DOWN", "GOING_BACK"}
	// lacpStateBits name the bits of an 802.3ad port state, lowest first.
	lacpStateBits = []string{"active", "short_timeout", "aggregating", "in_sync", "collecting", "distributing", "defaulted", "expired"}
)

// printBondPortName prints a state by its name, or its number under
// KEY_index when it has none.
func printBondPortName(f *format.Fields, key string, o rtnl.Opt[uint8], names []string) {
	x, ok := o.Get()
	if !ok {
		return
	}
	if int(x) < len(names) {
		f.String(key, key+" %s ", names[x])
		return
	}
	f.Int(key+"_index", key+" %d ", int64(x))
}

// printLACPState prints an 802.3ad port state, its number and its bits
// by name.
func printLACPState(f *format.Fields, key string, state uint64) {
	f.Int(key, key+" %d ", int64(state))
	f.OpenArray(key + "_str")
	f.Literal(key + "_str <")
	first := true
	for i, name := range lacpStateBits {
		if state&(1<<i) == 0 {
			continue
		}
		if !first {
			f.Literal(",")
		}
		first = false
		f.Element("%s", name)
	}
	f.Literal("> ")
	f.CloseArray()
}

func printBondPort(f *format.Fields, p *rtnl.BondPort, _ *View) {
	printBondPortName(f, "state", p.State, bondPortStates)
	printBondPortName(f, "mii_status", p.MIIStatus, bondPortMIIStatus)
	if n, ok := p.LinkFailureCount.Get(); ok {
		f.Int("link_failure_count", "link_failure_count %d ", int64(int32(n)))
	}
	if p.PermHWAddr != nil {
		f.String("perm_hwaddr", "perm_hwaddr %s ", rtnl.HardwareAddr(p.PermHWAddr).String())
	}
	if n, ok := p.QueueID.Get(); ok {
		f.Int("queue_id", "queue_id %d ", int64(n))
	}
	if n, ok := p.Prio.Get(); ok {
		f.Int("prio", "prio %d ", int64(n))
	}
	if n, ok := p.ADAggregatorID.Get(); ok {
		f.Int("ad_aggregator_id", "ad_aggregator_id %d ", int64(n))
	}
	if s, ok := p.ADActorOperPortState.Get(); ok {
		printLACPState(f, "ad_actor_oper_port_state", uint64(s))
	}
	if s, ok := p.ADPartnerOperPortState.Get(); ok {
		printLACPState(f, "ad_partner_oper_port_state", uint64(s&0xff))
	}
}
