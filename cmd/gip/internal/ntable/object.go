package ntable

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip ntable change name NAME [ dev DEV ]
        [ thresh1 VAL ] [ thresh2 VAL ] [ thresh3 VAL ] [ gc_int MSEC ]
        [ PARMS ]
Usage: ip ntable show [ dev DEV ] [ name NAME ]
PARMS := [ base_reachable MSEC ] [ retrans MSEC ] [ gc_stale MSEC ]
         [ delay_probe MSEC ] [ queue LEN ]
         [ app_probes VAL ] [ ucast_probes VAL ] [ mcast_probes VAL ]
         [ anycast_delay MSEC ] [ proxy_delay MSEC ] [ proxy_queue LEN ]
         [ locktime MSEC ]`

// Object is `gip ntable`.
func Object() *command.Object {
	o := &command.Object{
		Name:    "ntable",
		Aliases: []string{"ntbl"},
		Short:   "neighbour table thresholds, timers and per-device parameters: show, change",
		Match: [][2]string{
			{"change", "change"}, {"chg", "change"}, {"show", "show"}, {"lst", "show"}, {"list", "show"},
			{"help", "help"},
		},
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip ntable", command.Prog+" ntable"),
	}
	o.Verbs = []command.Verb{
		command.Planned("change name NAME [ dev DEV ] [ thresh1 VAL ] [ thresh2 VAL ] [ thresh3 VAL ] [ gc_int MSEC ] [ PARMS ]",
			"change a table's thresholds and interval, or the parameters of its defaults or of one device", planChange),
		{Use: "show [ dev DEV | dev none ] [ name NAME ]", Short: "show the tables and their devices' parameters; -s adds the table's configuration and statistics (kernel-wide, not per namespace)", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
