package route

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const routeUsage = `Usage: ip route { list | flush } SELECTOR
       ip route save SELECTOR
       ip route restore
       ip route showdump
       ip route get [ ROUTE_GET_FLAGS ] ADDRESS
                            [ from ADDRESS iif STRING ]
                            [ oif STRING ] [ tos TOS ]
                            [ mark NUMBER ] [ vrf NAME ]
                            [ uid NUMBER ] [ ipproto PROTOCOL ]
                            [ sport NUMBER ] [ dport NUMBER ]
       ip route { add | del | change | append | replace } ROUTE
SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]
            [ type TYPE ] [ scope SCOPE ]
ROUTE := NODE_SPEC [ INFO_SPEC ]
NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]
             [ table TABLE_ID ] [ proto RTPROTO ]
             [ scope SCOPE ] [ metric METRIC ]
             [ ttl-propagate { enabled | disabled } ]
INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...
NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]
      [ dev STRING ] [ weight NUMBER ] NHFLAGS
FAMILY := [ inet | inet6 | mpls | bridge | link ]
OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]
           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]
           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]
           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]
           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]
           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]
           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]
TYPE := { unicast | local | broadcast | multicast | throw |
          unreachable | prohibit | blackhole | nat }
TABLE_ID := [ local | main | default | all | NUMBER ]
SCOPE := [ host | link | global | NUMBER ]
NHFLAGS := [ onlink | pervasive ]
RTPROTO := [ kernel | boot | static | NUMBER ]
PREF := [ low | medium | high ]
TIME := NUMBER[s|ms]
BOOL := [1|0]
FEATURES := ecn
ENCAPTYPE := [ mpls ]
ENCAPHDR := [ MPLSLABEL ]
ROUTE_GET_FLAGS := [ fibmatch ]`

// routeVerbs are ip route's verbs in the order ip matches abbreviations.
var RouteVerbs = [][2]string{
	{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
	{"prepend", "prepend"}, {"append", "append"}, {"test", "test"}, {"delete", "delete"},
	{"list", "show"}, {"show", "show"}, {"lst", "show"}, {"get", "get"}, {"flush", "flush"},
	{"save", "save"}, {"restore", "restore"}, {"showdump", "showdump"},
}

func UsageError(prog string) error {
	return fail.Usagef("%s", strings.ReplaceAll(routeUsage, "ip route", prog+" route"))
}

func Object() *command.Object {
	return &command.Object{
		Name:    "route",
		Short:   "routing table entries",
		Match:   RouteVerbs,
		Default: "show",
		Usage:   strings.ReplaceAll(routeUsage, "ip route", command.Prog+" route"),
		Verbs:   routeVerbList(),
	}
}

func routeVerbList() []command.Verb {
	var vs []command.Verb
	for _, v := range []struct {
		verb  string
		op    rtnl.RouteOp
		Short string
	}{
		{"add", rtnl.RouteAdd, "add a route"},
		{"change", rtnl.RouteChange, "change a route"},
		{"replace", rtnl.RouteReplace, "add or replace a route"},
		{"prepend", rtnl.RoutePrepend, "add a route before others of the same key"},
		{"append", rtnl.RouteAppend, "add a route after others of the same key"},
		{"delete", rtnl.RouteDelete, "delete a route"},
	} {
		vs = append(vs, newRouteModifyVerb(v.verb, v.op, v.Short))
	}
	vs = append(vs, command.Verb{Use: "test ROUTE", Short: "check a route could be added", Run: func(e *env.Env, args []string) error {
		return runRouteModify(e, &routeModifyOptions{op: rtnl.RouteAdd, test: true, words: args})
	}})
	vs = append(vs, newRouteShowVerb())
	vs = append(vs, newRouteGetVerb())
	vs = append(vs, newRouteListVerb("flush SELECTOR", "delete the selected routes", routeFlush))
	vs = append(vs, newRouteListVerb("save SELECTOR", "write the selected routes to stdout, in binary", routeSave))
	vs = append(vs, command.Verb{Use: "restore", Short: "add the routes of a save from stdin", Run: func(e *env.Env, args []string) error {
		return runRouteRestore(e, &routeRestoreOptions{words: args})
	}})
	vs = append(vs, command.Verb{Use: "showdump", Short: "print the routes of a save from stdin", Run: func(e *env.Env, args []string) error {
		return runRouteRestore(e, &routeRestoreOptions{words: args, show: true})
	}})
	return vs
}

// routeModifyOptions is `route add|del|change|replace|append|prepend|test`.
type routeModifyOptions struct {
	op    rtnl.RouteOp
	test  bool // ip route test: NLM_F_EXCL without NLM_F_CREATE
	words []string
}

func newRouteModifyVerb(verb string, op rtnl.RouteOp, short string) command.Verb {
	return command.Verb{Use: verb + " ROUTE", Short: short, Run: func(e *env.Env, args []string) error {
		return runRouteModify(e, &routeModifyOptions{op: op, words: args})
	}}
}

// resolveRouteSpec turns interface names into indexes.
func ResolveRouteSpec(e *env.Env, s *routeSpec) error {
	for i, d := range s.hopDevs {
		if d == "" {
			continue
		}
		idx, err := e.Links().Index(d)
		if err != nil {
			var ce *fail.Error
			if errors.As(err, &ce) {
				return &fail.Error{Code: fail.ExitUsage, Msg: ce.Msg + "\nError: cannot parse nexthop", Err: ce}
			}
			return err
		}
		s.Route.Nexthops[i].IfIndex = idx
	}
	if s.dev != "" {
		idx, err := e.Links().Index(s.dev)
		if err != nil {
			return err
		}
		s.Route.OIF = idx
	}
	return nil
}

// routeMessage encodes a resolved spec into buf.
func RouteMessage(s *routeSpec, test bool, buf []byte) (nl.Message, error) {
	b, err := s.Route.AppendRequestAsIs(buf[:0], s.op)
	if err != nil {
		return nl.Message{}, err
	}
	h := s.op.Header()
	if test {
		h.Flags = nl.Excl
	}
	return nl.Message{Header: h, Data: b}, nil
}

func runRouteModify(e *env.Env, o *routeModifyOptions) error {
	s, err := ParseRouteSpec(o.words, o.op, e.G.Family, e.Names())
	if err != nil {
		if err == ErrRouteUsage {
			return UsageError(command.Prog)
		}
		return err
	}
	if err := ResolveRouteSpec(e, s); err != nil {
		return err
	}
	m, err := RouteMessage(s, o.test, nil)
	if err != nil {
		return err
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}

// routeListAction is what a selector-driven verb does with each route.
type routeListAction int

const (
	routeList routeListAction = iota
	routeFlush
	routeSave
)

// routeShowOptions is `route show|list|flush|save SELECTOR`.
type routeShowOptions struct {
	action routeListAction
	words  []string
}

func newRouteShowVerb() command.Verb {
	return newRouteListVerb("show SELECTOR", "list routes", routeList)
}

func newRouteListVerb(use, short string, action routeListAction) command.Verb {
	return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error {
		return runRouteShow(e, &routeShowOptions{action: action, words: args})
	}}
}

func runRouteShow(e *env.Env, o *routeShowOptions) error {
	if o.action == routeFlush && len(o.words) == 0 {
		return fail.Localf("\"%s route flush\" requires arguments.", command.Prog)
	}
	f, err := ParseRouteFilter(o.words, e.G.Family, e.Names())
	if err != nil {
		if err == ErrRouteUsage {
			return UsageError(command.Prog)
		}
		return err
	}
	if f.iifName != "" {
		if f.iif, err = e.Links().Index(f.iifName); err != nil {
			return err
		}
	}
	if f.oifName != "" {
		if f.oif, err = e.Links().Index(f.oifName); err != nil {
			return err
		}
	}
	switch o.action {
	case routeFlush:
		return flushRoutes(e, f)
	case routeSave:
		return saveRoutes(e, f)
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	w := newRouteWriter(e, f)
	if e.G.Details > 0 {
		if err := w.loadNexthopObjects(); err != nil {
			return err
		}
	}
	var r rtnl.Route
	req := rtnl.RouteDumpRequest(f.dumpFamily(), f.KernelFilter())
	for m, err := range c.Dump(req) {
		if err != nil {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				fmt.Fprintln(e.Stderr, "Dump was interrupted and may be inconsistent.")
				break
			}
			if missingTableIsEmpty(e, f, err) {
				break
			}
			w.abort()
			return env.DumpError(err, "Dump terminated")
		}
		if err := rtnl.DecodeRoute(m, &r); err != nil {
			w.abort()
			return err
		}
		if !f.Match(&r) {
			continue
		}
		if err := w.Route(&r, m.Header.Type == unix.RTM_DELROUTE); err != nil {
			return err
		}
	}
	return w.finish()
}

// newRouteWriter makes a writer on stdout with the command's options.
func newRouteWriter(e *env.Env, f *routeFilter) *routeWriter {
	w := &routeWriter{
		re:      e,
		out:     bufio.NewWriterSize(e.Stdout, 64<<10),
		Names:   e.Names(),
		Links:   e.Links(),
		details: e.G.Details,
		stats:   e.G.Stats,
		numeric: e.G.Numeric,
		Oneline: e.G.Oneline,
		Color:   e.Color() && !e.G.JSON,
	}
	if f != nil {
		w.hidden = f.hidden()
		w.viaBits, w.prefsrcBits = -1, -1
		if f.rvia.Set {
			w.viaBits = f.rvia.Bits
		}
		if f.prefsrc.Set {
			w.prefsrcBits = f.prefsrc.Bits
		}
	} else {
		w.viaBits, w.prefsrcBits = -1, -1
	}
	if e.G.JSON {
		w.Json = format.NewJSONWriter(e.G.Pretty)
	}
	return w
}

// missingTableIsEmpty reports whether a dump that failed because its table
// does not exist counts as empty: for table main (ip suppresses that
// error), and for any table inside a batch, where ip's dumps are not
// strict and so filter in userspace and never see the error.
func missingTableIsEmpty(e *env.Env, f *routeFilter, err error) bool {
	if !errors.Is(err, unix.ENOENT) {
		return false
	}
	return f.table == unix.RT_TABLE_MAIN || e.G.HasBatch
}
