package ila

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/ila"
)

const usage = "Usage: ip ila add loc_match LOCATOR_MATCH loc LOCATOR [ dev DEV ] OPTIONS\n" +
	"       ip ila del loc_match LOCATOR_MATCH [ loc LOCATOR ] [ dev DEV ]\n" +
	"       ip ila list\n" +
	"OPTIONS := [ csum-mode { adj-transport | neutral-map |\n" +
	"                         neutral-map-auto | no-action } ]\n" +
	"           [ ident-type { luid | use-format } ]"

var usageText = strings.ReplaceAll(usage, "ip ila", command.Prog+" ila")

// usageError is ip's usage(): exit 255 at once, even in a batch.
func usageError() error { return fail.Fatal(fail.ExitUsage, usageText) }

// Object is `gip ila`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "ila",
		Short: "Identifier Locator Addressing: the mappings of locators",
		Match: [][2]string{{"add", "add"}, {"delete", "delete"}, {"list", "list"}},
		Usage: usageText,
		Unknown: func(w string) error {
			return fail.Fatal(fail.ExitUsage, "Command \""+w+"\" is unknown, try \""+command.Prog+" ila help\".")
		},
		Options: familyFirst,
	}
	o.Verbs = []command.Verb{
		command.Planned("add loc_match LOCATOR_MATCH loc LOCATOR [ dev DEV ] [ csum-mode MODE ] [ ident-type TYPE ]",
			"add a mapping (MODE adj-transport, neutral-map, neutral-map-auto or no-action; TYPE luid or use-format)", planChange(ila.CmdAdd)),
		command.Planned("delete loc_match LOCATOR_MATCH [ loc LOCATOR ] [ dev DEV ]", "delete the mappings that match", planChange(ila.CmdDel)),
		{Use: "list", Short: "list the mappings", Run: runList},
	}
	return o
}

// familyFirst is what ip does before it reads the verb: the usage for
// none or help, else the family resolved (genlcmd.Require), so that a
// kernel without ILA refuses every command with the same error.
func familyFirst(e *env.Env, args []string) ([]string, bool, error) {
	if len(args) == 0 || grammar.Matches(args[0], "help") {
		return nil, false, usageError()
	}
	return requireILA(e, args)
}

var requireILA = genlcmd.Require(ila.FamilyName)
