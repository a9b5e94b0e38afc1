package fou

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/nl/fou"
)

const usage = `Usage: ip fou add port PORT { ipproto PROTO  | gue }
		   [ local IFADDR ] [ peer IFADDR ]
		   [ peer_port PORT ] [ dev IFNAME ]
       ip fou del port PORT [ local IFADDR ]
		   [ peer IFADDR ] [ peer_port PORT ]
		   [ dev IFNAME ]
       ip fou show

Where: PROTO { ipproto-name | 1..255 }
       PORT { 1..65535 }
       IFADDR { addr }`

var usageText = strings.ReplaceAll(usage, "ip fou", command.Prog+" fou")

// Object is `gip fou`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "fou",
		Short: "foo-over-UDP and GUE receive ports",
		Match: [][2]string{{"help", "help"}, {"add", "add"}, {"delete", "delete"}, {"show", "show"}},
		Usage: usageText,
		// ip resolves the family before it reads a verb.
		Options: genlcmd.Require(fou.FamilyName),
	}
	o.Verbs = []command.Verb{
		command.Planned("add port PORT { ipproto PROTO | gue } [ local IFADDR ] [ peer IFADDR ] [ peer_port PORT ] [ dev IFNAME ] [ -6 ]",
			"receive foo-over-UDP (the inner protocol) or GUE on a UDP port", planChange(fou.CmdAdd)),
		command.Planned("delete port PORT [ local IFADDR ] [ peer IFADDR ] [ peer_port PORT ] [ dev IFNAME ] [ -6 ]",
			"stop receiving on a port", planChange(fou.CmdDel)),
		{Use: "show", Short: "list the ports", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
