package addr

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

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
