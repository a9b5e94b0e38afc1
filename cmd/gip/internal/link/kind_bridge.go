package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// bridge: an Ethernet bridge.
func bridgeKind() Kind {
	return newKind("bridge", bridgeUsage, parseBridge, printBridge)
}

const bridgeUsage = "Usage: ... bridge [ forward_delay FORWARD_DELAY ] [ hello_time HELLO_TIME ] ..."

// bridgeNumbers are the options that take one number, by keyword.
func bridgeNumbers(b *rtnl.Bridge) map[string]any {
	return map[string]any{
		"forward_delay": &b.ForwardDelay, "hello_time": &b.HelloTime, "max_age": &b.MaxAge,
		"ageing_time": &b.AgeingTime, "stp_state": &b.StpState, "priority": &b.Priority,
		"vlan_filtering": &b.VlanFiltering, "vlan_default_pvid": &b.VlanDefaultPVID,
		"vlan_stats_enabled": &b.VlanStatsEnabled, "vlan_stats_per_port": &b.VlanStatsPerPort,
		"group_fwd_mask": &b.GroupFwdMask, "mcast_snooping": &b.McastSnooping,
		"mcast_router": &b.McastRouter, "mcast_query_use_ifaddr": &b.McastQueryUseIfaddr,
		"mcast_querier": &b.McastQuerier, "mcast_hash_elasticity": &b.McastHashElasticity,
		"mcast_hash_max": &b.McastHashMax, "mcast_last_member_count": &b.McastLastMemberCnt,
		"mcast_startup_query_count":     &b.McastStartupQueryCnt,
		"mcast_last_member_interval":    &b.McastLastMemberIntvl,
		"mcast_membership_interval":     &b.McastMembershipIntvl,
		"mcast_querier_interval":        &b.McastQuerierIntvl,
		"mcast_query_interval":          &b.McastQueryIntvl,
		"mcast_query_response_interval": &b.McastQueryResponseIntvl,
		"mcast_startup_query_interval":  &b.McastStartupQueryIntvl,
		"mcast_stats_enabled":           &b.McastStatsEnabled,
		"mcast_igmp_version":            &b.McastIGMPVersion,
		"mcast_mld_version":             &b.McastMLDVersion,
		"nf_call_iptables":              &b.NfCallIptables,
		"nf_call_ip6tables":             &b.NfCallIp6tables,
		"nf_call_arptables":             &b.NfCallArptables,
	}
}

// setNumber parses v into the option p points to, an Opt of its width.
func setNumber(p any, kw, v string) error {
	var n uint64
	var err error
	parse := func(b int) bool {
		n, err = strconv.ParseUint(v, 0, b)
		return err == nil
	}
	bad := fail.Invalid("invalid "+kw, v)
	switch o := p.(type) {
	case *rtnl.Opt[uint8]:
		if !parse(8) {
			return bad
		}
		*o = rtnl.Some(uint8(n))
	case *rtnl.Opt[uint16]:
		if !parse(16) {
			return bad
		}
		*o = rtnl.Some(uint16(n))
	case *rtnl.Opt[uint32]:
		if !parse(32) {
			return bad
		}
		*o = rtnl.Some(uint32(n))
	case *rtnl.Opt[uint64]:
		if !parse(64) {
			return bad
		}
		*o = rtnl.Some(n)
	}
	return nil
}

func parseBridge(p *kindParser, b *rtnl.Bridge) error {
	nums := bridgeNumbers(b)
	for p.More() {
		w := p.Next()
		if w == "fdb_flush" {
			b.FdbFlush = true
			continue
		}
		if grammar.Matches(w, "help") {
			return fail.Usagef("%s", bridgeUsage)
		}
		num, isNum := nums[w]
		if !isNum && w != "vlan_protocol" && w != "group_address" && w != "no_linklocal_learn" && w != "mcast_vlan_snooping" {
			return p.unknown(w)
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		switch w {
		case "vlan_protocol":
			proto, ok := parseVlanProto(v)
			if !ok {
				return fail.Invalid("invalid vlan_protocol", v)
			}
			b.VlanProtocol = rtnl.Some(proto)
		case "group_address":
			mac, err := ParseLLAddr(v)
			if err != nil || len(mac) != 6 {
				return fail.Invalid("invalid group address", v)
			}
			b.GroupAddr = rtnl.Some([6]byte(mac))
		case "no_linklocal_learn", "mcast_vlan_snooping":
			x, err := strconv.ParseUint(v, 0, 8)
			if err != nil {
				return fail.Invalid("invalid "+w, v)
			}
			bit := uint32(rtnl.BridgeBoolOptNoLLLearn)
			if w == "mcast_vlan_snooping" {
				bit = rtnl.BridgeBoolOptMcastVlanSnooped
			}
			b.BoolOpts.V.Put(bit, x != 0)
			b.BoolOpts.Set = true
		default:
			if err := setNumber(num, w, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func printBridge(f *format.Fields, b *rtnl.Bridge, v *View) {
	printUint(f, "forward_delay", "forward_delay", b.ForwardDelay)
	printUint(f, "hello_time", "hello_time", b.HelloTime)
	printUint(f, "max_age", "max_age", b.MaxAge)
	printUint(f, "ageing_time", "ageing_time", b.AgeingTime)
	printUint(f, "stp_state", "stp_state", b.StpState)
	printUint(f, "priority", "priority", b.Priority)
	printUint(f, "vlan_filtering", "vlan_filtering", b.VlanFiltering)
	if p, ok := b.VlanProtocol.Get(); ok {
		f.String("vlan_protocol", "vlan_protocol %s ", vlanProtoName(p, v))
	}
	printBridgeID(f, "bridge_id", "bridge_id", b.BridgeID)
	printBridgeID(f, "root_id", "designated_root", b.RootID)
	printUint(f, "root_port", "root_port", b.RootPort)
	printUint(f, "root_path_cost", "root_path_cost", b.RootPathCost)
	printUint(f, "topology_change", "topology_change", b.TopologyChange)
	printUint(f, "topology_change_detected", "topology_change_detected", b.TopologyChangeDetected)
	printTimer(f, "hello_timer", "hello_timer", b.HelloTimer)
	printTimer(f, "tcn_timer", "tcn_timer", b.TCNTimer)
	printTimer(f, "topology_change_timer", "topology_change_timer", b.TopologyChangeTimer)
	printTimer(f, "gc_timer", "gc_timer", b.GCTimer)
	printUint(f, "vlan_default_pvid", "vlan_default_pvid", b.VlanDefaultPVID)
	printUint(f, "vlan_stats_enabled", "vlan_stats_enabled", b.VlanStatsEnabled)
	printUint(f, "vlan_stats_per_port", "vlan_stats_per_port", b.VlanStatsPerPort)
	printHex(f, "group_fwd_mask", "group_fwd_mask", b.GroupFwdMask)
	printMAC(f, "group_addr", "group_address", b.GroupAddr)
	printUint(f, "mcast_snooping", "mcast_snooping", b.McastSnooping)
	if o, ok := b.BoolOpts.Get(); ok {
		f.Uint("no_linklocal_learn", "no_linklocal_learn %d ", uint64(o.Value&rtnl.BridgeBoolOptNoLLLearn))
		f.Uint("mcast_vlan_snooping", "mcast_vlan_snooping %d ", uint64(o.Value&rtnl.BridgeBoolOptMcastVlanSnooped>>1))
	}
	printUint(f, "mcast_router", "mcast_router", b.McastRouter)
	printUint(f, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", b.McastQueryUseIfaddr)
	printUint(f, "mcast_querier", "mcast_querier", b.McastQuerier)
	printUint(f, "mcast_hash_elasticity", "mcast_hash_elasticity", b.McastHashElasticity)
	printUint(f, "mcast_hash_max", "mcast_hash_max", b.McastHashMax)
	printUint(f, "mcast_last_member_cnt", "mcast_last_member_count", b.McastLastMemberCnt)
	printUint(f, "mcast_startup_query_cnt", "mcast_startup_query_count", b.McastStartupQueryCnt)
	printUint(f, "mcast_last_member_intvl", "mcast_last_member_interval", b.McastLastMemberIntvl)
	printUint(f, "mcast_membership_intvl", "mcast_membership_interval", b.McastMembershipIntvl)
	printUint(f, "mcast_querier_intvl", "mcast_querier_interval", b.McastQuerierIntvl)
	printUint(f, "mcast_query_intvl", "mcast_query_interval", b.McastQueryIntvl)
	printUint(f, "mcast_query_response_intvl", "mcast_query_response_interval", b.McastQueryResponseIntvl)
	printUint(f, "mcast_startup_query_intvl", "mcast_startup_query_interval", b.McastStartupQueryIntvl)
	printUint(f, "mcast_stats_enabled", "mcast_stats_enabled", b.McastStatsEnabled)
	printUint(f, "mcast_igmp_version", "mcast_igmp_version", b.McastIGMPVersion)
	printUint(f, "mcast_mld_version", "mcast_mld_version", b.McastMLDVersion)
	printUint(f, "nf_call_iptables", "nf_call_iptables", b.NfCallIptables)
	printUint(f, "nf_call_ip6tables", "nf_call_ip6tables", b.NfCallIp6tables)
	printUint(f, "nf_call_arptables", "nf_call_arptables", b.NfCallArptables)
}
