package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Bits of IFLA_BR_MULTI_BOOLOPT (enum br_boolopt_id).
const (
	BridgeBoolOptNoLLLearn        = 1 << 0 // BR_BOOLOPT_NO_LL_LEARN
	BridgeBoolOptMcastVlanSnooped = 1 << 1 // BR_BOOLOPT_MCAST_VLAN_SNOOPING
)

// BridgeID is struct ifla_bridge_id: a priority and an address.
type BridgeID [8]byte

// Bridge is the options of a bridge (IFLA_BR_*). The read-only ones (ids,
// timers, topology state) are only ever decoded.
type Bridge struct {
	ForwardDelay, HelloTime, MaxAge, AgeingTime, StpState Opt[uint32]
	Priority                                              Opt[uint16]
	VlanFiltering                                         Opt[uint8]
	VlanProtocol                                          Opt[uint16] // network order on the wire
	BridgeID, RootID                                      Opt[BridgeID]
	RootPort                                              Opt[uint16]
	RootPathCost                                          Opt[uint32]
	TopologyChange, TopologyChangeDetected                Opt[uint8]
	HelloTimer, TCNTimer, TopologyChangeTimer, GCTimer    Opt[uint64] // centiseconds
	VlanDefaultPVID                                       Opt[uint16]
	VlanStatsEnabled, VlanStatsPerPort                    Opt[uint8]
	GroupFwdMask                                          Opt[uint16]
	GroupAddr                                             Opt[[6]byte]
	McastSnooping                                         Opt[uint8]
	BoolOpts                                              Opt[BitSet]
	McastRouter, McastQueryUseIfaddr, McastQuerier        Opt[uint8]
	McastHashElasticity, McastHashMax                     Opt[uint32]
	McastLastMemberCnt, McastStartupQueryCnt              Opt[uint32]
	McastLastMemberIntvl, McastMembershipIntvl            Opt[uint64]
	McastQuerierIntvl, McastQueryIntvl                    Opt[uint64]
	McastQueryResponseIntvl, McastStartupQueryIntvl       Opt[uint64]
	McastStatsEnabled, McastIGMPVersion, McastMLDVersion  Opt[uint8]
	NfCallIptables, NfCallIp6tables, NfCallArptables      Opt[uint8]
	FdbFlush                                              bool

	// Superseded are options given more than once, their earlier
	// values: sent before the fields, in the order given, as ip sends
	// every word it reads (the kernel keeps the last).
	Superseded []Attr
}

func (b *Bridge) fields() []field {
	return []field{
		u32Field(unix.IFLA_BR_FORWARD_DELAY, &b.ForwardDelay),
		u32Field(unix.IFLA_BR_HELLO_TIME, &b.HelloTime),
		u32Field(unix.IFLA_BR_MAX_AGE, &b.MaxAge),
		u32Field(unix.IFLA_BR_AGEING_TIME, &b.AgeingTime),
		u32Field(unix.IFLA_BR_STP_STATE, &b.StpState),
		u16Field(unix.IFLA_BR_PRIORITY, &b.Priority),
		u8Field(unix.IFLA_BR_VLAN_FILTERING, &b.VlanFiltering),
		be16Field(unix.IFLA_BR_VLAN_PROTOCOL, &b.VlanProtocol),
		bridgeIDField(unix.IFLA_BR_BRIDGE_ID, &b.BridgeID),
		bridgeIDField(unix.IFLA_BR_ROOT_ID, &b.RootID),
		u16Field(unix.IFLA_BR_ROOT_PORT, &b.RootPort),
		u32Field(unix.IFLA_BR_ROOT_PATH_COST, &b.RootPathCost),
		u8Field(unix.IFLA_BR_TOPOLOGY_CHANGE, &b.TopologyChange),
		u8Field(unix.IFLA_BR_TOPOLOGY_CHANGE_DETECTED, &b.TopologyChangeDetected),
		u64Field(unix.IFLA_BR_HELLO_TIMER, &b.HelloTimer),
		u64Field(unix.IFLA_BR_TCN_TIMER, &b.TCNTimer),
		u64Field(unix.IFLA_BR_TOPOLOGY_CHANGE_TIMER, &b.TopologyChangeTimer),
		u64Field(unix.IFLA_BR_GC_TIMER, &b.GCTimer),
		u16Field(unix.IFLA_BR_VLAN_DEFAULT_PVID, &b.VlanDefaultPVID),
		u8Field(unix.IFLA_BR_VLAN_STATS_ENABLED, &b.VlanStatsEnabled),
		u8Field(unix.IFLA_BR_VLAN_STATS_PER_PORT, &b.VlanStatsPerPort),
		u16Field(unix.IFLA_BR_GROUP_FWD_MASK, &b.GroupFwdMask),
		hwField(unix.IFLA_BR_GROUP_ADDR, &b.GroupAddr),
		u8Field(unix.IFLA_BR_MCAST_SNOOPING, &b.McastSnooping),
		bitSetField(unix.IFLA_BR_MULTI_BOOLOPT, &b.BoolOpts),
		u8Field(unix.IFLA_BR_MCAST_ROUTER, &b.McastRouter),
		u8Field(unix.IFLA_BR_MCAST_QUERY_USE_IFADDR, &b.McastQueryUseIfaddr),
		u8Field(unix.IFLA_BR_MCAST_QUERIER, &b.McastQuerier),
		u32Field(unix.IFLA_BR_MCAST_HASH_ELASTICITY, &b.McastHashElasticity),
		u32Field(unix.IFLA_BR_MCAST_HASH_MAX, &b.McastHashMax),
		u32Field(unix.IFLA_BR_MCAST_LAST_MEMBER_CNT, &b.McastLastMemberCnt),
		u32Field(unix.IFLA_BR_MCAST_STARTUP_QUERY_CNT, &b.McastStartupQueryCnt),
		u64Field(unix.IFLA_BR_MCAST_LAST_MEMBER_INTVL, &b.McastLastMemberIntvl),
		u64Field(unix.IFLA_BR_MCAST_MEMBERSHIP_INTVL, &b.McastMembershipIntvl),
		u64Field(unix.IFLA_BR_MCAST_QUERIER_INTVL, &b.McastQuerierIntvl),
		u64Field(unix.IFLA_BR_MCAST_QUERY_INTVL, &b.McastQueryIntvl),
		u64Field(unix.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, &b.McastQueryResponseIntvl),
		u64Field(unix.IFLA_BR_MCAST_STARTUP_QUERY_INTVL, &b.McastStartupQueryIntvl),
		u8Field(unix.IFLA_BR_MCAST_STATS_ENABLED, &b.McastStatsEnabled),
		u8Field(unix.IFLA_BR_MCAST_IGMP_VERSION, &b.McastIGMPVersion),
		u8Field(unix.IFLA_BR_MCAST_MLD_VERSION, &b.McastMLDVersion),
		u8Field(unix.IFLA_BR_NF_CALL_IPTABLES, &b.NfCallIptables),
		u8Field(unix.IFLA_BR_NF_CALL_IP6TABLES, &b.NfCallIp6tables),
		u8Field(unix.IFLA_BR_NF_CALL_ARPTABLES, &b.NfCallArptables),
		flagField(unix.IFLA_BR_FDB_FLUSH, &b.FdbFlush),
	}
}

// Encode implements LinkData.
func (b *Bridge) Encode(e *nl.AttrEncoder) {
	encodeAttrs(e, b.Superseded)
	encodeFields(e, b.fields())
}

// Decode implements LinkData.
func (b *Bridge) Decode(data []byte) error { return decodeFields(data, b.fields()) }

func bridgeIDField(t uint16, p *Opt[BridgeID]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Bytes(t, p.V[:])
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() != 8 {
			d.Uint64() // records the size error
			return
		}
		*p = Some(BridgeID(d.Bytes()))
	})
}

// BridgePort is the options of a bridge port (IFLA_BRPORT_*), sent as a
// bridge_slave's IFLA_INFO_SLAVE_DATA.
type BridgePort struct {
	State                                         Opt[uint8]
	Priority                                      Opt[uint16]
	Cost                                          Opt[uint32]
	Mode, Guard, Protect, FastLeave, Learning     Opt[uint8]
	UnicastFlood                                  Opt[uint8]
	ID, No                                        Opt[uint16]
	DesignatedPort, DesignatedCost                Opt[uint16]
	BridgeID, RootID                              Opt[BridgeID]
	HoldTimer, MessageAgeTimer, ForwardDelayTimer Opt[uint64]
	TopologyChangeAck, ConfigPending              Opt[uint8]
	ProxyARP, ProxyARPWifi                        Opt[uint8]
	MulticastRouter                               Opt[uint8]
	McastFlood, BcastFlood, McastToUcast          Opt[uint8]
	NeighSuppress                                 Opt[uint8]
	GroupFwdMask                                  Opt[uint16]
	VlanTunnel, Isolated, Locked                  Opt[uint8]
	BackupPort                                    Opt[uint32] // an interface index, 0 for none
	Flush                                         bool

	// Superseded are options given more than once, their earlier
	// values, sent before the fields as ip sends them.
	Superseded []Attr
}

func (p *BridgePort) fields() []field {
	return []field{
		u8Field(unix.IFLA_BRPORT_STATE, &p.State),
		u16Field(unix.IFLA_BRPORT_PRIORITY, &p.Priority),
		u32Field(unix.IFLA_BRPORT_COST, &p.Cost),
		u8Field(unix.IFLA_BRPORT_MODE, &p.Mode),
		u8Field(unix.IFLA_BRPORT_GUARD, &p.Guard),
		u8Field(unix.IFLA_BRPORT_PROTECT, &p.Protect),
		u8Field(unix.IFLA_BRPORT_FAST_LEAVE, &p.FastLeave),
		u8Field(unix.IFLA_BRPORT_LEARNING, &p.Learning),
		u8Field(unix.IFLA_BRPORT_UNICAST_FLOOD, &p.UnicastFlood),
		u16Field(unix.IFLA_BRPORT_ID, &p.ID),
		u16Field(unix.IFLA_BRPORT_NO, &p.No),
		u16Field(unix.IFLA_BRPORT_DESIGNATED_PORT, &p.DesignatedPort),
		u16Field(unix.IFLA_BRPORT_DESIGNATED_COST, &p.DesignatedCost),
		bridgeIDField(unix.IFLA_BRPORT_BRIDGE_ID, &p.BridgeID),
		bridgeIDField(unix.IFLA_BRPORT_ROOT_ID, &p.RootID),
		u64Field(unix.IFLA_BRPORT_HOLD_TIMER, &p.HoldTimer),
		u64Field(unix.IFLA_BRPORT_MESSAGE_AGE_TIMER, &p.MessageAgeTimer),
		u64Field(unix.IFLA_BRPORT_FORWARD_DELAY_TIMER, &p.ForwardDelayTimer),
		u8Field(unix.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, &p.TopologyChangeAck),
		u8Field(unix.IFLA_BRPORT_CONFIG_PENDING, &p.ConfigPending),
		u8Field(unix.IFLA_BRPORT_PROXYARP, &p.ProxyARP),
		u8Field(unix.IFLA_BRPORT_PROXYARP_WIFI, &p.ProxyARPWifi),
		u8Field(unix.IFLA_BRPORT_MULTICAST_ROUTER, &p.MulticastRouter),
		u8Field(unix.IFLA_BRPORT_MCAST_FLOOD, &p.McastFlood),
		u8Field(unix.IFLA_BRPORT_BCAST_FLOOD, &p.BcastFlood),
		u8Field(unix.IFLA_BRPORT_MCAST_TO_UCAST, &p.McastToUcast),
		u8Field(unix.IFLA_BRPORT_NEIGH_SUPPRESS, &p.NeighSuppress),
		u16Field(unix.IFLA_BRPORT_GROUP_FWD_MASK, &p.GroupFwdMask),
		u8Field(unix.IFLA_BRPORT_VLAN_TUNNEL, &p.VlanTunnel),
		u8Field(unix.IFLA_BRPORT_ISOLATED, &p.Isolated),
		u8Field(unix.IFLA_BRPORT_LOCKED, &p.Locked),
		u32Field(unix.IFLA_BRPORT_BACKUP_PORT, &p.BackupPort),
		flagField(unix.IFLA_BRPORT_FLUSH, &p.Flush),
	}
}

// Encode implements LinkData.
func (p *BridgePort) Encode(e *nl.AttrEncoder) {
	encodeAttrs(e, p.Superseded)
	encodeFields(e, p.fields())
}

// Decode implements LinkData.
func (p *BridgePort) Decode(data []byte) error { return decodeFields(data, p.fields()) }
