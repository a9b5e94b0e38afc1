package stats

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// usageText is ip's usage with gip's name: the verbs, then the tree of
// groups as do_help prints it.
func usageText() string {
	var b strings.Builder
	b.WriteString("Usage: ip stats help\n" +
		"       ip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...\n" +
		"       ip stats set dev DEV l3_stats { on | off }\n")
	b.WriteString("GROUP := {")
	for i, g := range tree.subs {
		if i > 0 {
			b.WriteString(" |")
		}
		b.WriteString(" " + g.name)
	}
	b.WriteString(" }\n")
	for _, g := range tree.subs {
		if g.leaf() {
			continue
		}
		b.WriteString(g.name + " SUBGROUP := {")
		for i, s := range g.subs {
			if i > 0 {
				b.WriteString(" |")
			}
			b.WriteString(" " + s.name)
			for _, suite := range s.subs {
				b.WriteString(" [ suite " + suite.name + " ]")
			}
		}
		b.WriteString(" }\n")
	}
	return strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "ip stats", command.Prog+" stats")
}

// help is ip's help: the usage on standard error, exit 0.
func help() error { return &fail.Error{Msg: usageText(), Code: fail.ExitOK} }

// Object is `gip stats`.
func Object() *command.Object {
	o := &command.Object{
		Name:    "stats",
		Short:   "device statistics by group (link, xstats, xstats_slave, offload, afstats): show, set",
		Match:   [][2]string{{"show", "show"}, {"set", "set"}, {"help", "help"}},
		Default: "show",
		Usage:   usageText(),
		HelpOK:  true,
		Options: exactVerb,
	}
	o.Verbs = []command.Verb{
		{Use: "show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...", Short: "show the statistics the selection names (every group without one), of one device or of every device; show counts as one -s, -d as one more", Run: runShow},
		command.Planned("set dev DEV l3_stats { on | off }", "turn the L3 hardware statistics of a device on or off", planSet),
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return help() }},
	}
	return o
}

// exactVerb reads the verb as ip does, before the registry's matching:
// whole words only ("ip stats sh" is unknown, exit 1), and no verb is a
// show that does not count as -s.
func exactVerb(e *env.Env, words []string) ([]string, bool, error) {
	if len(words) == 0 {
		return nil, true, show(e, nil, e.G.Stats)
	}
	switch words[0] {
	case "show", "set", "help":
		return words, false, nil
	}
	return nil, false, fail.Localf("Command %q is unknown, try \"%s stats help\".", words[0], command.Prog)
}
