package netconf

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip netconf show [ dev STRING ]`

// Object is `gip netconf`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "netconf",
		Short: "per-device forwarding and filtering settings",
		Match: [][2]string{
			{"show", "show"}, {"lst", "show"}, {"list", "show"}, {"help", "help"},
		},
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip netconf", command.Prog+" netconf"),
	}
	o.Verbs = []command.Verb{
		{Use: "show [ dev STRING ]", Short: "show the settings of every device, or of one; with -4, -6 or -f and a device, -j gives that entry as a JSON array of one object (ip prints text there)", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
