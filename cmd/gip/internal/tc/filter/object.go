package filter

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Object is `tc filter`.
func Object() *command.Object {
	return &command.Object{
		Name:  "filter",
		Short: "classifiers",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"replace", "replace"}, {"delete", "delete"},
			{"get", "get"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
		},
		Default: "show",
		HelpOK:  true,
		Usage:   usage,
		Unknown: func(w string) error {
			if grammar.Matches(w, "help") {
				return usageAnswer()
			}
			return fail.Usagef("Command %q is unknown, try \"tc filter help\".", w)
		},
		Verbs: []command.Verb{
			modifyVerb("add", "add a filter", op{unix.RTM_NEWTFILTER, nl.Create | nl.Excl}),
			modifyVerb("change", "change a filter", op{unix.RTM_NEWTFILTER, 0}),
			modifyVerb("replace", "add or change a filter", op{unix.RTM_NEWTFILTER, nl.Create}),
			modifyVerb("delete", "delete filters", op{unix.RTM_DELTFILTER, 0}),
			getVerb(unix.RTM_GETTFILTER),
			showVerb(unix.RTM_GETTFILTER),
		},
	}
}

// ChainObject is `tc chain`: filter chains, added (with an optional
// template of a kind and its keys), deleted, got and listed with the
// grammar of filters.
func ChainObject() *command.Object {
	return &command.Object{
		Name:  "chain",
		Short: "filter chains",
		Match: [][2]string{
			{"add", "add"}, {"delete", "delete"}, {"get", "get"},
			{"list", "show"}, {"show", "show"}, {"lst", "show"},
		},
		Default: "show",
		HelpOK:  true,
		Usage:   chainUsage,
		Unknown: func(w string) error {
			if grammar.Matches(w, "help") {
				return &fail.Error{Msg: chainUsage, Code: fail.ExitOK}
			}
			return fail.Usagef("Command %q is unknown, try \"tc chain help\".", w)
		},
		Verbs: []command.Verb{
			modifyVerb("add", "add a chain", op{unix.RTM_NEWCHAIN, nl.Create | nl.Excl}),
			modifyVerb("delete", "delete a chain and its filters", op{unix.RTM_DELCHAIN, 0}),
			getVerb(unix.RTM_GETCHAIN),
			showVerb(unix.RTM_GETCHAIN),
		},
	}
}

const chainUsage = `Usage: tc chain [ add | del | get | show ] [ dev STRING ]
       tc chain [ add | del | get | show ] [ block BLOCK_INDEX ] ]`

const usage = `Usage: tc filter [ add | del | change | replace | show ] [ dev STRING ]
       tc filter [ add | del | change | replace | show ] [ block BLOCK_INDEX ]
       tc filter get dev STRING parent CLASSID protocol PROTO handle FILTERID pref PRIO FILTER_TYPE
       tc filter get block BLOCK_INDEX protocol PROTO handle FILTERID pref PRIO FILTER_TYPE
       [ pref PRIO ] protocol PROTO [ chain CHAIN_INDEX ]
       [ estimator INTERVAL TIME_CONSTANT ]
       [ root | ingress | egress | parent CLASSID ]
       [ handle FILTERID ] [ [ FILTER_TYPE ] [ help | OPTIONS ] ]

       tc filter show [ dev STRING ] [ root | ingress | egress | parent CLASSID ]
       tc filter show [ block BLOCK_INDEX ]
Where:
FILTER_TYPE := { rsvp | u32 | bpf | fw | route | etc. }
FILTERID := ... format depends on classifier, see there
OPTIONS := ... try tc filter add <desired FILTER_KIND> help`

// usageAnswer is tc's usage() where it returns 0: the text on stderr,
// exit 0.
func usageAnswer() error {
	return &fail.Error{Msg: usage, Code: fail.ExitOK}
}

// op is what a modifying verb sends.
type op struct {
	typ   uint16
	flags nl.Flags
}
