package taskstats

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip taskstats show { pid PID | tgid TGID }
       ip taskstats monitor [ cpumask MASK ]
       ip taskstats help
where  MASK := a CPU list such as 0-3,8 (all online CPUs when not given)`

// Object is `gip taskstats`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "taskstats",
		Short: "per-task CPU, I/O and delay accounting of the kernel: show, monitor exits",
		Match: [][2]string{
			{"show", "show"}, {"list", "show"}, {"monitor", "monitor"}, {"help", "help"},
		},
		Usage: strings.ReplaceAll(usage, "ip taskstats", command.Prog+" taskstats"),
	}
	o.Verbs = []command.Verb{
		{Use: "show { pid PID | tgid TGID }", Run: runShow, Short: "the statistics of a task, or summed over a thread group " +
			"(a group's record has only its delays, times and context switches); a task that does not exist is " +
			"\"Cannot find pid PID\", exit 1. Delays other than cpu are counted only while the kernel's delay " +
			"accounting is on (sysctl kernel.task_delayacct=1; show says when it is off, -j as \"delayacct\"). The kernel rounds the bytes and syscalls of " +
			"read and written down to a multiple of 1024. Under -j, times are integers in the unit their key " +
			"ends in (_us, _ns), delays an object per kind under \"delays\""},
		{Use: "monitor [ cpumask MASK ]", Run: runMonitor, Short: "print a record for every task that exits on " +
			"the CPUs of MASK (a CPU list such as 0-3,8; every online CPU when not given), with its exit code or " +
			"signal; under -j one JSON object per line, show's object with \"event\":\"exit\". Needs CAP_NET_ADMIN"},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
