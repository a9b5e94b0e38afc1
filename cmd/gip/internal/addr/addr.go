package addr

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"

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
		Name:    "address",
		Aliases: []string{"addr"},
		Short:   "protocol addresses: add, change, replace, delete, flush, show",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
			{"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
			{"flush", "flush"},
		},
		Default: "show",
		Usage:   link.AddrUsage,
		Verbs: []command.Verb{
			newAddrModifyVerb("add", unix.RTM_NEWADDR, rtnl.FlagsAdd),
			newAddrModifyVerb("change", unix.RTM_NEWADDR, rtnl.FlagsChange),
			newAddrModifyVerb("replace", unix.RTM_NEWADDR, rtnl.FlagsReplace),
			newAddrModifyVerb("delete", unix.RTM_DELADDR, 0),
			newAddrShowVerb(),
			newAddrFlushVerb()},
	}
}

type addrShowOptions struct{ Args []string }

func newAddrShowVerb() command.Verb {
	return command.Verb{Use: "show [ dev IFNAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]", Short: "show addresses", Run: func(e *env.Env, args []string) error {
		return runAddrShow(e, &addrShowOptions{Args: args})
	}}
}

// addrListing is the links and addresses a show or flush selected.
type addrListing struct {
	Links  []*rtnl.Link
	Addrs  map[int32][]*rtnl.Addr
	Cache  *env.Links
	Family uint8
}

func listAddrs(e *env.Env, f *link.ListFilter) (*addrListing, error) {
	family := e.G.Family
	if family == 0 && f.To != nil {
		family = f.To.Family
	}
	linkFamily := uint8(unix.AF_UNSPEC)
	if e.G.Family == unix.AF_INET6 {
		linkFamily = unix.AF_INET6
	}
	links, cache, err := link.CollectLinksFamily(e, f, linkFamily)
	if err != nil {
		return nil, err
	}
	res := &addrListing{Addrs: map[int32][]*rtnl.Addr{}, Cache: cache, Family: family}
	if family == unix.AF_PACKET {
		res.Links = links
		return res, nil
	}
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	want := map[int32]bool{}
	for _, l := range links {
		want[l.Index] = true
	}
	labelOf := func(a *rtnl.Addr) string {
		if a.Label != "" {
			return a.Label
		}
		return cache.Name(a.Index)
	}
	hasAny := map[int32]bool{}
	var all []*rtnl.Addr
	dumpFamily := family
	if dumpFamily != unix.AF_INET && dumpFamily != unix.AF_INET6 {
		dumpFamily = unix.AF_UNSPEC
	}
	for a, err := range rtnl.Addrs(conn, dumpFamily) {
		if err != nil {
			return nil, err
		}
		if !want[a.Index] {
			continue
		}
		hasAny[a.Index] = true
		all = append(all, a)
	}
	for _, a := range all {
		if f.MatchAddr(a, family, labelOf) {
			res.Addrs[a.Index] = append(res.Addrs[a.Index], a)
		}
	}
	for _, l := range links {
		if len(res.Addrs[l.Index]) > 0 || (!hasAny[l.Index] && family == unix.AF_UNSPEC) {
			res.Links = append(res.Links, l)
		}
	}
	return res, nil
}

func runAddrShow(e *env.Env, o *addrShowOptions) error {
	f, err := link.ParseListFilter(e, grammar.NewArgs(o.Args), true)
	if err != nil {
		return err
	}
	res, err := listAddrs(e, f)
	if err != nil {
		return err
	}
	p := e.Printer()
	opts := p.Options()
	for _, l := range res.Links {
		var views []*link.AddrView
		for _, a := range res.Addrs[l.Index] {
			views = append(views, &link.AddrView{A: a, Ifname: l.Name, G: e.G, Names: e.Names()})
		}
		switch {
		case (opts.Mode == format.Oneline && !opts.JSON) || (opts.Table && !opts.JSON):
			for _, v := range views {
				if err := p.Print(v); err != nil {
					return err
				}
			}
		default:
			lv := &link.View{L: l, Cache: res.Cache, G: e.G, Names: e.Names(), ForAddr: true, Addrs: views, Family: res.Family,
				LabelOnly: f.Label != "", Oneline: opts.Mode == format.Oneline}
			if err := p.Print(lv); err != nil {
				return err
			}
		}
	}
	return p.Close()
}

type addrFlushOptions struct{ Args []string }

func newAddrFlushVerb() command.Verb {
	return command.Verb{Use: "flush [ dev IFNAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ]", Short: "delete the selected addresses", Run: func(e *env.Env, args []string) error {
		return runAddrFlush(e, &addrFlushOptions{Args: args})
	}}
}

func runAddrFlush(e *env.Env, o *addrFlushOptions) error {
	if len(o.Args) == 0 {
		return fail.Localf("Flush requires arguments.")
	}
	f, err := link.ParseListFilter(e, grammar.NewArgs(o.Args), true)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	maxRounds := e.G.Loops
	if maxRounds == 0 {
		maxRounds = 10
	}
	for round := 1; ; round++ {
		res, err := listAddrs(e, f)
		if err != nil {
			return err
		}
		var todo []*rtnl.Addr
		for _, l := range res.Links {
			todo = append(todo, res.Addrs[l.Index]...)
		}
		if len(todo) == 0 {
			if e.G.Stats > 0 {
				if round == 1 {
					fmt.Fprintln(e.Stdout, "Nothing to flush.")
				} else {
					fmt.Fprintf(e.Stdout, "*** Flush is complete after %d round%s ***\n", round-1, plural(round-1))
				}
			}
			return nil
		}
		if e.G.Stats > 0 {
			fmt.Fprintf(e.Stdout, "\n*** Round %d, deleting %d addresses ***\n", round, len(todo))
		}
		for _, a := range todo {
			s := &rtnl.AddrSpec{Family: a.Family, PrefixLen: a.PrefixLen, Index: a.Index,
				Local: a.Local, Address: a.Address}
			err := s.Do(conn, unix.RTM_DELADDR, 0)
			if err != nil && !errors.Is(err, unix.EADDRNOTAVAIL) && !errors.Is(err, unix.ENOENT) {
				return env.Kernel(err)
			}
		}
		if round >= maxRounds {
			return fail.Localf("*** Flush remains incomplete after %d rounds. ***", round)
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

type addrModifyOptions struct {
	Args  []string
	typ   uint16
	Flags nl.Flags
}

func newAddrModifyVerb(verb string, typ uint16, flags nl.Flags) command.Verb {
	return command.Verb{Use: verb + " IFADDR dev IFNAME [ LIFETIME ] [ CONFFLAG-LIST ]", Short: verb + " an address", Run: func(e *env.Env, args []string) error {
		return runAddrModify(e, &addrModifyOptions{Args: args, typ: typ, Flags: flags})
	}}
}

func parseLifetime(v string) (uint32, error) {
	if v == "forever" {
		return rtnl.Forever, nil
	}
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return 0, fail.Invalid("Invalid lifetime value", v)
	}
	return uint32(n), nil
}

func runAddrModify(e *env.Env, o *addrModifyOptions) error {
	a := grammar.NewArgs(o.Args)
	s := &rtnl.AddrSpec{}
	var local, peer *grammar.Prefix
	var dev, brdWord string
	scopeSet := false
	family := e.G.Family
	for a.More() {
		w := a.Next()
		switch w {
		case "peer", "remote":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if peer != nil {
				return fail.Duplicate("peer", v)
			}
			p, err := grammar.ParsePrefix(v, family)
			if err != nil {
				return err
			}
			if !p.Addr.IsValid() {
				return grammar.BadPrefix(v, family)
			}
			peer = &p
		case "broadcast", "brd":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if brdWord != "" || s.Broadcast.IsValid() {
				return fail.Duplicate("broadcast", v)
			}
			if v == "+" || v == "-" {
				brdWord = v
				break
			}
			ip, err := netip.ParseAddr(v)
			if err != nil {
				return fail.Localf("Error: an inet address is expected rather than %q.", v)
			}
			s.Broadcast = ip
		case "anycast":
			v, err := a.Value()
			if err != nil {
				return err
			}
			ip, err := netip.ParseAddr(v)
			if err != nil {
				return fail.Localf("Error: an inet address is expected rather than %q.", v)
			}
			s.Anycast = ip
		case "scope":
			v, err := a.Value()
			if err != nil {
				return err
			}
			sc, ok := e.Names().ParseScope(v)
			if !ok {
				return fail.Invalid("invalid scope value.", v)
			}
			s.Scope, scopeSet = sc, true
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		case "label":
			v, err := a.Value()
			if err != nil {
				return err
			}
			s.Label = v
		case "valid_lft", "preferred_lft":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := parseLifetime(v)
			if err != nil {
				return err
			}
			if w == "valid_lft" {
				s.Valid = &n
			} else {
				s.Preferred = &n
			}
		case "metric", "priority", "preference":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil {
				return fail.Invalid("\"metric\" value is invalid\n", v)
			}
			m := uint32(n)
			s.Metric = &m
		case "home", "nodad", "mngtmpaddr", "noprefixroute", "autojoin":
			bit, _ := rtnl.ParseAddrFlag(w)
			s.Flags |= bit
		default:
			if w == "local" {
				v, err := a.Value()
				if err != nil {
					return err
				}
				w = v
			} else if grammar.Matches(w, "help") {
				return fail.Usagef("%s", link.AddrUsage)
			}
			if local != nil {
				return fail.Garbage("local", w)
			}
			p, err := grammar.ParsePrefix(w, family)
			if err != nil {
				return err
			}
			if !p.Addr.IsValid() {
				return grammar.BadPrefix(w, family)
			}
			local = &p
		}
	}
	if dev == "" {
		return fail.Localf("Not enough information: \"dev\" argument is required.")
	}
	if local == nil {
		if peer == nil {
			return fail.Localf("Not enough information: \"local\" argument is required.")
		}
	}
	if local != nil {
		s.Family = local.Family
		s.Local = local.Addr
		if !local.HasLen && o.typ == unix.RTM_DELADDR && local.Family == unix.AF_INET && peer == nil {
			fmt.Fprintf(e.Stderr, "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"+
				"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"+
				"         This special behaviour is likely to disappear in further releases,\n"+
				"         fix your scripts!\n", local.Addr, local.Addr.BitLen())
			s.PrefixLen = 0
		} else {
			s.PrefixLen = uint8(local.Bits)
			if !local.HasLen {
				s.PrefixLen = uint8(local.Addr.BitLen())
			}
			if peer == nil {
				s.Address = local.Addr
			}
		}
	}
	if peer != nil {
		if local != nil && peer.Family != local.Family {
			return fail.Localf("Error: inconsistent address families.")
		}
		s.Address = peer.Addr
		if s.Family == 0 {
			s.Family = peer.Family
		}
		if peer.HasLen {
			s.PrefixLen = uint8(peer.Bits)
		}
	}
	if brdWord != "" {
		if s.Family != unix.AF_INET {
			return fail.Localf("Broadcast can be set only for IPv4 addresses")
		}
		if s.PrefixLen <= 30 && local != nil {
			b := local.Addr.As4()
			mask := uint32(0xffffffff) >> s.PrefixLen
			x := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
			if brdWord == "+" {
				x |= mask
			} else {
				x &^= mask
			}
			s.Broadcast = netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
		}
	}
	if s.Valid != nil || s.Preferred != nil {
		valid, pref := uint32(rtnl.Forever), uint32(rtnl.Forever)
		if s.Valid != nil {
			valid = *s.Valid
		}
		if s.Preferred != nil {
			pref = *s.Preferred
		}
		if pref > valid {
			return fail.Localf("preferred_lft is greater than valid_lft")
		}
		s.Valid, s.Preferred = &valid, &pref
	}
	if !scopeSet && s.Family == unix.AF_INET && local != nil && local.Addr.As4()[0] == 127 {
		s.Scope = unix.RT_SCOPE_HOST
	}
	if o.typ == unix.RTM_NEWADDR && s.Flags != 0 {
		s.SendFlags = true
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(s.Do(conn, o.typ, o.Flags))
}
