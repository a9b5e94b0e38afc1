package vrf

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

const usage = "Usage:\tip vrf show [NAME] ...\n" +
	"\tip vrf exec [NAME] cmd ...\n" +
	"\tip vrf identify [PID]\n" +
	"\tip vrf pids [NAME]"

func usageText() string { return strings.ReplaceAll(usage, "ip vrf", command.Prog+" vrf") }

// usageError is ip's usage(): the usage, exit 255, at once even in a
// batch.
func usageError() error { return fail.Fatal(fail.ExitUsage, usageText()) }

// Object is `gip vrf`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "vrf",
		Short: "VRF devices and the processes bound to them: show, exec, identify, pids",
		Match: [][2]string{
			{"identify", "identify"}, {"pids", "pids"}, {"exec", "exec"},
			{"show", "show"}, {"lst", "show"}, {"list", "show"}, {"help", "help"},
		},
		Default: "show",
		Usage:   usageText(),
		Unknown: func(w string) error {
			return fail.Fatal(fail.ExitUsage, "Command \""+w+"\" is unknown, try \""+command.Prog+" vrf help\".")
		},
	}
	o.Verbs = []command.Verb{
		{Use: "show [ NAME ]", Short: "list the VRFs and their tables, or print one VRF's table (\"default\" is the main table); with NAME, -j prints the object {\"name\", \"table\"} (ip prints text there)", Run: runShow},
		{Use: "exec NAME COMMAND ...", Short: "run a command whose sockets bind to the VRF NAME (\"default\": to none): in the VRF's cgroup v2, under the namespace's, with a BPF program that binds each new socket", Run: runExec},
		{Use: "identify [ PID ]", Short: "print the VRF a process (gip itself without PID) is bound to, nothing if none", Run: runIdentify},
		{Use: "pids NAME", Short: "list the processes bound to the VRF NAME: PID and command name", Run: runPids},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return usageError() }},
	}
	return o
}
