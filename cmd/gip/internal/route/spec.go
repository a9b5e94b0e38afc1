package route

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Spec is a parsed `route add|del|change|...` command line: the route to
// send, with interface names still to be resolved.
type Spec struct {
	Op      rtnl.RouteOp
	Route   rtnl.Route
	dev     string   // dev/oif, resolved into Route.OIF
	hopDevs []string // per nexthop, resolved into Route.Nexthops[i].IfIndex
}

// specParser is the state of one ParseSpec.
type specParser struct {
	s                                            *Spec
	names                                        *env.Names
	gwOK, dstOK, nhsOK, scopeOK, tableOK, typeOK bool
}

// ParseSpec reads ip's ROUTE grammar (iproute_modify) for op, with
// family from -4/-6/-f (AF_UNSPEC if none).
func ParseSpec(words []string, op rtnl.RouteOp, family uint8, names *env.Names) (*Spec, error) {
	p := &specParser{s: &Spec{Op: op}, names: names}
	r := &p.s.Route
	r.Family = family
	r.Table = unix.RT_TABLE_MAIN
	r.Scope = unix.RT_SCOPE_NOWHERE
	if op != rtnl.RouteDelete {
		r.Protocol = unix.RTPROT_BOOT
		r.Scope = unix.RT_SCOPE_UNIVERSE
		r.Type = unix.RTN_UNICAST
	}
	a := grammar.NewArgs(words)
	for a.More() {
		if err := p.word(a.Next(), a); err != nil {
			return nil, err
		}
	}
	if !p.dstOK {
		return nil, ErrUsage
	}
	p.defaults()
	return p.s, nil
}

// word reads one keyword of the grammar and its value.
func (p *specParser) word(w string, a *grammar.Args) error {
	r := &p.s.Route
	var err error
	switch {
	case w == "src":
		r.PrefSrc, err = p.addr(a, r.Family)
	case w == "as":
		r.NewDst, err = p.labels(a, true)
	case w == "via":
		if p.gwOK {
			return fail.Invalid("use nexthop syntax to specify multiple via\n", w)
		}
		p.gwOK = true
		r.Gateway, err = p.via(a)
	case w == "from":
		r.Src, err = p.prefix(a)
	case isTOS(w):
		r.TOS, err = grammar.ParseValue(a, p.names.ParseDSField, "\"tos\" value is invalid\n")
	case w == "expires":
		r.Expires, err = uint32Value(a, "\"expires\" value is invalid\n")
	case isMetric(w):
		var m uint32
		if m, err = metricValue(a); err == nil {
			r.Priority = &m
		}
	case w == "scope":
		r.Scope, err = grammar.ParseValue(a, p.names.ParseScope, "invalid \"scope\" value\n")
		p.scopeOK = true
	case lookupMetric(w) != nil:
		err = lookupMetric(w).parse(a, r)
	case grammar.Matches(w, "realms"):
		r.Realms, err = grammar.ParseValue(a, p.names.ParseRealms, "\"realm\" value is invalid\n")
	case w == "onlink":
		r.Flags |= unix.RTNH_F_ONLINK
	case w == "nexthop":
		p.nhsOK = true
		a.Back()
		err = p.nexthops(a)
	case w == "nhid":
		r.NHID, err = uint32Value(a, "\"id\" value is invalid\n")
	case grammar.Matches(w, "protocol"):
		r.Protocol, err = grammar.ParseValue(a, p.names.ParseProto, "\"protocol\" value is invalid\n")
	case grammar.Matches(w, "table"):
		r.Table, err = grammar.ParseValue(a, p.names.ParseTable, "\"table\" value is invalid\n")
		p.tableOK = true
	case grammar.Matches(w, "vrf"):
		return errVRF()
	case w == "dev" || w == "oif":
		p.s.dev, err = a.Value()
	case grammar.Matches(w, "pref"):
		var pref uint8
		if pref, err = grammar.ParseValue(a, parsePref, "\"pref\" value is invalid\n"); err == nil {
			r.Pref = &pref
		}
	case w == "encap":
		r.EncapType, r.Encap, err = nexthop.ParseEncap(a, r.Family)
	case w == "ttl-propagate":
		var ttl uint8
		if ttl, err = grammar.ParseValue(a, parseTTLPropagate, "\"ttl-propagate\" value is invalid\n"); err == nil {
			r.TTLPropagate = &ttl
		}
	default:
		return p.dst(w, a)
	}
	return err
}

// dst reads `[to] [TYPE] PREFIX`, the route's destination.
func (p *specParser) dst(w string, a *grammar.Args) error {
	r := &p.s.Route
	var err error
	if w == "to" {
		if w, err = a.Value(); err != nil {
			return err
		}
	}
	if w != "" && (w[0] < '0' || w[0] > '9') {
		if t, ok := env.ParseRouteType(w); ok {
			if w, err = a.Value(); err != nil {
				return err
			}
			r.Type, p.typeOK = t, true
		}
	}
	if grammar.Matches(w, "help") {
		return ErrUsage
	}
	if p.dstOK {
		return fail.Garbage("to", w)
	}
	pr, err := grammar.ParsePrefix(w, r.Family)
	if err != nil {
		return err
	}
	adoptFamily(r, pr.Family)
	p.dstOK = true
	if pr.Family == unix.AF_MPLS {
		if len(pr.Labels) > 0 {
			r.Label = pr.Labels[0]
		}
	} else {
		r.Dst = pr.NetIP()
	}
	return nil
}

// addr reads an address of the route's family, which it may set.
func (p *specParser) addr(a *grammar.Args, family uint8) (netip.Addr, error) {
	v, err := a.Value()
	if err != nil {
		return netip.Addr{}, err
	}
	pr, err := grammar.ParseAddr(v, family)
	if err != nil {
		return netip.Addr{}, err
	}
	adoptFamily(&p.s.Route, pr.Family)
	return pr.Addr, nil
}

// prefix reads a prefix of the route's family, which it may set.
func (p *specParser) prefix(a *grammar.Args) (netip.Prefix, error) {
	v, err := a.Value()
	if err != nil {
		return netip.Prefix{}, err
	}
	pr, err := grammar.ParsePrefix(v, p.s.Route.Family)
	if err != nil {
		return netip.Prefix{}, err
	}
	adoptFamily(&p.s.Route, pr.Family)
	return pr.NetIP(), nil
}

// via reads a gateway: `[FAMILY] ADDRESS`.
func (p *specParser) via(a *grammar.Args) (netip.Addr, error) {
	v, fam, err := viaValue(a, p.s.Route.Family)
	if err != nil {
		return netip.Addr{}, err
	}
	pr, err := grammar.ParseAddr(v, fam)
	if err != nil {
		return netip.Addr{}, err
	}
	adoptFamily(&p.s.Route, pr.Family)
	return pr.Addr, nil
}

// labels reads the value of as, `[to] LABELS`, an MPLS swap; adopt lets
// it set the route's family (as the route's own as does, a hop's not).
func (p *specParser) labels(a *grammar.Args, adopt bool) ([]uint32, error) {
	if a.Peek() == "to" {
		a.Next()
	}
	v, err := a.Value()
	if err != nil {
		return nil, err
	}
	pr, err := grammar.ParseAddr(v, p.s.Route.Family)
	if err != nil {
		return nil, err
	}
	if adopt {
		adoptFamily(&p.s.Route, pr.Family)
	}
	return pr.Labels, nil
}

// defaults fills in what ip fills in after reading the line: the
// family, the table and scope a type implies.
func (p *specParser) defaults() {
	r := &p.s.Route
	if r.Family == unix.AF_UNSPEC {
		r.Family = unix.AF_INET
	}
	if r.Dst.IsValid() && r.Family == unix.AF_INET6 && r.Dst.Addr().Is4() {
		r.Dst = netip.PrefixFrom(netip.IPv6Unspecified(), r.Dst.Bits())
	}
	if !p.tableOK {
		switch r.Type {
		case unix.RTN_LOCAL, unix.RTN_BROADCAST, unix.RTN_NAT, unix.RTN_ANYCAST:
			r.Table = unix.RT_TABLE_LOCAL
		}
	}
	if !p.scopeOK {
		switch {
		case r.Family == unix.AF_INET6 || r.Family == unix.AF_MPLS:
			r.Scope = unix.RT_SCOPE_UNIVERSE
		case r.Type == unix.RTN_LOCAL || r.Type == unix.RTN_NAT:
			r.Scope = unix.RT_SCOPE_HOST
		case r.Type == unix.RTN_BROADCAST || r.Type == unix.RTN_MULTICAST || r.Type == unix.RTN_ANYCAST:
			r.Scope = unix.RT_SCOPE_LINK
		case r.Type == unix.RTN_UNICAST || r.Type == unix.RTN_UNSPEC:
			if p.s.Op == rtnl.RouteDelete {
				r.Scope = unix.RT_SCOPE_NOWHERE
			} else if !p.gwOK && !p.nhsOK && r.NHID == 0 {
				r.Scope = unix.RT_SCOPE_LINK
			}
		}
	}
	if !p.typeOK && r.Family == unix.AF_MPLS {
		r.Type = unix.RTN_UNICAST
	}
}

// adoptFamily sets the route's family from the first address that has one.
func adoptFamily(r *rtnl.Route, f uint8) {
	if r.Family == unix.AF_UNSPEC {
		r.Family = f
	}
}

// parsePref reads an IPv6 router preference: low, medium, high or a number.
func parsePref(v string) (uint8, bool) {
	switch v {
	case "low":
		return 3, true // ICMPV6_ROUTER_PREF_LOW
	case "medium":
		return 0, true
	case "high":
		return 1, true
	}
	n, ok := grammar.ParseCUint(v, 8)
	return uint8(n), ok
}

// parseTTLPropagate reads enabled or disabled, abbreviated or not.
func parseTTLPropagate(v string) (uint8, bool) {
	switch {
	case grammar.Matches(v, "enabled"):
		return 1, true
	case grammar.Matches(v, "disabled"):
		return 0, true
	}
	return 0, false
}
