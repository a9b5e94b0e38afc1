package monitor

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// The objects ip monitor prints that have no listing of their own in
// gip: namespace ids and IPv6 router-advertised prefixes.

// nsidEvent prints an id the namespace gave to (or took from) another
// namespace, as ip prints it: "nsid 3 (iproute2 netns name: blue)".
type nsidEvent struct {
	ev   *rtnl.NSIDEvent
	name string // the namespace's name under /run/netns, if known
	mark bool   // text: "Deleted " first
}

func (v *nsidEvent) Fields(f *format.Fields) {
	if v.mark {
		f.Bool("deleted", "Deleted ", true)
	}
	if v.ev.NSID < 0 {
		f.Literal("nsid unassigned ")
	} else {
		f.Int("nsid", "nsid %d ", int64(v.ev.NSID))
	}
	if c := v.ev.Current; c != nil {
		if *c < 0 {
			f.Literal("current-nsid unassigned ")
		} else {
			f.Int("current-nsid", "current-nsid %d ", int64(*c))
		}
	}
	if v.name != "" {
		f.String("name", "(iproute2 netns name: %s)", v.name)
	}
	f.Literal("\n")
}

// nsNames are the names under /run/netns of the namespaces the current
// one has ids for, as ip monitor keeps them: read at the start, looked up
// again for an id it does not know, forgotten when the id goes.
type nsNames struct {
	e     *env.Env
	byID  map[int32]string
	ready bool
}

// name returns the name of the namespace with id nsid; del forgets it.
func (n *nsNames) name(nsid int32, del bool) string {
	if !n.ready {
		n.scan()
	}
	name, ok := n.byID[nsid]
	if !ok && !del {
		n.scan()
		name = n.byID[nsid]
	}
	if del {
		delete(n.byID, nsid)
	}
	return name
}

// scan reads the ids of the namespaces under /run/netns.
func (n *nsNames) scan() {
	n.ready = true
	if n.byID == nil {
		n.byID = map[int32]string{}
	}
	c, err := n.e.Conn()
	if err != nil {
		return
	}
	for _, name := range env.NetnsDirNames() {
		if id, err := env.NSIDOfName(c, name); err == nil && id >= 0 {
			n.byID[id] = name
		}
	}
}

// prefixEvent prints a prefix a router advertised, as ip 6.1 prints it:
// "prefix 2001:db8::/64dev v0 onlink autoconf valid 2592000 preferred
// 604800". ip has no JSON for it; gip prints {"prefix", "dev", "flags",
// "valid", "preferred"}.
type prefixEvent struct {
	p   *rtnl.Prefix
	dev string
}

func (v *prefixEvent) Fields(f *format.Fields) {
	p := v.p
	if f.JSON() {
		if p.Addr.IsValid() {
			f.String("prefix", "", p.Addr.String()+"/"+strconv.Itoa(int(p.Len)))
		}
	} else {
		f.Literal("prefix ")
		if p.Addr.IsValid() {
			f.Literal(p.Addr.String())
		}
		// ip 6.1 prints no space before "dev".
		f.Literal("/" + strconv.Itoa(int(p.Len)))
	}
	f.StringColor(format.ColorIfname, "dev", "dev %s ", v.dev)
	f.OpenArray("flags")
	if p.Flags&rtnl.PrefixOnlink != 0 {
		f.Element("%s ", "onlink")
	}
	if p.Flags&rtnl.PrefixAutoconf != 0 {
		f.Element("%s ", "autoconf")
	}
	f.CloseArray()
	if c := p.Cache; c != nil {
		f.Uint("valid", "valid %u ", uint64(c.Valid))
		f.Uint("preferred", "preferred %u ", uint64(c.Preferred))
	}
	f.Literal("\n")
}
