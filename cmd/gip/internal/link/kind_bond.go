package link

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// bond: a bonding master.
func bondKind() Kind {
	return newKind("bond", "Usage: ... bond [ mode BONDMODE ] [ active_slave SLAVE_DEV ] [ miimon MIIMON ] ...",
		parseBond, printBond)
}

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

// nameIndex finds v among names, or reads it as an index into them.
func nameIndex(names []string, v string) (int, bool) {
	for i, n := range names {
		if n == v {
			return i, true
		}
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0 && n < len(names)
}

func bondNumbers(b *rtnl.Bond) map[string]any {
	return map[string]any{
		"miimon": &b.MIIMon, "updelay": &b.UpDelay, "downdelay": &b.DownDelay,
		"use_carrier": &b.UseCarrier, "arp_interval": &b.ARPInterval, "min_links": &b.MinLinks,
		"resend_igmp": &b.ResendIGMP, "num_grat_arp": &b.NumPeerNotif, "num_unsol_na": &b.NumPeerNotif,
		"all_slaves_active": &b.AllSlavesActive, "packets_per_slave": &b.PacketsPerSlave,
		"lp_interval": &b.LPInterval, "ad_actor_sys_prio": &b.ADActorSysPrio,
		"ad_user_port_key": &b.ADUserPortKey, "tlb_dynamic_lb": &b.TLBDynamicLB,
		"peer_notify_delay": &b.PeerNotifyDelay, "arp_missed_max": &b.MissedMax,
	}
}

// bondEnums are the options named by words, by keyword.
func bondEnums(b *rtnl.Bond) map[string]struct {
	names []string
	set   func(int)
} {
	u8 := func(o *rtnl.Opt[uint8]) func(int) { return func(i int) { *o = rtnl.Some(uint8(i)) } }
	u32 := func(o *rtnl.Opt[uint32]) func(int) { return func(i int) { *o = rtnl.Some(uint32(i)) } }
	type enum = struct {
		names []string
		set   func(int)
	}
	return map[string]enum{
		"lacp_rate":        {bondLACPRates, u8(&b.ADLACPRate)},
		"lacp_active":      {bondLACPActive, u8(&b.ADLACPActive)},
		"xmit_hash_policy": {bondXmitHashPolicy, u8(&b.XmitHashPolicy)},
		"ad_select":        {bondADSelect, u8(&b.ADSelect)},
		"arp_validate":     {bondARPValidate, u32(&b.ARPValidate)},
		"arp_all_targets":  {bondARPAllTargets, u32(&b.ARPAllTargets)},
		"primary_reselect": {bondPrimaryReselect, u8(&b.PrimaryReselect)},
		"fail_over_mac":    {bondFailOverMAC, u8(&b.FailOverMAC)},
	}
}

func parseBond(p *kindParser, b *rtnl.Bond) error {
	nums, enums := bondNumbers(b), bondEnums(b)
	for p.More() {
		w := p.Next()
		v, err := p.Value()
		if err != nil {
			return err
		}
		switch w {
		case "mode":
			m, ok := nameIndex(bondModes, v)
			if !ok {
				return fail.Invalid("invalid mode", v)
			}
			b.Mode = rtnl.Some(uint8(m))
			continue
		case "primary", "active_slave":
			o := &b.Primary
			if w == "active_slave" {
				o = &b.ActiveSlave
			}
			p.names = append(p.names, nameRef{v, func(i uint32) { *o = rtnl.Some(i) }})
			continue
		case "ad_actor_system":
			mac, err := ParseLLAddr(v)
			if err != nil {
				return err
			}
			if len(mac) != 6 {
				return fail.Invalid("invalid ad_actor_system", v)
			}
			b.ADActorSystem = rtnl.Some([6]byte(mac))
			continue
		case "arp_ip_target":
			var ts rtnl.BondARPTargets
			for i, s := range strings.Split(v, ",") {
				ip, err := netip.ParseAddr(s)
				if err != nil || !ip.Is4() || i >= len(ts) {
					return fail.Invalid("invalid arp_ip_target", s)
				}
				ts[i] = ip
			}
			b.ARPIPTargets = rtnl.Some(ts)
			continue
		}
		if o, ok := nums[w]; ok {
			if err := setNumber(o, w, v); err != nil {
				return err
			}
			continue
		}
		if e, ok := enums[w]; ok {
			i, ok := nameIndex(e.names, v)
			if !ok {
				return fail.Invalid("invalid "+w, v)
			}
			e.set(i)
			continue
		}
		p.Back()
		return p.unknown(w)
	}
	return nil
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
	if ts, ok := b.ARPIPTargets.Get(); ok && ts[0].IsValid() {
		f.OpenArray("arp_ip_target")
		f.Literal("arp_ip_target ")
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
