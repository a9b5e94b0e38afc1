package xfrm

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

const usage = `Usage: ip xfrm XFRM-OBJECT { COMMAND | help }
where  XFRM-OBJECT := state | policy | monitor`

// Object is `gip xfrm`: the IPsec policy and state databases, and watch,
// the monitor of their events (gip monitor's, which prints them through
// Decode).
func Object(watch func(e *env.Env, words []string) error) *command.Object {
	state, policy := stateObject(), policyObject()
	o := &command.Object{
		Name: "xfrm",
		Short: "IPsec policies and states: add, update, delete, get, deleteall, list, flush, count " +
			"(ip -j xfrm prints text; gip prints JSON with the text's key names)",
		Match: [][2]string{{"state", "state"}, {"sa", "state"}, {"policy", "policy"}, {"monitor", "monitor"}},
		Usage: prog(usage),
	}
	o.Unknown = func(string) error { return o.UsageError() }
	o.Verbs = []command.Verb{
		subObject("state { add | update | allocspi | delete | get | deleteall | list | flush | count } ...",
			"the security associations (SAD); gip xfrm state help prints the grammar. "+
				"With -j (where ip -j prints text) an array of one object per state, its keys the text's words: "+
				"src, dst, proto, spi, reqid, mode, replay-window, flag, extra_flag, auth, auth-trunc, aead, enc and comp "+
				"(each {name, key, bits, trunc-len, icv-len}), encap {type, sport, dport, addr}, mark {value, mask}, output-mark, "+
				"anti-replay, anti-replay-esn, offload {dev, dir}, if_id, tfcpad, coa, sel {the selector}, lifetime_config, "+
				"lifetime_current, stats, security_context; a limit of (INF) and a time of - are null", state),
		subObject("policy { add | update | delete | get | deleteall | list | flush | count | set | setdefault | getdefault } ...",
			"the security policies (SPD); gip xfrm policy help prints the grammar. "+
				"With -j (where ip -j prints text) an array of one object per policy: src, dst (ADDR/PLEN), proto, sport, dport, "+
				"type, code, key, dev, uid, dir (socket for a socket's policy), action, index, priority, ptype, share, flag, "+
				"lifetime_config, lifetime_current, mark {value, mask}, tmpl [{src, dst, proto, spi, reqid, mode, level, share, "+
				"enc-mask, auth-mask, comp-mask}], if_id; count gives {in, out, fwd, sock, buckets, ipv4_thresholds, ipv6_thresholds}, getdefault {in, fwd, out}", policy),
		{Use: "monitor [ nokeys ] [ all-nsid ] [ all | OBJECTS | help ]",
			Short: "watch IPsec events as ip xfrm monitor does (OBJECTS := acquire | expire | SA | aevent | policy | report); " +
				"-j prints one JSON object per event and line, as gip -j monitor xfrm: " +
				"{\"object\":\"xfrm-state\"|\"xfrm-policy\"|\"xfrm-acquire\"|..., \"action\":\"new\"|\"update\"|\"del\"|\"expire\"|\"flush\", \"data\":{...}}",
			Run: watch},
	}
	return o
}

// prog puts gip's name in a usage text of ip's.
func prog(s string) string { return strings.ReplaceAll(s, "ip xfrm", command.Prog+" xfrm") }

// subObject is a verb that runs one of xfrm's objects.
func subObject(use, short string, o *command.Object) command.Verb {
	return command.Verb{Use: use, Short: short, Sub: o, Run: func(e *env.Env, args []string) error {
		return o.Run(e, args)
	}}
}

// unknownVerb is ip's complaint about a word that is no verb of obj.
func unknownVerb(obj string) func(string) error {
	return func(word string) error {
		return fail.Usagef("Command %q is unknown, try \"%s xfrm %s help\".", word, command.Prog, obj)
	}
}

const policyUsage = `Usage: ip xfrm policy { add | update } SELECTOR dir DIR [ ctx CTX ]
	[ mark MARK [ mask MASK ] ] [ index INDEX ] [ ptype PTYPE ]
	[ action ACTION ] [ priority PRIORITY ] [ flag FLAG-LIST ]
	[ if_id IF_ID ] [ LIMIT-LIST ] [ TMPL-LIST ]
Usage: ip xfrm policy { delete | get } { SELECTOR | index INDEX } dir DIR
	[ ctx CTX ] [ mark MARK [ mask MASK ] ] [ ptype PTYPE ]
	[ if_id IF_ID ]
Usage: ip xfrm policy { deleteall | list } [ nosock ] [ SELECTOR ] [ dir DIR ]
	[ index INDEX ] [ ptype PTYPE ] [ action ACTION ] [ priority PRIORITY ]
	[ flag FLAG-LIST ]
Usage: ip xfrm policy flush [ ptype PTYPE ]
Usage: ip xfrm policy count
Usage: ip xfrm policy set [ hthresh4 LBITS RBITS ] [ hthresh6 LBITS RBITS ]
Usage: ip xfrm policy setdefault DIR ACTION [ DIR ACTION ] [ DIR ACTION ]
Usage: ip xfrm policy getdefault
SELECTOR := [ src ADDR[/PLEN] ] [ dst ADDR[/PLEN] ] [ dev DEV ] [ UPSPEC ]
UPSPEC := proto { { tcp | udp | sctp | dccp } [ sport PORT ] [ dport PORT ] |
                  { icmp | ipv6-icmp | mobility-header } [ type NUMBER ] [ code NUMBER ] |
                  gre [ key { DOTTED-QUAD | NUMBER } ] | PROTO }
DIR := in | out | fwd
PTYPE := main | sub
ACTION := allow | block
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG := localok | icmp
LIMIT-LIST := [ LIMIT-LIST ] limit LIMIT
LIMIT := { time-soft | time-hard | time-use-soft | time-use-hard } SECONDS |
         { byte-soft | byte-hard } SIZE | { packet-soft | packet-hard } COUNT
TMPL-LIST := [ TMPL-LIST ] tmpl TMPL
TMPL := ID [ mode MODE ] [ reqid REQID ] [ level LEVEL ]
ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]
XFRM-PROTO := esp | ah | comp | route2 | hao
MODE := transport | tunnel | beet | ro | in_trigger
LEVEL := required | use`

// policyObject is `gip xfrm policy`.
func policyObject() *command.Object {
	o := &command.Object{
		Name:  "policy",
		Short: "the security policy database: add, update, delete, get, deleteall, list, flush, count, set",
		Match: [][2]string{
			{"add", "add"}, {"update", "update"}, {"delete", "delete"}, {"deleteall", "deleteall"}, {"delall", "deleteall"},
			{"list", "list"}, {"show", "list"}, {"lst", "list"}, {"get", "get"}, {"flush", "flush"}, {"count", "count"},
			{"set", "set"}, {"setdefault", "setdefault"}, {"getdefault", "getdefault"},
		},
		Default: "list",
		Usage:   prog(policyUsage),
		Unknown: unknownVerb("policy"),
	}
	o.Verbs = []command.Verb{
		command.Planned("add SELECTOR dir DIR [ ATTRIBUTES ] [ TMPL-LIST ]", "add a policy", planPolicyModify(xfrm.MsgNewPolicy)),
		command.Planned("update SELECTOR dir DIR [ ATTRIBUTES ] [ TMPL-LIST ]", "add or replace a policy", planPolicyModify(xfrm.MsgUpdPolicy)),
		command.Planned("delete { SELECTOR | index INDEX } dir DIR [ ctx CTX ] [ mark MARK ] [ ptype PTYPE ] [ if_id IF_ID ]", "delete a policy", planPolicyDelete),
		{Use: "deleteall [ FILTER ]", Short: "delete the policies that match", Run: runPolicyDeleteAll},
		{Use: "list [ nosock ] [ SELECTOR ] [ dir DIR ] [ index INDEX ] [ ptype PTYPE ] [ action ACTION ] [ priority PRIORITY ] [ flag FLAG-LIST ]",
			Short: "list the policies that match", Run: runPolicyList},
		{Use: "get { SELECTOR | index INDEX } dir DIR [ ctx CTX ] [ mark MARK ] [ ptype PTYPE ] [ if_id IF_ID ]", Short: "print one policy", Run: runPolicyGet},
		command.Planned("flush [ ptype PTYPE ]", "delete every policy", planPolicyFlush),
		{Use: "count", Short: "count the policies", Run: runPolicyCount},
		command.Planned("set [ hthresh4 LBITS RBITS ] [ hthresh6 LBITS RBITS ]", "set the policy hash thresholds", planPolicySet),
		command.Planned("setdefault DIR ACTION [ DIR ACTION ] [ DIR ACTION ]", "what happens to traffic no policy matches (ACTION := block | accept)", planPolicySetDefault),
		{Use: "getdefault", Short: "print the default actions", Run: runPolicyGetDefault},
	}
	return o
}

// stateObject is `gip xfrm state` (filled in by state.go).
func stateObject() *command.Object {
	o := &command.Object{Name: "state", Short: "the security association database", Usage: prog(stateUsage), Unknown: unknownVerb("state")}
	o.Verbs = stateVerbs()
	o.Match = stateMatch
	o.Default = "list"
	return o
}
