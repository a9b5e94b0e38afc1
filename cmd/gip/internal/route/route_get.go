package route

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// routeGetOptions is `route get ADDRESS [from ..] [iif ..] [oif ..] ...`.
type routeGetOptions struct {
	words []string
}

func newRouteGetVerb() command.Verb {
	return command.Verb{Use: "get ADDRESS", Short: "ask the kernel which route a packet takes", Run: func(e *env.Env, args []string) error {
		return runRouteGet(e, &routeGetOptions{words: args})
	}}
}

// routeGetSpec is a parsed route get request.
type routeGetSpec struct {
	Route     rtnl.Route
	iif, oif  string
	fibMatch  bool
	connected bool
	fromOK    bool
	warnings  []string
}

func ParseRouteGet(words []string, family uint8, names *env.Names) (*routeGetSpec, error) {
	s := &routeGetSpec{}
	r := &s.Route
	r.Family = family
	found := false
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case w == "tos" || grammar.Matches(w, "dsfield"):
			t, err := grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.TOS = t
		case grammar.Matches(w, "from"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if grammar.Matches(v, "help") {
				return nil, ErrRouteUsage
			}
			s.fromOK = true
			p, err := grammar.ParsePrefix(v, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			r.Src = p.NetIP()
		case grammar.Matches(w, "iif"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			s.iif = v
		case grammar.Matches(w, "mark"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("invalid mark value", v)
			}
			r.Mark = uint32(n)
		case grammar.Matches(w, "oif") || w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			s.oif = v
		case grammar.Matches(w, "notify"):
			r.Flags |= unix.RTM_F_NOTIFY
		case grammar.Matches(w, "connected"):
			s.connected = true
		case grammar.Matches(w, "vrf"):
			return nil, fail.Usagef("Error: \"vrf\" is not supported by %s route yet", command.Prog)
		case grammar.Matches(w, "uid"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("invalid UID\n", v)
			}
			u := uint32(n)
			r.UID = &u
		case grammar.Matches(w, "fibmatch"):
			s.fibMatch = true
		case grammar.Matches(w, "sport") || grammar.Matches(w, "dport"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return nil, fail.Invalid("invalid "+map[bool]string{true: "sport", false: "dport"}[grammar.Matches(w, "sport")]+"\n", v)
			}
			if grammar.Matches(w, "sport") {
				r.SPort = uint16(n)
			} else {
				r.DPort = uint16(n)
			}
		case grammar.Matches(w, "ipproto"):
			p, err := grammar.ParseValue(a, env.IpProtoNumber, "Invalid \"ipproto\" value\n")
			if err != nil {
				return nil, err
			}
			r.IPProto = p
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			if grammar.Matches(w, "help") {
				return nil, ErrRouteUsage
			}
			p, err := grammar.ParsePrefix(w, r.Family)
			if err != nil {
				return nil, err
			}
			adoptFamily(r, p.Family)
			bits := p.Bits
			switch {
			case r.Family == unix.AF_INET && bits != 32:
				s.warnings = append(s.warnings, fmt.Sprintf("Warning: /%d as prefix is invalid, only /32 (or none) is supported.", bits))
				bits = 32
			case r.Family == unix.AF_INET6 && bits != 128:
				s.warnings = append(s.warnings, fmt.Sprintf("Warning: /%d as prefix is invalid, only /128 (or none) is supported.", bits))
				bits = 128
			}
			pp := p.NetIP()
			r.Dst = pp
			if pp.Addr().IsValid() {
				r.Dst = netip.PrefixFrom(pp.Addr(), bits)
			}
			found = true
		}
	}
	if !found {
		return nil, fail.Localf("need at least a destination address")
	}
	if r.Family == unix.AF_UNSPEC {
		r.Family = unix.AF_INET
	}
	if r.Family == unix.AF_INET {
		r.Flags |= unix.RTM_F_LOOKUP_TABLE
	}
	if s.fibMatch {
		r.Flags |= unix.RTM_F_FIB_MATCH
	}
	return s, nil
}

func runRouteGet(e *env.Env, o *routeGetOptions) error {
	s, err := ParseRouteGet(o.words, e.G.Family, e.Names())
	if err != nil {
		if err == ErrRouteUsage {
			return UsageError(command.Prog)
		}
		return err
	}
	for _, w := range s.warnings {
		fmt.Fprintln(e.Stderr, w)
	}
	if s.iif != "" {
		if s.Route.IIF, err = e.Links().Index(s.iif); err != nil {
			return err
		}
	}
	if s.oif != "" {
		if s.Route.OIF, err = e.Links().Index(s.oif); err != nil {
			return err
		}
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	reply, err := getRoute(c, &s.Route)
	if err != nil {
		return err
	}
	if s.connected && !s.fromOK {
		// Ask again from the source the first answer chose, as ip does.
		if reply.PrefSrc.IsValid() {
			s.Route.Src = netip.PrefixFrom(reply.PrefSrc, reply.PrefSrc.BitLen())
		} else if !reply.Src.IsValid() {
			return fail.Localf("Failed to connect the route")
		} else {
			s.Route.Src = reply.Src
		}
		if reply, err = getRoute(c, &s.Route); err != nil {
			return err
		}
	}
	w := newRouteWriter(e, nil)
	if e.G.Details > 0 && reply.NHID != 0 {
		if err := e.Links().Preload(); err != nil {
			return err
		}
		if err := w.loadNexthopObjects(); err != nil {
			return err
		}
	}
	if err := w.Route(reply, false); err != nil {
		return err
	}
	return w.finish()
}

func getRoute(c *nl.Conn, r *rtnl.Route) (*rtnl.Route, error) {
	b, err := r.AppendRequestAsIs(nil, rtnl.RouteGet)
	if err != nil {
		return nil, err
	}
	replies, err := c.Execute(nl.Message{Header: rtnl.RouteGet.Header(), Data: b})
	if err != nil {
		return nil, err
	}
	for _, m := range replies {
		if m.Header.Type == unix.RTM_NEWROUTE {
			var out rtnl.Route
			if err := rtnl.DecodeRoute(m, &out); err != nil {
				return nil, err
			}
			return &out, nil
		}
	}
	return nil, fail.Localf("Not a route?")
}
