package netconf

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view prints one entry as ip's print_netconf does.
type view struct {
	n     *rtnl.Netconf
	links *env.Links
}

// rpFilterNames are rp_filter's values by name; others print as numbers.
var rpFilterNames = []string{"off", "strict", "loose"}

func (v *view) Fields(f *format.Fields) {
	n := v.n
	if n.Deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	f.String("family", "%s ", grammar.FamilyWord(n.Family))
	if n.Index != nil {
		var dev string
		switch *n.Index {
		case rtnl.NetconfAll:
			dev = "all"
		case rtnl.NetconfDefault:
			dev = "default"
		default:
			dev = v.links.Name(*n.Index)
		}
		f.StringColor(format.ColorIfname, "interface", "%s ", dev)
	}
	onOff(f, "forwarding", n.Forwarding)
	if n.RPFilter != nil {
		if r := *n.RPFilter; int(r) < len(rpFilterNames) {
			f.String("rp_filter", "rp_filter %s ", rpFilterNames[r])
		} else {
			f.Uint("rp_filter", "rp_filter %u ", uint64(r))
		}
	}
	onOff(f, "mc_forwarding", n.MCForwarding)
	onOff(f, "proxy_neigh", n.ProxyNeigh)
	onOff(f, "ignore_routes_with_linkdown", n.IgnoreRoutesWithLinkdown)
	onOff(f, "input", n.Input)
	f.Literal("\n")
}

// onOff is ip's print_on_off: "KEY on|off " in text, a boolean in JSON.
func onOff(f *format.Fields, key string, v *uint32) {
	if v == nil {
		return
	}
	if f.JSON() {
		f.Bool(key, "", *v != 0)
		return
	}
	s := "off"
	if *v != 0 {
		s = "on"
	}
	f.String(key, key+" %s ", s)
}

// Record is what prints one entry as ip prints it (gip monitor's netconf
// events).
func Record(n *rtnl.Netconf, links *env.Links) format.FieldRecord { return &view{n: n, links: links} }
