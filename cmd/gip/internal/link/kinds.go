package link

import (
	"sync"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// kinds lists every link kind gip configures or prints: the one place a
// kind is registered. A kind is one kind_<name>.go file here (grammar,
// printing, usage) and one link_<name>.go model in internal/nl/rtnl.
//
// The table is built on first use: building it at package initialisation
// cost every start-up two dozen constructors and their closures, and most
// command lines never name or print a kind.
var kinds = sync.OnceValue(func() map[string]Kind {
	return map[string]Kind{
		"veth":         vethKind(),
		"bridge":       bridgeKind(),
		"bridge_slave": bridgePortKind(),
		"vxlan":        vxlanKind(),
		"macvlan":      macvlanKind("macvlan"),
		"macvtap":      macvlanKind("macvtap"),
		"ifb":          plainKind("ifb"),
		"dummy":        plainKind("dummy"),
		"nlmon":        plainKind("nlmon"),
		"wireguard":    plainKind("wireguard"),
		"vlan":         vlanKind(),
		"bond":         bondKind(),
		"bond_slave":   bondPortKind(),
		"vrf":          vrfKind(),
		"macsec":       macsecKind(),
		"xfrm":         xfrmKind(),
		"vti":          vtiKind("vti"),
		"vti6":         vtiKind("vti6"),
		"erspan":       tunnelKind("erspan"),
		"ip6erspan":    tunnelKind("ip6erspan"),
		"vcan":         vcanKind(),
		"vxcan":        vxcanKind(),
		"can":          canKind(),
		"gre":          tunnelKind("gre"),
		"gretap":       tunnelKind("gretap"),
		"ip6gre":       tunnelKind("ip6gre"),
		"ip6gretap":    tunnelKind("ip6gretap"),
		"ipip":         tunnelKind("ipip"),
		"sit":          tunnelKind("sit"),
		"ip6tnl":       tunnelKind("ip6tnl"),
		"ipvlan":       ipvlanKind("ipvlan"),
		"ipvtap":       ipvlanKind("ipvtap"),
		"geneve":       geneveKind(),
		"amt":          amtKind(),
		"bareudp":      bareudpKind(),
		"dsa":          dsaKind(),
		"gtp":          gtpKind(),
		"hsr":          hsrKind(),
		"ipoib":        ipoibKind(),
		"lowpan":       plainKind("lowpan"),
		"netdevsim":    plainKind("netdevsim"),
		"netkit":       netkitKind(),
		"rmnet":        rmnetKind(),
		"team":         plainKind("team"),
		"team_slave":   plainKind("team_slave"),
		"virt_wifi":    plainKind("virt_wifi"),
		"wwan":         wwanKind(),
	}
})

// Kind is one link kind: its typed options, the grammar that fills them
// from the words after `type KIND`, and the -d printing of what the
// kernel reports.
type Kind struct {
	Name  string // as on the command line: "vxlan", "bridge_slave"
	Usage string // the `help` text after `type KIND`
	// New returns empty options, to parse into or decode into.
	New func() rtnl.LinkData
	// Parse reads the kind's words into d (from New).
	Parse func(p *kindParser, d rtnl.LinkData) error
	// Print prints decoded options as `ip -d link` does, text and JSON
	// alike; nil for kinds that print nothing.
	Print func(f *format.Fields, d rtnl.LinkData, v *View)
}

// newKind builds a Kind from typed functions over the kind's options T.
func newKind[T any, P interface {
	*T
	rtnl.LinkData
}](name, usage string, parse func(*kindParser, P) error, print func(*format.Fields, P, *View)) Kind {
	k := Kind{Name: name, Usage: usage, New: func() rtnl.LinkData { return P(new(T)) }}
	if parse != nil {
		k.Parse = func(p *kindParser, d rtnl.LinkData) error { return parse(p, d.(P)) }
	}
	if print != nil {
		k.Print = func(f *format.Fields, d rtnl.LinkData, v *View) { print(f, d.(P), v) }
	}
	return k
}

// plainKind is a kind without options; as with ip, words after it are
// ignored.
func plainKind(name string) Kind {
	return newKind[rtnl.NoData](name, "Usage: ... "+name, nil, nil)
}

// lookupKind finds a registered kind by its command-line name.
func lookupKind(name string) (Kind, bool) {
	k, ok := kinds()[name]
	return k, ok
}
