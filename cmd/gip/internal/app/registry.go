package app

import (
	"slices"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/addr"
	"github.com/gip-suite/gip/cmd/gip/internal/addrlabel"
	"github.com/gip-suite/gip/cmd/gip/internal/bridge"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fou"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/ila"
	"github.com/gip-suite/gip/cmd/gip/internal/ioam"
	"github.com/gip-suite/gip/cmd/gip/internal/l2tp"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/macsec"
	"github.com/gip-suite/gip/cmd/gip/internal/maddress"
	"github.com/gip-suite/gip/cmd/gip/internal/monitor"
	"github.com/gip-suite/gip/cmd/gip/internal/mpls"
	"github.com/gip-suite/gip/cmd/gip/internal/mptcp"
	"github.com/gip-suite/gip/cmd/gip/internal/mroute"
	"github.com/gip-suite/gip/cmd/gip/internal/mrule"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/netconf"
	"github.com/gip-suite/gip/cmd/gip/internal/netns"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/nft"
	"github.com/gip-suite/gip/cmd/gip/internal/ntable"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	"github.com/gip-suite/gip/cmd/gip/internal/sr"
	"github.com/gip-suite/gip/cmd/gip/internal/state"
	"github.com/gip-suite/gip/cmd/gip/internal/stats"
	"github.com/gip-suite/gip/cmd/gip/internal/taskstats"
	"github.com/gip-suite/gip/cmd/gip/internal/tc"
	"github.com/gip-suite/gip/cmd/gip/internal/tcpmetrics"
	"github.com/gip-suite/gip/cmd/gip/internal/token"
	"github.com/gip-suite/gip/cmd/gip/internal/tunnel"
	"github.com/gip-suite/gip/cmd/gip/internal/tuntap"
	"github.com/gip-suite/gip/cmd/gip/internal/vrf"
	"github.com/gip-suite/gip/cmd/gip/internal/xfrm"
)

// ipOrder lists ip's objects in the order ip tries them when it matches
// an abbreviation ("r" is route, "n" is neighbor), followed by gip's own
// additions. A name no object of the registry answers to is known to ip
// but not provided by gip.
var ipOrder = []string{
	"address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour",
	"ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
	"tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm",
	"mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp",
	"ioam", "help", "stats",
	"bridge", "mpls", "tc", "taskstats", "nft", "state",
}

// objects is gip's objects: the one list dispatch, help, completion and
// the man pages read. Adding an object is its package and one line here:
// its name, the other names it answers to, and its constructor. A command
// line builds only the object it names, so that start-up does not pay for
// the others; a test checks the names against the objects. The list is
// constant data: package initialisation has nothing to build for it.
var objects = []entry{
	{name: "address", aliases: []string{"addr"}, build: addr.Object},
	{name: "addrlabel", build: addrlabel.Object},
	{name: "bridge", build: bridge.Object},
	{name: "fou", build: fou.Object},
	{name: "l2tp", build: l2tp.Object},
	{name: "ila", build: ila.Object},
	{name: "ioam", build: ioam.Object},
	{name: "link", build: link.Object},
	{name: "macsec", build: macsec.Object},
	{name: "maddress", build: maddress.Object},
	{name: "monitor", build: monitor.Object},
	{name: "mpls", build: mpls.Object},
	{name: "mptcp", build: mptcp.Object},
	{name: "mroute", build: mroute.Object},
	{name: "mrule", build: mrule.Object},
	{name: "neighbour", aliases: []string{"neighbor", "neigh"}, build: neigh.Object},
	{name: "netconf", build: netconf.Object},
	{name: "netns", build: netns.Object},
	{name: "nexthop", build: nexthop.Object},
	{name: "nft", build: nft.Object},
	{name: "ntable", aliases: []string{"ntbl"}, build: ntable.Object},
	{name: "route", build: route.Object},
	{name: "rule", build: rule.Object},
	{name: "sr", build: sr.Object},
	{name: "state", build: state.Object},
	{name: "stats", build: stats.Object},
	{name: "taskstats", build: taskstats.Object},
	{name: "tc", build: tc.Object},
	{name: "tcp_metrics", aliases: []string{"tcpmetrics"}, build: tcpmetrics.Object},
	{name: "token", build: token.Object},
	{name: "tunnel", aliases: []string{"tunl"}, build: tunnel.Object},
	{name: "tuntap", aliases: []string{"tap"}, build: tuntap.Object},
	{name: "vrf", build: vrf.Object},
	{name: "xfrm", build: func() *command.Object { return xfrm.Object(monitor.WatchXfrm) }},
}

// entry is one object of the registry, built on first use and never
// changed after.
type entry struct {
	name    string
	aliases []string
	build   func() *command.Object

	once sync.Once
	obj  *command.Object
}

// object returns the entry's object, building it the first time.
func (e *entry) object() *command.Object {
	e.once.Do(func() { e.obj = e.build() })
	return e.obj
}

// registry builds every object, for help, completion and man pages.
func registry() []*command.Object {
	all := make([]*command.Object, len(objects))
	for i := range objects {
		all[i] = objects[i].object()
	}
	return all
}

// lookupObject resolves the first word of a command line as ip does. The
// name is ip's (or gip's) full name of the object; o is nil when gip does
// not provide it.
//
// A word that names one of gip's own additions in full is that object,
// even where ip would read it as an abbreviation ("tc" is tcpmetrics to
// ip, but gip tc is traffic control).
func lookupObject(word string) (name string, o *command.Object, ok bool) {
	if word == "tc" {
		return word, objectNamed(word), true
	}
	name, ok = grammar.Lookup(word, ipOrder)
	if !ok {
		return "", nil, false
	}
	return name, objectNamed(name), true
}

// objectNamed returns the object called name (or by one of its aliases),
// building only that one.
func objectNamed(name string) *command.Object {
	for i := range objects {
		if e := &objects[i]; e.name == name || slices.Contains(e.aliases, name) {
			return e.object()
		}
	}
	return nil
}
