package token

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

// usageText is ip's usage line with gip's name.
func usageText() string {
	return "Usage: " + command.Prog + " token [ list | set | del | get ] [ TOKEN ] [ dev DEV ]"
}

// Object is `gip token`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "token",
		Short: "IPv6 tokenized interface identifiers: set, del, get, list",
		Match: [][2]string{
			{"list", "list"}, {"lst", "list"}, {"show", "list"}, {"set", "set"}, {"add", "set"},
			{"delete", "delete"}, {"get", "list"}, {"help", "help"},
		},
		Default: "list",
		Usage:   usageText(),
	}
	o.Verbs = []command.Verb{
		{Use: "list [ dev DEV ]", Short: "show the token of every device that has IPv6 (loopback and NOARP devices have none), or of one; get is the same", Run: runList},
		command.Planned("set TOKEN dev DEV", "set the token of a device (the low 64 bits of TOKEN count; :: removes it)", planSet(false)),
		command.Planned("delete dev DEV", "remove the token of a device", planSet(true)),
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
