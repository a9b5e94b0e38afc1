package link

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// View prints a link the way `ip link show` does (or, with ForAddr, the
// link part of `ip addr show`), text and JSON from one set of field calls.
type View struct {
	L       *rtnl.Link
	Cache   *env.Links
	G       *env.Global
	Names   *env.Names
	ForAddr bool
	Addrs   []*AddrView // for `ip addr show`
	Family  uint8       // the address family `ip addr show` selected
	// LabelOnly prints only the addresses, as `ip addr show label L` does.
	LabelOnly bool
	Oneline   bool // -o with -j
	// NoQlen leaves out the queue length, as ip monitor's link lines do.
	NoQlen bool
}

// linkType is the link/TYPE word: the ARPHRD name, or "[N]" under -N.
func (v *View) linkType() string {
	if v.Names.Numeric() {
		return "[" + strconv.Itoa(int(v.L.Type)) + "]"
	}
	return aRPHRDName(v.L.Type)
}

func (v *View) peerName() (string, bool) {
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

func (v *View) lowerDown() bool {
	l := v.L
	if !l.Has(unix.IFLA_LINK) || l.LinkIndex == 0 || l.Has(unix.IFLA_LINK_NETNSID) {
		return false
	}
	p := v.Cache.Link(l.LinkIndex)
	return p == nil || p.Flags&unix.IFF_UP == 0
}

// Flags are the link's flag names as ip prints them.
func (v *View) Flags() []string { return linkFlagNames(v.L.Flags, v.lowerDown()) }

func stateColor(s string) string {
	switch s {
	case "UP":
		return format.ColorUp
	case "DOWN":
		return format.ColorDown
	}
	return ""
}

// Hw prints a link-layer address.
func Hw(b []byte) string { return rtnl.HardwareAddr(b).String() }

// llString prints a link-layer address; iproute2 prints addresses of
// tunnels (4 or 16 bytes) as IP addresses.
func llString(l *rtnl.Link, b []byte) string {
	switch l.Type {
	case unix.ARPHRD_TUNNEL, unix.ARPHRD_SIT, unix.ARPHRD_IPGRE:
		if len(b) == 4 {
			return netip.AddrFrom4([4]byte(b)).String()
		}
	case unix.ARPHRD_TUNNEL6, unix.ARPHRD_IP6GRE:
		if len(b) == 16 {
			return netip.AddrFrom16([16]byte(b)).Unmap().String()
		}
	}
	if len(b) == 0 {
		return ""
	}
	return Hw(b)
}

// qlen is the transmit queue length; links described by a protocol family
// (ip -6 addr) lack it, so it is asked for in full.
func (v *View) qlen() uint32 {
	if v.L.Has(unix.IFLA_TXQLEN) {
		return v.L.TxQLen
	}
	return v.Cache.TxQLen(v.L.Index)
}

// DisplayName is the name with its peer, "v0@v1".
func (v *View) DisplayName() string {
	if p, ok := v.peerName(); ok {
		return v.L.Name + "@" + p
	}
	return v.L.Name
}

// colored prints text in colour c in text, and value under key in JSON:
// ip colours a field's trailing separator with it.
func colored(f *format.Fields, c, key, text, value string) {
	f.StringColor(c, "", "%s", text)
	f.String(key, "", value)
}

// printFlags prints "<A,B> " and the JSON array "flags".
func printFlags(f *format.Fields, flags []string) {
	f.OpenArray("flags")
	f.Literal("<")
	for i, fl := range flags {
		if i > 0 {
			f.Literal(",")
		}
		f.Element("%s", fl)
	}
	f.Literal("> ")
	f.CloseArray()
}

// Fields prints the link.
func (v *View) Fields(f *format.Fields) {
	switch {
	case f.JSON() && v.ForAddr && v.Oneline:
		v.addrsOneline(f)
		return
	case f.Mode() == format.Brief:
		v.brief(f)
		return
	case !f.JSON() && v.LabelOnly:
		for _, a := range v.Addrs {
			a.body(f)
			f.Literal("\n")
		}
		return
	}
	l := v.L
	f.Uint("ifindex", "%d: ", uint64(l.Index))
	v.LinkRef(f)
	colored(f, format.ColorIfname, "ifname", v.DisplayName()+": ", l.Name)
	printFlags(f, v.Flags())
	if l.Has(unix.IFLA_MTU) {
		f.Uint("mtu", "mtu %d ", uint64(l.MTU))
	}
	if l.Has(unix.IFLA_QDISC) {
		f.String("qdisc", "qdisc %s ", l.Qdisc)
	}
	if l.Has(unix.IFLA_MASTER) {
		f.String("master", "master %s ", v.Cache.Name(l.Master))
	}
	if l.Has(unix.IFLA_OPERSTATE) {
		s := operStateName(l.OperState)
		f.Literal("state ")
		colored(f, stateColor(s), "operstate", s+" ", s)
	}
	if !v.ForAddr && l.Has(unix.IFLA_LINKMODE) {
		f.String("linkmode", "mode %s ", linkModeName(l.LinkMode))
	}
	if l.Has(unix.IFLA_GROUP) {
		f.String("group", "group %s ", v.Names.Group(l.Group))
	}
	if q := v.qlen(); q != 0 && !v.NoQlen {
		f.Uint("txqlen", "qlen %d", uint64(q))
	}
	if v.showLinkLayer() {
		v.linkLayer(f)
	}
	v.tail(f)
}

// linkLayer prints the "link/TYPE ADDR brd ADDR" line and, with -d, the
// details.
func (v *View) linkLayer(f *format.Fields) {
	l := v.L
	f.Line()
	f.String("link_type", "    link/%s ", v.linkType())
	if l.Has(unix.IFLA_ADDRESS) {
		f.StringColor(format.ColorMAC, "address", "%s", llString(l, l.Address))
	}
	if l.Has(unix.IFLA_BROADCAST) {
		if l.Flags&unix.IFF_POINTOPOINT != 0 {
			f.Bool("link_pointtopoint", " peer ", true)
		} else {
			f.Literal(" brd ")
		}
		f.StringColor(format.ColorMAC, "broadcast", "%s", llString(l, l.Broadcast))
	}
	if l.Has(unix.IFLA_PERM_ADDRESS) && Hw(l.PermAddress) != Hw(l.Address) {
		f.String("permaddr", " permaddr %s", llString(l, l.PermAddress))
	}
	if l.Has(unix.IFLA_LINK_NETNSID) {
		if n, ok := v.Cache.NSName(l.LinkNetNSID); ok && !f.JSON() {
			f.Literal(" link-netns " + n)
		} else {
			f.Int("link_netnsid", " link-netnsid %d", int64(l.LinkNetNSID))
		}
	}
	if v.G.Details > 0 {
		v.details(f)
	}
}

// showLinkLayer says whether the link/TYPE line is printed: always for
// links, for addresses unless a protocol family was selected (-4, -6).
func (v *View) showLinkLayer() bool {
	f := v.Family
	return !v.ForAddr || f == 0 || f == unix.AF_PACKET || v.G.Details > 0
}

// tail prints what follows the link-layer line: the alias, then for a
// link the statistics and alternative names, for `addr show` the
// alternative names, the addresses and the statistics.
func (v *View) tail(f *format.Fields) {
	l := v.L
	if (!v.ForAddr || v.G.Details > 0) && l.Has(unix.IFLA_IFALIAS) {
		f.Line()
		f.String("ifalias", "    alias %s", l.Alias)
	}
	if !v.ForAddr {
		v.stats(f)
		v.altNames(f)
		f.Literal("\n")
		return
	}
	v.altNames(f)
	if !f.JSON() || v.Family != unix.AF_PACKET {
		f.OpenArray("addr_info")
		for _, a := range v.Addrs {
			f.Line()
			f.OpenElement()
			a.body(f)
			f.Close()
		}
		f.CloseArray()
	}
	v.stats(f)
	f.Literal("\n")
}

func (v *View) altNames(f *format.Fields) {
	if len(v.L.AltNames) == 0 {
		return
	}
	f.OpenArray("altnames")
	for _, a := range v.L.AltNames {
		f.Line()
		f.Element("    altname %s", a)
	}
	f.CloseArray()
}

func (v *View) stats(f *format.Fields) {
	if v.G.Stats > 0 && v.L.Stats != nil {
		printStats(f, v.L, v.G)
	}
}

// details prints the -d part of the link-layer line.
func (v *View) details(f *format.Fields) {
	l := v.L
	if l.Has(unix.IFLA_PROMISCUITY) {
		f.Uint("promiscuity", " promiscuity %d ", uint64(l.Promiscuity))
	}
	if l.Has(unix.IFLA_ALLMULTI) {
		f.Uint("allmulti", " allmulti %d ", uint64(l.AllMulti))
	}
	if l.Has(unix.IFLA_MIN_MTU) {
		f.Uint("min_mtu", "minmtu %d ", uint64(l.MinMTU))
	}
	if l.Has(unix.IFLA_MAX_MTU) {
		f.Uint("max_mtu", "maxmtu %d ", uint64(l.MaxMTU))
	}
	if l.Kind != "" || l.SlaveKind != "" {
		f.Open("linkinfo")
		if l.Kind != "" {
			f.Line()
			f.String("info_kind", "    %s ", l.Kind)
			v.kindData(f, "info_data", l.Kind, l.Data)
		}
		if l.SlaveKind != "" {
			f.Line()
			f.String("info_slave_kind", "    %s_slave ", l.SlaveKind)
			v.kindData(f, "info_slave_data", l.SlaveKind+"_slave", l.SlaveData)
		}
		f.Close()
	}
	if !v.ForAddr && l.Has(rtnl.HasAddrGenMode) {
		f.String("inet6_addr_gen_mode", "addrgenmode %s ", addrGenModeName(l.AddrGenMode))
	}
	for _, c := range []struct {
		attr       uint16
		text, json string
		v          uint32
	}{
		{unix.IFLA_NUM_TX_QUEUES, "numtxqueues", "num_tx_queues", l.NumTxQ},
		{unix.IFLA_NUM_RX_QUEUES, "numrxqueues", "num_rx_queues", l.NumRxQ},
		{unix.IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size", l.GSOMaxSize},
		{unix.IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs", l.GSOMaxSegs},
		{unix.IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size", l.TSOMaxSize},
		{unix.IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs", l.TSOMaxSegs},
		{unix.IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size", l.GROMaxSize},
	} {
		if l.Has(c.attr) {
			f.Uint(c.json, c.text+" %d ", uint64(c.v))
		}
	}
	if l.Has(unix.IFLA_PARENT_DEV_BUS_NAME) {
		f.String("parentbus", "parentbus %s ", l.ParentBus)
	}
	if l.Has(unix.IFLA_PARENT_DEV_NAME) {
		f.String("parentdev", "parentdev %s ", l.ParentDev)
	}
}

// kindData prints a kind's options through its registered printer, as
// ip does only when the kernel sent them.
func (v *View) kindData(f *format.Fields, key, kind string, data []byte) {
	k, ok := lookupKind(kind)
	if !ok || k.Print == nil || len(data) == 0 {
		return
	}
	d := k.New()
	if err := d.Decode(data); err != nil {
		return
	}
	f.Open(key)
	k.Print(f, d, v)
	f.Close()
}

func (v *View) brief(f *format.Fields) {
	l := v.L
	v.LinkRef(f)
	colored(f, format.ColorIfname, "ifname", padRight(v.DisplayName()+" ", 17), l.Name)
	s := operStateName(l.OperState)
	colored(f, stateColor(s), "operstate", padRight(s+" ", 15), s)
	if v.ForAddr {
		f.OpenArray("addr_info")
		for _, a := range v.Addrs {
			f.OpenElement()
			a.brief(f)
			f.Close()
		}
		f.CloseArray()
		f.Literal("\n")
		return
	}
	if l.Has(unix.IFLA_ADDRESS) {
		a := llString(l, l.Address)
		colored(f, format.ColorMAC, "address", a+" ", a)
	}
	printFlags(f, v.Flags())
	f.Literal("\n")
}

// addrsOneline is `ip -j -o addr`: each link reduced to its addresses,
// each address naming its link.
func (v *View) addrsOneline(f *format.Fields) {
	f.OpenArray("addr_info")
	for _, a := range v.Addrs {
		f.OpenElement()
		f.Int("index", "", int64(v.L.Index))
		f.String("dev", "", v.L.Name)
		a.body(f)
		f.Close()
	}
	f.CloseArray()
}

func padRight(s string, n int) string {
	if len(s) < n {
		s += strings.Repeat(" ", n-len(s))
	}
	return s
}

// LinkRef prints, in JSON only, the link this one sits on or is paired
// with (text prints it as @NAME with the name): "link" by name,
// "link_index" when the index belongs to another namespace or names no
// link here, null for none.
func (v *View) LinkRef(f *format.Fields) {
	l := v.L
	if !f.JSON() || !l.Has(unix.IFLA_LINK) {
		return
	}
	switch {
	case l.LinkIndex == 0:
		f.Null("link", "")
	case l.Has(unix.IFLA_LINK_NETNSID):
		f.Int("link_index", "", int64(l.LinkIndex))
	default:
		if p := v.Cache.Link(l.LinkIndex); p != nil {
			f.String("link", "", p.Name)
		} else {
			f.Int("link_index", "", int64(l.LinkIndex))
		}
	}
}

// TableHeader and TableRow lay the link out as a row of -table.
func (v *View) TableHeader() []string {
	return []string{"index", "ifname", "state", "mtu", "address", "master", "kind", "flags"}
}

// TableRow is the link's row.
func (v *View) TableRow() []string {
	l := v.L
	master := ""
	if l.Has(unix.IFLA_MASTER) {
		master = v.Cache.Name(l.Master)
	}
	return []string{strconv.Itoa(int(l.Index)), v.DisplayName(), operStateName(l.OperState),
		strconv.FormatUint(uint64(l.MTU), 10), llString(l, l.Address), master, l.Kind, strings.Join(v.Flags(), ",")}
}
