package bridge

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// runVlanGlobalShow is bridge vlan global show: each bridge's vlans with
// their global options and multicast router ports.
func runVlanGlobalShow(e *env.Env, args []string) error {
	want, vid, err := parseVlanFilter(e, args)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	p := e.Printer()
	p.Raw(fmt.Sprintf("%-16s  %-*s\n", "port", vlanIDWidth, "vlan-id"))
	var views []*vlanGlobalView
	for m, err := range rtnl.VlanDB(conn, rtnl.VlanDBDumpGlobal) {
		if err != nil {
			p.Close()
			return &statusError{fail.DumpError(err, "Dump terminated"), 1}
		}
		if want != 0 && m.Index != want {
			continue
		}
		var gs []rtnl.VlanGlobal
		for _, g := range m.Globals {
			if vid <= 0 || int(g.VID) <= vid && vid <= int(g.VIDEnd) {
				gs = append(gs, g)
			}
		}
		// A bridge's vlans may come in several messages: one port.
		if n := len(views); n > 0 && views[n-1].index == m.Index {
			views[n-1].globals = append(views[n-1].globals, gs...)
		} else if len(gs) > 0 {
			views = append(views, &vlanGlobalView{index: m.Index, globals: gs})
		}
	}
	links := e.Links()
	for _, v := range views {
		v.name, v.links, v.stats = links.Name(v.index), links, e.G.Stats > 0
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

// vlanGlobalOptionWords are the options global show prints, in its
// order.
var vlanGlobalOptionWords = []struct {
	name string
	attr uint16
}{
	{"mcast_snooping", rtnl.VlanGOptMcastSnooping},
	{"mcast_querier", rtnl.VlanGOptMcastQuerier},
	{"mcast_igmp_version", rtnl.VlanGOptMcastIGMPVersion},
	{"mcast_mld_version", rtnl.VlanGOptMcastMLDVersion},
	{"mcast_last_member_count", rtnl.VlanGOptMcastLastMemberCount},
	{"mcast_last_member_interval", rtnl.VlanGOptMcastLastMemberInterval},
	{"mcast_startup_query_count", rtnl.VlanGOptMcastStartupQueryCount},
	{"mcast_startup_query_interval", rtnl.VlanGOptMcastStartupQueryInterval},
	{"mcast_membership_interval", rtnl.VlanGOptMcastMembershipInterval},
	{"mcast_querier_interval", rtnl.VlanGOptMcastQuerierInterval},
	{"mcast_query_interval", rtnl.VlanGOptMcastQueryInterval},
	{"mcast_query_response_interval", rtnl.VlanGOptMcastQueryResponseInterval},
}

// vlanGlobalView prints one bridge's vlans as bridge's
// print_vlan_global_opts does.
type vlanGlobalView struct {
	index   int32
	name    string
	globals []rtnl.VlanGlobal
	links   interface{ Name(int32) string }
	stats   bool
}

func (v *vlanGlobalView) Fields(f *format.Fields) {
	indent := fmt.Sprintf("%-16s    ", "")
	f.StringColor(format.ColorIfname, "ifname", "%-16s  ", v.name)
	f.OpenArray("vlans")
	for i, g := range v.globals {
		if i > 0 {
			f.Literal(fmt.Sprintf("%-16s  ", ""))
		}
		f.OpenElement()
		f.Uint("vlan", "%d", uint64(g.VID))
		if g.VIDEnd != g.VID {
			f.Uint("vlanEnd", "-%d", uint64(g.VIDEnd))
		}
		f.Literal("\n" + indent)
		for _, w := range vlanGlobalOptionWords {
			if n, ok := g.Opts[w.attr]; ok {
				f.Uint(w.name, w.name+" %d ", n)
			}
		}
		f.Literal("\n")
		if len(g.RouterPorts) > 0 {
			v.routerPortFields(f, g.RouterPorts)
		}
		f.Close()
	}
	f.CloseArray()
}

// routerPortFields prints a vlan's multicast router ports: one line, or
// with -s a port a line with its timer and type.
func (v *vlanGlobalView) routerPortFields(f *format.Fields, ports []rtnl.MDBRouterPort) {
	f.Literal(fmt.Sprintf("%-16s    ", "") + "router ports: ")
	f.OpenArray("router_ports")
	for i, r := range ports {
		f.OpenElement()
		if v.stats && i > 0 {
			f.Literal(fmt.Sprintf("\n%-16s    %-14s", "", ""))
		}
		f.String("port", "%s ", v.links.Name(r.Port))
		if v.stats {
			routerPortStats(f, r)
		}
		f.Close()
	}
	f.CloseArray()
	f.Literal("\n")
}

// routerPortStats is bridge's br_print_router_port_stats: the timer and
// whether the port is a router for good or for now.
func routerPortStats(f *format.Fields, r rtnl.MDBRouterPort) {
	if r.HasTimer {
		f.String("timer", " %s", mdbTimer(r.Timer, true))
	}
	if r.HasType {
		typ := "permanent"
		if r.Type == rtnl.MDBRouterTemp || r.Type == rtnl.MDBRouterTempQuery {
			typ = "temp"
		}
		f.String("type", " %s", typ)
	}
}
