package neigh

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func Object() *command.Object {
	return &command.Object{
		Name:     "neighbour",
		Aliases:  []string{"neighbor", "neigh"},
		HelpName: "neigh",
		Short:    "neighbour (ARP/NDP) entries: add, change, replace, delete, flush, show, get",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
			{"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
			{"get", "get"}, {"flush", "flush"},
		},
		Default: "show",
		Usage:   neighUsage,
		Verbs: []command.Verb{
			newNeighModifyVerb("add", unix.RTM_NEWNEIGH, rtnl.FlagsAdd),
			newNeighModifyVerb("change", unix.RTM_NEWNEIGH, rtnl.FlagsChange),
			newNeighModifyVerb("replace", unix.RTM_NEWNEIGH, rtnl.FlagsReplace),
			newNeighModifyVerb("delete", unix.RTM_DELNEIGH, 0),
			newNeighShowVerb("show", false),
			newNeighShowVerb("flush", true),
			newNeighGetVerb()},
	}
}

const neighUsage = `Usage: gip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                [ dev DEV ] [ router ] [ extern_learn ]

       gip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
                                 [ vrf NAME ] [ master DEV ] [ unused ]

       gip neigh get { ADDR | proxy ADDR } dev DEV

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }`

// nudNone is the filter bit that stands for entries in state NUD_NONE (0).
const nudNone = 0x100

// neighView prints one neighbour entry.
type neighView struct {
	n      *rtnl.Neigh
	dev    string
	hasDev bool // print "dev NAME" (not when the show selected a device)
	G      *env.Global
}

func (v *neighView) Text(t *format.Text) {
	n := v.n
	if t.Mode() == format.Brief {
		t.Pad(link.AddrColor(n.Family), n.Dst.String()+" ", 40)
		t.Pad(format.ColorIfname, v.dev+" ", 17)
		if n.HasLL {
			t.C(format.ColorMAC, link.Hw(n.LLAddr))
		}
		t.End()
		return
	}
	if n.Dst.IsValid() {
		t.C(link.AddrColor(n.Family), n.Dst.String()+" ")
	}
	if v.hasDev {
		t.S("dev ").C(format.ColorIfname, v.dev+" ")
	}
	if n.HasLL {
		t.S("lladdr ").C(format.ColorMAC, link.Hw(n.LLAddr)+" ")
	}
	if n.Flags&unix.NTF_ROUTER != 0 {
		t.S("router ")
	}
	if n.Flags&unix.NTF_PROXY != 0 {
		t.S("proxy ")
	}
	if n.Flags&unix.NTF_EXT_LEARNED != 0 {
		t.S("extern_learn ")
	}
	if n.Flags&unix.NTF_OFFLOADED != 0 {
		t.S("offload ")
	}
	if v.G.Stats > 0 {
		if n.HasCacheInfo {
			if n.RefCount != 0 {
				t.S(" ref ", link.U32s(n.RefCount))
			}
			t.S(" used ", link.U32s(n.Used/100), "/", link.U32s(n.Confirmed/100), "/", link.U32s(n.Updated/100))
		}
		if n.HasProbe {
			t.S("probes ", link.U32s(n.Probes), " ")
		}
	}
	for _, s := range rtnl.NUDNames(n.State) {
		t.S(s, " ")
	}
	t.End()
}

func (v *neighView) JSON(brief bool) *format.Obj {
	n := v.n
	o := &format.Obj{}
	if n.Dst.IsValid() {
		o.Set("dst", n.Dst.String())
	}
	if v.hasDev || brief {
		o.Set("dev", v.dev)
	}
	if n.HasLL {
		o.Set("lladdr", link.Hw(n.LLAddr))
	}
	if brief {
		return o
	}
	if n.Flags&unix.NTF_ROUTER != 0 {
		o.Set("router", nil)
	}
	if n.Flags&unix.NTF_PROXY != 0 {
		o.Set("proxy", nil)
	}
	if n.Flags&unix.NTF_EXT_LEARNED != 0 {
		o.Set("extern_learn", nil)
	}
	if n.Flags&unix.NTF_OFFLOADED != 0 {
		o.Set("offload", nil)
	}
	if v.G.Stats > 0 {
		if n.HasCacheInfo {
			if n.RefCount != 0 {
				o.Set("refcnt", n.RefCount)
			}
			o.Set("used", n.Used/100).Set("confirmed", n.Confirmed/100).Set("updated", n.Updated/100)
		}
		if n.HasProbe {
			o.Set("probes", n.Probes)
		}
	}
	if st := rtnl.NUDNames(n.State); len(st) > 0 {
		o.Set("state", st)
	}
	return o
}

func (v *neighView) TableHeader() []string {
	return []string{"dst", "dev", "lladdr", "flags", "state"}
}

func (v *neighView) TableRow() []string {
	n := v.n
	ll := ""
	if n.HasLL {
		ll = link.Hw(n.LLAddr)
	}
	fl := ""
	for _, f := range []struct {
		b    uint8
		Name string
	}{{unix.NTF_ROUTER, "router"}, {unix.NTF_PROXY, "proxy"}, {unix.NTF_EXT_LEARNED, "extern_learn"}} {
		if n.Flags&f.b != 0 {
			if fl != "" {
				fl += ","
			}
			fl += f.Name
		}
	}
	st := ""
	for i, s := range rtnl.NUDNames(n.State) {
		if i > 0 {
			st += ","
		}
		st += s
	}
	return []string{n.Dst.String(), v.dev, ll, fl, st}
}

// neighAddr reads a neighbour's address (iproute2's get_addr).
func neighAddr(s string, family uint8) (netip.Addr, error) {
	p, err := grammar.ParseAddr(s, family)
	if err != nil {
		return netip.Addr{}, err
	}
	if !p.Addr.IsValid() {
		return netip.Addr{}, grammar.BadAddr(s, family)
	}
	return p.Addr, nil
}

type neighModifyOptions struct {
	Args  []string
	typ   uint16
	Flags nl.Flags
}

func newNeighModifyVerb(verb string, typ uint16, flags nl.Flags) command.Verb {
	return command.Verb{Use: verb + " { ADDR [ lladdr LLADDR ] [ nud STATE ] | proxy ADDR } [ dev DEV ] [ router ] [ extern_learn ]", Short: verb + " a neighbour entry", Run: func(e *env.Env, args []string) error {
		return runNeighModify(e, &neighModifyOptions{Args: args, typ: typ, Flags: flags})
	}}
}

// parseNeighEntry reads the entry words shared by add/change/replace/del
// and get.
func parseNeighEntry(e *env.Env, args []string) (*rtnl.NeighSpec, string, string, error) {
	s := &rtnl.NeighSpec{State: unix.NUD_PERMANENT}
	a := grammar.NewArgs(args)
	var dev, lla string
	haveDst, devOK := false, false
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "lladdr"):
			v, err := a.Value()
			if err != nil {
				return nil, "", "", err
			}
			if lla != "" {
				return nil, "", "", fail.Duplicate("lladdr", v)
			}
			lla = v
		case w == "nud":
			v, err := a.Value()
			if err != nil {
				return nil, "", "", err
			}
			st, ok := rtnl.ParseNUD(v)
			if !ok || v == "all" {
				return nil, "", "", fail.Invalid("nud state is bad", v)
			}
			s.State = st
		case grammar.Matches(w, "proxy"):
			v, err := a.Value()
			if err != nil {
				return nil, "", "", err
			}
			if haveDst {
				return nil, "", "", fail.Duplicate("address", v)
			}
			ip, err := neighAddr(v, e.G.Family)
			if err != nil {
				return nil, "", "", err
			}
			s.Dst, haveDst, devOK = ip, true, true
			s.Flags |= unix.NTF_PROXY
		case w == "router":
			s.Flags |= unix.NTF_ROUTER
		case grammar.Matches(w, "extern_learn"):
			s.Flags |= unix.NTF_EXT_LEARNED
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, "", "", err
			}
			dev, devOK = v, true
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return nil, "", "", err
				}
				w = v
			}
			if grammar.Matches(w, "help") {
				return nil, "", "", fail.Usagef("%s", neighUsage)
			}
			if haveDst {
				return nil, "", "", fail.Garbage("to", w)
			}
			ip, err := neighAddr(w, e.G.Family)
			if err != nil {
				return nil, "", "", err
			}
			s.Dst, haveDst = ip, true
		}
	}
	if !devOK || !haveDst {
		return nil, "", "", fail.Usagef("Device and destination are required arguments.")
	}
	s.Family = unix.AF_INET
	if s.Dst.Is6() {
		s.Family = unix.AF_INET6
	}
	return s, dev, lla, nil
}

func runNeighModify(e *env.Env, o *neighModifyOptions) error {
	s, dev, lla, err := parseNeighEntry(e, o.Args)
	if err != nil {
		return err
	}
	if lla != "" && lla != "null" {
		b, err := link.ParseLLAddr(lla)
		if err != nil {
			return err
		}
		s.LLAddr = b
	}
	if dev != "" {
		l, err := env.LookupLink(e, dev)
		if err != nil {
			return err
		}
		s.Index = l.Index
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(s.Do(conn, o.typ, o.Flags))
}

type neighGetOptions struct{ Args []string }

func newNeighGetVerb() command.Verb {
	return command.Verb{Use: "get { ADDR | proxy ADDR } dev DEV", Short: "show one neighbour entry", Run: func(e *env.Env, args []string) error { return runNeighGet(e, &neighGetOptions{Args: args}) }}
}

func runNeighGet(e *env.Env, o *neighGetOptions) error {
	s, dev, _, err := parseNeighEntry(e, o.Args)
	if err != nil {
		var ce *fail.Error
		if errors.As(err, &ce) && strings.HasPrefix(ce.Msg, "Device and destination") {
			return fail.Localf("Device and address are required arguments.")
		}
		return err
	}
	if dev == "" {
		return fail.Localf("Device and address are required arguments.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	s.State = 0
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	n, err := s.Get(conn)
	if err != nil {
		return env.Kernel(err)
	}
	cache := e.Links()
	p := e.Printer()
	if err := p.Print(&neighView{n: n, dev: cache.Name(n.Index), hasDev: true, G: e.G}); err != nil {
		return err
	}
	return p.Close()
}

type neighShowOptions struct {
	Args  []string
	flush bool
}

func newNeighShowVerb(verb string, flush bool) command.Verb {
	return command.Verb{Use: verb + " [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ] [ master DEV ] [ unused ]", Short: verb + " neighbour entries", Run: func(e *env.Env, args []string) error {
		return runNeighShow(e, &neighShowOptions{Args: args, flush: flush})
	}}
}

type neighFilter struct {
	q      rtnl.NeighDump
	dev    string
	state  uint32
	unused bool
	To     *grammar.Prefix
	Family uint8
}

func parseNeighFilter(e *env.Env, args []string, flush bool) (*neighFilter, error) {
	f := &neighFilter{Family: e.G.Family}
	a := grammar.NewArgs(args)
	var state uint32
	stateSet := false
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.dev = v
		case "master", "vrf":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			f.q.Master = l.Index
		case "unused":
			f.unused = true
		case "nud":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			stateSet = true
			if v == "all" {
				state = ^uint32(0)
				if flush {
					state &^= unix.NUD_NOARP
				}
				break
			}
			st, ok := rtnl.ParseNUD(v)
			if !ok {
				return nil, fail.Invalid("nud state is bad", v)
			}
			if st == unix.NUD_NONE {
				state |= nudNone
			} else {
				state |= uint32(st)
			}
		case "proxy":
			f.q.Proxy = true
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", neighUsage)
			}
			p, err := grammar.ParsePrefix(w, f.Family)
			if err != nil {
				return nil, err
			}
			f.To = &p
			if f.Family == 0 {
				f.Family = p.Family
			}
		}
	}
	switch {
	case stateSet:
		f.state = state
	case flush:
		f.state = ^uint32(unix.NUD_PERMANENT | unix.NUD_NOARP)
	default:
		f.state = 0xff &^ unix.NUD_NOARP
	}
	return f, nil
}

func (f *neighFilter) Match(n *rtnl.Neigh) bool {
	if n.Family != unix.AF_INET && n.Family != unix.AF_INET6 {
		return false
	}
	if f.Family != 0 && n.Family != f.Family {
		return false
	}
	if f.q.Index != 0 && n.Index != f.q.Index {
		return false
	}
	stateOK := f.state&uint32(n.State) != 0 ||
		n.Flags&(unix.NTF_PROXY|unix.NTF_EXT_LEARNED) != 0 ||
		(n.State == 0 && f.state&nudNone != 0)
	if !stateOK {
		return false
	}
	if f.unused && n.HasCacheInfo && n.RefCount != 0 {
		return false
	}
	if f.To != nil && !f.To.Contains(n.Dst) {
		return false
	}
	return true
}

func runNeighShow(e *env.Env, o *neighShowOptions) error {
	if o.flush && len(o.Args) == 0 {
		return fail.Localf("Flush requires arguments.")
	}
	f, err := parseNeighFilter(e, o.Args, o.flush)
	if err != nil {
		return err
	}
	if f.dev != "" {
		l, err := env.LookupLink(e, f.dev)
		if err != nil {
			return err
		}
		f.q.Index = l.Index
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if f.Family == unix.AF_INET || f.Family == unix.AF_INET6 {
		f.q.Family = f.Family
	}
	var entries []*rtnl.Neigh
	for n, err := range rtnl.Neighs(conn, f.q) {
		if err != nil {
			return env.Kernel(err)
		}
		if f.Match(n) {
			entries = append(entries, n)
		}
	}
	if o.flush {
		return flushNeighs(e, conn, entries)
	}
	cache := e.Links()
	p := e.Printer()
	for _, n := range entries {
		v := &neighView{n: n, dev: cache.Name(n.Index), hasDev: f.q.Index == 0, G: e.G}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

func flushNeighs(e *env.Env, conn *nl.Conn, entries []*rtnl.Neigh) error {
	for _, n := range entries {
		s := &rtnl.NeighSpec{Family: n.Family, Index: n.Index, Dst: n.Dst, Flags: n.Flags & unix.NTF_PROXY}
		if err := s.Do(conn, unix.RTM_DELNEIGH, 0); err != nil {
			if env.IsGone(err) {
				continue
			}
			return env.Kernel(err)
		}
	}
	if e.G.Stats > 0 {
		if len(entries) == 0 {
			e.Stdout.Write([]byte("Nothing to flush.\n"))
		} else {
			e.Stdout.Write([]byte("\n*** Round 1, deleting " + strconv.Itoa(len(entries)) + " entries ***\n*** Flush is complete after 1 round ***\n"))
		}
	}
	return nil
}
