package rtnl

import (
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Bond attributes golang.org/x/sys/unix lacks.
const (
	iflaBondADLACPActive = 29 // IFLA_BOND_AD_LACP_ACTIVE
	iflaBondMissedMax    = 30 // IFLA_BOND_MISSED_MAX
)

// BondARPTargets is the IPv4 addresses a bond probes with ARP, at most
// BOND_MAX_ARP_TARGETS; the list ends at the first invalid address.
type BondARPTargets [16]netip.Addr

// BondNSTargets is the IPv6 addresses a bond probes with neighbour
// solicitations, at most BOND_MAX_NS_TARGETS; the list ends at the first
// invalid address.
type BondNSTargets = BondARPTargets

// bondTargetsField is a list of probe targets, nested by index.
func bondTargetsField(t uint16, o *Opt[BondARPTargets]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if !o.Set {
			return
		}
		e.Nest(t)
		for i, a := range o.V {
			if !a.IsValid() {
				break
			}
			e.Addr(uint16(i), a)
		}
		e.Unnest()
	}, func(d *nl.AttrDecoder) {
		var ts BondARPTargets
		n := 0
		d.Decode(func(nd *nl.AttrDecoder) error {
			for nd.Next() {
				if a := nd.Addr(); a.IsValid() && n < len(ts) {
					ts[n] = a
					n++
				}
			}
			return nil
		})
		*o = Some(ts)
	})
}

// Bond is the options of a bonding master (IFLA_BOND_*).
type Bond struct {
	Mode                          Opt[uint8]
	ActiveSlave                   Opt[uint32] // an interface index
	MIIMon, UpDelay, DownDelay    Opt[uint32]
	PeerNotifyDelay               Opt[uint32]
	UseCarrier                    Opt[uint8]
	ARPInterval                   Opt[uint32]
	MissedMax                     Opt[uint8]
	ARPIPTargets                  Opt[BondARPTargets]
	NSIP6Targets                  Opt[BondNSTargets]
	ARPValidate, ARPAllTargets    Opt[uint32]
	Primary                       Opt[uint32] // an interface index
	PrimaryReselect, FailOverMAC  Opt[uint8]
	XmitHashPolicy                Opt[uint8]
	ResendIGMP                    Opt[uint32]
	NumPeerNotif, AllSlavesActive Opt[uint8]
	MinLinks, LPInterval          Opt[uint32]
	PacketsPerSlave               Opt[uint32]
	ADLACPActive, ADLACPRate      Opt[uint8]
	ADSelect                      Opt[uint8]
	ADActorSysPrio, ADUserPortKey Opt[uint16]
	ADActorSystem                 Opt[[6]byte]
	TLBDynamicLB                  Opt[uint8]

	// Superseded are options given more than once, their earlier
	// values: sent before the fields, in the order given, as ip sends
	// every word it reads (the kernel keeps the last).
	Superseded []Attr
}

func (b *Bond) fields() []field {
	return []field{
		u8Field(unix.IFLA_BOND_MODE, &b.Mode),
		u32Field(unix.IFLA_BOND_ACTIVE_SLAVE, &b.ActiveSlave),
		u32Field(unix.IFLA_BOND_MIIMON, &b.MIIMon),
		u32Field(unix.IFLA_BOND_UPDELAY, &b.UpDelay),
		u32Field(unix.IFLA_BOND_DOWNDELAY, &b.DownDelay),
		u32Field(unix.IFLA_BOND_PEER_NOTIF_DELAY, &b.PeerNotifyDelay),
		u8Field(unix.IFLA_BOND_USE_CARRIER, &b.UseCarrier),
		u32Field(unix.IFLA_BOND_ARP_INTERVAL, &b.ARPInterval),
		u8Field(iflaBondMissedMax, &b.MissedMax),
		bondTargetsField(unix.IFLA_BOND_ARP_IP_TARGET, &b.ARPIPTargets),
		bondTargetsField(unix.IFLA_BOND_NS_IP6_TARGET, &b.NSIP6Targets),
		u32Field(unix.IFLA_BOND_ARP_VALIDATE, &b.ARPValidate),
		u32Field(unix.IFLA_BOND_ARP_ALL_TARGETS, &b.ARPAllTargets),
		u32Field(unix.IFLA_BOND_PRIMARY, &b.Primary),
		u8Field(unix.IFLA_BOND_PRIMARY_RESELECT, &b.PrimaryReselect),
		u8Field(unix.IFLA_BOND_FAIL_OVER_MAC, &b.FailOverMAC),
		u8Field(unix.IFLA_BOND_XMIT_HASH_POLICY, &b.XmitHashPolicy),
		u32Field(unix.IFLA_BOND_RESEND_IGMP, &b.ResendIGMP),
		u8Field(unix.IFLA_BOND_NUM_PEER_NOTIF, &b.NumPeerNotif),
		u8Field(unix.IFLA_BOND_ALL_SLAVES_ACTIVE, &b.AllSlavesActive),
		u32Field(unix.IFLA_BOND_MIN_LINKS, &b.MinLinks),
		u32Field(unix.IFLA_BOND_LP_INTERVAL, &b.LPInterval),
		u32Field(unix.IFLA_BOND_PACKETS_PER_SLAVE, &b.PacketsPerSlave),
		u8Field(iflaBondADLACPActive, &b.ADLACPActive),
		u8Field(unix.IFLA_BOND_AD_LACP_RATE, &b.ADLACPRate),
		u8Field(unix.IFLA_BOND_AD_SELECT, &b.ADSelect),
		u16Field(unix.IFLA_BOND_AD_ACTOR_SYS_PRIO, &b.ADActorSysPrio),
		u16Field(unix.IFLA_BOND_AD_USER_PORT_KEY, &b.ADUserPortKey),
		hwField(unix.IFLA_BOND_AD_ACTOR_SYSTEM, &b.ADActorSystem),
		u8Field(unix.IFLA_BOND_TLB_DYNAMIC_LB, &b.TLBDynamicLB),
	}
}

// Encode implements LinkData.
func (b *Bond) Encode(e *nl.AttrEncoder) {
	encodeAttrs(e, b.Superseded)
	encodeFields(e, b.fields())
}

// Decode implements LinkData.
func (b *Bond) Decode(data []byte) error { return decodeFields(data, b.fields()) }

// BondPort is the options of a bond's port (IFLA_BOND_SLAVE_*), sent as a
// bond_slave's IFLA_INFO_SLAVE_DATA.
type BondPort struct {
	QueueID Opt[uint16]
	Prio    Opt[int32]

	// What only the kernel reports: the port's state in its bond, its
	// link monitor's view, its own address and its 802.3ad state.
	State                Opt[uint8]
	MIIStatus            Opt[uint8]
	LinkFailureCount     Opt[uint32]
	PermHWAddr           []byte
	ADAggregatorID       Opt[uint16]
	ADActorOperPortState Opt[uint8]
	// ADPartnerOperPortState is a u16 attribute holding a u8 state.
	ADPartnerOperPortState Opt[uint16]

	// Superseded are options given more than once, their earlier
	// values, sent before the fields as ip sends them.
	Superseded []Attr
}

func (p *BondPort) fields() []field {
	return []field{
		u8Field(unix.IFLA_BOND_SLAVE_STATE, &p.State),
		u8Field(unix.IFLA_BOND_SLAVE_MII_STATUS, &p.MIIStatus),
		u32Field(unix.IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, &p.LinkFailureCount),
		bytesField(unix.IFLA_BOND_SLAVE_PERM_HWADDR, &p.PermHWAddr),
		u16Field(unix.IFLA_BOND_SLAVE_QUEUE_ID, &p.QueueID),
		u16Field(unix.IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, &p.ADAggregatorID),
		u8Field(unix.IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, &p.ADActorOperPortState),
		u16Field(unix.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, &p.ADPartnerOperPortState),
		i32Field(unix.IFLA_BOND_SLAVE_PRIO, &p.Prio),
	}
}

// Encode implements LinkData.
func (p *BondPort) Encode(e *nl.AttrEncoder) {
	encodeAttrs(e, p.Superseded)
	encodeFields(e, p.fields())
}

// Decode implements LinkData.
func (p *BondPort) Decode(data []byte) error { return decodeFields(data, p.fields()) }
