package app

import (
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

// registry is gip's objects: the one list dispatch, help, completion and
// the man pages read. Adding an object is its package and one line here.
// It is built once and never changed.
var registry = sync.OnceValue(func() []*command.Object {
	return []*command.Object{
		addr.Object(),
		bridge.Object(),
		link.Object(),
		mpls.Object(),
		neigh.Object(),
		netns.Object(),
		nexthop.Object(),
		route.Object(),
		rule.Object(),
	}
})

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

// objectNamed returns the object called name (or by one of its aliases).
func objectNamed(name string) *command.Object {
	for _, o := range registry() {
		if o.Name == name {
			return o
		}
		for _, a := range o.Aliases {
			if a == name {
				return o
			}
		}
	}
	return nil
}
