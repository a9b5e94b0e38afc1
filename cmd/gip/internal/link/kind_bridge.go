package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// bridge: an Ethernet bridge.
func bridgeKind() Kind {
	return newKind("bridge", bridgeUsage, parseBridge, printBridge)
}

const bridgeUsage = `Usage: ... bridge [ fdb_flush ]
		  [ forward_delay FORWARD_DELAY ]
		  [ hello_time HELLO_TIME ]
		  [ max_age MAX_AGE ]
		  [ ageing_time AGEING_TIME ]
		  [ stp_state STP_STATE ]
		  [ priority PRIORITY ]
		  [ group_fwd_mask MASK ]
		  [ group_address ADDRESS ]
		  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]
		  [ vlan_filtering VLAN_FILTERING ]
		  [ vlan_protocol VLAN_PROTOCOL ]
		  [ vlan_default_pvid VLAN_DEFAULT_PVID ]
		  [ vlan_stats_enabled VLAN_STATS_ENABLED ]
		  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]
		  [ mcast_snooping MULTICAST_SNOOPING ]
		  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]
		  [ mcast_router MULTICAST_ROUTER ]
		  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]
		  [ mcast_querier MULTICAST_QUERIER ]
		  [ mcast_hash_elasticity HASH_ELASTICITY ]
		  [ mcast_hash_max HASH_MAX ]
		  [ mcast_last_member_count LAST_MEMBER_COUNT ]
		  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]
		  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]
		  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]
		  [ mcast_querier_interval QUERIER_INTERVAL ]
		  [ mcast_query_interval QUERY_INTERVAL ]
		  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]
		  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]
		  [ mcast_stats_enabled MCAST_STATS_ENABLED ]
		  [ mcast_igmp_version IGMP_VERSION ]
		  [ mcast_mld_version MLD_VERSION ]
		  [ nf_call_iptables NF_CALL_IPTABLES ]
		  [ nf_call_ip6tables NF_CALL_IP6TABLES ]
		  [ nf_call_arptables NF_CALL_ARPTABLES ]

Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }
`

// bridgeOptions are ip's bridge words in the order it tries them: a word
// is the first it abbreviates ("m" is max_age, "mcast_q" mcast_query_use_ifaddr);
// no_linklocal_learn and mcast_vlan_snooping are taken only whole and
// gathered into one IFLA_BR_MULTI_BOOLOPT sent after the others.
func bridgeOptions() []kindOption[rtnl.Bridge] {
	type B = rtnl.Bridge
	u8 := func(word string, attr uint16, get func(*B) *rtnl.Opt[uint8]) kindOption[B] {
		return kindOption[B]{word: word, attr: attr, parse: numberOption(8, "invalid "+word, get)}
	}
	u16 := func(word string, attr uint16, get func(*B) *rtnl.Opt[uint16]) kindOption[B] {
		return kindOption[B]{word: word, attr: attr, parse: numberOption(16, "invalid "+word, get)}
	}
	u32 := func(word string, attr uint16, get func(*B) *rtnl.Opt[uint32]) kindOption[B] {
		return kindOption[B]{word: word, attr: attr, parse: numberOption(32, "invalid "+word, get)}
	}
	u64 := func(word string, attr uint16, get func(*B) *rtnl.Opt[uint64]) kindOption[B] {
		return kindOption[B]{word: word, attr: attr, parse: numberOption(64, "invalid "+word, get)}
	}
	boolOpt := func(word string, bit uint32) kindOption[B] {
		return kindOption[B]{word: word, exact: true, parse: func(p *kindParser, b *B) error {
			var on rtnl.Opt[uint8]
			if err := numberOption(8, "invalid "+word, func(*B) *rtnl.Opt[uint8] { return &on })(p, b); err != nil {
				return err
			}
			b.BoolOpts.V.Put(bit, on.V != 0)
			b.BoolOpts.Set = true
			return nil
		}}
	}
	return []kindOption[B]{
		u32("forward_delay", unix.IFLA_BR_FORWARD_DELAY, func(b *B) *rtnl.Opt[uint32] { return &b.ForwardDelay }),
		u32("hello_time", unix.IFLA_BR_HELLO_TIME, func(b *B) *rtnl.Opt[uint32] { return &b.HelloTime }),
		u32("max_age", unix.IFLA_BR_MAX_AGE, func(b *B) *rtnl.Opt[uint32] { return &b.MaxAge }),
		u32("ageing_time", unix.IFLA_BR_AGEING_TIME, func(b *B) *rtnl.Opt[uint32] { return &b.AgeingTime }),
		u32("stp_state", unix.IFLA_BR_STP_STATE, func(b *B) *rtnl.Opt[uint32] { return &b.StpState }),
		u16("priority", unix.IFLA_BR_PRIORITY, func(b *B) *rtnl.Opt[uint16] { return &b.Priority }),
		u8("vlan_filtering", unix.IFLA_BR_VLAN_FILTERING, func(b *B) *rtnl.Opt[uint8] { return &b.VlanFiltering }),
		{word: "vlan_protocol", attr: unix.IFLA_BR_VLAN_PROTOCOL, parse: func(p *kindParser, b *B) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			proto, ok := grammar.ParseEthProto(v)
			if !ok {
				return fail.Invalid("invalid vlan_protocol", v)
			}
			b.VlanProtocol = rtnl.Some(proto)
			return nil
		}},
		u16("group_fwd_mask", unix.IFLA_BR_GROUP_FWD_MASK, func(b *B) *rtnl.Opt[uint16] { return &b.GroupFwdMask }),
		{word: "group_address", attr: unix.IFLA_BR_GROUP_ADDR, parse: func(p *kindParser, b *B) error {
			return p.mac(&b.GroupAddr)
		}},
		boolOpt("no_linklocal_learn", rtnl.BridgeBoolOptNoLLLearn),
		{word: "fdb_flush", attr: unix.IFLA_BR_FDB_FLUSH, parse: func(_ *kindParser, b *B) error {
			b.FdbFlush = true
			return nil
		}},
		u16("vlan_default_pvid", unix.IFLA_BR_VLAN_DEFAULT_PVID, func(b *B) *rtnl.Opt[uint16] { return &b.VlanDefaultPVID }),
		u8("vlan_stats_enabled", unix.IFLA_BR_VLAN_STATS_ENABLED, func(b *B) *rtnl.Opt[uint8] { return &b.VlanStatsEnabled }),
		u8("vlan_stats_per_port", unix.IFLA_BR_VLAN_STATS_PER_PORT, func(b *B) *rtnl.Opt[uint8] { return &b.VlanStatsPerPort }),
		u8("mcast_router", unix.IFLA_BR_MCAST_ROUTER, func(b *B) *rtnl.Opt[uint8] { return &b.McastRouter }),
		u8("mcast_snooping", unix.IFLA_BR_MCAST_SNOOPING, func(b *B) *rtnl.Opt[uint8] { return &b.McastSnooping }),
		boolOpt("mcast_vlan_snooping", rtnl.BridgeBoolOptMcastVlanSnooped),
		u8("mcast_query_use_ifaddr", unix.IFLA_BR_MCAST_QUERY_USE_IFADDR, func(b *B) *rtnl.Opt[uint8] { return &b.McastQueryUseIfaddr }),
		u8("mcast_querier", unix.IFLA_BR_MCAST_QUERIER, func(b *B) *rtnl.Opt[uint8] { return &b.McastQuerier }),
		u32("mcast_hash_elasticity", unix.IFLA_BR_MCAST_HASH_ELASTICITY, func(b *B) *rtnl.Opt[uint32] { return &b.McastHashElasticity }),
		u32("mcast_hash_max", unix.IFLA_BR_MCAST_HASH_MAX, func(b *B) *rtnl.Opt[uint32] { return &b.McastHashMax }),
		u32("mcast_last_member_count", unix.IFLA_BR_MCAST_LAST_MEMBER_CNT, func(b *B) *rtnl.Opt[uint32] { return &b.McastLastMemberCnt }),
		u32("mcast_startup_query_count", unix.IFLA_BR_MCAST_STARTUP_QUERY_CNT, func(b *B) *rtnl.Opt[uint32] { return &b.McastStartupQueryCnt }),
		u64("mcast_last_member_interval", unix.IFLA_BR_MCAST_LAST_MEMBER_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastLastMemberIntvl }),
		u64("mcast_membership_interval", unix.IFLA_BR_MCAST_MEMBERSHIP_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastMembershipIntvl }),
		u64("mcast_querier_interval", unix.IFLA_BR_MCAST_QUERIER_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastQuerierIntvl }),
		u64("mcast_query_interval", unix.IFLA_BR_MCAST_QUERY_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastQueryIntvl }),
		u64("mcast_query_response_interval", unix.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastQueryResponseIntvl }),
		u64("mcast_startup_query_interval", unix.IFLA_BR_MCAST_STARTUP_QUERY_INTVL, func(b *B) *rtnl.Opt[uint64] { return &b.McastStartupQueryIntvl }),
		u8("mcast_stats_enabled", unix.IFLA_BR_MCAST_STATS_ENABLED, func(b *B) *rtnl.Opt[uint8] { return &b.McastStatsEnabled }),
		u8("mcast_igmp_version", unix.IFLA_BR_MCAST_IGMP_VERSION, func(b *B) *rtnl.Opt[uint8] { return &b.McastIGMPVersion }),
		u8("mcast_mld_version", unix.IFLA_BR_MCAST_MLD_VERSION, func(b *B) *rtnl.Opt[uint8] { return &b.McastMLDVersion }),
		u8("nf_call_iptables", unix.IFLA_BR_NF_CALL_IPTABLES, func(b *B) *rtnl.Opt[uint8] { return &b.NfCallIptables }),
		u8("nf_call_ip6tables", unix.IFLA_BR_NF_CALL_IP6TABLES, func(b *B) *rtnl.Opt[uint8] { return &b.NfCallIp6tables }),
		u8("nf_call_arptables", unix.IFLA_BR_NF_CALL_ARPTABLES, func(b *B) *rtnl.Opt[uint8] { return &b.NfCallArptables }),
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

// parseBridge reads a bridge's words as ip's bridge_parse_opt does:
// each sent as read, so twice when given twice.
func parseBridge(p *kindParser, b *rtnl.Bridge) error {
	return parseOptions(p, b, &b.Superseded, bridgeOptions(), kindUsage{bridgeUsage, "command"})
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
