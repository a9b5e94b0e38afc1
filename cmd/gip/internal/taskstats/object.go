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
		{Use: "show { pid PID | tgid TGID }", Short: "the statistics of a task or of a thread group", Run: runShow},
		{Use: "monitor [ cpumask MASK ]", Short: "print a record for every task that exits", Run: runMonitor},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
