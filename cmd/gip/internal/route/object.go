package route

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const usage = `Usage: ip route { list | flush } SELECTOR
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

// Verbs are ip route's verbs in the order ip matches abbreviations.
var Verbs = [][2]string{
	{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
	{"prepend", "prepend"}, {"append", "append"}, {"test", "test"}, {"delete", "delete"},
	{"list", "show"}, {"show", "show"}, {"lst", "show"}, {"get", "get"}, {"flush", "flush"},
	{"save", "save"}, {"restore", "restore"}, {"showdump", "showdump"},
}

// UsageError is ip route's usage text as an error (exit 255), naming the
// program prog.
func UsageError(prog string) error {
	return fail.Usagef("%s", strings.ReplaceAll(usage, "ip route", prog+" route"))
}

// usageOr turns the grammar's ErrUsage into the usage text.
func usageOr(err error) error {
	if err == ErrUsage {
		return UsageError(command.Prog)
	}
	return err
}

// Object is `gip route`.
func Object() *command.Object {
	return &command.Object{
		Name:    "route",
		Short:   "routing table entries",
		Match:   Verbs,
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip route", command.Prog+" route"),
		Verbs:   verbs(),
	}
}

func verbs() []command.Verb {
	return []command.Verb{
		command.Planned("add ROUTE", "add a route", planModify(rtnl.RouteAdd, false)),
		command.Planned("change ROUTE", "change a route", planModify(rtnl.RouteChange, false)),
		command.Planned("replace ROUTE", "add or replace a route", planModify(rtnl.RouteReplace, false)),
		command.Planned("prepend ROUTE", "add a route before others of the same key", planModify(rtnl.RoutePrepend, false)),
		command.Planned("append ROUTE", "add a route after others of the same key", planModify(rtnl.RouteAppend, false)),
		command.Planned("delete ROUTE", "delete a route", planModify(rtnl.RouteDelete, false)),
		command.Planned("test ROUTE", "check a route could be added", planModify(rtnl.RouteAdd, true)),
		selectorVerb("show SELECTOR", "list routes", runShow),
		{Use: "get ADDRESS", Short: "ask the kernel which route a packet takes", Run: runGet},
		{Use: "flush SELECTOR", Short: "delete the selected routes", Run: func(e *env.Env, args []string) error {
			if len(args) == 0 {
				return fail.Localf("\"%s route flush\" requires arguments.", command.Prog)
			}
			return withFilter(e, args, runFlush)
		}},
		selectorVerb("save SELECTOR", "write the selected routes to stdout, in binary", runSave),
		{Use: "restore", Short: "add the routes of a save from stdin", Run: runRestore},
		{Use: "showdump", Short: "print the routes of a save from stdin", Run: runShowdump},
	}
}

// selectorVerb is a verb over the routes a SELECTOR picks.
func selectorVerb(use, short string, run func(e *env.Env, f *filter) error) command.Verb {
	return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error {
		return withFilter(e, args, run)
	}}
}

// withFilter parses a SELECTOR, resolves the devices it names and runs
// run over it.
func withFilter(e *env.Env, args []string, run func(e *env.Env, f *filter) error) error {
	f, err := parseFilter(args, e.G.Family, e.Names())
	if err != nil {
		return usageOr(err)
	}
	if err := f.resolve(e); err != nil {
		return err
	}
	return run(e, f)
}
