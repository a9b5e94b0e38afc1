package tunnel

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/iptunnel"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// prlSlots is how many potential routers show asks an ISATAP tunnel for.
const prlSlots = 15

// runShow shows one tunnel through SIOCGETTUNNEL when the words name it
// or its mode, else lists the tunnel links of the family that match the
// words. The text is ip's; in JSON a single tunnel is an array of one
// (where ip prints text).
func runShow(e *env.Env, args []string) error {
	s := &ioctls{e: e}
	defer s.close()
	if v6(e) {
		return show6(e, s, args)
	}
	return show4(e, s, args)
}

func show4(e *env.Env, s *ioctls, args []string) error {
	p, err := parse4(e, args, iptunnel.GetTunnel, nil)
	if err != nil {
		return err
	}
	base := fallback4(&p)
	if base == "" {
		return list(e, s, func(l *rtnl.Link) (format.FieldRecord, bool) {
			switch l.Type {
			case unix.ARPHRD_TUNNEL, unix.ARPHRD_IPGRE, unix.ARPHRD_SIT:
			default:
				return nil, false
			}
			var got iptunnel.Parm
			if err := s.get4(l.Name, &got); err != nil {
				fail.Report(e.Stderr, e.Prog, err)
				return nil, false
			}
			if !match4(&p, &got) {
				return nil, false
			}
			return view4Of(e, s, got), true
		})
	}
	dev := base
	if p.Name != "" {
		dev = p.Name
	}
	if err := s.get4(dev, &p); err != nil {
		return err
	}
	v := view4Of(e, s, p)
	v.ending = "\n"
	return printOne(e, v)
}

// view4Of is the view of a tunnel read back: with its potential routers
// (ISATAP) or 6rd prefixes (sit) from their own requests.
func view4Of(e *env.Env, s *ioctls, p iptunnel.Parm) *view4 {
	v := &view4{p: p, names: e.Names()}
	if p.Link != 0 {
		v.dev = e.Links().Name(p.Link)
	}
	if p.Protocol != unix.IPPROTO_IPV6 {
		return v
	}
	sock, err := s.socket()
	if err != nil {
		fail.Report(e.Stderr, e.Prog, err)
		return v
	}
	if p.IFlags&iptunnel.SITIsatap != 0 {
		if v.prl, err = sock.PRL(p.Name, prlSlots); err != nil {
			fail.Report(e.Stderr, e.Prog, refused(err))
		}
	}
	switch r, err := sock.SixRD(p.Name); {
	case err == nil:
		if r.PrefixLen != 0 {
			v.sixrd = &r
		}
	case !isErrno(err, unix.EINVAL):
		fail.Report(e.Stderr, e.Prog, refused(err))
	}
	return v
}

// match4 is ip's filter of a listing: what the words set must agree.
func match4(want, got *iptunnel.Parm) bool {
	set := func(a netip.Addr) bool { return a.IsValid() && !a.IsUnspecified() }
	return (want.Link == 0 || want.Link == got.Link) &&
		(want.Name == "" || want.Name == got.Name) &&
		(!set(want.Remote) || want.Remote == got.Remote) &&
		(!set(want.Local) || want.Local == got.Local) &&
		(want.IKey == 0 || want.IKey == got.IKey)
}

func show6(e *env.Env, s *ioctls, args []string) error {
	p := newParm6(false)
	p.Proto = 0 // any
	if err := parse6(e, args, iptunnel.GetTunnel, &p, nil); err != nil {
		return err
	}
	if p.Name == "" || e.G.Stats > 0 {
		return list(e, s, func(l *rtnl.Link) (format.FieldRecord, bool) {
			got := newParm6(false)
			switch l.Type {
			case unix.ARPHRD_TUNNEL6:
			case unix.ARPHRD_IP6GRE:
				got.Proto = unix.IPPROTO_GRE
			default:
				return nil, false
			}
			got.Link, got.Name = l.Index, p.Name
			if err := s.get6(l.Name, &got); err != nil {
				fail.Report(e.Stderr, e.Prog, err)
				return nil, false
			}
			if !match6(&p, &got) {
				return nil, false
			}
			return view6Of(e, got), true
		})
	}
	if err := s.get6(p.Name, &p); err != nil {
		return err
	}
	// ip ends this one without a line break.
	return printOne(e, view6Of(e, p))
}

func view6Of(e *env.Env, p iptunnel.Parm6) *view6 {
	v := &view6{p: p}
	if p.Link != 0 {
		v.dev = e.Links().Name(p.Link)
	}
	return v
}

// match6 is ip's filter of an IPv6 listing.
func match6(want, got *iptunnel.Parm6) bool {
	set := func(a netip.Addr) bool { return a.IsValid() && !a.IsUnspecified() }
	tc, fl := iptunnel.FlowInfoTclass, iptunnel.FlowInfoFlowlabel
	return (want.Link == 0 || want.Link == got.Link) &&
		(want.Name == "" || want.Name == got.Name) &&
		(!set(want.Local) || want.Local == got.Local) &&
		(!set(want.Remote) || want.Remote == got.Remote) &&
		(want.Proto == 0 || got.Proto == 0 || want.Proto == got.Proto) &&
		(want.EncapLimit == 0 || want.EncapLimit == got.EncapLimit) &&
		(want.HopLimit == 0 || want.HopLimit == got.HopLimit) &&
		(want.FlowInfo&tc == 0 || (want.FlowInfo^got.FlowInfo)&tc == 0) &&
		(want.FlowInfo&fl == 0 || (want.FlowInfo^got.FlowInfo)&fl == 0) &&
		(want.Flags == 0 || want.Flags&got.Flags != 0)
}

// printOne prints a single tunnel.
func printOne(e *env.Env, r format.FieldRecord) error {
	pr := e.Printer()
	if err := pr.Print(r); err != nil {
		return err
	}
	return pr.Close()
}

// list dumps the links of the namespace and prints, with their counters
// for -s, those pick turns into tunnels, each ending its line.
func list(e *env.Env, s *ioctls, pick func(*rtnl.Link) (format.FieldRecord, bool)) error {
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var links []*rtnl.Link
	for l, err := range rtnl.Links(conn, e.G.Family, 0) {
		if err != nil {
			return fail.DumpError(err, "Dump terminated")
		}
		links = append(links, l)
	}
	pr := e.Printer()
	for _, l := range links {
		r, ok := pick(l)
		if !ok {
			continue
		}
		var stats *rtnl.LinkStats
		if e.G.Stats > 0 {
			if stats = linkStats(e, l); stats == nil {
				pr.Abandon()
				return fail.Localf("Dump terminated")
			}
		}
		switch v := r.(type) {
		case *view4:
			v.stats, v.ending = stats, "\n"
		case *view6:
			v.stats, v.ending = stats, "\n"
		}
		if err := pr.Print(r); err != nil {
			return err
		}
	}
	return pr.Close()
}

// linkStats are a link's counters: from the dump, or where the dump of a
// family carried none (the IPv6 one), from the link itself.
func linkStats(e *env.Env, l *rtnl.Link) *rtnl.LinkStats {
	if l.Stats != nil {
		return l.Stats
	}
	if full := e.Links().Link(l.Index); full != nil {
		return full.Stats
	}
	return nil
}
