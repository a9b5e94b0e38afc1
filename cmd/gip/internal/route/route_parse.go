package route

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// routeSpec is a parsed `route add|del|change|...` command line: the route
// to send, with interface names still to be resolved.
type routeSpec struct {
	op      rtnl.RouteOp
	Route   rtnl.Route
	dev     string   // dev/oif, resolved into route.OIF
	hopDevs []string // per nexthop, resolved into Nexthops[i].IfIndex
}

// errRouteUsage marks a command line ip answers with its route usage text.
var ErrRouteUsage = &fail.Error{Code: fail.ExitUsage, Msg: ""}

// routeMetricKeywords are the RTA_METRICS keywords taking a plain number
// (with an optional "lock"), in ip's matching order, with whether ip
// matches them by prefix.
var routeMetricKeywords = []struct {
	word   string
	Prefix bool
	metric uint16
	what   string
}{
	{"mtu", false, unix.RTAX_MTU, "mtu"},
	{"hoplimit", false, unix.RTAX_HOPLIMIT, "hoplimit"},
	{"advmss", false, unix.RTAX_ADVMSS, "mss"},
	{"reordering", true, unix.RTAX_REORDERING, "reordering"},
}

// parseRouteSpec reads ip's ROUTE grammar (iproute_modify) for op, with
// family from -4/-6/-f (AF_UNSPEC if none).
func ParseRouteSpec(words []string, op rtnl.RouteOp, family uint8, names *env.Names) (*routeSpec, error) {
	s := &routeSpec{op: op}
	r := &s.Route
	r.Family = family
	r.Table = unix.RT_TABLE_MAIN
	r.Scope = unix.RT_SCOPE_NOWHERE
	if op != rtnl.RouteDelete {
		r.Protocol = unix.RTPROT_BOOT
		r.Scope = unix.RT_SCOPE_UNIVERSE
		r.Type = unix.RTN_UNICAST
	}
	var (
		gwOK, dstOK, nhsOK, scopeOK, tableOK, typeOK bool
		locked                                       uint32
	)
	setMetric := func(t uint16, v uint32) {
		if r.Metrics == nil {
			r.Metrics = map[uint16]uint32{}
		}
		r.Metrics[t] = v
	}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case w == "src":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParseAddr(v, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			r.PrefSrc = p.Addr
		case w == "as":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "to" {
				if v, err = a.Value(); err != nil {
					return nil, err
				}
			}
			p, err := grammar.ParseAddr(v, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			r.NewDst = p.Labels
		case w == "via":
			if gwOK {
				return nil, fail.Invalid("use nexthop syntax to specify multiple via\n", w)
			}
			gwOK = true
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			fam := grammar.ReadFamily(v)
			if fam == unix.AF_UNSPEC {
				fam = r.Family
			} else if v, err = a.Value(); err != nil {
				return nil, err
			}
			p, err := grammar.ParseAddr(v, fam)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			r.Gateway = p.Addr
		case w == "from":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			r.Src = p.NetIP()
		case w == "tos" || grammar.Matches(w, "dsfield"):
			tos, err := grammar.ParseValue(a, names.ParseDSField, "\"tos\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.TOS = tos
		case w == "expires":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\"expires\" value is invalid\n", v)
			}
			r.Expires = uint32(n)
		case grammar.Matches(w, "metric") || grammar.Matches(w, "priority") || w == "preference":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\"metric\" value is invalid\n", v)
			}
			m := uint32(n)
			r.Priority = &m
		case w == "scope":
			sc, err := grammar.ParseValue(a, names.ParseScope, "invalid \"scope\" value\n")
			if err != nil {
				return nil, err
			}
			r.Scope, scopeOK = sc, true
		case isMetricKeyword(w):
			k := metricKeyword(w)
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "lock" {
				locked |= 1 << k.metric
				if v, err = a.Value(); err != nil {
					return nil, err
				}
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok || (k.metric == unix.RTAX_HOPLIMIT && n > 255) {
				return nil, fail.Invalid("\""+k.what+"\" value is invalid\n", v)
			}
			setMetric(k.metric, uint32(n))
		case w == "rtt" || grammar.Matches(w, "rttvar") && w != "r":
			metric, scale, what := uint16(unix.RTAX_RTT), uint32(8), "rtt"
			if w != "rtt" {
				metric, scale, what = unix.RTAX_RTTVAR, 4, "rttvar"
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "lock" {
				locked |= 1 << metric
				if v, err = a.Value(); err != nil {
					return nil, err
				}
			}
			t, raw, ok := grammar.ParseTimeRTT(v)
			if !ok {
				return nil, fail.Invalid("\""+what+"\" value is invalid\n", v)
			}
			if !raw {
				t *= scale
			}
			setMetric(metric, t)
		case w == "rto_min":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			locked |= 1 << unix.RTAX_RTO_MIN
			t, _, ok := grammar.ParseTimeRTT(v)
			if !ok {
				return nil, fail.Invalid("\"rto_min\" value is invalid\n", v)
			}
			setMetric(unix.RTAX_RTO_MIN, t)
		case grammar.Matches(w, "window") || grammar.Matches(w, "cwnd") || grammar.Matches(w, "initcwnd") ||
			grammar.Matches(w, "initrwnd") || grammar.Matches(w, "ssthresh"):
			metric, what := windowMetric(w)
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "lock" {
				locked |= 1 << metric
				if v, err = a.Value(); err != nil {
					return nil, err
				}
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\""+what+"\" value is invalid\n", v)
			}
			setMetric(metric, uint32(n))
		case grammar.Matches(w, "features"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v != "ecn" {
				return nil, fail.Invalid("\"features\" value not valid\n", v)
			}
			setMetric(unix.RTAX_FEATURES, unix.RTAX_FEATURE_ECN)
		case grammar.Matches(w, "quickack") || grammar.Matches(w, "fastopen_no_cookie"):
			metric, what := uint16(unix.RTAX_QUICKACK), "quickack"
			if !grammar.Matches(w, "quickack") {
				metric, what = unix.RTAX_FASTOPEN_NO_COOKIE, "fastopen_no_cookie"
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\""+what+"\" value is invalid\n", v)
			}
			if n > 1 {
				return nil, fail.Invalid("\""+what+"\" value should be 0 or 1\n", v)
			}
			setMetric(metric, uint32(n))
		case grammar.Matches(w, "congctl"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "lock" {
				locked |= 1 << unix.RTAX_CC_ALGO
				if v, err = a.Value(); err != nil {
					return nil, err
				}
			}
			r.CongCtl = v
		case grammar.Matches(w, "realms"):
			realms, err := grammar.ParseValue(a, names.ParseRealms, "\"realm\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.Realms = realms
		case w == "onlink":
			r.Flags |= unix.RTNH_F_ONLINK
		case w == "nexthop":
			nhsOK = true
			a.Back()
			if err := parseRouteNexthops(a, s, names); err != nil {
				return nil, err
			}
		case w == "nhid":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\"id\" value is invalid\n", v)
			}
			r.NHID = uint32(n)
		case grammar.Matches(w, "protocol"):
			p, err := grammar.ParseValue(a, names.ParseProto, "\"protocol\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.Protocol = p
		case grammar.Matches(w, "table"):
			t, err := grammar.ParseValue(a, names.ParseTable, "\"table\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.Table, tableOK = t, true
		case grammar.Matches(w, "vrf"):
			return nil, fail.Usagef("Error: \"vrf\" is not supported by %s route yet", command.Prog)
		case w == "dev" || w == "oif":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			s.dev = v
		case grammar.Matches(w, "pref"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			var p uint8
			switch v {
			case "low":
				p = 3
			case "medium":
				p = 0
			case "high":
				p = 1
			default:
				n, ok := grammar.ParseCUint(v, 8)
				if !ok {
					return nil, fail.Invalid("\"pref\" value is invalid\n", v)
				}
				p = uint8(n)
			}
			r.Pref = &p
		case w == "encap":
			typ, encap, err := nexthop.ParseEncap(a, r.Family)
			if err != nil {
				return nil, err
			}
			r.EncapType, r.Encap = typ, encap
		case w == "ttl-propagate":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			var p uint8
			switch {
			case grammar.Matches(v, "enabled"):
				p = 1
			case grammar.Matches(v, "disabled"):
			default:
				return nil, fail.Invalid("\"ttl-propagate\" value is invalid\n", v)
			}
			r.TTLPropagate = &p
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			if (w == "" || w[0] < '0' || w[0] > '9') && w != "" {
				if t, ok := env.ParseRouteType(w); ok {
					v, err := a.Value()
					if err != nil {
						return nil, err
					}
					r.Type, typeOK = t, true
					w = v
				}
			}
			if grammar.Matches(w, "help") {
				return nil, ErrRouteUsage
			}
			if dstOK {
				return nil, fail.Garbage("to", w)
			}
			p, err := grammar.ParsePrefix(w, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			dstOK = true
			if p.Family == unix.AF_MPLS {
				if len(p.Labels) > 0 {
					r.Label = p.Labels[0]
				}
			} else {
				r.Dst = p.NetIP()
			}
		}
	}
	if !dstOK {
		return nil, ErrRouteUsage
	}
	if locked != 0 {
		r.Locked = locked
	}
	if r.Family == unix.AF_UNSPEC {
		r.Family = unix.AF_INET
	}
	if r.Dst.IsValid() && r.Family == unix.AF_INET6 && r.Dst.Addr().Is4() {
		r.Dst = netip.PrefixFrom(netip.IPv6Unspecified(), r.Dst.Bits())
	}
	if !tableOK {
		switch r.Type {
		case unix.RTN_LOCAL, unix.RTN_BROADCAST, unix.RTN_NAT, unix.RTN_ANYCAST:
			r.Table = unix.RT_TABLE_LOCAL
		}
	}
	if !scopeOK {
		switch {
		case r.Family == unix.AF_INET6 || r.Family == unix.AF_MPLS:
			r.Scope = unix.RT_SCOPE_UNIVERSE
		case r.Type == unix.RTN_LOCAL || r.Type == unix.RTN_NAT:
			r.Scope = unix.RT_SCOPE_HOST
		case r.Type == unix.RTN_BROADCAST || r.Type == unix.RTN_MULTICAST || r.Type == unix.RTN_ANYCAST:
			r.Scope = unix.RT_SCOPE_LINK
		case r.Type == unix.RTN_UNICAST || r.Type == unix.RTN_UNSPEC:
			if op == rtnl.RouteDelete {
				r.Scope = unix.RT_SCOPE_NOWHERE
			} else if !gwOK && !nhsOK && r.NHID == 0 {
				r.Scope = unix.RT_SCOPE_LINK
			}
		}
	}
	if !typeOK && r.Family == unix.AF_MPLS {
		r.Type = unix.RTN_UNICAST
	}
	return s, nil
}

// adoptFamily sets the route's family from the first address that has one.
func adoptFamily(r *rtnl.Route, f uint8) {
	if r.Family == unix.AF_UNSPEC {
		r.Family = f
	}
}

func isMetricKeyword(w string) bool {
	for _, k := range routeMetricKeywords {
		if w == k.word || k.Prefix && grammar.Matches(w, k.word) {
			return true
		}
	}
	return false
}

func metricKeyword(w string) struct {
	word   string
	Prefix bool
	metric uint16
	what   string
} {
	for _, k := range routeMetricKeywords {
		if w == k.word || k.Prefix && grammar.Matches(w, k.word) {
			return k
		}
	}
	return routeMetricKeywords[0]
}

func windowMetric(w string) (uint16, string) {
	switch {
	case grammar.Matches(w, "window"):
		return unix.RTAX_WINDOW, "window"
	case grammar.Matches(w, "cwnd"):
		return unix.RTAX_CWND, "cwnd"
	case grammar.Matches(w, "initcwnd"):
		return unix.RTAX_INITCWND, "initcwnd"
	case grammar.Matches(w, "initrwnd"):
		return unix.RTAX_INITRWND, "initrwnd"
	}
	return unix.RTAX_SSTHRESH, "ssthresh"
}

// parseRouteNexthops reads `nexthop NH [nexthop NH]...` to the end of the
// line (parse_nexthops).
func parseRouteNexthops(a *grammar.Args, s *routeSpec, names *env.Names) error {
	r := &s.Route
	for a.More() {
		w := a.Next()
		if w != "nexthop" {
			return fail.Usagef("Error: \"nexthop\" or end of line is expected instead of \"%s\"", w)
		}
		if !a.More() {
			return fail.Usagef("Error: unexpected end of line after \"nexthop\"")
		}
		nh := rtnl.Nexthop{Weight: 1}
		dev := ""
	hop:
		for a.More() {
			w := a.Next()
			switch {
			case w == "via":
				v, err := a.Value()
				if err != nil {
					return err
				}
				fam := grammar.ReadFamily(v)
				if fam == unix.AF_UNSPEC {
					fam = r.Family
				} else if v, err = a.Value(); err != nil {
					return err
				}
				p, err := grammar.ParseAddr(v, fam)
				if err != nil {
					return err
				}
				adoptFamily(r, p.Family)
				nh.Gateway = p.Addr
			case w == "dev":
				v, err := a.Value()
				if err != nil {
					return err
				}
				dev = v
			case w == "weight":
				v, err := a.Value()
				if err != nil {
					return err
				}
				n, ok := grammar.ParseCUint(v, 32)
				if !ok || n == 0 || n > 256 {
					return fail.Invalid("\"weight\" is invalid\n", v)
				}
				nh.Weight = int(n)
			case w == "onlink":
				nh.Flags |= unix.RTNH_F_ONLINK
			case grammar.Matches(w, "realms"):
				v, err := a.Value()
				if err != nil {
					return err
				}
				realms, ok := names.ParseRealms(v)
				if !ok {
					return fail.Invalid("\"realm\" value is invalid\n", v)
				}
				nh.Realms = realms
			case w == "encap":
				typ, encap, err := nexthop.ParseEncap(a, r.Family)
				if err != nil {
					return err
				}
				nh.EncapType, nh.Encap = typ, encap
			case w == "as":
				v, err := a.Value()
				if err != nil {
					return err
				}
				if v == "to" {
					if v, err = a.Value(); err != nil {
						return err
					}
				}
				p, err := grammar.ParseAddr(v, r.Family)
				if err != nil {
					return err
				}
				nh.NewDst = p.Labels
			default:
				a.Back()
				break hop
			}
		}
		r.Nexthops = append(r.Nexthops, nh)
		s.hopDevs = append(s.hopDevs, dev)
	}
	return nil
}
