package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// bridge_slave: a bridge port's options, set on the port.
func bridgePortKind() Kind {
	return newKind("bridge_slave", "Usage: ... bridge_slave [ fdb_flush ] [ state STATE ] [ priority PRIO ] [ cost COST ] ...",
		parseBridgePort, printBridgePort)
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

func parseBridgePort(p *kindParser, port *rtnl.BridgePort) error {
	for p.More() {
		w := p.Next()
		if w == "fdb_flush" {
			port.Flush = true
			continue
		}
		ok, err := parseBridgePortOption(w, p.Args, port)
		if err != nil {
			return err
		}
		if !ok {
			return p.unknown(w)
		}
	}
	return nil
}

func printBridgePort(f *format.Fields, p *rtnl.BridgePort, _ *View) {
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
}
