package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/cli"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/spf13/cobra"
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
var routeVerbs = [][2]string{
	{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
	{"prepend", "prepend"}, {"append", "append"}, {"test", "test"}, {"delete", "delete"},
	{"list", "show"}, {"show", "show"}, {"lst", "show"}, {"get", "get"}, {"flush", "flush"},
	{"save", "save"}, {"restore", "restore"}, {"showdump", "showdump"},
}

func usageError(prog string) error {
	return cli.Usagef("%s", strings.ReplaceAll(routeUsage, "ip route", prog+" route"))
}

func routeObject() *object {
	return &object{
		name:        "route",
		short:       "routing table entries",
		verbs:       routeVerbs,
		defaultVerb: "show",
		usage:       strings.ReplaceAll(routeUsage, "ip route", prog+" route"),
		cmd:         newRouteCmd,
	}
}

func newRouteCmd(e *cli.Env) *cobra.Command {
	c := &cobra.Command{Use: "route", Short: "routing table entries"}
	for _, v := range []struct {
		verb  string
		op    rtnl.RouteOp
		short string
	}{
		{"add", rtnl.RouteAdd, "add a route"},
		{"change", rtnl.RouteChange, "change a route"},
		{"replace", rtnl.RouteReplace, "add or replace a route"},
		{"prepend", rtnl.RoutePrepend, "add a route before others of the same key"},
		{"append", rtnl.RouteAppend, "add a route after others of the same key"},
		{"delete", rtnl.RouteDelete, "delete a route"},
	} {
		c.AddCommand(newRouteModifyCmd(e, v.verb, v.op, v.short))
	}
	c.AddCommand(verbCmd("test ROUTE", "check a route could be added", func(args []string) error {
		return runRouteModify(newRouteEnv(e), &routeModifyOptions{op: rtnl.RouteAdd, test: true, words: args})
	}))
	c.AddCommand(newRouteShowCmd(e))
	c.AddCommand(newRouteGetCmd(e))
	c.AddCommand(newRouteListCmd(e, "flush SELECTOR", "delete the selected routes", routeFlush))
	c.AddCommand(newRouteListCmd(e, "save SELECTOR", "write the selected routes to stdout, in binary", routeSave))
	c.AddCommand(verbCmd("restore", "add the routes of a save from stdin", func(args []string) error {
		return runRouteRestore(newRouteEnv(e), &routeRestoreOptions{words: args})
	}))
	c.AddCommand(verbCmd("showdump", "print the routes of a save from stdin", func(args []string) error {
		return runRouteRestore(newRouteEnv(e), &routeRestoreOptions{words: args, show: true})
	}))
	return c
}

// routeModifyOptions is `route add|del|change|replace|append|prepend|test`.
type routeModifyOptions struct {
	op    rtnl.RouteOp
	test  bool // ip route test: NLM_F_EXCL without NLM_F_CREATE
	words []string
}

func newRouteModifyCmd(e *cli.Env, verb string, op rtnl.RouteOp, short string) *cobra.Command {
	return verbCmd(verb+" ROUTE", short, func(args []string) error {
		return runRouteModify(newRouteEnv(e), &routeModifyOptions{op: op, words: args})
	})
}

// resolveRouteSpec turns interface names into indexes.
func resolveRouteSpec(re *routeEnv, s *routeSpec) error {
	for i, d := range s.hopDevs {
		if d == "" {
			continue
		}
		idx, err := re.links.index(d)
		if err != nil {
			var ce *cli.Error
			if errors.As(err, &ce) {
				return &cli.Error{Code: cli.ExitUsage, Msg: ce.Msg + "\nError: cannot parse nexthop", Err: ce}
			}
			return err
		}
		s.route.Nexthops[i].IfIndex = idx
	}
	if s.dev != "" {
		idx, err := re.links.index(s.dev)
		if err != nil {
			return err
		}
		s.route.OIF = idx
	}
	return nil
}

// routeMessage encodes a resolved spec into buf.
func routeMessage(s *routeSpec, test bool, buf []byte) (nl.Message, error) {
	b, err := s.route.AppendRequestAsIs(buf[:0], s.op)
	if err != nil {
		return nl.Message{}, err
	}
	h := s.op.Header()
	if test {
		h.Flags = nl.Excl
	}
	return nl.Message{Header: h, Data: b}, nil
}

func runRouteModify(re *routeEnv, o *routeModifyOptions) error {
	s, err := parseRouteSpec(o.words, o.op, re.g.Family, re.names)
	if err != nil {
		if err == errRouteUsage {
			return usageError(prog)
		}
		return err
	}
	if err := resolveRouteSpec(re, s); err != nil {
		return err
	}
	m, err := routeMessage(s, o.test, nil)
	if err != nil {
		return err
	}
	c, err := re.conn()
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

func newRouteShowCmd(e *cli.Env) *cobra.Command {
	return newRouteListCmd(e, "show SELECTOR", "list routes", routeList)
}

func newRouteListCmd(e *cli.Env, use, short string, action routeListAction) *cobra.Command {
	return verbCmd(use, short, func(args []string) error {
		return runRouteShow(newRouteEnv(e), &routeShowOptions{action: action, words: args})
	})
}

func runRouteShow(re *routeEnv, o *routeShowOptions) error {
	if o.action == routeFlush && len(o.words) == 0 {
		return cli.Localf("\"%s route flush\" requires arguments.", prog)
	}
	f, err := parseRouteFilter(o.words, re.g.Family, re.names)
	if err != nil {
		if err == errRouteUsage {
			return usageError(prog)
		}
		return err
	}
	if f.iifName != "" {
		if f.iif, err = re.links.index(f.iifName); err != nil {
			return err
		}
	}
	if f.oifName != "" {
		if f.oif, err = re.links.index(f.oifName); err != nil {
			return err
		}
	}
	switch o.action {
	case routeFlush:
		return flushRoutes(re, f)
	case routeSave:
		return saveRoutes(re, f)
	}
	c, err := re.conn()
	if err != nil {
		return err
	}
	if err := re.links.preload(); err != nil {
		return err
	}
	w := newRouteWriter(re, f)
	if re.g.Details > 0 {
		if err := w.loadNexthopObjects(); err != nil {
			return err
		}
	}
	var r rtnl.Route
	req := rtnl.RouteDumpRequest(f.dumpFamily(), f.kernelFilter())
	for m, err := range c.Dump(req) {
		if err != nil {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				fmt.Fprintln(re.stderr, "Dump was interrupted and may be inconsistent.")
				break
			}
			if missingTableIsEmpty(re, f, err) {
				break
			}
			w.abort()
			return dumpError(err, "Dump terminated")
		}
		if err := rtnl.DecodeRoute(m, &r); err != nil {
			w.abort()
			return err
		}
		if !f.match(&r) {
			continue
		}
		if err := w.route(&r, m.Header.Type == unix.RTM_DELROUTE); err != nil {
			return err
		}
	}
	return w.finish()
}

// newRouteWriter makes a writer on stdout with the command's options.
func newRouteWriter(re *routeEnv, f *routeFilter) *routeWriter {
	w := &routeWriter{
		re:      re,
		out:     bufio.NewWriterSize(re.stdout, 64<<10),
		names:   re.names,
		links:   re.links,
		details: re.g.Details,
		stats:   re.g.Stats,
		numeric: re.g.Numeric,
		oneline: re.g.Oneline,
		color:   re.color && !re.g.JSON,
	}
	if f != nil {
		w.hidden = f.hidden()
		w.viaBits, w.prefsrcBits = -1, -1
		if f.rvia.set {
			w.viaBits = f.rvia.bits
		}
		if f.prefsrc.set {
			w.prefsrcBits = f.prefsrc.bits
		}
	} else {
		w.viaBits, w.prefsrcBits = -1, -1
	}
	if re.g.JSON {
		w.json = format.NewJSONWriter(re.g.Pretty)
	}
	return w
}

// missingTableIsEmpty reports whether a dump that failed because its table
// does not exist counts as empty: for table main (ip suppresses that
// error), and for any table inside a batch, where ip's dumps are not
// strict and so filter in userspace and never see the error.
func missingTableIsEmpty(re *routeEnv, f *routeFilter, err error) bool {
	if !errors.Is(err, unix.ENOENT) {
		return false
	}
	return f.table == unix.RT_TABLE_MAIN || re.g.HasBatch
}
