package link

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// bond: a bonding master.
func bondKind() Kind { return newKind("bond", bondUsage, parseBond, printBond) }

const bondUsage = `Usage: ... bond [ mode BONDMODE ] [ active_slave SLAVE_DEV ]
                [ clear_active_slave ] [ miimon MIIMON ]
                [ updelay UPDELAY ] [ downdelay DOWNDELAY ]
                [ peer_notify_delay DELAY ]
                [ use_carrier USE_CARRIER ]
                [ arp_interval ARP_INTERVAL ]
                [ arp_validate ARP_VALIDATE ]
                [ arp_all_targets ARP_ALL_TARGETS ]
                [ arp_ip_target [ ARP_IP_TARGET, ... ] ]
                [ ns_ip6_target [ NS_IP6_TARGET, ... ] ]
                [ primary SLAVE_DEV ]
                [ primary_reselect PRIMARY_RESELECT ]
                [ fail_over_mac FAIL_OVER_MAC ]
                [ xmit_hash_policy XMIT_HASH_POLICY ]
                [ resend_igmp RESEND_IGMP ]
                [ num_grat_arp|num_unsol_na NUM_GRAT_ARP|NUM_UNSOL_NA ]
                [ all_slaves_active ALL_SLAVES_ACTIVE ]
                [ min_links MIN_LINKS ]
                [ lp_interval LP_INTERVAL ]
                [ packets_per_slave PACKETS_PER_SLAVE ]
                [ tlb_dynamic_lb TLB_DYNAMIC_LB ]
                [ lacp_rate LACP_RATE ]
                [ lacp_active LACP_ACTIVE]
                [ ad_select AD_SELECT ]
                [ ad_user_port_key PORTKEY ]
                [ ad_actor_sys_prio SYSPRIO ]
                [ ad_actor_system LLADDR ]
                [ arp_missed_max MISSED_MAX ]

BONDMODE := balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb
ARP_VALIDATE := none|active|backup|all|filter|filter_active|filter_backup
ARP_ALL_TARGETS := any|all
PRIMARY_RESELECT := always|better|failure
FAIL_OVER_MAC := none|active|follow
XMIT_HASH_POLICY := layer2|layer2+3|layer3+4|encap2+3|encap3+4|vlan+srcmac
LACP_ACTIVE := off|on
LACP_RATE := slow|fast
AD_SELECT := stable|bandwidth|count
`

// Names of the bond's enumerated options, by value.
var (
	bondModes           = []string{"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"}
	bondLACPRates       = []string{"slow", "fast"}
	bondLACPActive      = []string{"off", "on"}
	bondXmitHashPolicy  = []string{"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"}
	bondADSelect        = []string{"stable", "bandwidth", "count"}
	bondARPValidate     = []string{"none", "active", "backup", "all", "filter", "filter_active", "filter_backup"}
	bondARPAllTargets   = []string{"any", "all"}
	bondPrimaryReselect = []string{"always", "better", "failure"}
	bondFailOverMAC     = []string{"none", "active", "follow"}
)

// nameIndex finds v among names, an index into them first (as C's
// strtol reads a decimal), then a name.
func nameIndex(names []string, v string) (int, bool) {
	if n, ok := grammar.CInt(v, 10); ok && n >= 0 && int(n) < len(names) {
		return int(n), true
	}
	for i, n := range names {
		if n == v {
			return i, true
		}
	}
	return 0, false
}

// bondMaxTargets is BOND_MAX_ARP_TARGETS and BOND_MAX_NS_TARGETS: ip
// reads no more targets than these.
const bondMaxTargets = 16

// bondOptions are ip's bond words in the order it tries them: a word is
// the first it abbreviates ("p" is peer_notify_delay, "a" active_slave).
func bondOptions() []kindOption[rtnl.Bond] {
	u8 := func(get func(*rtnl.Bond) *rtnl.Opt[uint8], what string) func(*kindParser, *rtnl.Bond) error {
		return numberOption(8, "invalid "+what, get)
	}
	u16 := func(get func(*rtnl.Bond) *rtnl.Opt[uint16], what string) func(*kindParser, *rtnl.Bond) error {
		return numberOption(16, "invalid "+what, get)
	}
	u32 := func(get func(*rtnl.Bond) *rtnl.Opt[uint32], what string) func(*kindParser, *rtnl.Bond) error {
		return numberOption(32, "invalid "+what, get)
	}
	enum8 := bondEnumOption[uint8]
	enum32 := bondEnumOption[uint32]
	dev := func(get func(*rtnl.Bond) *rtnl.Opt[uint32]) func(*kindParser, *rtnl.Bond) error {
		return func(p *kindParser, b *rtnl.Bond) error {
			i, err := p.linkIndexNow()
			*get(b) = rtnl.Some(i)
			return err
		}
	}
	return []kindOption[rtnl.Bond]{
		{word: "mode", attr: unix.IFLA_BOND_MODE, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.Mode }, "mode", bondModes)},
		{word: "active_slave", attr: unix.IFLA_BOND_ACTIVE_SLAVE, parse: dev(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.ActiveSlave })},
		{word: "clear_active_slave", attr: unix.IFLA_BOND_ACTIVE_SLAVE, parse: func(_ *kindParser, b *rtnl.Bond) error {
			b.ActiveSlave = rtnl.Some(uint32(0))
			return nil
		}},
		{word: "miimon", attr: unix.IFLA_BOND_MIIMON, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.MIIMon }, "miimon")},
		{word: "updelay", attr: unix.IFLA_BOND_UPDELAY, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.UpDelay }, "updelay")},
		{word: "downdelay", attr: unix.IFLA_BOND_DOWNDELAY, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.DownDelay }, "downdelay")},
		{word: "peer_notify_delay", attr: unix.IFLA_BOND_PEER_NOTIF_DELAY, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.PeerNotifyDelay }, "peer_notify_delay")},
		{word: "use_carrier", attr: unix.IFLA_BOND_USE_CARRIER, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.UseCarrier }, "use_carrier")},
		{word: "arp_interval", attr: unix.IFLA_BOND_ARP_INTERVAL, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.ARPInterval }, "arp_interval")},
		{word: "arp_ip_target", attr: unix.IFLA_BOND_ARP_IP_TARGET, parse: func(p *kindParser, b *rtnl.Bond) error {
			return bondTargets(p, &b.ARPIPTargets, unix.AF_INET)
		}},
		{word: "ns_ip6_target", exact: true, attr: unix.IFLA_BOND_NS_IP6_TARGET, parse: func(p *kindParser, b *rtnl.Bond) error {
			return bondTargets(p, &b.NSIP6Targets, unix.AF_INET6)
		}},
		{word: "arp_validate", attr: unix.IFLA_BOND_ARP_VALIDATE, parse: enum32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.ARPValidate }, "arp_validate", bondARPValidate)},
		{word: "arp_all_targets", attr: unix.IFLA_BOND_ARP_ALL_TARGETS, parse: enum32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.ARPAllTargets }, "arp_all_targets", bondARPAllTargets)},
		{word: "arp_missed_max", exact: true, attr: unix.IFLA_BOND_MISSED_MAX, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.MissedMax }, "arp_missed_max")},
		{word: "primary", attr: unix.IFLA_BOND_PRIMARY, parse: dev(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.Primary })},
		{word: "primary_reselect", attr: unix.IFLA_BOND_PRIMARY_RESELECT, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.PrimaryReselect }, "primary_reselect", bondPrimaryReselect)},
		{word: "fail_over_mac", attr: unix.IFLA_BOND_FAIL_OVER_MAC, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.FailOverMAC }, "fail_over_mac", bondFailOverMAC)},
		{word: "xmit_hash_policy", attr: unix.IFLA_BOND_XMIT_HASH_POLICY, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.XmitHashPolicy }, "xmit_hash_policy", bondXmitHashPolicy)},
		{word: "resend_igmp", attr: unix.IFLA_BOND_RESEND_IGMP, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.ResendIGMP }, "resend_igmp")},
		{word: "num_grat_arp", attr: unix.IFLA_BOND_NUM_PEER_NOTIF, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.NumPeerNotif }, "num_grat_arp|num_unsol_na")},
		{word: "num_unsol_na", attr: unix.IFLA_BOND_NUM_PEER_NOTIF, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.NumPeerNotif }, "num_grat_arp|num_unsol_na")},
		{word: "all_slaves_active", attr: unix.IFLA_BOND_ALL_SLAVES_ACTIVE, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.AllSlavesActive }, "all_slaves_active")},
		{word: "min_links", attr: unix.IFLA_BOND_MIN_LINKS, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.MinLinks }, "min_links")},
		{word: "lp_interval", attr: unix.IFLA_BOND_LP_INTERVAL, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.LPInterval }, "lp_interval")},
		{word: "packets_per_slave", attr: unix.IFLA_BOND_PACKETS_PER_SLAVE, parse: u32(func(b *rtnl.Bond) *rtnl.Opt[uint32] { return &b.PacketsPerSlave }, "packets_per_slave")},
		{word: "lacp_rate", attr: unix.IFLA_BOND_AD_LACP_RATE, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.ADLACPRate }, "lacp_rate", bondLACPRates)},
		{word: "lacp_active", exact: true, attr: unix.IFLA_BOND_AD_LACP_ACTIVE, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.ADLACPActive }, "lacp_active", bondLACPActive)},
		{word: "ad_select", attr: unix.IFLA_BOND_AD_SELECT, parse: enum8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.ADSelect }, "ad_select", bondADSelect)},
		{word: "ad_user_port_key", attr: unix.IFLA_BOND_AD_USER_PORT_KEY, parse: u16(func(b *rtnl.Bond) *rtnl.Opt[uint16] { return &b.ADUserPortKey }, "ad_user_port_key")},
		{word: "ad_actor_sys_prio", attr: unix.IFLA_BOND_AD_ACTOR_SYS_PRIO, parse: u16(func(b *rtnl.Bond) *rtnl.Opt[uint16] { return &b.ADActorSysPrio }, "ad_actor_sys_prio")},
		{word: "ad_actor_system", attr: unix.IFLA_BOND_AD_ACTOR_SYSTEM, parse: func(p *kindParser, b *rtnl.Bond) error {
			return p.mac(&b.ADActorSystem)
		}},
		{word: "tlb_dynamic_lb", attr: unix.IFLA_BOND_TLB_DYNAMIC_LB, parse: u8(func(b *rtnl.Bond) *rtnl.Opt[uint8] { return &b.TLBDynamicLB }, "tlb_dynamic_lb")},
	}
}

// linkIndexNow reads a device name and looks it up at once, as ip's bond
// parser does (an option given again sends the device it named); ip
// returns nodev()'s -1 (exit 1) for one it cannot find.
func (p *kindParser) linkIndexNow() (uint32, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	l, err := env.LookupLink(p.env, v)
	if errors.Is(err, unix.ENODEV) {
		return 0, fail.Localf("Cannot find device %q", v)
	}
	if err != nil {
		return 0, err
	}
	return uint32(l.Index), nil
}

// bondEnumOption reads a bond option's value by bondEnum into get's
// field (a u8 or u32 attribute).
func bondEnumOption[N uint8 | uint32](get func(*rtnl.Bond) *rtnl.Opt[N], what string, names []string) func(*kindParser, *rtnl.Bond) error {
	return func(p *kindParser, b *rtnl.Bond) error {
		i, err := bondEnum(p, what, names)
		*get(b) = rtnl.Some(N(i))
		return err
	}
}

// bondEnum reads a value of names: its index or its name.
func bondEnum(p *kindParser, what string, names []string) (int, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	i, ok := nameIndex(names, v)
	if !ok {
		return 0, fail.Invalid("invalid "+what, v)
	}
	return i, nil
}

// bondTargets reads arp_ip_target's or ns_ip6_target's comma-separated
// addresses (none when the word is the last: an empty list), the first
// bondMaxTargets of them.
func bondTargets(p *kindParser, o *rtnl.Opt[rtnl.BondARPTargets], family uint8) error {
	var ts rtnl.BondARPTargets
	if p.More() {
		n := 0
		for _, s := range strings.Split(p.Next(), ",") {
			if s == "" {
				continue
			}
			if n == bondMaxTargets {
				break
			}
			a, err := grammar.ParseAddr(s, family)
			if err != nil && family == unix.AF_INET {
				return fail.Fatal(fail.ExitLocal, "Error: an IP address is expected rather than \""+s+"\"")
			}
			if err != nil {
				return err
			}
			ip := a.Addr
			if !ip.IsValid() {
				ip = netip.IPv4Unspecified()
				if family == unix.AF_INET6 {
					ip = netip.IPv6Unspecified()
				}
			}
			ts[n] = ip
			n++
		}
	}
	*o = rtnl.Some(ts)
	return nil
}

// parseBond reads a bond's words as ip's bond_parse_opt does: each word
// sends its attribute as it is read, so an option given twice is sent
// twice.
func parseBond(p *kindParser, b *rtnl.Bond) error {
	return parseOptions(p, b, &b.Superseded, bondOptions(), kindUsage{bondUsage, "command"})
}

// printEnum prints a value by its name in names (or its number).
func printEnum[T uint8 | uint32](f *format.Fields, key, text string, o rtnl.Opt[T], names []string) {
	if x, ok := o.Get(); ok {
		s := strconv.Itoa(int(x))
		if uint64(x) < uint64(len(names)) {
			s = names[x]
		}
		f.String(key, text+" %s ", s)
	}
}

func printBond(f *format.Fields, b *rtnl.Bond, v *View) {
	link := func(key string, o rtnl.Opt[uint32]) {
		if x, ok := o.Get(); ok && x != 0 {
			f.String(key, key+" %s ", v.linkName(x))
		}
	}
	printEnum(f, "mode", "mode", b.Mode, bondModes)
	link("active_slave", b.ActiveSlave)
	printUint(f, "miimon", "miimon", b.MIIMon)
	printUint(f, "updelay", "updelay", b.UpDelay)
	printUint(f, "downdelay", "downdelay", b.DownDelay)
	printUint(f, "peer_notify_delay", "peer_notify_delay", b.PeerNotifyDelay)
	printUint(f, "use_carrier", "use_carrier", b.UseCarrier)
	printUint(f, "arp_interval", "arp_interval", b.ARPInterval)
	printUint(f, "arp_missed_max", "arp_missed_max", b.MissedMax)
	printBondTargets(f, "arp_ip_target", b.ARPIPTargets)
	printBondTargets(f, "ns_ip6_target", b.NSIP6Targets)
	if x, ok := b.ARPValidate.Get(); ok {
		if x == 0 {
			f.Null("arp_validate", "arp_validate none ")
		} else {
			printEnum(f, "arp_validate", "arp_validate", b.ARPValidate, bondARPValidate)
		}
	}
	if x, ok := b.ARPAllTargets.Get(); ok {
		s := "any"
		if x == 1 {
			s = "all"
		}
		f.String("arp_all_targets", "arp_all_targets %s ", s)
	}
	link("primary", b.Primary)
	printEnum(f, "primary_reselect", "primary_reselect", b.PrimaryReselect, bondPrimaryReselect)
	printEnum(f, "fail_over_mac", "fail_over_mac", b.FailOverMAC, bondFailOverMAC)
	printEnum(f, "xmit_hash_policy", "xmit_hash_policy", b.XmitHashPolicy, bondXmitHashPolicy)
	printUint(f, "resend_igmp", "resend_igmp", b.ResendIGMP)
	printUint(f, "num_peer_notif", "num_grat_arp", b.NumPeerNotif)
	printUint(f, "all_slaves_active", "all_slaves_active", b.AllSlavesActive)
	printUint(f, "min_links", "min_links", b.MinLinks)
	printUint(f, "lp_interval", "lp_interval", b.LPInterval)
	printUint(f, "packets_per_slave", "packets_per_slave", b.PacketsPerSlave)
	printEnum(f, "ad_lacp_active", "lacp_active", b.ADLACPActive, bondLACPActive)
	printEnum(f, "ad_lacp_rate", "lacp_rate", b.ADLACPRate, bondLACPRates)
	printEnum(f, "ad_select", "ad_select", b.ADSelect, bondADSelect)
	printUint(f, "ad_actor_sys_prio", "ad_actor_sys_prio", b.ADActorSysPrio)
	printUint(f, "ad_user_port_key", "ad_user_port_key", b.ADUserPortKey)
	printMAC(f, "ad_actor_system", "ad_actor_system", b.ADActorSystem)
	printUint(f, "tlb_dynamic_lb", "tlb_dynamic_lb", b.TLBDynamicLB)
}

// printBondTargets prints a bond's ARP or NS targets, comma-separated (a
// JSON array), nothing when the list is empty.
func printBondTargets(f *format.Fields, key string, o rtnl.Opt[rtnl.BondARPTargets]) {
	ts, ok := o.Get()
	if !ok || !ts[0].IsValid() {
		return
	}
	f.OpenArray(key)
	f.Literal(key + " ")
	for i, t := range ts {
		if !t.IsValid() {
			break
		}
		if i > 0 {
			f.Literal(",")
		}
		f.Element("%s", t.String())
	}
	f.Literal(" ")
	f.CloseArray()
}
