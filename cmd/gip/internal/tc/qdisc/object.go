package qdisc

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
)

// Object is `tc qdisc`.
func Object() *command.Object {
	return &command.Object{
		Name:  "qdisc",
		Short: "queueing disciplines",
		// tc's order, as it matches abbreviations.
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"replace", "replace"}, {"link", "link"},
			{"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
		},
		Default: "show",
		HelpOK:  true,
		Usage:   usage,
		Unknown: func(w string) error {
			if grammar.Matches(w, "help") {
				return usageError()
			}
			return fail.Usagef("Command %q is unknown, try \"tc qdisc help\".", w)
		},
		Verbs: []command.Verb{
			modifyVerb("add", "add a qdisc", opAdd),
			modifyVerb("change", "change a qdisc's options", opChange),
			modifyVerb("replace", "add or replace a qdisc", opReplace),
			modifyVerb("link", "attach an existing qdisc", opLink),
			modifyVerb("delete", "delete a qdisc", opDelete),
			showVerb("show"),
		},
	}
}

const usage = `Usage: tc qdisc [ add | del | replace | change | show ] dev STRING
       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]
       [ estimator INTERVAL TIME_CONSTANT ]
       [ stab [ help | STAB_OPTIONS] ]
       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]
       [ [ QDISC_KIND ] [ help | OPTIONS ] ]

       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]
Where:
QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }
OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help
STAB_OPTIONS := ... try tc qdisc add stab help
QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }`

// usageError is tc's usage(): the text on stderr and exit 255, as it
// exits with -1.
func usageError() error {
	return fail.Fatal(fail.ExitUsage, usage)
}

// DumpError is tc's failed listing: the kernel's message, then "Dump
// terminated", exit 1.
func DumpError(err error) error {
	e := fail.DumpError(err, "Dump terminated")
	if fe, ok := e.(*fail.Error); ok {
		fe.Code = fail.ExitLocal
	}
	return e
}

// ops of the modifying verbs: the message and flags tc sends for each.
var (
	opAdd     = op{typ: rtmNewQdisc, flags: nl.Create | nl.Excl}
	opChange  = op{typ: rtmNewQdisc}
	opReplace = op{typ: rtmNewQdisc, flags: nl.Create | nl.Replace}
	opLink    = op{typ: rtmNewQdisc, flags: nl.Replace}
	opDelete  = op{typ: rtmDelQdisc}
)
