package mpls

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"golang.org/x/sys/unix"
)

const usage = `Usage: ip mpls route { add | del | show } ...   (the same as ip -f mpls route ...)
       ip mpls labels N
       ip mpls dev DEV input { on | off }`

// Object is `gip mpls`.
func Object() *command.Object {
	return &command.Object{
		Name:    "mpls",
		Short:   "MPLS routes and the sysctls MPLS needs",
		Match:   [][2]string{{"route", "route"}, {"labels", "labels"}, {"dev", "dev"}},
		Default: "route",
		Usage:   usageText(),
		Verbs:   verbs(),
	}
}

// usageText is the usage with the program's name for ip's.
func usageText() string { return strings.ReplaceAll(usage, "ip ", command.Prog+" ") }

// verbs are mpls route, which runs route with the MPLS family, and the
// two sysctls MPLS needs.
func verbs() []command.Verb {
	var vs []command.Verb
	vs = append(vs, command.Verb{Use: "route VERB ...", Short: "MPLS routes, as -f mpls route", Run: func(e *env.Env, args []string) error {
		g := *e.G
		g.Family = unix.AF_MPLS
		sub := &env.Env{Ctx: e.Ctx, Prog: e.Prog, G: &g, Stdin: e.Stdin, Stdout: e.Stdout, Stderr: e.Stderr, Dispatch: e.Dispatch}
		defer sub.Close()
		return e.Dispatch(sub, append([]string{"route"}, args...))
	}})
	vs = append(vs, command.Verb{Use: "labels N", Short: "set net.mpls.platform_labels", Run: func(e *env.Env, args []string) error {
		return runSysctl(e, args, true)
	}})
	vs = append(vs, command.Verb{Use: "dev DEV input on|off", Short: "set net.mpls.conf.DEV.input", Run: func(e *env.Env, args []string) error {
		return runSysctl(e, args, false)
	}})
	return vs
}
