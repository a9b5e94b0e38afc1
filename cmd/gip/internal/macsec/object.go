package macsec

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

const usage = `Usage: ip macsec add DEV tx sa { 0..3 } [ OPTS ] key ID KEY
       ip macsec set DEV tx sa { 0..3 } [ OPTS ]
       ip macsec del DEV tx sa { 0..3 }
       ip macsec add DEV rx SCI [ on | off ]
       ip macsec set DEV rx SCI [ on | off ]
       ip macsec del DEV rx SCI
       ip macsec add DEV rx SCI sa { 0..3 } [ OPTS ] key ID KEY
       ip macsec set DEV rx SCI sa { 0..3 } [ OPTS ]
       ip macsec del DEV rx SCI sa { 0..3 }
       ip macsec show
       ip macsec show DEV
       ip macsec offload DEV [ off | phy | mac ]
where  OPTS := [ pn <u32> | xpn <u64> ] [ salt SALT ] [ ssci <u32> ] [ on | off ]
       ID   := 128-bit hex string
       KEY  := 128-bit or 256-bit hex string
       SCI  := { sci <u64> | port { 1..2^16-1 } address <lladdr> }
       SALT := 96-bit hex string`

var usageText = strings.ReplaceAll(usage, "ip macsec", command.Prog+" macsec")

// usageError is ip's usage (exit 255).
func usageError() error { return fail.Usagef("%s", usageText) }

// Object is `gip macsec`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "macsec",
		Short: "MACsec secure channels, associations and offload of macsec devices",
		Match: [][2]string{{"help", "help"}, {"show", "show"}, {"add", "add"}, {"set", "set"}, {"delete", "delete"},
			{"offload", "offload"}},
		Usage: usageText,
		// ip resolves the family before it reads a verb.
		Options: genlcmd.Require(macsec.FamilyName),
	}
	o.Verbs = []command.Verb{
		{Use: "show [ DEV ]", Short: "list the devices' SCs and SAs (-s: with their counters), text and -j as ip's: \"sc\" and " +
			"\"sa\" say whether the encoding SA is not 0, and an extended packet number prints in 32 bits, as ip prints them", Run: runShow},
		command.Planned("add DEV { tx sa AN [ OPTS ] key ID KEY | rx SCI [ on | off ] | rx SCI sa AN [ OPTS ] key ID KEY }",
			"add a transmit SA, a receive SC or a receive SA", planChange(opAdd)),
		command.Planned("set DEV { tx sa AN [ OPTS ] | rx SCI [ on | off ] | rx SCI sa AN [ OPTS ] }",
			"change a transmit SA, a receive SC or a receive SA", planChange(opSet)),
		command.Planned("delete DEV { tx sa AN | rx SCI | rx SCI sa AN }",
			"delete a transmit SA, a receive SC or a receive SA", planChange(opDel)),
		command.Planned("offload DEV { off | phy | mac }", "offload the device to its PHY or MAC, or not", planOffload),
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
