package mroute

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip mroute show [ [ to ] PREFIX ] [ from PREFIX ] [ iif DEVICE ]
                      [ table TABLE_ID ]
TABLE_ID := [ local | main | default | all | NUMBER ]`

// usageText is ip's usage with gip's name.
func usageText() string { return strings.ReplaceAll(usage, "ip mroute", command.Prog+" mroute") }

// Object is `gip mroute`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "mroute",
		Short: "the multicast forwarding cache: show",
		Match: [][2]string{
			{"list", "show"}, {"show", "show"}, {"lst", "show"}, {"help", "help"},
		},
		Default: "show",
		Usage:   usageText(),
	}
	o.Verbs = []command.Verb{
		{Use: "show [ [ to ] PREFIX ] [ from PREFIX ] [ iif DEVICE ] [ table TABLE_ID ]", Short: "show the entries of the IPv4 cache's default table (-6: IPv6, every table), or of the table asked for (all: every one); -s adds counters and age. For a family without multicast routing (-f link) ip prints nothing, gip -j an empty list", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
