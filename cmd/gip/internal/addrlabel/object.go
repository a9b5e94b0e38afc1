package addrlabel

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"golang.org/x/sys/unix"
)

const usage = `Usage: ip addrlabel { add | del } prefix PREFIX [ dev DEV ] [ label LABEL ]
       ip addrlabel [ list | flush | help ]`

// Object is `gip addrlabel`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "addrlabel",
		Short: "IPv6 address labels for source address selection: add, del, list, flush",
		Match: [][2]string{
			{"list", "show"}, {"lst", "show"}, {"show", "show"}, {"add", "add"}, {"delete", "delete"},
			{"flush", "flush"}, {"help", "help"},
		},
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip addrlabel", command.Prog+" addrlabel"),
	}
	o.Verbs = []command.Verb{
		command.Planned("add prefix PREFIX [ dev DEV ] label LABEL", "add a label", planModify(unix.RTM_NEWADDRLABEL)),
		command.Planned("delete prefix PREFIX [ dev DEV ] label LABEL", "delete a label", planModify(unix.RTM_DELADDRLABEL)),
		{Use: "show", Short: "list the labels", Run: runShow},
		{Use: "flush", Short: "delete every label", Run: runFlush},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
