package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// bond_slave: a bond port's options, set on the port, and what the
// kernel reports of the port.
func bondPortKind() Kind {
	return newKind("bond_slave", bondPortUsage, parseBondPort, printBondPort)
}

const bondPortUsage = "Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ]\n"

// bondPortOptions are ip's bond_slave words: queue_id (abbreviated),
// prio (whole).
func bondPortOptions() []kindOption[rtnl.BondPort] {
	return []kindOption[rtnl.BondPort]{
		{word: "queue_id", attr: unix.IFLA_BOND_SLAVE_QUEUE_ID,
			parse: numberOption(16, "queue_id is invalid", func(b *rtnl.BondPort) *rtnl.Opt[uint16] { return &b.QueueID })},
		{word: "prio", exact: true, attr: unix.IFLA_BOND_SLAVE_PRIO, parse: func(p *kindParser, port *rtnl.BondPort) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.CInt(v, 0)
			if !ok {
				return fail.Invalid("prio is invalid", v)
			}
			port.Prio = rtnl.Some(n)
			return nil
		}},
	}
}

// parseBondPort reads a bond port's words as ip does, each sent as read
// (twice when given twice); any other word is ip's complaint ("unknown
// option") and usage, help the usage.
func parseBondPort(p *kindParser, port *rtnl.BondPort) error {
	return parseOptions(p, port, &port.Superseded, bondPortOptions(), kindUsage{bondPortUsage, "option"})
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
