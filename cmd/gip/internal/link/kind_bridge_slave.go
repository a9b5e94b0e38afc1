package link

import (
	"errors"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// bridge_slave: a bridge port's options, set on the port.
func bridgePortKind() Kind {
	return newKind("bridge_slave", bridgePortUsage, parseBridgePort, printBridgePort)
}

const bridgePortUsage = `Usage: ... bridge_slave [ fdb_flush ]
			[ state STATE ]
			[ priority PRIO ]
			[ cost COST ]
			[ guard {on | off} ]
			[ hairpin {on | off} ]
			[ fastleave {on | off} ]
			[ root_block {on | off} ]
			[ learning {on | off} ]
			[ flood {on | off} ]
			[ proxy_arp {on | off} ]
			[ proxy_arp_wifi {on | off} ]
			[ mcast_router MULTICAST_ROUTER ]
			[ mcast_fast_leave {on | off} ]
			[ mcast_flood {on | off} ]
			[ bcast_flood {on | off} ]
			[ mcast_to_unicast {on | off} ]
			[ group_fwd_mask MASK ]
			[ neigh_suppress {on | off} ]
			[ vlan_tunnel {on | off} ]
			[ isolated {on | off} ]
			[ locked {on | off} ]
			[ backup_port DEVICE ] [ nobackup_port ]
`

// bridgePortOptions are ip's bridge_slave words in the order it tries
// them ("f" is fdb_flush, "mcast_f" mcast_flood); a switch takes "on" or
// "off" (or an abbreviation) as ip's parse_on_off does.
func bridgePortOptions() []kindOption[rtnl.BridgePort] {
	type P = rtnl.BridgePort
	onOff := func(word string, attr uint16, get func(*P) *rtnl.Opt[uint8]) kindOption[P] {
		return kindOption[P]{word: word, attr: attr, parse: func(p *kindParser, port *P) error {
			on, err := p.oneOf(word, "off", "on")
			*get(port) = rtnl.Some(on)
			return err
		}}
	}
	return []kindOption[P]{
		{word: "fdb_flush", attr: unix.IFLA_BRPORT_FLUSH, parse: func(_ *kindParser, port *P) error {
			port.Flush = true
			return nil
		}},
		{word: "state", attr: unix.IFLA_BRPORT_STATE, parse: numberOption(8, "state is invalid", func(p *P) *rtnl.Opt[uint8] { return &p.State })},
		{word: "priority", attr: unix.IFLA_BRPORT_PRIORITY, parse: numberOption(16, "priority is invalid", func(p *P) *rtnl.Opt[uint16] { return &p.Priority })},
		{word: "cost", attr: unix.IFLA_BRPORT_COST, parse: numberOption(32, "cost is invalid", func(p *P) *rtnl.Opt[uint32] { return &p.Cost })},
		onOff("hairpin", unix.IFLA_BRPORT_MODE, func(p *P) *rtnl.Opt[uint8] { return &p.Mode }),
		onOff("guard", unix.IFLA_BRPORT_GUARD, func(p *P) *rtnl.Opt[uint8] { return &p.Guard }),
		onOff("root_block", unix.IFLA_BRPORT_PROTECT, func(p *P) *rtnl.Opt[uint8] { return &p.Protect }),
		onOff("fastleave", unix.IFLA_BRPORT_FAST_LEAVE, func(p *P) *rtnl.Opt[uint8] { return &p.FastLeave }),
		onOff("learning", unix.IFLA_BRPORT_LEARNING, func(p *P) *rtnl.Opt[uint8] { return &p.Learning }),
		onOff("flood", unix.IFLA_BRPORT_UNICAST_FLOOD, func(p *P) *rtnl.Opt[uint8] { return &p.UnicastFlood }),
		onOff("mcast_flood", unix.IFLA_BRPORT_MCAST_FLOOD, func(p *P) *rtnl.Opt[uint8] { return &p.McastFlood }),
		onOff("bcast_flood", unix.IFLA_BRPORT_BCAST_FLOOD, func(p *P) *rtnl.Opt[uint8] { return &p.BcastFlood }),
		onOff("mcast_to_unicast", unix.IFLA_BRPORT_MCAST_TO_UCAST, func(p *P) *rtnl.Opt[uint8] { return &p.McastToUcast }),
		onOff("proxy_arp", unix.IFLA_BRPORT_PROXYARP, func(p *P) *rtnl.Opt[uint8] { return &p.ProxyARP }),
		onOff("proxy_arp_wifi", unix.IFLA_BRPORT_PROXYARP_WIFI, func(p *P) *rtnl.Opt[uint8] { return &p.ProxyARPWifi }),
		{word: "mcast_router", attr: unix.IFLA_BRPORT_MULTICAST_ROUTER, parse: numberOption(8, "invalid mcast_router", func(p *P) *rtnl.Opt[uint8] { return &p.MulticastRouter })},
		onOff("mcast_fast_leave", unix.IFLA_BRPORT_FAST_LEAVE, func(p *P) *rtnl.Opt[uint8] { return &p.FastLeave }),
		onOff("neigh_suppress", unix.IFLA_BRPORT_NEIGH_SUPPRESS, func(p *P) *rtnl.Opt[uint8] { return &p.NeighSuppress }),
		{word: "group_fwd_mask", attr: unix.IFLA_BRPORT_GROUP_FWD_MASK, parse: numberOption(16, "invalid group_fwd_mask", func(p *P) *rtnl.Opt[uint16] { return &p.GroupFwdMask })},
		onOff("vlan_tunnel", unix.IFLA_BRPORT_VLAN_TUNNEL, func(p *P) *rtnl.Opt[uint8] { return &p.VlanTunnel }),
		onOff("isolated", unix.IFLA_BRPORT_ISOLATED, func(p *P) *rtnl.Opt[uint8] { return &p.Isolated }),
		onOff("locked", unix.IFLA_BRPORT_LOCKED, func(p *P) *rtnl.Opt[uint8] { return &p.Locked }),
		{word: "backup_port", attr: unix.IFLA_BRPORT_BACKUP_PORT, parse: func(p *kindParser, port *P) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			l, err := env.LookupLink(p.env, v)
			if errors.Is(err, unix.ENODEV) {
				return fail.Invalid("Device does not exist\n", v)
			}
			if err != nil {
				return err
			}
			port.BackupPort = rtnl.Some(uint32(l.Index))
			return nil
		}},
		{word: "nobackup_port", attr: unix.IFLA_BRPORT_BACKUP_PORT, parse: func(_ *kindParser, port *P) error {
			port.BackupPort = rtnl.Some(uint32(0))
			return nil
		}},
	}
}

var portStates = []string{"disabled", "listening", "learning", "forwarding", "blocking"}

// bridgePortOnOff are the port options that take "on" or "off".
func bridgePortOnOff(p *rtnl.BridgePort) map[string]*rtnl.Opt[uint8] {
	return map[string]*rtnl.Opt[uint8]{
		"guard": &p.Guard, "hairpin": &p.Mode, "fastleave": &p.FastLeave, "root_block": &p.Protect,
		"learning": &p.Learning, "flood": &p.UnicastFlood, "mcast_flood": &p.McastFlood,
		"bcast_flood": &p.BcastFlood, "mcast_to_unicast": &p.McastToUcast, "proxy_arp": &p.ProxyARP,
		"proxy_arp_wifi": &p.ProxyARPWifi, "neigh_suppress": &p.NeighSuppress,
		"vlan_tunnel": &p.VlanTunnel, "isolated": &p.Isolated, "locked": &p.Locked,
	}
}

// parseBridgePortOption reads one port option (w and its value) into p,
// and reports whether w is one; `bridge link set` takes the same words.
func parseBridgePortOption(w string, a *grammar.Args, p *rtnl.BridgePort) (bool, error) {
	if o, ok := bridgePortOnOff(p)[w]; ok {
		on, err := grammar.OnOff(a, w)
		*o = rtnl.Some(b2u8(on))
		return true, err
	}
	nums := map[string]any{"priority": &p.Priority, "cost": &p.Cost, "mcast_router": &p.MulticastRouter,
		"group_fwd_mask": &p.GroupFwdMask}
	if o, ok := nums[w]; ok {
		v, err := a.Value()
		if err != nil {
			return true, err
		}
		return true, setNumber(o, w, v)
	}
	if w != "state" {
		return false, nil
	}
	v, err := a.Value()
	if err != nil {
		return true, err
	}
	for i, s := range portStates {
		if s == v {
			p.State = rtnl.Some(uint8(i))
			return true, nil
		}
	}
	x, err := strconv.ParseUint(v, 0, 8)
	if err != nil {
		return true, fail.Invalid("invalid state", v)
	}
	p.State = rtnl.Some(uint8(x))
	return true, nil
}

// ParseBridgePortArg reads one bridge port option for `bridge link set`
// and returns it as the attribute it sends.
func ParseBridgePortArg(w string, a *grammar.Args) (rtnl.Attr, bool, error) {
	var p rtnl.BridgePort
	ok, err := parseBridgePortOption(w, a, &p)
	if !ok || err != nil {
		return rtnl.Attr{}, ok, err
	}
	attrs := rtnl.EncodeAttrs(&p)
	if len(attrs) != 1 {
		return rtnl.Attr{}, false, nil
	}
	return attrs[0], true, nil
}

// parseBridgePort reads a bridge port's words as ip's
// bridge_slave_parse_opt does: each sent as read, so twice when given
// twice; state is a number there (bridge link set takes names).
func parseBridgePort(p *kindParser, port *rtnl.BridgePort) error {
	return parseOptions(p, port, &port.Superseded, bridgePortOptions(), kindUsage{bridgePortUsage, "option"})
}

func printBridgePort(f *format.Fields, p *rtnl.BridgePort, v *View) {
	if s, ok := p.State.Get(); ok {
		name := strconv.Itoa(int(s))
		if int(s) < len(portStates) {
			name = portStates[s]
		}
		f.String("state", "state %s ", name)
	}
	printUint(f, "priority", "priority", p.Priority)
	printUint(f, "cost", "cost", p.Cost)
	printOnOff(f, "hairpin", "hairpin", p.Mode)
	printOnOff(f, "guard", "guard", p.Guard)
	printOnOff(f, "root_block", "root_block", p.Protect)
	printOnOff(f, "fastleave", "fastleave", p.FastLeave)
	printOnOff(f, "learning", "learning", p.Learning)
	printOnOff(f, "flood", "flood", p.UnicastFlood)
	printHex(f, "id", "port_id", p.ID)
	printHex(f, "no", "port_no", p.No)
	printUint(f, "designated_port", "designated_port", p.DesignatedPort)
	printUint(f, "designated_cost", "designated_cost", p.DesignatedCost)
	printBridgeID(f, "bridge_id", "designated_bridge", p.BridgeID)
	printBridgeID(f, "root_id", "designated_root", p.RootID)
	printTimer(f, "hold_timer", "hold_timer", p.HoldTimer)
	printTimer(f, "message_age_timer", "message_age_timer", p.MessageAgeTimer)
	printTimer(f, "forward_delay_timer", "forward_delay_timer", p.ForwardDelayTimer)
	printUint(f, "topology_change_ack", "topology_change_ack", p.TopologyChangeAck)
	printUint(f, "config_pending", "config_pending", p.ConfigPending)
	printOnOff(f, "proxy_arp", "proxy_arp", p.ProxyARP)
	printOnOff(f, "proxy_arp_wifi", "proxy_arp_wifi", p.ProxyARPWifi)
	printUint(f, "multicast_router", "mcast_router", p.MulticastRouter)
	printOnOff(f, "", "mcast_fast_leave", p.FastLeave)
	printOnOff(f, "mcast_flood", "mcast_flood", p.McastFlood)
	printOnOff(f, "bcast_flood", "bcast_flood", p.BcastFlood)
	printOnOff(f, "mcast_to_unicast", "mcast_to_unicast", p.McastToUcast)
	printOnOff(f, "neigh_suppress", "neigh_suppress", p.NeighSuppress)
	if m, ok := p.GroupFwdMask.Get(); ok {
		f.String("group_fwd_mask", "group_fwd_mask %s ", cHex(uint64(m)))
		f.String("group_fwd_mask_str", "group_fwd_mask_str %s ", "0x"+strconv.FormatUint(uint64(m), 16))
	}
	printOnOff(f, "vlan_tunnel", "vlan_tunnel", p.VlanTunnel)
	printOnOff(f, "isolated", "isolated", p.Isolated)
	printOnOff(f, "locked", "locked", p.Locked)
	if i, ok := p.BackupPort.Get(); ok {
		f.String("backup_port", "backup_port %s ", v.linkName(i))
	}
}
