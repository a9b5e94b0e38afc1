package bridge

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runLinkShow prints the bridge ports, or the one dev names.
func runLinkShow(e *env.Env, args []string) error {
	var dev string
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w == "dev" {
			v, err := a.Value()
			if err != nil {
				return err
			}
			w = v
		}
		if dev != "" {
			return fail.Garbage("dev", w)
		}
		dev = w
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var want int32
	if dev != "" {
		l, err := env.LookupLink(e, dev)
		if err != nil {
			return err
		}
		want = l.Index
	}
	var ports []*rtnl.Link
	for l, err := range rtnl.Links(conn, unix.AF_BRIDGE, 0) {
		if err != nil {
			return fail.Kernel(err)
		}
		if want == 0 || l.Index == want {
			ports = append(ports, l)
		}
	}
	links := e.Links()
	p := e.Printer()
	for _, l := range ports {
		if err := p.Print(&portView{lv: &link.View{L: l, Cache: links, G: e.G, Names: e.Names()}}); err != nil {
			return err
		}
	}
	return p.Close()
}

// portDetails are the port settings -d adds, in bridge's order.
var portDetails = []link.KindField{
	{Attr: unix.IFLA_BRPORT_MODE, Text: "hairpin", JSON: "hairpin", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_GUARD, Text: "guard", JSON: "guard", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_PROTECT, Text: "root_block", JSON: "root_block", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_FAST_LEAVE, Text: "fastleave", JSON: "fastleave", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_LEARNING, Text: "learning", JSON: "learning", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_UNICAST_FLOOD, Text: "flood", JSON: "flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_MCAST_FLOOD, Text: "mcast_flood", JSON: "mcast_flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_BCAST_FLOOD, Text: "bcast_flood", JSON: "bcast_flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_MULTICAST_ROUTER, Text: "mcast_router", JSON: "mcast_router", Kind: link.FU8},
	{Attr: unix.IFLA_BRPORT_MCAST_TO_UCAST, Text: "mcast_to_unicast", JSON: "mcast_to_unicast", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_NEIGH_SUPPRESS, Text: "neigh_suppress", JSON: "neigh_suppress", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_VLAN_TUNNEL, Text: "vlan_tunnel", JSON: "vlan_tunnel", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_ISOLATED, Text: "isolated", JSON: "isolated", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_LOCKED, Text: "locked", JSON: "locked", Kind: link.FOnOff},
}

// portView prints one bridge port as bridge's print_linkinfo does.
type portView struct {
	lv *link.View
}

func (v *portView) Fields(f *format.Fields) {
	l := v.lv.L
	f.Uint("ifindex", "%d: ", uint64(l.Index))
	v.lv.LinkRef(f)
	name := l.Name
	if !f.JSON() {
		name = v.lv.DisplayName() // NAME@PEER
	}
	f.StringColor(format.ColorIfname, "ifname", "%s: ", name)
	f.OpenArray("flags")
	f.Literal("<")
	for i, fl := range v.lv.Flags() {
		if i > 0 {
			f.Literal(",")
		}
		f.Element("%s", fl)
	}
	f.Literal("> ")
	f.CloseArray()
	if l.Has(unix.IFLA_MTU) {
		f.Uint("mtu", "mtu %d ", uint64(l.MTU))
	}
	if l.Has(unix.IFLA_MASTER) {
		f.String("master", "master %s ", v.lv.Cache.Name(l.Master))
	}
	tab, _ := rtnl.ParseAttrTable(l.ProtInfo)
	portFields(f, tab, link.BridgePortFields[:3]) // state, priority, cost
	if v.lv.G.Details > 0 && len(l.ProtInfo) > 0 {
		f.Line()
		f.Literal("    ")
		portFields(f, tab, portDetails)
	}
	f.Literal("\n")
}

// portFields prints the fields of tab the list names, "key value " each
// in text, typed values in JSON.
func portFields(f *format.Fields, tab rtnl.AttrTable, fields []link.KindField) {
	for _, kf := range fields {
		if _, ok := tab[kf.Attr]; !ok {
			continue
		}
		txt, jv, ok := link.FieldValue(tab, kf)
		if !ok {
			continue
		}
		if !f.JSON() {
			f.Literal(kf.Text + " " + txt + " ")
			continue
		}
		switch x := jv.(type) {
		case bool:
			f.Bool(kf.JSON, "", x)
		case string:
			f.String(kf.JSON, "", x)
		case uint8:
			f.Uint(kf.JSON, "", uint64(x))
		case uint16:
			f.Uint(kf.JSON, "", uint64(x))
		case uint32:
			f.Uint(kf.JSON, "", uint64(x))
		case uint64:
			f.Uint(kf.JSON, "", x)
		}
	}
}
