package link

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// parsedKind is a link kind read from the words after `type KIND`.
type parsedKind struct {
	spec    *rtnl.KindSpec
	cleanup []func()
}

func (k *parsedKind) close() {
	for _, f := range k.cleanup {
		f()
	}
}

// kindParser reads a kind's arguments into k.spec.Data.
type kindParser func(env *env.Env, a *grammar.Args, k *parsedKind) error

// linkKinds lists every kind gip knows how to configure: the one place to
// add a kind.
var linkKinds = map[string]kindParser{
	"veth":         parseVeth,
	"bridge":       parseBridge,
	"bridge_slave": parseBridgeSlave,
	"vxlan":        parseVxlan,
	"macvlan":      parseMacvlan,
	"macvtap":      parseMacvlan,
	"ifb":          noKindArgs,
	"dummy":        noKindArgs,
	"nlmon":        noKindArgs,
	"wireguard":    noKindArgs,
	"vlan":         parseVlan,
	"bond":         parseBond,
	"bond_slave":   parseBondSlave,
	"vrf":          parseVrf,
	"gre":          parseGre,
	"gretap":       parseGre,
	"ip6gre":       parseGre,
	"ip6gretap":    parseGre,
	"ipip":         parseIPTun,
	"sit":          parseIPTun,
	"ip6tnl":       parseIPTun,
	"ipvlan":       parseIPVlan,
	"ipvtap":       parseIPVlan,
	"geneve":       parseGeneve,
}

func parseKind(e *env.Env, kind string, args []string) (*parsedKind, error) {
	name, slave := kind, false
	if s, ok := strings.CutSuffix(kind, "_slave"); ok {
		name, slave = s, true
	}
	k := &parsedKind{spec: &rtnl.KindSpec{Name: name, Slave: slave}}
	p, ok := linkKinds[kind]
	if !ok {
		// Like ip, a kind without options of its own ignores the words
		// after it and lets the kernel judge the kind.
		return k, nil
	}
	if err := p(e, grammar.NewArgs(args), k); err != nil {
		k.close()
		return nil, err
	}
	return k, nil
}

func unknownKindArg(kind, w string) error {
	return fail.Localf("%s: unknown command %q?", kind, w)
}

// noKindArgs is for kinds that take no options; as with ip, words after
// them are ignored.
func noKindArgs(*env.Env, *grammar.Args, *parsedKind) error { return nil }

// numArg is a kind option taking one number.
type numArg struct {
	kw   string
	Attr uint16
	Bits int  // 8, 16, 32 or 64
	be   bool // network byte order
}

func (n numArg) parse(v string) (rtnl.Attr, error) {
	x, err := strconv.ParseUint(v, 0, n.Bits)
	if err != nil {
		return rtnl.Attr{}, fail.Invalid("invalid "+n.kw, v)
	}
	switch {
	case n.Bits == 8:
		return rtnl.U8(n.Attr, uint8(x)), nil
	case n.Bits == 16 && n.be:
		return rtnl.BE16(n.Attr, uint16(x)), nil
	case n.Bits == 16:
		return rtnl.U16(n.Attr, uint16(x)), nil
	case n.Bits == 32 && n.be:
		return rtnl.BE32(n.Attr, uint32(x)), nil
	case n.Bits == 32:
		return rtnl.U32(n.Attr, uint32(x)), nil
	}
	return rtnl.U64(n.Attr, x), nil
}

func findNum(table []numArg, w string) (numArg, bool) {
	for _, n := range table {
		if n.kw == w {
			return n, true
		}
	}
	return numArg{}, false
}

// ----- veth -----

func parseVeth(e *env.Env, a *grammar.Args, k *parsedKind) error {
	if !a.More() {
		return nil
	}
	if w := a.Next(); w != "peer" {
		return unknownKindArg("veth", w)
	}
	pa, err := parseLinkArgs(e, a, true)
	if err != nil {
		return err
	}
	k.cleanup = append(k.cleanup, pa.close)
	if pa.Kind != "" {
		return unknownKindArg("veth", "type")
	}
	peer := pa.spec
	peer.Name = pa.dev
	peer.Group = pa.group
	k.spec.Peer = &peer
	return nil
}

// ----- bridge -----

var bridgeNums = []numArg{
	{"forward_delay", unix.IFLA_BR_FORWARD_DELAY, 32, false},
	{"hello_time", unix.IFLA_BR_HELLO_TIME, 32, false},
	{"max_age", unix.IFLA_BR_MAX_AGE, 32, false},
	{"ageing_time", unix.IFLA_BR_AGEING_TIME, 32, false},
	{"stp_state", unix.IFLA_BR_STP_STATE, 32, false},
	{"priority", unix.IFLA_BR_PRIORITY, 16, false},
	{"vlan_filtering", unix.IFLA_BR_VLAN_FILTERING, 8, false},
	{"vlan_default_pvid", unix.IFLA_BR_VLAN_DEFAULT_PVID, 16, false},
	{"vlan_stats_enabled", unix.IFLA_BR_VLAN_STATS_ENABLED, 8, false},
	{"vlan_stats_per_port", unix.IFLA_BR_VLAN_STATS_PER_PORT, 8, false},
	{"group_fwd_mask", unix.IFLA_BR_GROUP_FWD_MASK, 16, false},
	{"mcast_snooping", unix.IFLA_BR_MCAST_SNOOPING, 8, false},
	{"mcast_router", unix.IFLA_BR_MCAST_ROUTER, 8, false},
	{"mcast_query_use_ifaddr", unix.IFLA_BR_MCAST_QUERY_USE_IFADDR, 8, false},
	{"mcast_querier", unix.IFLA_BR_MCAST_QUERIER, 8, false},
	{"mcast_hash_elasticity", unix.IFLA_BR_MCAST_HASH_ELASTICITY, 32, false},
	{"mcast_hash_max", unix.IFLA_BR_MCAST_HASH_MAX, 32, false},
	{"mcast_last_member_count", unix.IFLA_BR_MCAST_LAST_MEMBER_CNT, 32, false},
	{"mcast_startup_query_count", unix.IFLA_BR_MCAST_STARTUP_QUERY_CNT, 32, false},
	{"mcast_last_member_interval", unix.IFLA_BR_MCAST_LAST_MEMBER_INTVL, 64, false},
	{"mcast_membership_interval", unix.IFLA_BR_MCAST_MEMBERSHIP_INTVL, 64, false},
	{"mcast_querier_interval", unix.IFLA_BR_MCAST_QUERIER_INTVL, 64, false},
	{"mcast_query_interval", unix.IFLA_BR_MCAST_QUERY_INTVL, 64, false},
	{"mcast_query_response_interval", unix.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 64, false},
	{"mcast_startup_query_interval", unix.IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 64, false},
	{"mcast_stats_enabled", unix.IFLA_BR_MCAST_STATS_ENABLED, 8, false},
	{"mcast_igmp_version", unix.IFLA_BR_MCAST_IGMP_VERSION, 8, false},
	{"mcast_mld_version", unix.IFLA_BR_MCAST_MLD_VERSION, 8, false},
	{"nf_call_iptables", unix.IFLA_BR_NF_CALL_IPTABLES, 8, false},
	{"nf_call_ip6tables", unix.IFLA_BR_NF_CALL_IP6TABLES, 8, false},
	{"nf_call_arptables", unix.IFLA_BR_NF_CALL_ARPTABLES, 8, false},
}

func parseVlanProto(v string) (uint16, bool) {
	switch strings.ToLower(v) {
	case "802.1q":
		return 0x8100, true
	case "802.1ad":
		return 0x88a8, true
	}
	return 0, false
}

func parseBridge(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	var boolVal, boolMask uint32
	for a.More() {
		w := a.Next()
		if w == "fdb_flush" {
			k.spec.Data = append(k.spec.Data, rtnl.Flag(unix.IFLA_BR_FDB_FLUSH))
			continue
		}
		if grammar.Matches(w, "help") {
			return fail.Usagef("Usage: ... bridge [ forward_delay FORWARD_DELAY ] [ hello_time HELLO_TIME ] ...")
		}
		n, isNum := findNum(bridgeNums, w)
		if !isNum && w != "vlan_protocol" && w != "group_address" && w != "no_linklocal_learn" && w != "mcast_vlan_snooping" {
			return unknownKindArg("bridge", w)
		}
		v, err := a.Value()
		if err != nil {
			return err
		}
		switch w {
		case "vlan_protocol":
			p, ok := parseVlanProto(v)
			if !ok {
				return fail.Invalid("invalid vlan_protocol", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.BE16(unix.IFLA_BR_VLAN_PROTOCOL, p))
			continue
		case "group_address":
			b, err := ParseLLAddr(v)
			if err != nil || len(b) != 6 {
				return fail.Invalid("invalid group address", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.Bytes(unix.IFLA_BR_GROUP_ADDR, b))
			continue
		case "no_linklocal_learn", "mcast_vlan_snooping":
			x, err := strconv.ParseUint(v, 0, 8)
			if err != nil {
				return fail.Invalid("invalid "+w, v)
			}
			bit := uint32(1) << boolOptNoLLLearn
			if w == "mcast_vlan_snooping" {
				bit = 1 << boolOptMcastVlanSnooped
			}
			boolMask |= bit
			if x != 0 {
				boolVal |= bit
			}
			continue
		}
		attr, err := n.parse(v)
		if err != nil {
			return err
		}
		k.spec.Data = append(k.spec.Data, attr)
	}
	if boolMask != 0 {
		b := make([]byte, 8)
		copy(b, rtnl.U32(0, boolVal).Data)
		copy(b[4:], rtnl.U32(0, boolMask).Data)
		k.spec.Data = append(k.spec.Data, rtnl.Bytes(unix.IFLA_BR_MULTI_BOOLOPT, b))
	}
	return nil
}

var bridgePortOnOff = []struct {
	kw   string
	Attr uint16
}{
	{"guard", unix.IFLA_BRPORT_GUARD},
	{"hairpin", unix.IFLA_BRPORT_MODE},
	{"fastleave", unix.IFLA_BRPORT_FAST_LEAVE},
	{"root_block", unix.IFLA_BRPORT_PROTECT},
	{"learning", unix.IFLA_BRPORT_LEARNING},
	{"flood", unix.IFLA_BRPORT_UNICAST_FLOOD},
	{"mcast_flood", unix.IFLA_BRPORT_MCAST_FLOOD},
	{"bcast_flood", unix.IFLA_BRPORT_BCAST_FLOOD},
	{"mcast_to_unicast", unix.IFLA_BRPORT_MCAST_TO_UCAST},
	{"proxy_arp", unix.IFLA_BRPORT_PROXYARP},
	{"proxy_arp_wifi", unix.IFLA_BRPORT_PROXYARP_WIFI},
	{"neigh_suppress", unix.IFLA_BRPORT_NEIGH_SUPPRESS},
	{"vlan_tunnel", unix.IFLA_BRPORT_VLAN_TUNNEL},
	{"isolated", unix.IFLA_BRPORT_ISOLATED},
	{"locked", unix.IFLA_BRPORT_LOCKED},
}

var bridgePortNums = []numArg{
	{"priority", unix.IFLA_BRPORT_PRIORITY, 16, false},
	{"cost", unix.IFLA_BRPORT_COST, 32, false},
	{"mcast_router", unix.IFLA_BRPORT_MULTICAST_ROUTER, 8, false},
	{"group_fwd_mask", unix.IFLA_BRPORT_GROUP_FWD_MASK, 16, false},
}

// parseBridgePortArgs reads bridge port options, shared by
// `ip link set DEV type bridge_slave` and `bridge link set`.
func ParseBridgePortArg(w string, a *grammar.Args) (rtnl.Attr, bool, error) {
	for _, o := range bridgePortOnOff {
		if o.kw == w {
			v, err := a.Value()
			if err != nil {
				return rtnl.Attr{}, true, err
			}
			on, err := onOff(w, v)
			if err != nil {
				return rtnl.Attr{}, true, err
			}
			x := uint8(0)
			if on {
				x = 1
			}
			return rtnl.U8(o.Attr, x), true, nil
		}
	}
	if n, ok := findNum(bridgePortNums, w); ok {
		v, err := a.Value()
		if err != nil {
			return rtnl.Attr{}, true, err
		}
		at, err := n.parse(v)
		return at, true, err
	}
	if w == "state" {
		v, err := a.Value()
		if err != nil {
			return rtnl.Attr{}, true, err
		}
		for i, s := range portStates {
			if s == v {
				return rtnl.U8(unix.IFLA_BRPORT_STATE, uint8(i)), true, nil
			}
		}
		x, err := strconv.ParseUint(v, 0, 8)
		if err != nil {
			return rtnl.Attr{}, true, fail.Invalid("invalid state", v)
		}
		return rtnl.U8(unix.IFLA_BRPORT_STATE, uint8(x)), true, nil
	}
	return rtnl.Attr{}, false, nil
}

func parseBridgeSlave(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	for a.More() {
		w := a.Next()
		if w == "fdb_flush" {
			k.spec.Data = append(k.spec.Data, rtnl.Flag(unix.IFLA_BRPORT_FLUSH))
			continue
		}
		at, ok, err := ParseBridgePortArg(w, a)
		if err != nil {
			return err
		}
		if !ok {
			return unknownKindArg("bridge_slave", w)
		}
		k.spec.Data = append(k.spec.Data, at)
	}
	return nil
}

// ----- vxlan -----

func ParseAddr(v, what string) (netip.Addr, error) {
	ip, err := netip.ParseAddr(v)
	if err != nil {
		return netip.Addr{}, fail.Invalid("invalid "+what, v)
	}
	return ip, nil
}

func parseVxlan(e *env.Env, a *grammar.Args, k *parsedKind) error {
	d := &k.spec.Data
	for a.More() {
		w := a.Next()
		switch w {
		case "id", "vni":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil || n >= 1<<24 {
				return fail.Invalid("invalid id", v)
			}
			*d = append(*d, rtnl.U32(unix.IFLA_VXLAN_ID, uint32(n)))
		case "group", "remote", "local":
			v, err := a.Value()
			if err != nil {
				return err
			}
			ip, err := ParseAddr(v, "address")
			if err != nil {
				return err
			}
			if w == "group" && !ip.IsMulticast() {
				return fail.Invalid("invalid group address", v)
			}
			if w == "remote" && ip.IsMulticast() {
				return fail.Invalid("invalid remote address", v)
			}
			attr := uint16(unix.IFLA_VXLAN_GROUP)
			if w == "local" {
				attr = unix.IFLA_VXLAN_LOCAL
			}
			if ip.Is6() {
				attr = map[uint16]uint16{unix.IFLA_VXLAN_GROUP: unix.IFLA_VXLAN_GROUP6, unix.IFLA_VXLAN_LOCAL: unix.IFLA_VXLAN_LOCAL6}[attr]
			}
			*d = append(*d, rtnl.IP(attr, ip))
		case "dev":
			index, err := linkIndexValue(e, a)
			if err != nil {
				return err
			}
			*d = append(*d, rtnl.U32(unix.IFLA_VXLAN_LINK, index))
		case "ttl", "hoplimit":
			v, err := a.Value()
			if err != nil {
				return err
			}
			switch v {
			case "inherit":
				*d = append(*d, rtnl.U8(unix.IFLA_VXLAN_TTL_INHERIT, 1))
			case "auto":
				*d = append(*d, rtnl.U8(unix.IFLA_VXLAN_TTL, 0))
			default:
				n, err := strconv.ParseUint(v, 0, 8)
				if err != nil {
					return fail.Invalid("invalid TTL", v)
				}
				*d = append(*d, rtnl.U8(unix.IFLA_VXLAN_TTL, uint8(n)))
			}
		case "tos", "dsfield":
			v, err := a.Value()
			if err != nil {
				return err
			}
			t := uint64(1)
			if v != "inherit" {
				if t, err = strconv.ParseUint(v, 16, 8); err != nil {
					return fail.Invalid("bad TOS value", v)
				}
			}
			*d = append(*d, rtnl.U8(unix.IFLA_VXLAN_TOS, uint8(t)))
		case "df":
			v, err := a.Value()
			if err != nil {
				return err
			}
			i := -1
			for j, s := range vxlanDF {
				if s == v {
					i = j
				}
			}
			if i < 0 {
				return fail.Invalid("DF must be 'unset', 'set' or 'inherit'", v)
			}
			*d = append(*d, rtnl.U8(unix.IFLA_VXLAN_DF, uint8(i)))
		case "flowlabel", "label":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 20)
			if err != nil {
				return fail.Invalid("invalid flowlabel", v)
			}
			*d = append(*d, rtnl.BE32(unix.IFLA_VXLAN_LABEL, uint32(n)))
		case "ageing", "maxaddress", "maxaddr":
			v, err := a.Value()
			if err != nil {
				return err
			}
			attr := uint16(unix.IFLA_VXLAN_AGEING)
			if w != "ageing" {
				attr = unix.IFLA_VXLAN_LIMIT
			}
			n := uint64(0)
			if !(w == "ageing" && v == "none") && v != "unlimited" {
				if n, err = strconv.ParseUint(v, 0, 32); err != nil {
					return fail.Invalid("ageing timer", v)
				}
			}
			*d = append(*d, rtnl.U32(attr, uint32(n)))
		case "dstport", "port":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("dstport", v)
			}
			*d = append(*d, rtnl.BE16(unix.IFLA_VXLAN_PORT, uint16(n)))
		case "srcport":
			lo, err := a.Value()
			if err != nil {
				return err
			}
			hi, err := a.Value()
			if err != nil {
				return err
			}
			l, err1 := strconv.ParseUint(lo, 0, 16)
			h, err2 := strconv.ParseUint(hi, 0, 16)
			if err1 != nil {
				return fail.Invalid("min port", lo)
			}
			if err2 != nil {
				return fail.Invalid("max port", hi)
			}
			b := []byte{byte(l >> 8), byte(l), byte(h >> 8), byte(h)}
			*d = append(*d, rtnl.Bytes(unix.IFLA_VXLAN_PORT_RANGE, b))
		case "learning", "nolearning", "proxy", "noproxy", "rsc", "norsc", "l2miss", "nol2miss",
			"l3miss", "nol3miss", "udpcsum", "noudpcsum", "udp6zerocsumtx", "noudp6zerocsumtx",
			"udp6zerocsumrx", "noudp6zerocsumrx", "remcsumtx", "noremcsumtx", "remcsumrx", "noremcsumrx",
			"external", "noexternal":
			on := !strings.HasPrefix(w, "no")
			name := strings.TrimPrefix(w, "no")
			attr := map[string]uint16{
				"learning": unix.IFLA_VXLAN_LEARNING, "proxy": unix.IFLA_VXLAN_PROXY,
				"rsc": unix.IFLA_VXLAN_RSC, "l2miss": unix.IFLA_VXLAN_L2MISS, "l3miss": unix.IFLA_VXLAN_L3MISS,
				"udpcsum": unix.IFLA_VXLAN_UDP_CSUM, "udp6zerocsumtx": unix.IFLA_VXLAN_UDP_ZERO_CSUM6_TX,
				"udp6zerocsumrx": unix.IFLA_VXLAN_UDP_ZERO_CSUM6_RX, "remcsumtx": unix.IFLA_VXLAN_REMCSUM_TX,
				"remcsumrx": unix.IFLA_VXLAN_REMCSUM_RX, "external": unix.IFLA_VXLAN_COLLECT_METADATA,
			}[name]
			x := uint8(0)
			if on {
				x = 1
			}
			*d = append(*d, rtnl.U8(attr, x))
		case "gbp":
			*d = append(*d, rtnl.Flag(unix.IFLA_VXLAN_GBP))
		case "gpe":
			*d = append(*d, rtnl.Flag(unix.IFLA_VXLAN_GPE))
		default:
			if grammar.Matches(w, "help") {
				return fail.Usagef("Usage: ... vxlan id VNI [ { group | remote } IP_ADDRESS ] [ local ADDR ] [ dev PHYS_DEV ] [ dstport PORT ] ...")
			}
			return unknownKindArg("vxlan", w)
		}
	}
	return nil
}

// ----- macvlan / macvtap -----

func parseMacvlan(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	for a.More() {
		w := a.Next()
		switch w {
		case "mode":
			v, err := a.Value()
			if err != nil {
				return err
			}
			mode := uint32(0)
			for m, n := range macvlanModes {
				if n == v {
					mode = m
				}
			}
			if mode == 0 {
				return fail.Localf("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not %q", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.U32(unix.IFLA_MACVLAN_MODE, mode))
			if mode == macvlanModePassthru && a.Peek() == "nopromisc" {
				a.Next()
				k.spec.Data = append(k.spec.Data, rtnl.U16(unix.IFLA_MACVLAN_FLAGS, macvlanFlagNoPromisc))
			}
		case "bcqueuelen":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil {
				return fail.Invalid("invalid bcqueuelen", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.U32(unix.IFLA_MACVLAN_BC_QUEUE_LEN, uint32(n)))
		default:
			return unknownKindArg(k.spec.Name, w)
		}
	}
	return nil
}

// ----- vlan -----

func parseVlan(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	var flags, mask uint32
	for a.More() {
		w := a.Next()
		switch w {
		case "protocol":
			v, err := a.Value()
			if err != nil {
				return err
			}
			p, ok := parseVlanProto(v)
			if !ok {
				return fail.Invalid("protocol is invalid", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.BE16(unix.IFLA_VLAN_PROTOCOL, p))
		case "id":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("id is invalid", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.U16(unix.IFLA_VLAN_ID, uint16(n)))
		case "reorder_hdr", "gvrp", "loose_binding", "mvrp", "bridge_binding":
			v, err := a.Value()
			if err != nil {
				return err
			}
			on, err := onOff(w, v)
			if err != nil {
				return err
			}
			bit := map[string]uint32{"reorder_hdr": 1, "gvrp": 2, "loose_binding": 4, "mvrp": 8, "bridge_binding": 16}[w]
			mask |= bit
			if on {
				flags |= bit
			} else {
				flags &^= bit
			}
		default:
			return unknownKindArg("vlan", w)
		}
	}
	if mask != 0 {
		b := append(rtnl.U32(0, flags).Data, rtnl.U32(0, mask).Data...)
		k.spec.Data = append(k.spec.Data, rtnl.Bytes(unix.IFLA_VLAN_FLAGS, b))
	}
	return nil
}

// ----- bond -----

var bondModes = []string{"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"}

func nameIndex(names []string, v string) (int, bool) {
	for i, n := range names {
		if n == v {
			return i, true
		}
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0 && n < len(names)
}

var bondNums = []numArg{
	{"miimon", unix.IFLA_BOND_MIIMON, 32, false},
	{"updelay", unix.IFLA_BOND_UPDELAY, 32, false},
	{"downdelay", unix.IFLA_BOND_DOWNDELAY, 32, false},
	{"use_carrier", unix.IFLA_BOND_USE_CARRIER, 8, false},
	{"arp_interval", unix.IFLA_BOND_ARP_INTERVAL, 32, false},
	{"min_links", unix.IFLA_BOND_MIN_LINKS, 32, false},
	{"resend_igmp", unix.IFLA_BOND_RESEND_IGMP, 32, false},
	{"num_grat_arp", unix.IFLA_BOND_NUM_PEER_NOTIF, 8, false},
	{"num_unsol_na", unix.IFLA_BOND_NUM_PEER_NOTIF, 8, false},
	{"all_slaves_active", unix.IFLA_BOND_ALL_SLAVES_ACTIVE, 8, false},
	{"packets_per_slave", unix.IFLA_BOND_PACKETS_PER_SLAVE, 32, false},
	{"lp_interval", unix.IFLA_BOND_LP_INTERVAL, 32, false},
	{"ad_actor_sys_prio", unix.IFLA_BOND_AD_ACTOR_SYS_PRIO, 16, false},
	{"ad_user_port_key", unix.IFLA_BOND_AD_USER_PORT_KEY, 16, false},
	{"tlb_dynamic_lb", unix.IFLA_BOND_TLB_DYNAMIC_LB, 8, false},
	{"peer_notify_delay", unix.IFLA_BOND_PEER_NOTIF_DELAY, 32, false},
}

var bondEnums = []struct {
	kw    string
	Attr  uint16
	Names []string
}{
	{"lacp_rate", unix.IFLA_BOND_AD_LACP_RATE, []string{"slow", "fast"}},
	{"xmit_hash_policy", unix.IFLA_BOND_XMIT_HASH_POLICY, []string{"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"}},
	{"ad_select", unix.IFLA_BOND_AD_SELECT, []string{"stable", "bandwidth", "count"}},
	{"arp_validate", unix.IFLA_BOND_ARP_VALIDATE, []string{"none", "active", "backup", "all", "filter", "filter_active", "filter_backup"}},
	{"arp_all_targets", unix.IFLA_BOND_ARP_ALL_TARGETS, []string{"any", "all"}},
	{"primary_reselect", unix.IFLA_BOND_PRIMARY_RESELECT, []string{"always", "better", "failure"}},
	{"fail_over_mac", unix.IFLA_BOND_FAIL_OVER_MAC, []string{"none", "active", "follow"}},
}

func parseBond(e *env.Env, a *grammar.Args, k *parsedKind) error {
	d := &k.spec.Data
	for a.More() {
		w := a.Next()
		v, err := a.Value()
		if err != nil {
			return err
		}
		switch w {
		case "mode":
			m, ok := nameIndex(bondModes, v)
			if !ok {
				return fail.Invalid("invalid mode", v)
			}
			*d = append(*d, rtnl.U8(unix.IFLA_BOND_MODE, uint8(m)))
			continue
		case "primary", "active_slave":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return err
			}
			attr := uint16(unix.IFLA_BOND_PRIMARY)
			if w == "active_slave" {
				attr = unix.IFLA_BOND_ACTIVE_SLAVE
			}
			*d = append(*d, rtnl.U32(attr, uint32(l.Index)))
			continue
		case "arp_ip_target":
			var ts []rtnl.Attr
			for i, s := range strings.Split(v, ",") {
				ip, err := netip.ParseAddr(s)
				if err != nil || !ip.Is4() {
					return fail.Invalid("invalid arp_ip_target", s)
				}
				ts = append(ts, rtnl.IP(uint16(i), ip))
			}
			*d = append(*d, rtnl.Nest(unix.IFLA_BOND_ARP_IP_TARGET, ts...))
			continue
		}
		if n, ok := findNum(bondNums, w); ok {
			at, err := n.parse(v)
			if err != nil {
				return err
			}
			*d = append(*d, at)
			continue
		}
		found := false
		for _, be := range bondEnums {
			if be.kw == w {
				i, ok := nameIndex(be.Names, v)
				if !ok {
					return fail.Invalid("invalid "+w, v)
				}
				*d = append(*d, rtnl.U8(be.Attr, uint8(i)))
				found = true
			}
		}
		if !found {
			a.Back()
			return unknownKindArg("bond", w)
		}
	}
	return nil
}

func parseBondSlave(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	for a.More() {
		w := a.Next()
		switch w {
		case "queue_id":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("queue_id is invalid", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.U16(unix.IFLA_BOND_SLAVE_QUEUE_ID, uint16(n)))
		case "prio":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil {
				return fail.Invalid("prio is invalid", v)
			}
			k.spec.Data = append(k.spec.Data, rtnl.U32(unix.IFLA_BOND_SLAVE_PRIO, uint32(int32(n))))
		default:
			return unknownKindArg("bond_slave", w)
		}
	}
	return nil
}

// ----- vrf -----

func parseVrf(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	for a.More() {
		w := a.Next()
		if w != "table" {
			return unknownKindArg("vrf", w)
		}
		v, err := a.Value()
		if err != nil {
			return err
		}
		n, err := strconv.ParseUint(v, 0, 32)
		if err != nil {
			return fail.Invalid("invalid table ID", v)
		}
		k.spec.Data = append(k.spec.Data, rtnl.U32(unix.IFLA_VRF_TABLE, uint32(n)))
	}
	return nil
}

// ----- gre family and ip tunnels -----

// Tunnel attributes (enum IFLA_GRE_*, IFLA_IPTUN_*), absent from x/sys/unix.
const (
	IflaGRELink     = 1
	IflaGREIFlags   = 2
	IflaGREOFlags   = 3
	IflaGREIKey     = 4
	IflaGREOKey     = 5
	IflaGRELocal    = 6
	IflaGRERemote   = 7
	IflaGRETTL      = 8
	IflaGRETOS      = 9
	IflaGREPMTUDisc = 10

	IflaIPTunLink     = 1
	IflaIPTunLocal    = 2
	IflaIPTunRemote   = 3
	IflaIPTunTTL      = 4
	IflaIPTunTOS      = 5
	IflaIPTunPMTUDisc = 10
	IflaIPTunProto    = 9

	GreKeyFlag = 0x2000 // GRE_KEY, in network order in i/oflags
)

func parseKey(v string) (uint32, error) {
	if ip, err := netip.ParseAddr(v); err == nil && ip.Is4() {
		b := ip.As4()
		return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]), nil
	}
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return 0, fail.Invalid("invalid value for \"key\"", v)
	}
	return uint32(n), nil
}

func parseGre(e *env.Env, a *grammar.Args, k *parsedKind) error {
	d := &k.spec.Data
	v6 := strings.HasPrefix(k.spec.Name, "ip6")
	var iflags, oflags uint16
	for a.More() {
		w := a.Next()
		switch w {
		case "remote", "local":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if v == "any" {
				continue
			}
			ip, err := ParseAddr(v, w+" address")
			if err != nil {
				return err
			}
			if ip.Is6() != v6 {
				return fail.Invalid("invalid "+w+" address", v)
			}
			attr := uint16(IflaGRERemote)
			if w == "local" {
				attr = IflaGRELocal
			}
			*d = append(*d, rtnl.IP(attr, ip))
		case "key", "ikey", "okey":
			v, err := a.Value()
			if err != nil {
				return err
			}
			key, err := parseKey(v)
			if err != nil {
				return err
			}
			if w != "okey" {
				iflags |= GreKeyFlag
				*d = append(*d, rtnl.BE32(IflaGREIKey, key))
			}
			if w != "ikey" {
				oflags |= GreKeyFlag
				*d = append(*d, rtnl.BE32(IflaGREOKey, key))
			}
		case "ttl", "hoplimit", "tos", "dsfield":
			n, err := tunnelByteValue(a, w)
			if err != nil {
				return err
			}
			attr := uint16(IflaGRETTL)
			if w == "tos" || w == "dsfield" {
				attr = IflaGRETOS
			}
			*d = append(*d, rtnl.U8(attr, n))
		case "dev":
			index, err := linkIndexValue(e, a)
			if err != nil {
				return err
			}
			*d = append(*d, rtnl.U32(IflaGRELink, index))
		case "pmtudisc", "nopmtudisc":
			x := uint8(0)
			if w == "pmtudisc" {
				x = 1
			}
			*d = append(*d, rtnl.U8(IflaGREPMTUDisc, x))
		default:
			return unknownKindArg(k.spec.Name, w)
		}
	}
	if iflags != 0 {
		*d = append(*d, rtnl.BE16(IflaGREIFlags, iflags))
	}
	if oflags != 0 {
		*d = append(*d, rtnl.BE16(IflaGREOFlags, oflags))
	}
	return nil
}

// linkIndexValue consumes a device name and returns its interface index.
func linkIndexValue(e *env.Env, a *grammar.Args) (uint32, error) {
	v, err := a.Value()
	if err != nil {
		return 0, err
	}
	l, err := env.LookupLink(e, v)
	if err != nil {
		return 0, err
	}
	return uint32(l.Index), nil
}

// tunnelByteValue consumes a tunnel's ttl or tos: "inherit" (0) or a number
// below 256 in C notation; w names the keyword in the error.
func tunnelByteValue(a *grammar.Args, w string) (uint8, error) {
	v, err := a.Value()
	if err != nil || v == "inherit" {
		return 0, err
	}
	n, err := strconv.ParseUint(v, 0, 8)
	if err != nil {
		return 0, fail.Invalid("invalid "+w, v)
	}
	return uint8(n), nil
}

func parseIPTun(e *env.Env, a *grammar.Args, k *parsedKind) error {
	d := &k.spec.Data
	v6 := k.spec.Name == "ip6tnl"
	for a.More() {
		w := a.Next()
		switch w {
		case "remote", "local":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if v == "any" {
				continue
			}
			ip, err := ParseAddr(v, w+" address")
			if err != nil {
				return err
			}
			if ip.Is6() != v6 {
				return fail.Invalid("invalid "+w+" address", v)
			}
			attr := uint16(IflaIPTunRemote)
			if w == "local" {
				attr = IflaIPTunLocal
			}
			*d = append(*d, rtnl.IP(attr, ip))
		case "ttl", "hoplimit", "tos", "dsfield":
			n, err := tunnelByteValue(a, w)
			if err != nil {
				return err
			}
			attr := uint16(IflaIPTunTTL)
			if w == "tos" || w == "dsfield" {
				attr = IflaIPTunTOS
			}
			*d = append(*d, rtnl.U8(attr, n))
		case "dev":
			index, err := linkIndexValue(e, a)
			if err != nil {
				return err
			}
			*d = append(*d, rtnl.U32(IflaIPTunLink, index))
		case "mode":
			v, err := a.Value()
			if err != nil {
				return err
			}
			proto, ok := map[string]uint8{"ip6ip6": unix.IPPROTO_IPV6, "ipv6/ipv6": unix.IPPROTO_IPV6,
				"ipip6": unix.IPPROTO_IPIP, "ip/ipv6": unix.IPPROTO_IPIP, "ipip": unix.IPPROTO_IPIP,
				"ip/ip": unix.IPPROTO_IPIP, "any": 0, "any/ipv6": 0, "any/ip": 0,
				"mplsip": unix.IPPROTO_MPLS, "ip6ip": unix.IPPROTO_IPV6}[v]
			if !ok {
				return fail.Invalid("Cannot guess tunnel mode.", v)
			}
			*d = append(*d, rtnl.U8(IflaIPTunProto, proto))
		case "pmtudisc", "nopmtudisc":
			x := uint8(0)
			if w == "pmtudisc" {
				x = 1
			}
			*d = append(*d, rtnl.U8(IflaIPTunPMTUDisc, x))
		default:
			return unknownKindArg(k.spec.Name, w)
		}
	}
	return nil
}

// ----- ipvlan -----

func parseIPVlan(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	for a.More() {
		w := a.Next()
		switch w {
		case "mode":
			v, err := a.Value()
			if err != nil {
				return err
			}
			m, ok := map[string]uint16{"l2": 0, "l3": 1, "l3s": 2}[v]
			if !ok {
				return fail.Localf("Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"")
			}
			k.spec.Data = append(k.spec.Data, rtnl.U16(unix.IFLA_IPVLAN_MODE, m))
		case "bridge", "private", "vepa":
			f := map[string]uint16{"bridge": 0, "private": 1, "vepa": 2}[w]
			k.spec.Data = append(k.spec.Data, rtnl.U16(unix.IFLA_IPVLAN_FLAGS, f))
		default:
			return fail.Localf("%s: unknown option %q?", k.spec.Name, w)
		}
	}
	return nil
}

// ----- geneve -----

func parseGeneve(_ *env.Env, a *grammar.Args, k *parsedKind) error {
	d := &k.spec.Data
	for a.More() {
		w := a.Next()
		switch w {
		case "id", "vni":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil || n >= 1<<24 {
				return fail.Invalid("invalid id", v)
			}
			*d = append(*d, rtnl.U32(unix.IFLA_GENEVE_ID, uint32(n)))
		case "remote":
			v, err := a.Value()
			if err != nil {
				return err
			}
			ip, err := ParseAddr(v, "remote address")
			if err != nil {
				return err
			}
			attr := uint16(unix.IFLA_GENEVE_REMOTE)
			if ip.Is6() {
				attr = unix.IFLA_GENEVE_REMOTE6
			}
			*d = append(*d, rtnl.IP(attr, ip))
		case "ttl", "hoplimit", "tos":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 8)
			if err != nil {
				return fail.Invalid("invalid "+w, v)
			}
			attr := uint16(unix.IFLA_GENEVE_TTL)
			if w == "tos" {
				attr = unix.IFLA_GENEVE_TOS
			}
			*d = append(*d, rtnl.U8(attr, uint8(n)))
		case "dstport":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("dstport", v)
			}
			*d = append(*d, rtnl.BE16(unix.IFLA_GENEVE_PORT, uint16(n)))
		case "external":
			*d = append(*d, rtnl.Flag(unix.IFLA_GENEVE_COLLECT_METADATA))
		default:
			return unknownKindArg("geneve", w)
		}
	}
	return nil
}
