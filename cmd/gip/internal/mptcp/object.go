package mptcp

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

const usage = `Usage:	ip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]
				      [ port NR ] [ FLAG-LIST ]
	ip mptcp endpoint delete id ID [ ADDRESS ]
	ip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT
	ip mptcp endpoint show [ id ID ]
	ip mptcp endpoint flush
	ip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]
	ip mptcp limits show
	ip mptcp monitor
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ signal | subflow | backup | fullmesh ]
CHANGE-OPT := [ backup | nobackup | fullmesh | nofullmesh ]`

var usageText = strings.ReplaceAll(usage, "ip mptcp", command.Prog+" mptcp")

// unknown is ip's answer to a word it does not know after mptcp.
func unknown(word string) error {
	return fail.Usagef("Command %q is unknown, try \"%s mptcp help\".", word, command.Prog)
}

// Object is `gip mptcp`.
func Object() *command.Object {
	o := &command.Object{
		Name:    "mptcp",
		Short:   "MPTCP path manager: endpoints and limits",
		Match:   [][2]string{{"help", "help"}, {"endpoint", "endpoint"}, {"limits", "limits"}, {"monitor", "monitor"}},
		Usage:   usageText,
		Unknown: unknown,
	}
	ep, lim := endpointObject(), limitsObject()
	o.Verbs = []command.Verb{
		{Use: "endpoint { add | delete | change | show | flush } ...", Short: "the addresses the path manager uses", Sub: ep,
			Run: ep.Run},
		{Use: "limits { set | show } ...", Short: "how many subflows and announced addresses a connection takes", Sub: lim,
			Run: lim.Run},
		{Use: "monitor", Short: "print the path manager's events as they come; under -j one JSON object per event " +
			"and line, with the keys of the text and the event's name (ip prints its text there)", Run: runMonitor},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}

func endpointObject() *command.Object {
	o := &command.Object{
		Name:     "endpoint",
		HelpName: "mptcp",
		Match: [][2]string{{"add", "add"}, {"change", "change"}, {"delete", "delete"}, {"show", "show"},
			{"flush", "flush"}},
		Default: "show",
		Usage:   usageText,
		Unknown: unknown,
	}
	o.Verbs = []command.Verb{
		command.Planned("add ADDRESS [ dev NAME ] [ id ID ] [ port NR ] [ FLAG-LIST ]", "add an endpoint",
			planEndpoint(mptcp.CmdAddAddr)),
		command.Planned("delete id ID [ ADDRESS ]", "delete an endpoint (the address only for id 0)",
			planEndpoint(mptcp.CmdDelAddr)),
		command.Planned("change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT", "set or clear backup and fullmesh",
			planEndpoint(mptcp.CmdSetFlags)),
		{Use: "show [ id ID ]", Short: "list the endpoints, or show one", Run: runShow},
		command.Planned("flush", "delete every endpoint", planFlush),
	}
	return o
}

func limitsObject() *command.Object {
	o := &command.Object{
		Name:     "limits",
		HelpName: "mptcp",
		Match:    [][2]string{{"set", "set"}, {"show", "show"}},
		Default:  "show",
		Usage:    usageText,
		Unknown:  unknown,
	}
	o.Verbs = []command.Verb{
		command.Planned("set [ subflows NR ] [ add_addr_accepted NR ]", "set the limits", planLimits),
		{Use: "show", Short: "print the limits; under -j a JSON object {\"add_addr_accepted\":N,\"subflows\":N} " +
			"(ip prints its text there)", Run: runLimits},
	}
	return o
}
