package maddress

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"golang.org/x/sys/unix"
)

const usage = `Usage: ip maddr [ add | del ] MULTIADDR dev STRING
       ip maddr show [ dev STRING ]`

// Object is `gip maddress`.
func Object() *command.Object {
	o := &command.Object{
		Name:     "maddress",
		HelpName: "maddr",
		Short:    "multicast addresses of devices: show, add, del",
		Match: [][2]string{
			{"add", "add"}, {"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
			{"help", "help"},
		},
		Default: "show",
		Usage:   usageText(),
	}
	o.Verbs = []command.Verb{
		{Use: "add MULTIADDR dev STRING", Short: "join a link-layer multicast group", Run: func(e *env.Env, args []string) error {
			return runModify(e, args, unix.SIOCADDMULTI)
		}},
		{Use: "delete MULTIADDR dev STRING", Short: "leave a link-layer multicast group", Run: func(e *env.Env, args []string) error {
			return runModify(e, args, unix.SIOCDELMULTI)
		}},
		{Use: "show [ dev STRING ]", Short: "list the multicast groups of every device, or of one", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}

func usageText() string { return strings.ReplaceAll(usage, "ip maddr", command.Prog+" maddr") }
