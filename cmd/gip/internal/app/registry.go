package app

import (
	"slices"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/addr"
	"github.com/gip-suite/gip/cmd/gip/internal/bridge"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/mpls"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/netns"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
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
	"ioam", "help", "stats", "amt",
	"bridge", "mpls",
}

// objects is gip's objects: the one list dispatch, help, completion and
// the man pages read. Adding an object is its package and one line here:
// its name, the other names it answers to, and its constructor. A command
// line builds only the object it names, so that start-up does not pay for
// the others; a test checks the names against the objects.
var objects = []entry{
	register("address", []string{"addr"}, addr.Object),
	register("bridge", nil, bridge.Object),
	register("link", nil, link.Object),
	register("mpls", nil, mpls.Object),
	register("neighbour", []string{"neighbor", "neigh"}, neigh.Object),
	register("netns", nil, netns.Object),
	register("nexthop", nil, nexthop.Object),
	register("route", nil, route.Object),
	register("rule", nil, rule.Object),
}

// entry is one object of the registry, built on first use and never
// changed after.
type entry struct {
	name    string
	aliases []string
	object  func() *command.Object
}

func register(name string, aliases []string, build func() *command.Object) entry {
	return entry{name: name, aliases: aliases, object: sync.OnceValue(build)}
}

// registry builds every object, for help, completion and man pages.
func registry() []*command.Object {
	all := make([]*command.Object, len(objects))
	for i, e := range objects {
		all[i] = e.object()
	}
	return all
}

// lookupObject resolves the first word of a command line as ip does. The
// name is ip's (or gip's) full name of the object; o is nil when gip does
// not provide it.
func lookupObject(word string) (name string, o *command.Object, ok bool) {
	name, ok = grammar.Lookup(word, ipOrder)
	if !ok {
		return "", nil, false
	}
	return name, objectNamed(name), true
}

// objectNamed returns the object called name (or by one of its aliases),
// building only that one.
func objectNamed(name string) *command.Object {
	for _, e := range objects {
		if e.name == name || slices.Contains(e.aliases, name) {
			return e.object()
		}
	}
	return nil
}
