package tcpmetrics

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = "Usage:\tip tcp_metrics/tcpmetrics { COMMAND | help }\n" +
	"\tip tcp_metrics { show | flush } SELECTOR\n" +
	"\tip tcp_metrics delete [ address ] ADDRESS\n" +
	"SELECTOR := [ [ address ] PREFIX ]"

// usageText is ip's usage with gip's name.
func usageText() string {
	return strings.ReplaceAll(usage, "ip tcp_metrics", command.Prog+" tcp_metrics")
}

// Object is `gip tcp_metrics`.
func Object() *command.Object {
	o := &command.Object{
		Name:    "tcp_metrics",
		Aliases: []string{"tcpmetrics"},
		Short:   "the kernel's cache of TCP metrics per destination: show, delete, flush",
		Match: [][2]string{
			{"list", "show"}, {"lst", "show"}, {"show", "show"}, {"delete", "delete"}, {"remove", "delete"},
			{"flush", "flush"}, {"help", "help"},
		},
		Default: "show",
		Usage:   usageText(),
	}
	o.Verbs = []command.Verb{
		{Use: "show [ [ address ] PREFIX ] [ src ADDRESS ]", Short: "show the entries whose destination lies in PREFIX (and whose source is the src ADDRESS); an exact destination address asks the kernel for that entry, which -j prints as a JSON array of one object (ip prints text there)", Run: runShow},
		command.Planned("delete [ address ] ADDRESS [ src ADDRESS ]", "delete the entry of a destination (and source)", planDelete),
		{Use: "flush [ [ address ] PREFIX ] [ src ADDRESS ]", Short: "delete the entries whose destination lies in PREFIX, every entry without one; -s counts the rounds, -s -s lists what it deletes", Run: runFlush},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
