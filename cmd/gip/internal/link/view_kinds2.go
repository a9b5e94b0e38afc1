package link

import (
	"encoding/binary"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// -d details of geneve, ip6 tunnels, ipvlan flags and bonds, in ip 6.1's
// words and order (checked against ip by the vm tier).

// itemsText prints items' text ("key value " each).
func itemsText(t *format.Text, items []vxlanItem) {
	for _, it := range items {
		if it.Text != "" {
			t.S(it.Text, " ")
		}
	}
}

// itemsJSON collects items' JSON members.
func itemsJSON(items []vxlanItem) *format.Obj {
	o := &format.Obj{}
	for _, it := range items {
		if it.key != "" {
			o.Set(it.key, it.val)
		}
	}
	return o
}

func geneveItems(data []byte) []vxlanItem {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	var out []vxlanItem
	add := func(text, key string, val any) { out = append(out, vxlanItem{text, key, val}) }
	if _, ok := tab[unix.IFLA_GENEVE_COLLECT_METADATA]; ok {
		add("external", "external", true)
	}
	if id, ok := tab.U32(unix.IFLA_GENEVE_ID); ok {
		add("id "+U32s(id), "id", id)
	}
	if ip, ok := tab.IP(unix.IFLA_GENEVE_REMOTE); ok {
		if !ip.IsUnspecified() {
			add("remote "+ip.String(), "remote", ip.String())
		}
	} else if ip, ok := tab.IP(unix.IFLA_GENEVE_REMOTE6); ok && !ip.IsUnspecified() && !ip.IsMulticast() {
		add("remote "+ip.String(), "remote6", ip.String())
	}
	if x, _ := tab.U8(unix.IFLA_GENEVE_TTL_INHERIT); x != 0 {
		add("ttl inherit", "ttl", "inherit")
	} else if ttl, ok := tab.U8(unix.IFLA_GENEVE_TTL); ok {
		if ttl == 0 {
			add("ttl auto", "ttl", ttl)
		} else {
			add("ttl "+strconv.Itoa(int(ttl)), "ttl", ttl)
		}
	}
	if tos, _ := tab.U8(unix.IFLA_GENEVE_TOS); tos != 0 {
		if tos == 1 {
			add("tos inherit", "tos", "inherit")
		} else {
			add("tos "+cHex(uint64(tos)), "tos", cHex(uint64(tos)))
		}
	}
	if df, ok := tab.U8(unix.IFLA_GENEVE_DF); ok {
		s := strconv.Itoa(int(df))
		if int(df) < len(vxlanDF) {
			s = vxlanDF[df]
		}
		text := ""
		if df != 0 {
			text = "df " + s
		}
		add(text, "df", s)
	}
	if b := tab[unix.IFLA_GENEVE_LABEL]; len(b) == 4 {
		if l := binary.BigEndian.Uint32(b); l != 0 {
			add("flowlabel "+cHex(uint64(l)), "label", cHex(uint64(l)))
		}
	}
	if p, ok := tab.BE16(unix.IFLA_GENEVE_PORT); ok {
		add("dstport "+strconv.Itoa(int(p)), "port", p)
	}
	onoff := func(a uint16, text, key string) {
		if x, ok := tab.U8(a); ok {
			if x != 0 {
				add(text, key, true)
			} else {
				add("no"+text, key, false)
			}
		}
	}
	onoff(unix.IFLA_GENEVE_UDP_CSUM, "udpcsum", "udp_csum")
	onoff(unix.IFLA_GENEVE_UDP_ZERO_CSUM6_TX, "udp6zerocsumtx", "udp_zero_csum6_tx")
	onoff(unix.IFLA_GENEVE_UDP_ZERO_CSUM6_RX, "udp6zerocsumrx", "udp_zero_csum6_rx")
	if _, ok := tab[unix.IFLA_GENEVE_INNER_PROTO_INHERIT]; ok {
		add("innerprotoinherit", "inner_proto_inherit", true)
	}
	return out
}

// IPv6 tunnel attributes and flags (IFLA_GRE_* and IFLA_IPTUN_* share the
// meaning of these fields for ip6gre and ip6tnl).
const (
	ip6TnlIgnEncapLimit = 0x1  // IP6_TNL_F_IGN_ENCAP_LIMIT
	ip6TnlOrigTclass    = 0x2  // IP6_TNL_F_USE_ORIG_TCLASS
	ip6TnlOrigFlowlabel = 0x4  // IP6_TNL_F_USE_ORIG_FLOWLABEL
	ip6TnlRcvDSCPCopy   = 0x10 // IP6_TNL_F_RCV_DSCP_COPY
	ip6TnlOrigFwmark    = 0x20 // IP6_TNL_F_USE_ORIG_FWMARK
	ip6TnlAllowLocalRem = 0x40 // IP6_TNL_F_ALLOW_LOCAL_REMOTE

	iflaGREEncapLimit = 11
	iflaGREFlowinfo   = 12
	iflaGREFlags      = 13
	iflaIPTunEncLimit = 6
	iflaIPTunFlowinfo = 7
)

// ip6TunnelItems prints ip6gre/ip6gretap and ip6tnl data.
func ip6TunnelItems(v *LinkView, kind string, data []byte) []vxlanItem {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	gre := strings.HasPrefix(kind, "ip6gre")
	var out []vxlanItem
	add := func(text, key string, val any) { out = append(out, vxlanItem{text, key, val}) }
	meta, remote, local, link, ttlA, encA, flowA, flagsA := uint16(iflaIPTunCollectMetadata), uint16(IflaIPTunRemote),
		uint16(IflaIPTunLocal), uint16(IflaIPTunLink), uint16(IflaIPTunTTL), uint16(iflaIPTunEncLimit),
		uint16(iflaIPTunFlowinfo), uint16(iflaIPTunFlags)
	if gre {
		meta, remote, local, link, ttlA, encA, flowA, flagsA = iflaGRECollectMetadata, IflaGRERemote, IflaGRELocal,
			IflaGRELink, IflaGRETTL, iflaGREEncapLimit, iflaGREFlowinfo, iflaGREFlags
	}
	if _, ok := tab[meta]; ok {
		return []vxlanItem{{"external", "external", true}}
	}
	if !gre {
		if p, ok := tab.U8(IflaIPTunProto); ok {
			name := map[uint8]string{unix.IPPROTO_IPIP: "ipip6", unix.IPPROTO_IPV6: "ip6ip6", 0: "any"}[p]
			if name != "" {
				add(name, "proto", name)
			}
		}
	}
	endpoint := func(name string, a uint16) {
		s := "any"
		if ip, ok := tab.IP(a); ok && !ip.IsUnspecified() {
			s = ip.String()
		}
		add(name+" "+s, name, s)
	}
	endpoint("remote", remote)
	endpoint("local", local)
	if l, ok := tab.U32(link); ok && l != 0 {
		n := v.Cache.Name(int32(l))
		add("dev "+n, "link", n)
	}
	flags, _ := tab.U32(flagsA)
	if ttl, _ := tab.U8(ttlA); ttl != 0 {
		add("hoplimit "+strconv.Itoa(int(ttl)), "ttl", ttl)
	} else {
		add("hoplimit inherit", "ttl", ttl)
	}
	if flags&ip6TnlIgnEncapLimit != 0 {
		add("encaplimit none", "ip6_tnl_f_ign_encap_limit", true)
	} else if e, ok := tab.U8(encA); ok {
		add("encaplimit "+strconv.Itoa(int(e)), "encap_limit", e)
	}
	fi := uint32(0)
	if b := tab[flowA]; len(b) == 4 {
		fi = binary.BigEndian.Uint32(b)
	}
	if flags&ip6TnlOrigTclass != 0 {
		add("tclass inherit", "ip6_tnl_f_use_orig_tclass", true)
	} else {
		s := "0x" + leftPad(strconv.FormatUint(uint64(fi>>20&0xff), 16), 2)
		add("tclass "+s, "tclass", s)
	}
	if flags&ip6TnlOrigFlowlabel != 0 {
		add("flowlabel inherit", "ip6_tnl_f_use_orig_flowlabel", true)
	} else {
		s := "0x" + leftPad(strconv.FormatUint(uint64(fi&0xfffff), 16), 5)
		add("flowlabel "+s, "flowlabel", s)
	}
	if flags&ip6TnlRcvDSCPCopy != 0 {
		add("dscp inherit", "ip6_tnl_f_rcv_dscp_copy", true)
	}
	if flags&ip6TnlAllowLocalRem != 0 {
		add("allow-localremote", "ip6_tnl_f_allow_local_remote", true)
	}
	if gre {
		iflags, _ := tab.BE16(IflaGREIFlags)
		oflags, _ := tab.BE16(IflaGREOFlags)
		key := func(name string, fl uint16, a uint16) {
			if b := tab[a]; fl&GreKeyFlag != 0 && len(b) == 4 {
				s := net.IP(b).String()
				add(name+" "+s, name, s)
			}
		}
		key("ikey", iflags, IflaGREIKey)
		key("okey", oflags, IflaGREOKey)
	}
	return out
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}

func ipvlanFlagWord(data []byte) (string, bool) {
	tab, _ := rtnl.ParseAttrTable(data)
	f, ok := tab.U16(unix.IFLA_IPVLAN_FLAGS)
	if !ok {
		return "", false
	}
	switch {
	case f&1 != 0:
		return "private", true
	case f&2 != 0:
		return "vepa", true
	}
	return "bridge", true
}

// Bond attributes x/sys/unix may lack.
const (
	iflaBondADLACPActive = 29 // IFLA_BOND_AD_LACP_ACTIVE
	iflaBondMissedMax    = 30 // IFLA_BOND_MISSED_MAX
)

func bondItems(v *LinkView, data []byte) []vxlanItem {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	var out []vxlanItem
	add := func(text, key string, val any) { out = append(out, vxlanItem{text, key, val}) }
	u32 := func(a uint16, text, key string) {
		if x, ok := tab.U32(a); ok {
			add(text+" "+U32s(x), key, x)
		}
	}
	u8 := func(a uint16, text, key string) {
		if x, ok := tab.U8(a); ok {
			add(text+" "+strconv.Itoa(int(x)), key, x)
		}
	}
	enum8 := func(a uint16, text, key string, names []string) {
		if x, ok := tab.U8(a); ok {
			s := strconv.Itoa(int(x))
			if int(x) < len(names) {
				s = names[x]
			}
			add(text+" "+s, key, s)
		}
	}
	link := func(a uint16, text string) {
		if x, ok := tab.U32(a); ok && x != 0 {
			n := v.Cache.Name(int32(x))
			add(text+" "+n, text, n)
		}
	}
	enum8(unix.IFLA_BOND_MODE, "mode", "mode", bondModes)
	link(unix.IFLA_BOND_ACTIVE_SLAVE, "active_slave")
	u32(unix.IFLA_BOND_MIIMON, "miimon", "miimon")
	u32(unix.IFLA_BOND_UPDELAY, "updelay", "updelay")
	u32(unix.IFLA_BOND_DOWNDELAY, "downdelay", "downdelay")
	u32(unix.IFLA_BOND_PEER_NOTIF_DELAY, "peer_notify_delay", "peer_notify_delay")
	u8(unix.IFLA_BOND_USE_CARRIER, "use_carrier", "use_carrier")
	u32(unix.IFLA_BOND_ARP_INTERVAL, "arp_interval", "arp_interval")
	u8(iflaBondMissedMax, "arp_missed_max", "arp_missed_max")
	if b, ok := tab[unix.IFLA_BOND_ARP_IP_TARGET]; ok {
		var ts []string
		d := nl.NewAttrDecoder(b)
		for d.Next() {
			if ip, ok := netip.AddrFromSlice(d.Bytes()); ok {
				ts = append(ts, ip.String())
			}
		}
		if len(ts) > 0 {
			add("arp_ip_target "+strings.Join(ts, ","), "arp_ip_target", ts)
		}
	}
	if x, ok := tab.U32(unix.IFLA_BOND_ARP_VALIDATE); ok {
		names := []string{"none", "active", "backup", "all", "filter", "filter_active", "filter_backup"}
		s := strconv.Itoa(int(x))
		if int(x) < len(names) {
			s = names[x]
		}
		if x == 0 {
			add("arp_validate none", "arp_validate", nil)
		} else {
			add("arp_validate "+s, "arp_validate", s)
		}
	}
	if x, ok := tab.U32(unix.IFLA_BOND_ARP_ALL_TARGETS); ok {
		s := "any"
		if x == 1 {
			s = "all"
		}
		add("arp_all_targets "+s, "arp_all_targets", s)
	}
	link(unix.IFLA_BOND_PRIMARY, "primary")
	enum8(unix.IFLA_BOND_PRIMARY_RESELECT, "primary_reselect", "primary_reselect", []string{"always", "better", "failure"})
	enum8(unix.IFLA_BOND_FAIL_OVER_MAC, "fail_over_mac", "fail_over_mac", []string{"none", "active", "follow"})
	enum8(unix.IFLA_BOND_XMIT_HASH_POLICY, "xmit_hash_policy", "xmit_hash_policy",
		[]string{"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"})
	u32(unix.IFLA_BOND_RESEND_IGMP, "resend_igmp", "resend_igmp")
	u8(unix.IFLA_BOND_NUM_PEER_NOTIF, "num_grat_arp", "num_peer_notif")
	u8(unix.IFLA_BOND_ALL_SLAVES_ACTIVE, "all_slaves_active", "all_slaves_active")
	u32(unix.IFLA_BOND_MIN_LINKS, "min_links", "min_links")
	u32(unix.IFLA_BOND_LP_INTERVAL, "lp_interval", "lp_interval")
	u32(unix.IFLA_BOND_PACKETS_PER_SLAVE, "packets_per_slave", "packets_per_slave")
	enum8(iflaBondADLACPActive, "lacp_active", "ad_lacp_active", []string{"off", "on"})
	enum8(unix.IFLA_BOND_AD_LACP_RATE, "lacp_rate", "ad_lacp_rate", []string{"slow", "fast"})
	enum8(unix.IFLA_BOND_AD_SELECT, "ad_select", "ad_select", []string{"stable", "bandwidth", "count"})
	if x, ok := tab.U16(unix.IFLA_BOND_AD_ACTOR_SYS_PRIO); ok {
		add("ad_actor_sys_prio "+strconv.Itoa(int(x)), "ad_actor_sys_prio", x)
	}
	if x, ok := tab.U16(unix.IFLA_BOND_AD_USER_PORT_KEY); ok {
		add("ad_user_port_key "+strconv.Itoa(int(x)), "ad_user_port_key", x)
	}
	if b, ok := tab[unix.IFLA_BOND_AD_ACTOR_SYSTEM]; ok && len(b) == 6 {
		s := net.HardwareAddr(b).String()
		add("ad_actor_system "+s, "ad_actor_system", s)
	}
	u8(unix.IFLA_BOND_TLB_DYNAMIC_LB, "tlb_dynamic_lb", "tlb_dynamic_lb")
	return out
}
