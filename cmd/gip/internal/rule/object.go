package rule

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const usage = `Usage: ip rule { add | del } SELECTOR ACTION
       ip rule { flush | save | restore }
       ip rule [ list [ SELECTOR ]]
SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]
            [ fwmark FWMARK[/MASK] ]
            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]
            [ uidrange NUMBER-NUMBER ]
            [ ipproto PROTOCOL ]
            [ sport [ NUMBER | NUMBER-NUMBER ]
            [ dport [ NUMBER | NUMBER-NUMBER ] ]
ACTION := [ table TABLE_ID ]
          [ protocol PROTO ]
          [ nat ADDRESS ]
          [ realms [SRCREALM/]DSTREALM ]
          [ goto NUMBER ]
          SUPPRESSOR
SUPPRESSOR := [ suppress_prefixlength NUMBER ]
              [ suppress_ifgroup DEVGROUP ]
TABLE_ID := [ local | main | default | NUMBER ]`

// verbWords are ip rule's verbs in ip's matching order.
var verbWords = [][2]string{
	{"list", "show"}, {"lst", "show"}, {"show", "show"}, {"save", "save"}, {"restore", "restore"},
	{"add", "add"}, {"delete", "delete"}, {"flush", "flush"},
}

// Object is `gip rule`.
func Object() *command.Object {
	return &command.Object{
		Name:    "rule",
		Short:   "policy routing rules",
		Match:   verbWords,
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip rule", command.Prog+" rule"),
		Verbs: []command.Verb{
			command.Planned("add SELECTOR ACTION", "add a rule", planModify(rtnl.RuleAdd)),
			command.Planned("delete SELECTOR ACTION", "delete a rule", planModify(rtnl.RuleDelete)),
			{Use: "show SELECTOR", Short: "list rules", Run: listVerb(runShow)},
			{Use: "flush SELECTOR", Short: "delete the selected rules", Run: listVerb(runFlush)},
			{Use: "save", Short: "write the rules to stdout, in binary", Run: runSave},
			{Use: "restore", Short: "add the rules of a save from stdin", Run: runRestore},
		},
	}
}

func usageError() error {
	return fail.Usagef("%s", strings.ReplaceAll(usage, "ip rule", command.Prog+" rule"))
}

// listVerb is a verb over the rules a SELECTOR picks.
func listVerb(run func(e *env.Env, f *filter) error) func(e *env.Env, args []string) error {
	return func(e *env.Env, args []string) error {
		f, err := parseFilter(args, listFamily(e), e.Names())
		if err != nil {
			return err
		}
		return run(e, f)
	}
}
