package link

import (
	"encoding/binary"
	"fmt"
	"net"
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// A field of a kind's data as `ip -d link` prints it: the attribute, the
// text keyword, the JSON key and how the value reads.
type KindField struct {
	Attr uint16
	Text string
	Json string
	Kind fieldKind
}

type fieldKind int

const (
	FU8 fieldKind = iota
	fU16
	fU32
	fU64
	FOnOff     // u8 printed "on"/"off", JSON bool
	fHex32Str  // u32 printed "%#x", JSON string
	fHex16Str  // u16 printed "%#x", JSON string
	fBridgeID  // struct ifla_bridge_id
	fTimer     // u64 centiseconds printed "%7.2f"
	fMAC       // link-layer address
	fPortState // u8 STP state name
	fVlanProto // be16 802.1Q / 802.1ad
	fBoolOpt   // bit of IFLA_BR_MULTI_BOOLOPT, number
	fFwdMask   // u16 "%#x" with JSON string, plus the _str twin
	fTextOnly  // u8 on/off in text only
)

func cHex(v uint64) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(v, 16)
}

func bridgeIDString(b []byte) string {
	if len(b) < 8 {
		return ""
	}
	s := fmt.Sprintf("%02x%02x.", b[0], b[1])
	for i := 2; i < 8; i++ {
		if i > 2 {
			s += ":"
		}
		s += strconv.FormatUint(uint64(b[i]), 16)
	}
	return s
}

var portStates = []string{"disabled", "listening", "learning", "forwarding", "blocking"}

func vlanProtoName(p uint16) string {
	switch p {
	case 0x8100:
		return "802.1Q"
	case 0x88a8:
		return "802.1ad"
	}
	return cHex(uint64(p))
}

// Bit numbers in IFLA_BR_MULTI_BOOLOPT.
const (
	boolOptNoLLLearn        = 0
	boolOptMcastVlanSnooped = 1
)

var bridgeFields = []KindField{
	{unix.IFLA_BR_FORWARD_DELAY, "forward_delay", "forward_delay", fU32},
	{unix.IFLA_BR_HELLO_TIME, "hello_time", "hello_time", fU32},
	{unix.IFLA_BR_MAX_AGE, "max_age", "max_age", fU32},
	{unix.IFLA_BR_AGEING_TIME, "ageing_time", "ageing_time", fU32},
	{unix.IFLA_BR_STP_STATE, "stp_state", "stp_state", fU32},
	{unix.IFLA_BR_PRIORITY, "priority", "priority", fU16},
	{unix.IFLA_BR_VLAN_FILTERING, "vlan_filtering", "vlan_filtering", FU8},
	{unix.IFLA_BR_VLAN_PROTOCOL, "vlan_protocol", "vlan_protocol", fVlanProto},
	{unix.IFLA_BR_BRIDGE_ID, "bridge_id", "bridge_id", fBridgeID},
	{unix.IFLA_BR_ROOT_ID, "designated_root", "root_id", fBridgeID},
	{unix.IFLA_BR_ROOT_PORT, "root_port", "root_port", fU16},
	{unix.IFLA_BR_ROOT_PATH_COST, "root_path_cost", "root_path_cost", fU32},
	{unix.IFLA_BR_TOPOLOGY_CHANGE, "topology_change", "topology_change", FU8},
	{unix.IFLA_BR_TOPOLOGY_CHANGE_DETECTED, "topology_change_detected", "topology_change_detected", FU8},
	{unix.IFLA_BR_HELLO_TIMER, "hello_timer", "hello_timer", fTimer},
	{unix.IFLA_BR_TCN_TIMER, "tcn_timer", "tcn_timer", fTimer},
	{unix.IFLA_BR_TOPOLOGY_CHANGE_TIMER, "topology_change_timer", "topology_change_timer", fTimer},
	{unix.IFLA_BR_GC_TIMER, "gc_timer", "gc_timer", fTimer},
	{unix.IFLA_BR_VLAN_DEFAULT_PVID, "vlan_default_pvid", "vlan_default_pvid", fU16},
	{unix.IFLA_BR_VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled", FU8},
	{unix.IFLA_BR_VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port", FU8},
	{unix.IFLA_BR_GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask", fHex16Str},
	{unix.IFLA_BR_GROUP_ADDR, "group_address", "group_addr", fMAC},
	{unix.IFLA_BR_MCAST_SNOOPING, "mcast_snooping", "mcast_snooping", FU8},
	{unix.IFLA_BR_MULTI_BOOLOPT, "no_linklocal_learn", "no_linklocal_learn", fBoolOpt},
	{unix.IFLA_BR_MULTI_BOOLOPT, "mcast_vlan_snooping", "mcast_vlan_snooping", fBoolOpt},
	{unix.IFLA_BR_MCAST_ROUTER, "mcast_router", "mcast_router", FU8},
	{unix.IFLA_BR_MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", FU8},
	{unix.IFLA_BR_MCAST_QUERIER, "mcast_querier", "mcast_querier", FU8},
	{unix.IFLA_BR_MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", "mcast_hash_elasticity", fU32},
	{unix.IFLA_BR_MCAST_HASH_MAX, "mcast_hash_max", "mcast_hash_max", fU32},
	{unix.IFLA_BR_MCAST_LAST_MEMBER_CNT, "mcast_last_member_count", "mcast_last_member_cnt", fU32},
	{unix.IFLA_BR_MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_count", "mcast_startup_query_cnt", fU32},
	{unix.IFLA_BR_MCAST_LAST_MEMBER_INTVL, "mcast_last_member_interval", "mcast_last_member_intvl", fU64},
	{unix.IFLA_BR_MCAST_MEMBERSHIP_INTVL, "mcast_membership_interval", "mcast_membership_intvl", fU64},
	{unix.IFLA_BR_MCAST_QUERIER_INTVL, "mcast_querier_interval", "mcast_querier_intvl", fU64},
	{unix.IFLA_BR_MCAST_QUERY_INTVL, "mcast_query_interval", "mcast_query_intvl", fU64},
	{unix.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_interval", "mcast_query_response_intvl", fU64},
	{unix.IFLA_BR_MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_interval", "mcast_startup_query_intvl", fU64},
	{unix.IFLA_BR_MCAST_STATS_ENABLED, "mcast_stats_enabled", "mcast_stats_enabled", FU8},
	{unix.IFLA_BR_MCAST_IGMP_VERSION, "mcast_igmp_version", "mcast_igmp_version", FU8},
	{unix.IFLA_BR_MCAST_MLD_VERSION, "mcast_mld_version", "mcast_mld_version", FU8},
	{unix.IFLA_BR_NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables", FU8},
	{unix.IFLA_BR_NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables", FU8},
	{unix.IFLA_BR_NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables", FU8},
}

var BridgePortFields = []KindField{
	{unix.IFLA_BRPORT_STATE, "state", "state", fPortState},
	{unix.IFLA_BRPORT_PRIORITY, "priority", "priority", fU16},
	{unix.IFLA_BRPORT_COST, "cost", "cost", fU32},
	{unix.IFLA_BRPORT_MODE, "hairpin", "hairpin", FOnOff},
	{unix.IFLA_BRPORT_GUARD, "guard", "guard", FOnOff},
	{unix.IFLA_BRPORT_PROTECT, "root_block", "root_block", FOnOff},
	{unix.IFLA_BRPORT_FAST_LEAVE, "fastleave", "fastleave", FOnOff},
	{unix.IFLA_BRPORT_LEARNING, "learning", "learning", FOnOff},
	{unix.IFLA_BRPORT_UNICAST_FLOOD, "flood", "flood", FOnOff},
	{unix.IFLA_BRPORT_ID, "port_id", "id", fHex16Str},
	{unix.IFLA_BRPORT_NO, "port_no", "no", fHex16Str},
	{unix.IFLA_BRPORT_DESIGNATED_PORT, "designated_port", "designated_port", fU16},
	{unix.IFLA_BRPORT_DESIGNATED_COST, "designated_cost", "designated_cost", fU16},
	{unix.IFLA_BRPORT_BRIDGE_ID, "designated_bridge", "bridge_id", fBridgeID},
	{unix.IFLA_BRPORT_ROOT_ID, "designated_root", "root_id", fBridgeID},
	{unix.IFLA_BRPORT_HOLD_TIMER, "hold_timer", "hold_timer", fTimer},
	{unix.IFLA_BRPORT_MESSAGE_AGE_TIMER, "message_age_timer", "message_age_timer", fTimer},
	{unix.IFLA_BRPORT_FORWARD_DELAY_TIMER, "forward_delay_timer", "forward_delay_timer", fTimer},
	{unix.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, "topology_change_ack", "topology_change_ack", FU8},
	{unix.IFLA_BRPORT_CONFIG_PENDING, "config_pending", "config_pending", FU8},
	{unix.IFLA_BRPORT_PROXYARP, "proxy_arp", "proxy_arp", FOnOff},
	{unix.IFLA_BRPORT_PROXYARP_WIFI, "proxy_arp_wifi", "proxy_arp_wifi", FOnOff},
	{unix.IFLA_BRPORT_MULTICAST_ROUTER, "mcast_router", "multicast_router", FU8},
	{unix.IFLA_BRPORT_FAST_LEAVE, "mcast_fast_leave", "", fTextOnly},
	{unix.IFLA_BRPORT_MCAST_FLOOD, "mcast_flood", "mcast_flood", FOnOff},
	{unix.IFLA_BRPORT_BCAST_FLOOD, "bcast_flood", "bcast_flood", FOnOff},
	{unix.IFLA_BRPORT_MCAST_TO_UCAST, "mcast_to_unicast", "mcast_to_unicast", FOnOff},
	{unix.IFLA_BRPORT_NEIGH_SUPPRESS, "neigh_suppress", "neigh_suppress", FOnOff},
	{unix.IFLA_BRPORT_GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask", fFwdMask},
	{unix.IFLA_BRPORT_VLAN_TUNNEL, "vlan_tunnel", "vlan_tunnel", FOnOff},
	{unix.IFLA_BRPORT_ISOLATED, "isolated", "isolated", FOnOff},
	{unix.IFLA_BRPORT_LOCKED, "locked", "locked", FOnOff},
}

// fieldsText prints the fields present in data, "key value " each.
func FieldsText(t *format.Text, fields []KindField, data []byte) {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return
	}
	for _, f := range fields {
		if _, ok := tab[f.Attr]; !ok {
			continue
		}
		txt, _, ok := FieldValue(tab, f)
		if !ok {
			continue
		}
		t.S(f.Text, " ", txt, " ")
		if f.Kind == fFwdMask {
			v, _ := tab.U16(f.Attr)
			t.S(f.Text, "_str ", "0x"+strconv.FormatUint(uint64(v), 16), " ")
		}
	}
}

func FieldsJSON(fields []KindField, data []byte) *format.Obj {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	o := &format.Obj{}
	for _, f := range fields {
		if _, ok := tab[f.Attr]; !ok || f.Json == "" {
			continue
		}
		_, jv, ok := FieldValue(tab, f)
		if !ok {
			continue
		}
		o.Set(f.Json, jv)
		if f.Kind == fFwdMask {
			v, _ := tab.U16(f.Attr)
			o.Set(f.Json+"_str", "0x"+strconv.FormatUint(uint64(v), 16))
		}
	}
	return o
}

// fieldValue returns a field's text and JSON value.
func FieldValue(tab rtnl.AttrTable, f KindField) (string, any, bool) {
	switch f.Kind {
	case FU8:
		v, ok := tab.U8(f.Attr)
		return strconv.Itoa(int(v)), v, ok
	case fU16:
		v, ok := tab.U16(f.Attr)
		return strconv.Itoa(int(v)), v, ok
	case fU32:
		v, ok := tab.U32(f.Attr)
		return U32s(v), v, ok
	case fU64:
		v, ok := tab.U64(f.Attr)
		return strconv.FormatUint(v, 10), v, ok
	case FOnOff, fTextOnly:
		v, ok := tab.U8(f.Attr)
		s := "off"
		if v != 0 {
			s = "on"
		}
		return s, v != 0, ok
	case fHex16Str, fFwdMask:
		v, ok := tab.U16(f.Attr)
		s := cHex(uint64(v))
		return s, s, ok
	case fHex32Str:
		v, ok := tab.U32(f.Attr)
		s := cHex(uint64(v))
		return s, s, ok
	case fBridgeID:
		s := bridgeIDString(tab[f.Attr])
		return s, s, s != ""
	case fTimer:
		v, ok := tab.U64(f.Attr)
		x := float64(v) / 100
		return fmt.Sprintf("%7.2f", x), format.Fixed{V: x, Decimals: 2}, ok
	case fMAC:
		s := net.HardwareAddr(tab[f.Attr]).String()
		return s, s, true
	case fPortState:
		v, ok := tab.U8(f.Attr)
		s := strconv.Itoa(int(v))
		if int(v) < len(portStates) {
			s = portStates[v]
		}
		return s, s, ok
	case fVlanProto:
		v, ok := tab.BE16(f.Attr)
		s := vlanProtoName(v)
		return s, s, ok
	case fBoolOpt:
		b := tab[f.Attr]
		if len(b) < 8 {
			return "", nil, false
		}
		val := ne32(b[0:4])
		bit := uint32(boolOptNoLLLearn)
		if f.Text == "mcast_vlan_snooping" {
			bit = boolOptMcastVlanSnooped
		}
		v := (val >> bit) & 1
		return U32s(v), v, true
	}
	return "", nil, false
}

func ne32(b []byte) uint32 { return binary.NativeEndian.Uint32(b) }

// kindText prints IFLA_INFO_DATA for `ip -d link`.
func kindText(t *format.Text, v *LinkView, kind string, data []byte) {
	switch kind {
	case "bridge":
		FieldsText(t, bridgeFields, data)
	case "vxlan":
		vxlanText(t, v, data)
	case "macvlan", "macvtap":
		macvlanText(t, data)
	case "vlan":
		vlanText(t, data)
	case "vrf":
		tab, _ := rtnl.ParseAttrTable(data)
		if tb, ok := tab.U32(unix.IFLA_VRF_TABLE); ok {
			t.S("table ", U32s(tb), " ")
		}
	case "ipvlan", "ipvtap":
		if m, ok := ipvlanMode(data); ok {
			t.S(" mode ", m, " ")
		}
		if f, ok := ipvlanFlagWord(data); ok {
			t.S(f, " ")
		}
	case "gre", "gretap", "ipip", "sit":
		TunnelText(t, v, kind, data)
	case "ip6gre", "ip6gretap", "ip6tnl":
		itemsText(t, ip6TunnelItems(v, kind, data))
	case "geneve":
		itemsText(t, geneveItems(data))
	case "bond":
		itemsText(t, bondItems(v, data))
	}
}

// ipvlanMode names IFLA_IPVLAN_MODE.
func ipvlanMode(data []byte) (string, bool) {
	tab, _ := rtnl.ParseAttrTable(data)
	m, ok := tab.U16(unix.IFLA_IPVLAN_MODE)
	if !ok {
		return "", false
	}
	switch m {
	case 0:
		return "l2", true
	case 1:
		return "l3", true
	case 2:
		return "l3s", true
	}
	return "unknown", true
}

func kindJSON(v *LinkView, kind string, data []byte) *format.Obj {
	switch kind {
	case "bridge":
		return FieldsJSON(bridgeFields, data)
	case "vxlan":
		return vxlanJSON(v, data)
	case "macvlan", "macvtap":
		return macvlanJSON(data)
	case "vlan":
		return vlanJSON(data)
	case "vrf":
		tab, _ := rtnl.ParseAttrTable(data)
		if tb, ok := tab.U32(unix.IFLA_VRF_TABLE); ok {
			return (&format.Obj{}).Set("table", tb)
		}
	case "ipvlan", "ipvtap":
		o := &format.Obj{}
		if m, ok := ipvlanMode(data); ok {
			o.Set("mode", m)
		}
		if f, ok := ipvlanFlagWord(data); ok {
			o.Set(f, true)
		}
		return o
	case "gre", "gretap", "ipip", "sit":
		return TunnelJSON(v, kind, data)
	case "ip6gre", "ip6gretap", "ip6tnl":
		return itemsJSON(ip6TunnelItems(v, kind, data))
	case "geneve":
		return itemsJSON(geneveItems(data))
	case "bond":
		return itemsJSON(bondItems(v, data))
	}
	return nil
}

func slaveKindText(t *format.Text, _ *LinkView, kind string, data []byte) {
	if kind == "bridge" {
		FieldsText(t, BridgePortFields, data)
	}
}

func slaveKindJSON(_ *LinkView, kind string, data []byte) *format.Obj {
	if kind == "bridge" {
		return FieldsJSON(BridgePortFields, data)
	}
	return nil
}

var macvlanModes = map[uint32]string{
	macvlanModePrivate:  "private",
	macvlanModeVEPA:     "vepa",
	MacvlanModeBridge:   "bridge",
	macvlanModePassthru: "passthru",
	macvlanModeSource:   "source",
}

func macvlanText(t *format.Text, data []byte) {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return
	}
	if m, ok := tab.U32(unix.IFLA_MACVLAN_MODE); ok {
		t.S("mode ", macvlanModes[m], " ")
	}
	if f, ok := tab.U16(unix.IFLA_MACVLAN_FLAGS); ok && f&macvlanFlagNoPromisc != 0 {
		t.S("nopromisc ")
	}
	if v, ok := tab.U32(unix.IFLA_MACVLAN_BC_QUEUE_LEN); ok {
		t.S("bcqueuelen ", U32s(v), " ")
	}
	if v, ok := tab.U32(unix.IFLA_MACVLAN_BC_QUEUE_LEN_USED); ok {
		t.S("usedbcqueuelen ", U32s(v), " ")
	}
}

func macvlanJSON(data []byte) *format.Obj {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	o := &format.Obj{}
	if m, ok := tab.U32(unix.IFLA_MACVLAN_MODE); ok {
		o.Set("mode", macvlanModes[m])
	}
	if f, ok := tab.U16(unix.IFLA_MACVLAN_FLAGS); ok && f&macvlanFlagNoPromisc != 0 {
		o.Set("nopromisc", true)
	}
	if v, ok := tab.U32(unix.IFLA_MACVLAN_BC_QUEUE_LEN); ok {
		o.Set("bcqueuelen", v)
	}
	if v, ok := tab.U32(unix.IFLA_MACVLAN_BC_QUEUE_LEN_USED); ok {
		o.Set("usedbcqueuelen", v)
	}
	return o
}

func vlanFlags(tab rtnl.AttrTable) []string {
	b := tab[unix.IFLA_VLAN_FLAGS]
	if len(b) < 4 {
		return nil
	}
	fl := ne32(b[:4])
	var out []string
	// Printed in ip's order, which is not the bits' order.
	for _, f := range []struct {
		bit  uint32
		Name string
	}{{1, "REORDER_HDR"}, {2, "GVRP"}, {8, "MVRP"}, {4, "LOOSE_BINDING"}, {16, "BRIDGE_BINDING"}} {
		if fl&f.bit != 0 {
			out = append(out, f.Name)
			fl &^= f.bit
		}
	}
	if fl != 0 {
		out = append(out, strconv.FormatUint(uint64(fl), 16))
	}
	return out
}

func vlanText(t *format.Text, data []byte) {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return
	}
	if p, ok := tab.BE16(unix.IFLA_VLAN_PROTOCOL); ok {
		t.S("protocol ", vlanProtoName(p), " ")
	}
	if id, ok := tab.U16(unix.IFLA_VLAN_ID); ok {
		t.S("id ", strconv.Itoa(int(id)), " ")
	}
	if fl := vlanFlags(tab); len(fl) > 0 {
		t.S("<")
		for i, f := range fl {
			if i > 0 {
				t.S(",")
			}
			t.S(f)
		}
		t.S("> ")
	}
}

func vlanJSON(data []byte) *format.Obj {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	o := &format.Obj{}
	if p, ok := tab.BE16(unix.IFLA_VLAN_PROTOCOL); ok {
		o.Set("protocol", vlanProtoName(p))
	}
	if id, ok := tab.U16(unix.IFLA_VLAN_ID); ok {
		o.Set("id", id)
	}
	if fl := vlanFlags(tab); len(fl) > 0 {
		o.Set("flags", fl)
	}
	return o
}

// Macvlan modes and flags (enum macvlan_mode, MACVLAN_FLAG_NOPROMISC).
const (
	macvlanModePrivate   = 1
	macvlanModeVEPA      = 2
	MacvlanModeBridge    = 4
	macvlanModePassthru  = 8
	macvlanModeSource    = 16
	macvlanFlagNoPromisc = 1
)
