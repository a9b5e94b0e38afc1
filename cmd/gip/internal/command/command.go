package command

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/spf13/cobra"
)

// object is one gip object: its cobra command (with one subcommand per
// verb), the verbs in iproute2's matching order and the verb run when none
// is given.
type Object struct {
	Name  string
	Short string
	// helpName is the name "try ... help" messages use, if not name.
	HelpName string
	// verbs maps the words iproute2 tries, in its order, to the verb
	// command's name: {"set", "set"}, {"change", "set"}, ...
	Verbs       [][2]string
	DefaultVerb string
	Usage       string // iproute2-style usage, printed by "gip OBJECT help"
	// cmd builds the object's command with its verbs.
	Cmd func(env *env.Env) *cobra.Command
}

// verbCmd builds a verb's command: iproute2 keywords, no flags.
func VerbCmd(use, short string, run func(args []string) error) *cobra.Command {
	return &cobra.Command{
		Use:                use,
		Short:              short,
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			for _, a := range args {
				if a == "--help" {
					return c.Help()
				}
			}
			return run(args)
		},
	}
}

const Prog = "gip"

func LookupVerb(w string, verbs [][2]string) (string, bool) {
	for _, v := range verbs {
		if grammar.Matches(w, v[0]) {
			return v[1], true
		}
	}
	return "", false
}
