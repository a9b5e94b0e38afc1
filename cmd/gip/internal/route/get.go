package route

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// getSpec is a parsed route get request.
type getSpec struct {
	Route     rtnl.Route
	iif, oif  string
	fibMatch  bool
	connected bool
	fromOK    bool
	dstOK     bool
	warnings  []string
}

// parseGet reads ip route get's arguments (iproute_get).
func parseGet(words []string, family uint8, names *env.Names) (*getSpec, error) {
	s := &getSpec{}
	r := &s.Route
	r.Family = family
	a := grammar.NewArgs(words)
	for a.More() {
		if err := s.word(a.Next(), a, names); err != nil {
			return nil, err
		}
	}
	if !s.dstOK {
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

// word reads one keyword of route get and its value.
func (s *getSpec) word(w string, a *grammar.Args, names *env.Names) error {
	r := &s.Route
	var err error
	switch {
	case isTOS(w):
		r.TOS, err = grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
	case grammar.Matches(w, "from"):
		var v string
		if v, err = a.Value(); err != nil {
			return err
		}
		if grammar.Matches(v, "help") {
			return ErrUsage
		}
		s.fromOK = true
		var p grammar.Prefix
		if p, err = grammar.ParsePrefix(v, r.Family); err == nil {
			adoptFamily(r, p.Family)
			r.Src = p.NetIP()
		}
	case grammar.Matches(w, "iif"):
		s.iif, err = a.Value()
	case grammar.Matches(w, "mark"):
		r.Mark, err = uint32Value(a, "invalid mark value")
	case grammar.Matches(w, "oif") || w == "dev":
		s.oif, err = a.Value()
	case grammar.Matches(w, "notify"):
		r.Flags |= unix.RTM_F_NOTIFY
	case grammar.Matches(w, "connected"):
		s.connected = true
	case grammar.Matches(w, "vrf"):
		return errVRF()
	case grammar.Matches(w, "uid"):
		var uid uint32
		if uid, err = uint32Value(a, "invalid UID\n"); err == nil {
			r.UID = &uid
		}
	case grammar.Matches(w, "fibmatch"):
		s.fibMatch = true
	case grammar.Matches(w, "sport"):
		r.SPort, err = grammar.ParseValue(a, parsePort, "invalid sport\n")
	case grammar.Matches(w, "dport"):
		r.DPort, err = grammar.ParseValue(a, parsePort, "invalid dport\n")
	case grammar.Matches(w, "ipproto"):
		r.IPProto, err = grammar.ParseValue(a, env.IPProtoNumber, "Invalid \"ipproto\" value\n")
	default:
		return s.dst(w, a)
	}
	return err
}

// dst reads `[to] ADDRESS`; a prefix length other than the host's is
// dropped with ip's warning.
func (s *getSpec) dst(w string, a *grammar.Args) error {
	r := &s.Route
	if w == "to" {
		v, err := a.Value()
		if err != nil {
			return err
		}
		w = v
	}
	if grammar.Matches(w, "help") {
		return ErrUsage
	}
	p, err := grammar.ParsePrefix(w, r.Family)
	if err != nil {
		return err
	}
	adoptFamily(r, p.Family)
	bits := p.Bits
	if host := grammar.HostLen(r.Family); (r.Family == unix.AF_INET || r.Family == unix.AF_INET6) && bits != host {
		s.warnings = append(s.warnings, fmt.Sprintf("Warning: /%d as prefix is invalid, only /%d (or none) is supported.", bits, host))
		bits = host
	}
	r.Dst = p.NetIP()
	if r.Dst.Addr().IsValid() {
		r.Dst = netip.PrefixFrom(r.Dst.Addr(), bits)
	}
	s.dstOK = true
	return nil
}

// runGet is route get: the kernel's answer to which route a packet
// with the given addresses and marks would take.
func runGet(e *env.Env, args []string) error {
	s, err := parseGet(args, e.G.Family, e.Names())
	if err != nil {
		return usageOr(err)
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
	w := newWriter(e, nil)
	if e.G.Details > 0 && reply.NHID != 0 {
		if err := e.Links().Preload(); err != nil {
			return err
		}
		if err := w.loadNexthopObjects(); err != nil {
			return err
		}
	}
	if err := w.write(reply, false); err != nil {
		return err
	}
	return w.finish()
}

// parsePort reads a port number.
func parsePort(v string) (uint16, bool) {
	n, ok := grammar.ParseCUint(v, 16)
	return uint16(n), ok
}

// getRoute asks the kernel for the route r describes.
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
