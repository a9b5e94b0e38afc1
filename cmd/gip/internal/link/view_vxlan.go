package link

import (
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

var vxlanDF = []string{"unset", "set", "inherit"}

// vxlanItem is one printed element of a vxlan's data: text (possibly
// empty) and a JSON member (possibly none).
type vxlanItem struct {
	Text string
	key  string
	val  any
}

func vxlanItems(v *LinkView, data []byte) []vxlanItem {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	var out []vxlanItem
	add := func(text, key string, val any) { out = append(out, vxlanItem{text, key, val}) }
	if id, ok := tab.U32(unix.IFLA_VXLAN_ID); ok {
		add("id "+U32s(id), "id", id)
	}
	for _, a := range []uint16{unix.IFLA_VXLAN_GROUP, unix.IFLA_VXLAN_GROUP6} {
		if ip, ok := tab.IP(a); ok && !ip.IsUnspecified() {
			if ip.IsMulticast() {
				add("group "+ip.String(), "group", ip.String())
			} else {
				add("remote "+ip.String(), "remote", ip.String())
			}
		}
	}
	for _, a := range []uint16{unix.IFLA_VXLAN_LOCAL, unix.IFLA_VXLAN_LOCAL6} {
		if ip, ok := tab.IP(a); ok && !ip.IsUnspecified() {
			add("local "+ip.String(), "local", ip.String())
		}
	}
	if li, ok := tab.U32(unix.IFLA_VXLAN_LINK); ok && li != 0 {
		n := v.Cache.Name(int32(li))
		add("dev "+n, "link", n)
	}
	if b := tab[unix.IFLA_VXLAN_PORT_RANGE]; len(b) >= 4 {
		lo := uint16(b[0])<<8 | uint16(b[1])
		hi := uint16(b[2])<<8 | uint16(b[3])
		pr := &format.Obj{}
		pr.Set("low", lo).Set("high", hi)
		add("srcport "+strconv.Itoa(int(lo))+" "+strconv.Itoa(int(hi)), "port_range", pr)
	}
	if p, ok := tab.BE16(unix.IFLA_VXLAN_PORT); ok {
		add("dstport "+strconv.Itoa(int(p)), "port", p)
	}
	if l, ok := tab.U8(unix.IFLA_VXLAN_LEARNING); ok {
		if l == 0 {
			add("nolearning", "learning", false)
		} else {
			add("", "learning", true)
		}
	}
	flag := func(a uint16, text string) {
		if x, ok := tab.U8(a); ok && x != 0 {
			add(text, text, true)
		}
	}
	flag(unix.IFLA_VXLAN_PROXY, "proxy")
	flag(unix.IFLA_VXLAN_RSC, "rsc")
	flag(unix.IFLA_VXLAN_L2MISS, "l2miss")
	flag(unix.IFLA_VXLAN_L3MISS, "l3miss")
	if tos, ok := tab.U8(unix.IFLA_VXLAN_TOS); ok && tos != 0 {
		if tos == 1 {
			add("tos inherit", "tos", "inherit")
		} else {
			add("tos "+cHex(uint64(tos)), "tos", tos)
		}
	}
	if x, ok := tab.U8(unix.IFLA_VXLAN_TTL_INHERIT); ok && x != 0 {
		add("ttl inherit", "ttl", "inherit")
	} else if ttl, ok := tab.U8(unix.IFLA_VXLAN_TTL); ok {
		if ttl == 0 {
			add("ttl auto", "ttl", ttl)
		} else {
			add("ttl "+strconv.Itoa(int(ttl)), "ttl", ttl)
		}
	}
	if df, ok := tab.U8(unix.IFLA_VXLAN_DF); ok {
		s := strconv.Itoa(int(df))
		if int(df) < len(vxlanDF) {
			s = vxlanDF[df]
		}
		t := ""
		if df != 0 {
			t = "df " + s
		}
		add(t, "df", s)
	}
	if lb, ok := tab[unix.IFLA_VXLAN_LABEL]; ok && len(lb) == 4 {
		l := uint32(lb[0])<<24 | uint32(lb[1])<<16 | uint32(lb[2])<<8 | uint32(lb[3])
		if l != 0 {
			add("flowlabel "+cHex(uint64(l)), "label", cHex(uint64(l)))
		}
	}
	if a, ok := tab.U32(unix.IFLA_VXLAN_AGEING); ok {
		if a == 0 {
			add("ageing none", "ageing", a)
		} else {
			add("ageing "+U32s(a), "ageing", a)
		}
	}
	if m, ok := tab.U32(unix.IFLA_VXLAN_LIMIT); ok && m != 0 {
		add("maxaddr "+U32s(m), "limit", m)
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
	onoff(unix.IFLA_VXLAN_UDP_CSUM, "udpcsum", "udp_csum")
	onoff(unix.IFLA_VXLAN_UDP_ZERO_CSUM6_TX, "udp6zerocsumtx", "udp_zero_csum6_tx")
	onoff(unix.IFLA_VXLAN_UDP_ZERO_CSUM6_RX, "udp6zerocsumrx", "udp_zero_csum6_rx")
	flag(unix.IFLA_VXLAN_REMCSUM_TX, "remcsumtx")
	flag(unix.IFLA_VXLAN_REMCSUM_RX, "remcsumrx")
	if _, ok := tab[unix.IFLA_VXLAN_GBP]; ok {
		add("gbp", "gbp", true)
	}
	if _, ok := tab[unix.IFLA_VXLAN_GPE]; ok {
		add("gpe", "gpe", true)
	}
	if x, ok := tab.U8(unix.IFLA_VXLAN_COLLECT_METADATA); ok && x != 0 {
		add("external", "external", true)
	}
	return out
}

func vxlanText(t *format.Text, v *LinkView, data []byte) {
	for _, it := range vxlanItems(v, data) {
		if it.Text != "" {
			t.S(it.Text, " ")
		}
	}
}

func vxlanJSON(v *LinkView, data []byte) *format.Obj {
	o := &format.Obj{}
	for _, it := range vxlanItems(v, data) {
		if it.key != "" {
			o.Set(it.key, it.val)
		}
	}
	return o
}
