package link

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func Object() *command.Object {
	return &command.Object{
		Name:  "link",
		Short: "network devices: show, add, set, delete",
		Match: [][2]string{
			{"add", "add"}, {"set", "set"}, {"change", "set"}, {"replace", "replace"},
			{"delete", "delete"}, {"show", "show"}, {"lst", "show"}, {"list", "show"},
			{"property", "property"},
		},
		Default: "show",
		Usage:   linkUsage,
		Verbs: []command.Verb{
			newLinkShowVerb(),
			newLinkAddVerb("add", rtnl.FlagsAdd),
			newLinkAddVerb("replace", rtnl.FlagsReplace),
			newLinkSetVerb(),
			newLinkDeleteVerb(),
			newLinkPropertyVerb()},
	}
}

const linkUsage = `Usage: gip link add [link DEV] [ name ] NAME
		    [ txqueuelen PACKETS ]
		    [ address LLADDR ]
		    [ broadcast LLADDR ]
		    [ mtu MTU ] [index IDX ]
		    [ numtxqueues QUEUE_COUNT ]
		    [ numrxqueues QUEUE_COUNT ]
		    [ netns { PID | NAME } ]
		    type TYPE [ ARGS ]

	gip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]

	gip link set { DEVICE | dev DEVICE | group DEVGROUP }
			[ { up | down } ]
			[ type TYPE ARGS ]
		[ arp { on | off } ]
		[ dynamic { on | off } ]
		[ multicast { on | off } ]
		[ allmulticast { on | off } ]
		[ promisc { on | off } ]
		[ trailers { on | off } ]
		[ carrier { on | off } ]
		[ txqueuelen PACKETS ]
		[ name NEWNAME ]
		[ address LLADDR ]
		[ broadcast LLADDR ]
		[ mtu MTU ]
		[ netns { PID | NAME } ]
		[ link-netns NAME | link-netnsid ID ]
		[ alias NAME ]
		[ master DEVICE ][ vrf NAME ]
		[ nomaster ]
		[ addrgenmode { eui64 | none | stable_secret | random } ]
		[ protodown { on | off } ]
		[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]
		[ gro_max_size BYTES ]

	gip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]
		[nomaster]

	gip link property add dev DEVICE [ altname NAME .. ]
	gip link property del dev DEVICE [ altname NAME .. ]

	gip link help

TYPE := { bond | bond_slave | bridge | bridge_slave | dummy | geneve | gre |
          gretap | ifb | ip6gre | ip6gretap | ip6tnl | ipip | ipvlan | ipvtap |
          macvlan | macvtap | nlmon | sit | veth | vlan | vrf | vxlan | wireguard }`

// listFilter holds the selectors `ip link show` and `ip addr show` share.
type ListFilter struct {
	dev       string
	up        bool
	master    int32 // 0: any, -1: none
	Kind      string
	slaveKind string
	group     *uint32
	// address selectors
	To       *grammar.Prefix
	scope    *uint8
	scopeAll bool
	Label    string
	Flags    uint32 // address flag selectors (primary, permanent, ...):
	flagMask uint32 // the flags must equal flags in the bits of flagMask
}

// parseListFilter reads the selectors of a show (or flush) command.
func ParseListFilter(e *env.Env, a *grammar.Args, isAddr bool) (*ListFilter, error) {
	f := &ListFilter{}
	for a.More() {
		w := a.Next()
		switch {
		case isAddr && w == "to":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, e.G.Family)
			if err != nil {
				return nil, err
			}
			f.To = &p
		case isAddr && w == "scope":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "all" {
				f.scopeAll = true
				break
			}
			s, ok := e.Names().ParseScope(v)
			if !ok {
				return nil, fail.Invalid("invalid \"scope\"\n", v)
			}
			f.scope = &s
		case w == "up":
			f.up = true
		case isAddr && addrFilterWord(f, w):
		case isAddr && w == "label":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.Label = v
		case w == "group":
			g, err := grammar.ParseValue(a, e.Names().ParseGroup, "Invalid \"group\" value\n")
			if err != nil {
				return nil, err
			}
			f.group = &g
		case w == "master":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			f.master = l.Index
		case w == "vrf":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.LookupLink(e, v)
			if err != nil || l.Kind != "vrf" {
				if err != nil {
					var ce *fail.Error
					if !errors.As(err, &ce) {
						return nil, err
					}
				}
				return nil, fail.Invalid("Not a valid VRF name\n", v)
			}
			f.master = l.Index
		case w == "nomaster":
			f.master = -1
		case w == "type":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if s, ok := strings.CutSuffix(v, "_slave"); ok {
				f.slaveKind = s
			} else {
				f.Kind = v
			}
		default:
			if w == "dev" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			} else if grammar.Matches(w, "help") {
				if isAddr {
					return nil, fail.Usagef("%s", AddrUsage)
				}
				return nil, fail.Usagef("%s", linkUsage)
			}
			if f.dev != "" {
				return nil, fail.Garbage("dev", w)
			}
			f.dev = w
		}
	}
	return f, nil
}

// matchLink applies the link selectors.
func (f *ListFilter) matchLink(l *rtnl.Link) bool {
	if f.up && l.Flags&unix.IFF_UP == 0 {
		return false
	}
	switch {
	case f.master > 0 && l.Master != f.master:
		return false
	case f.master < 0 && l.Has(unix.IFLA_MASTER) && l.Master != 0:
		return false
	}
	if f.Kind != "" && l.Kind != f.Kind {
		return false
	}
	if f.slaveKind != "" && l.SlaveKind != f.slaveKind {
		return false
	}
	if f.group != nil && l.Group != *f.group {
		return false
	}
	return true
}

// collectLinks returns the links the filter selects, in the kernel's order,
// with a cache of every link for names.
func collectLinks(e *env.Env, f *ListFilter) ([]*rtnl.Link, *env.Links, error) {
	return CollectLinksFamily(e, f, unix.AF_UNSPEC)
}

// collectLinksFamily dumps links as family sees them: `ip -6 addr` asks
// the IPv6 layer, which describes links with fewer attributes.
func CollectLinksFamily(e *env.Env, f *ListFilter, family uint8) ([]*rtnl.Link, *env.Links, error) {
	conn, err := e.Conn()
	if err != nil {
		return nil, nil, err
	}
	cache := e.Links()
	if f.dev != "" {
		l, err := env.ShowLink(e, f.dev)
		if err != nil {
			return nil, nil, err
		}
		if e.G.Stats > 0 {
			// The single-link request skips statistics; ask again in full.
			full, err := fullLink(conn, l.Index, unix.AF_UNSPEC)
			if err != nil {
				return nil, nil, err
			}
			l = full
		}
		cache.Add(l)
		if !f.matchLink(l) {
			return nil, cache, nil
		}
		return []*rtnl.Link{l}, cache, nil
	}
	var out []*rtnl.Link
	ext := uint32(rtnl.ExtFilterVF)
	if e.G.Stats == 0 {
		ext |= rtnl.ExtFilterSkipStats // the kernel need not gather counters
	}
	if family != unix.AF_UNSPEC {
		ext = 0 // per-family link dumps take no attributes
	}
	for l, err := range rtnl.Links(conn, family, ext) {
		if err != nil {
			return nil, nil, err
		}
		cache.Add(l)
		if f.matchLink(l) {
			out = append(out, l)
		}
	}
	return out, cache, nil
}

func fullLink(conn *nl.Conn, idx int32, family uint8) (*rtnl.Link, error) {
	for l, err := range rtnl.Links(conn, family, rtnl.ExtFilterVF) {
		if err != nil {
			return nil, err
		}
		if l.Index == idx {
			return l, nil
		}
	}
	return nil, &nl.OpError{Op: "dump", Err: unix.ENODEV}
}

// ----- show -----

type linkShowOptions struct {
	Args []string
}

func newLinkShowVerb() command.Verb {
	return command.Verb{Use: "show [ DEVICE | group GROUP ] [up] [master DEV] [type TYPE] [nomaster]", Short: "show links", Run: func(e *env.Env, args []string) error {
		return runLinkShow(e, &linkShowOptions{Args: args})
	}}
}

func runLinkShow(e *env.Env, o *linkShowOptions) error {
	f, err := ParseListFilter(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	links, cache, err := collectLinks(e, f)
	if err != nil {
		return err
	}
	p := e.Printer()
	for _, l := range links {
		if err := p.Print(&View{L: l, Cache: cache, G: e.G, Names: e.Names()}); err != nil {
			return err
		}
	}
	return p.Close()
}

// ----- add / replace / set -----

// linkArgs is a parsed `ip link add|set` command line.
type linkArgs struct {
	spec     rtnl.LinkSpec
	dev      string // the device to change (set) or the new name (add)
	group    *uint32
	Kind     string
	kindArgs []string
	netnsFD  *os.File
}

func (la *linkArgs) close() {
	if la.netnsFD != nil {
		la.netnsFD.Close()
	}
}

func onOff(kw, v string) (bool, error) {
	switch v {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fail.Localf("Error: argument of %q must be \"on\" or \"off\", not %q", kw, v)
}

func ParseLLAddr(s string) ([]byte, error) {
	var out []byte
	for _, part := range strings.Split(s, ":") {
		n, err := strconv.ParseUint(part, 16, 8)
		if err != nil || part == "" {
			return nil, fail.Localf("%q is invalid lladdr.", s)
		}
		out = append(out, byte(n))
	}
	return out, nil
}

func u32arg(kw, v string) (uint32, error) {
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return 0, fail.Invalid("Invalid \""+kw+"\" value\n", v)
	}
	return uint32(n), nil
}

// linkValueKeywords are the link options that take a value.
var linkValueKeywords = map[string]bool{"name": true, "index": true, "mtu": true, "netns": true, "link": true,
	"address": true, "broadcast": true, "brd": true, "txqueuelen": true, "qlen": true, "txqlen": true,
	"type": true, "arp": true, "trailers": true, "promisc": true, "multicast": true,
	"allmulticast": true, "dynamic": true, "carrier": true, "alias": true, "group": true,
	"master": true, "vrf": true, "numtxqueues": true, "numrxqueues": true, "addrgenmode": true,
	"link-netns": true, "link-netnsid": true, "protodown": true, "gso_max_size": true,
	"gso_max_segs": true, "gro_max_size": true, "dev": true}

// parseLinkArgs reads iproute2's link options (iplink_parse). add is true
// for add/replace, where a bare word names the new link.
func parseLinkArgs(e *env.Env, a *grammar.Args, add bool) (*linkArgs, error) {
	la := &linkArgs{}
	s := &la.spec
	seen := map[string]bool{}
	dup := func(kw, v string) error {
		if seen[kw] {
			return fail.Duplicate(kw, v)
		}
		seen[kw] = true
		return nil
	}
	setFlag := func(flag uint32, on bool) {
		s.Change |= flag
		if on {
			s.Flags |= flag
		} else {
			s.Flags &^= flag
		}
	}
	for a.More() {
		w := a.Next()
		var v string
		if linkValueKeywords[w] {
			var err error
			if v, err = a.Value(); err != nil {
				return nil, err
			}
		}
		switch w {
		case "up":
			setFlag(unix.IFF_UP, true)
		case "down":
			setFlag(unix.IFF_UP, false)
		case "name":
			if add {
				if la.dev != "" {
					return nil, fail.Garbage("name", v)
				}
				la.dev = v
			} else {
				s.Name = v
			}
			if len(v) >= unix.IFNAMSIZ || strings.ContainsAny(v, "/ \t\n:") || v == "." || v == ".." {
				return nil, fail.Invalid("\"name\" not a valid ifname", v)
			}
		case "index":
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil || n < 0 {
				return nil, fail.Invalid("Invalid \"index\" value", v)
			}
			x := int32(n)
			s.Index2 = &x
		case "mtu":
			if err := dup("mtu", v); err != nil {
				return nil, err
			}
			n, err := u32arg("mtu", v)
			if err != nil {
				return nil, err
			}
			s.MTU = &n
		case "netns":
			if err := dup("netns", v); err != nil {
				return nil, err
			}
			if pid, err := strconv.ParseUint(v, 10, 32); err == nil {
				p := uint32(pid)
				s.NetNSPID = &p
				break
			}
			fd, err := os.Open(nl.NetNSPath(v))
			if err != nil {
				return nil, fail.Invalid("Invalid \"netns\" value\n", v)
			}
			la.netnsFD = fd
			x := int32(fd.Fd())
			s.NetNSFD = &x
		case "link":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return nil, err
			}
			x := l.Index
			s.Link = &x
		case "address":
			b, err := ParseLLAddr(v)
			if err != nil {
				return nil, err
			}
			s.Address = b
		case "broadcast", "brd":
			b, err := ParseLLAddr(v)
			if err != nil {
				return nil, err
			}
			s.Broadcast = b
		case "txqueuelen", "qlen", "txqlen":
			if err := dup("txqueuelen", v); err != nil {
				return nil, err
			}
			n, err := u32arg("txqueuelen", v)
			if err != nil {
				return nil, err
			}
			s.TxQLen = &n
		case "type":
			la.Kind = v
			la.kindArgs = a.Rest()
		case "arp":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_NOARP, !on)
		case "trailers":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_NOTRAILERS, !on)
		case "promisc":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_PROMISC, on)
		case "multicast":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_MULTICAST, on)
		case "allmulticast":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_ALLMULTI, on)
		case "dynamic":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			setFlag(unix.IFF_DYNAMIC, on)
		case "carrier":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			c := uint8(0)
			if on {
				c = 1
			}
			s.Extra = append(s.Extra, rtnl.U8(unix.IFLA_CARRIER, c))
		case "alias":
			x := v
			s.Alias = &x
		case "group":
			if err := dup("group", v); err != nil {
				return nil, err
			}
			g, ok := e.Names().ParseGroup(v)
			if !ok {
				return nil, fail.Invalid("Invalid \"group\" value\n", v)
			}
			la.group = &g
		case "master", "vrf":
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			if w == "vrf" && l.Kind != "vrf" {
				return nil, fail.Invalid("Not a valid VRF name\n", v)
			}
			x := l.Index
			s.Master = &x
		case "nomaster":
			x := int32(0)
			s.Master = &x
		case "numtxqueues", "numrxqueues", "gso_max_size", "gso_max_segs", "gro_max_size":
			n, err := u32arg(w, v)
			if err != nil {
				return nil, err
			}
			switch w {
			case "numtxqueues":
				s.NumTxQ = &n
			case "numrxqueues":
				s.NumRxQ = &n
			case "gso_max_size":
				s.GSOMaxSize = &n
			case "gso_max_segs":
				s.GSOMaxSegs = &n
			case "gro_max_size":
				s.GROMaxSize = &n
			}
		case "addrgenmode":
			m, ok := rtnl.ParseAddrGenMode(v)
			if !ok {
				return nil, fail.Invalid("Invalid address generation mode\n", v)
			}
			s.AddrGenMode = &m
		case "link-netns":
			f, err := os.Open(nl.NetNSPath(v))
			if err != nil {
				return nil, fail.Invalid("Invalid \"link-netns\" value\n", v)
			}
			conn, err := e.Conn()
			if err != nil {
				f.Close()
				return nil, err
			}
			id, err := rtnl.NSIDByFD(conn, int(f.Fd()))
			f.Close()
			if err != nil || id < 0 {
				return nil, fail.Invalid("Invalid \"link-netns\" value\n", v)
			}
			s.LinkNetNSID = &id
		case "link-netnsid":
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil {
				return nil, fail.Invalid("Invalid \"link-netnsid\" value\n", v)
			}
			x := int32(n)
			s.LinkNetNSID = &x
		case "protodown":
			on, err := onOff(w, v)
			if err != nil {
				return nil, err
			}
			x := uint8(0)
			if on {
				x = 1
			}
			s.ProtoDown = &x
		default:
			if w == "dev" {
				w = v
			} else if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", linkUsage)
			}
			if la.dev != "" {
				return nil, fail.Garbage("dev", w)
			}
			la.dev = w
		}
	}
	return la, nil
}

func newLinkAddVerb(verb string, flags nl.Flags) command.Verb {
	return command.Verb{Use: verb + " [link DEV] [ name ] NAME ... type TYPE [ ARGS ]", Short: verb + " a link", Run: func(e *env.Env, args []string) error {
		return RunLinkAdd(e, &LinkAddOptions{Args: args, Flags: flags})
	}}
}

type LinkAddOptions struct {
	Args  []string
	Flags nl.Flags
}

func RunLinkAdd(e *env.Env, o *LinkAddOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), true)
	if err != nil {
		return err
	}
	defer la.close()
	if la.Kind == "" {
		return fail.Localf("Not enough information: \"type\" argument is required")
	}
	s := &la.spec
	s.Name = la.dev
	if la.group != nil {
		s.Group = la.group
	}
	kind, err := parseKind(e, la.Kind, la.kindArgs)
	if err != nil {
		return err
	}
	defer kind.close()
	if err := kind.resolve(e); err != nil {
		return err
	}
	s.Kind = kind.spec
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, o.Flags))
}

type linkSetOptions struct{ Args []string }

func newLinkSetVerb() command.Verb {
	return command.Verb{Use: "set { DEVICE | dev DEVICE | group DEVGROUP } [ up | down ] ...", Short: "change a link's attributes", Run: func(e *env.Env, args []string) error {
		return runLinkSet(e, &linkSetOptions{Args: args})
	}}
}

func runLinkSet(e *env.Env, o *linkSetOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	defer la.close()
	s := &la.spec
	if la.dev == "" && la.group == nil {
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	if la.Kind != "" {
		kind, err := parseKind(e, la.Kind, la.kindArgs)
		if err != nil {
			return err
		}
		defer kind.close()
		if err := kind.resolve(e); err != nil {
			return err
		}
		s.Kind = kind.spec
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if la.dev == "" {
		// A whole group: index 0 and IFLA_GROUP select the links.
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
		return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, 0))
	}
	l, err := env.LookupLink(e, la.dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	s.Group = la.group
	return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, 0))
}

type linkDeleteOptions struct{ Args []string }

func newLinkDeleteVerb() command.Verb {
	return command.Verb{Use: "delete { DEVICE | dev DEVICE | group DEVGROUP } [ type TYPE ]", Short: "delete a link", Run: func(e *env.Env, args []string) error {
		return runLinkDelete(e, &linkDeleteOptions{Args: args})
	}}
}

func runLinkDelete(e *env.Env, o *linkDeleteOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	defer la.close()
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	s := &rtnl.LinkSpec{}
	switch {
	case la.dev != "":
		l, err := env.LookupLink(e, la.dev)
		if err != nil {
			return err
		}
		s.Index = l.Index
	case la.group != nil:
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
	default:
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	return env.Kernel(s.Do(conn, unix.RTM_DELLINK, 0))
}

type linkPropertyOptions struct{ Args []string }

func newLinkPropertyVerb() command.Verb {
	return command.Verb{Use: "property { add | del } dev DEVICE [ altname NAME .. ]", Short: "add or delete alternative names", Run: func(e *env.Env, args []string) error {
		return runLinkProperty(e, &linkPropertyOptions{Args: args})
	}}
}

func runLinkProperty(e *env.Env, o *linkPropertyOptions) error {
	a := grammar.NewArgs(o.Args)
	if !a.More() {
		return fail.Usagef("%s", linkUsage)
	}
	op := a.Next()
	var typ uint16
	var flags nl.Flags
	switch {
	case grammar.Matches(op, "add"):
		typ, flags = unix.RTM_NEWLINKPROP, nl.Create|nl.Excl|nl.Append
	case grammar.Matches(op, "delete"):
		typ = unix.RTM_DELLINKPROP
	default:
		return fail.Usagef("Operator required")
	}
	var dev string
	var names []rtnl.Attr
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		case "altname":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if len(v) >= 128 {
				return fail.Invalid("\"altname\" too long\n", v)
			}
			names = append(names, rtnl.Str(unix.IFLA_ALT_IFNAME, v))
		default:
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", linkUsage)
			}
			if dev != "" {
				return fail.Garbage("dev", w)
			}
			dev = w
		}
	}
	if dev == "" {
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	s := &rtnl.LinkSpec{Index: l.Index, Extra: []rtnl.Attr{rtnl.Nest(unix.IFLA_PROP_LIST, names...)}}
	return env.Kernel(s.Do(conn, typ, flags))
}
