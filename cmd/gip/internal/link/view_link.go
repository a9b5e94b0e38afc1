package link

import (
	"net"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// linkView prints a link the way `ip link show` does (or, with forAddr, the
// link part of `ip addr show`).
type LinkView struct {
	L       *rtnl.Link
	Cache   *env.Links
	G       *env.Global
	Names   *env.Names
	ForAddr bool
	Addrs   []*AddrView // for `ip addr show`
	Family  uint8       // the address family `ip addr show` selected
	// labelOnly prints only the addresses, as `ip addr show label L` does.
	LabelOnly bool
	Oneline   bool // -o with -j
}

// linkType is the link/TYPE word: the ARPHRD name, or "[N]" under -N.
func (v *LinkView) linkType() string {
	if v.Names.Numeric() {
		return "[" + strconv.Itoa(int(v.L.Type)) + "]"
	}
	return rtnl.ARPHRDName(v.L.Type)
}

func (v *LinkView) peerName() (string, bool) {
	l := v.L
	if !l.Has(unix.IFLA_LINK) {
		return "", false
	}
	if l.LinkIndex == 0 {
		return "NONE", true
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		return "if" + strconv.Itoa(int(l.LinkIndex)), true
	}
	return v.Cache.Name(l.LinkIndex), true
}

func (v *LinkView) lowerDown() bool {
	l := v.L
	if !l.Has(unix.IFLA_LINK) || l.LinkIndex == 0 {
		return false
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		return false
	}
	p := v.Cache.Link(l.LinkIndex)
	if p == nil {
		return true
	}
	return p.Flags&unix.IFF_UP == 0
}

func (v *LinkView) Flags() []string { return rtnl.LinkFlagNames(v.L.Flags, v.lowerDown()) }

func stateColor(s string) string {
	switch s {
	case "UP":
		return format.ColorUp
	case "DOWN":
		return format.ColorDown
	}
	return ""
}

func Hw(b []byte) string { return net.HardwareAddr(b).String() }

// llString prints a link-layer address; iproute2 prints addresses of
// tunnels (4 or 16 bytes) as IP addresses.
func llString(l *rtnl.Link, b []byte) string {
	switch l.Type {
	case unix.ARPHRD_TUNNEL, unix.ARPHRD_SIT, unix.ARPHRD_IPGRE:
		if len(b) == 4 {
			return net.IP(b).String()
		}
	case unix.ARPHRD_TUNNEL6, unix.ARPHRD_IP6GRE:
		if len(b) == 16 {
			return net.IP(b).String()
		}
	}
	if len(b) == 0 {
		return ""
	}
	return Hw(b)
}

// qlen is the transmit queue length; links described by a protocol family
// (ip -6 addr) lack it, so it is asked for in full.
func (v *LinkView) qlen() uint32 {
	if v.L.Has(unix.IFLA_TXQLEN) {
		return v.L.TxQLen
	}
	return v.Cache.TxQLen(v.L.Index)
}

func (v *LinkView) DisplayName() string {
	if p, ok := v.peerName(); ok {
		return v.L.Name + "@" + p
	}
	return v.L.Name
}

func (v *LinkView) Text(t *format.Text) {
	l := v.L
	if t.Mode() == format.Brief {
		v.brief(t)
		return
	}
	if v.LabelOnly {
		for _, a := range v.Addrs {
			a.body(t)
			t.End()
		}
		return
	}
	t.S(strconv.Itoa(int(l.Index)), ": ")
	t.C(format.ColorIfname, v.DisplayName()+": ")
	t.S("<")
	for i, f := range v.Flags() {
		if i > 0 {
			t.S(",")
		}
		t.S(f)
	}
	t.S("> ")
	if l.Has(unix.IFLA_MTU) {
		t.S("mtu ", U32s(l.MTU), " ")
	}
	if l.Has(unix.IFLA_QDISC) {
		t.S("qdisc ", l.Qdisc, " ")
	}
	if l.Has(unix.IFLA_MASTER) {
		t.S("master ", v.Cache.Name(l.Master), " ")
	}
	if l.Has(unix.IFLA_OPERSTATE) {
		s := rtnl.OperStateName(l.OperState)
		t.S("state ").C(stateColor(s), s+" ")
	}
	if !v.ForAddr && l.Has(unix.IFLA_LINKMODE) {
		t.S("mode ", rtnl.LinkModeName(l.LinkMode), " ")
	}
	if l.Has(unix.IFLA_GROUP) {
		t.S("group ", v.Names.Group(l.Group), " ")
	}
	if q := v.qlen(); q != 0 {
		t.S("qlen ", U32s(q))
	}
	if !v.showLinkLayer() {
		v.tail(t)
		return
	}
	t.Break()
	t.S("    link/", v.linkType(), " ")
	if l.Has(unix.IFLA_ADDRESS) {
		t.C(format.ColorMAC, llString(l, l.Address))
	}
	if l.Has(unix.IFLA_BROADCAST) {
		if l.Flags&unix.IFF_POINTOPOINT != 0 {
			t.S(" peer ")
		} else {
			t.S(" brd ")
		}
		t.C(format.ColorMAC, llString(l, l.Broadcast))
	}
	if l.Has(unix.IFLA_PERM_ADDRESS) && Hw(l.PermAddress) != Hw(l.Address) {
		t.S(" permaddr ", llString(l, l.PermAddress))
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		if n, ok := v.Cache.NSName(l.LinkNetNSID); ok {
			t.S(" link-netns ", n)
		} else {
			t.S(" link-netnsid ", strconv.Itoa(int(l.LinkNetNSID)))
		}
	}
	if v.G.Details > 0 {
		v.detailsText(t)
	}
	v.tail(t)
}

// showLinkLayer says whether the link/TYPE line is printed: always for
// links, for addresses unless a protocol family was selected (-4, -6).
func (v *LinkView) showLinkLayer() bool {
	f := v.Family
	return !v.ForAddr || f == 0 || f == unix.AF_PACKET || v.G.Details > 0
}

// tail prints what follows the link-layer line: the alias, then for a
// link the statistics and alternative names, for `addr show` the
// alternative names, the addresses and the statistics.
func (v *LinkView) tail(t *format.Text) {
	l := v.L
	if (!v.ForAddr || v.G.Details > 0) && l.Has(unix.IFLA_IFALIAS) {
		t.Break().S("    alias ", l.Alias)
	}
	altnames := func() {
		for _, a := range l.AltNames {
			t.Break().S("    altname ", a)
		}
	}
	stats := func() {
		if v.G.Stats > 0 && l.Stats != nil {
			linkStatsText(t, l, v.G)
		}
	}
	if v.ForAddr {
		altnames()
		for _, a := range v.Addrs {
			t.Break()
			a.body(t)
		}
		stats()
	} else {
		stats()
		altnames()
	}
	t.End()
}

func (v *LinkView) detailsText(t *format.Text) {
	l := v.L
	if l.Has(unix.IFLA_PROMISCUITY) {
		t.S(" promiscuity ", U32s(l.Promiscuity), " ")
	}
	if l.Has(unix.IFLA_ALLMULTI) {
		t.S(" allmulti ", U32s(l.AllMulti), " ")
	}
	if l.Has(unix.IFLA_MIN_MTU) {
		t.S("minmtu ", U32s(l.MinMTU), " ")
	}
	if l.Has(unix.IFLA_MAX_MTU) {
		t.S("maxmtu ", U32s(l.MaxMTU), " ")
	}
	if l.Kind != "" {
		t.Break().S("    ", l.Kind, " ")
		kindText(t, v, l.Kind, l.Data)
	}
	if l.SlaveKind != "" {
		t.Break().S("    ", l.SlaveKind, "_slave ")
		slaveKindText(t, v, l.SlaveKind, l.SlaveData)
	}
	if !v.ForAddr && l.Has(rtnl.HasAddrGenMode) {
		t.S("addrgenmode ", rtnl.AddrGenModeName(l.AddrGenMode), " ")
	}
	for _, f := range detailCounters(l) {
		t.S(f.Text, " ", U32s(f.v), " ")
	}
	if l.Has(unix.IFLA_PARENT_DEV_BUS_NAME) {
		t.S("parentbus ", l.ParentBus, " ")
	}
	if l.Has(unix.IFLA_PARENT_DEV_NAME) {
		t.S("parentdev ", l.ParentDev, " ")
	}
}

type counter struct {
	Text, Json string
	v          uint32
}

func detailCounters(l *rtnl.Link) []counter {
	var out []counter
	add := func(a uint16, text, json string, v uint32) {
		if l.Has(a) {
			out = append(out, counter{text, json, v})
		}
	}
	add(unix.IFLA_NUM_TX_QUEUES, "numtxqueues", "num_tx_queues", l.NumTxQ)
	add(unix.IFLA_NUM_RX_QUEUES, "numrxqueues", "num_rx_queues", l.NumRxQ)
	add(unix.IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size", l.GSOMaxSize)
	add(unix.IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs", l.GSOMaxSegs)
	add(unix.IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size", l.TSOMaxSize)
	add(unix.IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs", l.TSOMaxSegs)
	add(unix.IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size", l.GROMaxSize)
	return out
}

func (v *LinkView) brief(t *format.Text) {
	l := v.L
	t.Pad(format.ColorIfname, v.DisplayName()+" ", 17)
	s := rtnl.OperStateName(l.OperState)
	t.Pad(stateColor(s), s+" ", 15)
	if v.ForAddr {
		for _, a := range v.Addrs {
			a.briefText(t)
		}
		t.End()
		return
	}
	if l.Has(unix.IFLA_ADDRESS) {
		t.C(format.ColorMAC, llString(l, l.Address)+" ")
	}
	t.S("<")
	for i, f := range v.Flags() {
		if i > 0 {
			t.S(",")
		}
		t.S(f)
	}
	t.S("> ")
	t.End()
}

func U32s(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

func (v *LinkView) JSON(brief bool) *format.Obj {
	l := v.L
	o := &format.Obj{}
	if v.ForAddr && v.Oneline {
		// ip -j -o addr: each link reduced to its addresses, each
		// address naming its link.
		ai := []*format.Obj{}
		for _, a := range v.Addrs {
			x := &format.Obj{}
			x.Set("index", l.Index).Set("dev", l.Name)
			j := a.JSON(false)
			for i, k := range j.Keys() {
				x.Set(k, j.Values()[i])
			}
			ai = append(ai, x)
		}
		o.Set("addr_info", ai)
		return o
	}
	if brief {
		v.JsonLinkRef(o)
		o.Set("ifname", l.Name)
		o.Set("operstate", rtnl.OperStateName(l.OperState))
		if v.ForAddr {
			ai := []*format.Obj{}
			for _, a := range v.Addrs {
				ai = append(ai, a.briefJSON())
			}
			o.Set("addr_info", ai)
			return o
		}
		if l.Has(unix.IFLA_ADDRESS) {
			o.Set("address", llString(l, l.Address))
		}
		o.Set("flags", v.Flags())
		return o
	}
	o.Set("ifindex", l.Index)
	v.JsonLinkRef(o)
	o.Set("ifname", l.Name)
	o.Set("flags", v.Flags())
	if l.Has(unix.IFLA_MTU) {
		o.Set("mtu", l.MTU)
	}
	if l.Has(unix.IFLA_QDISC) {
		o.Set("qdisc", l.Qdisc)
	}
	if l.Has(unix.IFLA_MASTER) {
		o.Set("master", v.Cache.Name(l.Master))
	}
	if l.Has(unix.IFLA_OPERSTATE) {
		o.Set("operstate", rtnl.OperStateName(l.OperState))
	}
	if !v.ForAddr && l.Has(unix.IFLA_LINKMODE) {
		o.Set("linkmode", rtnl.LinkModeName(l.LinkMode))
	}
	if l.Has(unix.IFLA_GROUP) {
		o.Set("group", v.Names.Group(l.Group))
	}
	if q := v.qlen(); q != 0 {
		o.Set("txqlen", q)
	}
	if !v.showLinkLayer() {
		v.jsonTail(o)
		return o
	}
	o.Set("link_type", v.linkType())
	if l.Has(unix.IFLA_ADDRESS) {
		o.Set("address", llString(l, l.Address))
	}
	if l.Has(unix.IFLA_BROADCAST) {
		if l.Flags&unix.IFF_POINTOPOINT != 0 {
			o.Set("link_pointtopoint", true)
		}
		o.Set("broadcast", llString(l, l.Broadcast))
	}
	if l.Has(unix.IFLA_PERM_ADDRESS) && Hw(l.PermAddress) != Hw(l.Address) {
		o.Set("permaddr", llString(l, l.PermAddress))
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		o.Set("link_netnsid", l.LinkNetNSID)
	}
	if v.G.Details > 0 {
		if l.Has(unix.IFLA_PROMISCUITY) {
			o.Set("promiscuity", l.Promiscuity)
		}
		if l.Has(unix.IFLA_ALLMULTI) {
			o.Set("allmulti", l.AllMulti)
		}
		if l.Has(unix.IFLA_MIN_MTU) {
			o.Set("min_mtu", l.MinMTU)
		}
		if l.Has(unix.IFLA_MAX_MTU) {
			o.Set("max_mtu", l.MaxMTU)
		}
		if l.Kind != "" || l.SlaveKind != "" {
			li := &format.Obj{}
			if l.Kind != "" {
				li.Set("info_kind", l.Kind)
				if d := kindJSON(v, l.Kind, l.Data); d != nil {
					li.Set("info_data", d)
				}
			}
			if l.SlaveKind != "" {
				li.Set("info_slave_kind", l.SlaveKind)
				if d := slaveKindJSON(v, l.SlaveKind, l.SlaveData); d != nil {
					li.Set("info_slave_data", d)
				}
			}
			o.Set("linkinfo", li)
		}
		if !v.ForAddr && l.Has(rtnl.HasAddrGenMode) {
			o.Set("inet6_addr_gen_mode", rtnl.AddrGenModeName(l.AddrGenMode))
		}
		for _, f := range detailCounters(l) {
			o.Set(f.Json, f.v)
		}
		if l.Has(unix.IFLA_PARENT_DEV_BUS_NAME) {
			o.Set("parentbus", l.ParentBus)
		}
		if l.Has(unix.IFLA_PARENT_DEV_NAME) {
			o.Set("parentdev", l.ParentDev)
		}
	}
	v.jsonTail(o)
	return o
}

func (v *LinkView) jsonTail(o *format.Obj) {
	l := v.L
	if (!v.ForAddr || v.G.Details > 0) && l.Has(unix.IFLA_IFALIAS) {
		o.Set("ifalias", l.Alias)
	}
	altnames := func() {
		if len(l.AltNames) > 0 {
			o.Set("altnames", l.AltNames)
		}
	}
	stats := func() {
		if v.G.Stats > 0 && l.Stats != nil {
			o.Set("stats64", linkStatsJSON(l, v.G))
		}
	}
	if !v.ForAddr {
		stats()
		altnames()
		return
	}
	altnames()
	if v.Family != unix.AF_PACKET {
		ai := []*format.Obj{}
		for _, a := range v.Addrs {
			ai = append(ai, a.JSON(false))
		}
		o.Set("addr_info", ai)
	}
	stats()
}

func (v *LinkView) JsonLinkRef(o *format.Obj) {
	l := v.L
	if !l.Has(unix.IFLA_LINK) {
		return
	}
	if l.LinkIndex == 0 {
		o.Set("link", nil) // "@NONE" in text
		return
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		o.Set("link_index", l.LinkIndex)
		return
	}
	if p := v.Cache.Link(l.LinkIndex); p != nil {
		o.Set("link", p.Name)
	} else {
		o.Set("link_index", l.LinkIndex)
	}
}

func (v *LinkView) TableHeader() []string {
	return []string{"index", "name", "state", "mtu", "address", "master", "kind", "flags"}
}

func (v *LinkView) TableRow() []string {
	l := v.L
	master := ""
	if l.Has(unix.IFLA_MASTER) {
		master = v.Cache.Name(l.Master)
	}
	fl := ""
	for i, f := range v.Flags() {
		if i > 0 {
			fl += ","
		}
		fl += f
	}
	return []string{strconv.Itoa(int(l.Index)), v.DisplayName(), rtnl.OperStateName(l.OperState),
		U32s(l.MTU), llString(l, l.Address), master, l.Kind, fl}
}
