package tuntap

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]
       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]
       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]

Where: USER  := { STRING | NUMBER }
       GROUP := { STRING | NUMBER }`

// Object is `gip tuntap`.
func Object() *command.Object {
	o := &command.Object{
		Name:     "tuntap",
		Aliases:  []string{"tap"},
		HelpName: "tuntap",
		Short:    "persistent TUN and TAP devices: add, del, show",
		Match: [][2]string{
			{"add", "add"}, {"delete", "delete"}, {"show", "show"}, {"lst", "show"},
			{"list", "show"}, {"help", "help"},
		},
		Default: "show",
		Usage:   usageText(),
	}
	o.Verbs = []command.Verb{
		{Use: "add [ dev NAME ] mode { tun | tap } [ user USER ] [ group GROUP ] [ FLAGS ]", Short: "create a persistent device", Run: runAdd},
		{Use: "delete [ dev NAME ] mode { tun | tap } [ FLAGS ]", Short: "remove a persistent device", Run: runDelete, Overlap: true},
		{Use: "show", Short: "list the TUN and TAP devices; -d adds the processes attached to each, which -j gives as objects {\"name\", \"pid\"} (valid JSON, where ip's is not)", Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}

func usageText() string { return strings.ReplaceAll(usage, "ip tuntap", command.Prog+" tuntap") }
