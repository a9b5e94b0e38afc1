package mpls

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

const mplsUsage = `Usage: ip mpls route { add | del | show } ...   (the same as ip -f mpls route ...)
       ip mpls labels N
       ip mpls dev DEV input { on | off }`

func Object() *command.Object {
	return &command.Object{
		Name:    "mpls",
		Short:   "MPLS routes and the sysctls MPLS needs",
		Match:   [][2]string{{"route", "route"}, {"labels", "labels"}, {"dev", "dev"}},
		Default: "route",
		Usage:   replaceIP(mplsUsage),
		Verbs:   mplsVerbs(),
	}
}

func replaceIP(s string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if i+3 <= len(s) && s[i:i+3] == "ip " && (i == 0 || s[i-1] == ' ' || s[i-1] == '(') {
			out = append(out, command.Prog+" "...)
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

func mplsVerbs() []command.Verb {
	var vs []command.Verb
	vs = append(vs, command.Verb{Use: "route VERB ...", Short: "MPLS routes, as -f mpls route", Run: func(e *env.Env, args []string) error {
		g := *e.G
		g.Family = unix.AF_MPLS
		sub := &env.Env{Ctx: e.Ctx, Prog: e.Prog, G: &g, Stdin: e.Stdin, Stdout: e.Stdout, Stderr: e.Stderr, Dispatch: e.Dispatch}
		defer sub.Close()
		return e.Dispatch(sub, append([]string{"route"}, args...))
	}})
	vs = append(vs, command.Verb{Use: "labels N", Short: "set net.mpls.platform_labels", Run: func(e *env.Env, args []string) error {
		return runMPLSSysctl(e, &mplsSysctlOptions{words: args, Labels: true})
	}})
	vs = append(vs, command.Verb{Use: "dev DEV input on|off", Short: "set net.mpls.conf.DEV.input", Run: func(e *env.Env, args []string) error {
		return runMPLSSysctl(e, &mplsSysctlOptions{words: args})
	}})
	return vs
}

// mplsSysctlOptions is `mpls labels N` or `mpls dev DEV input on|off`.
type mplsSysctlOptions struct {
	words  []string
	Labels bool
}

func runMPLSSysctl(e *env.Env, o *mplsSysctlOptions) error {
	var path, value string
	if o.Labels {
		if len(o.words) != 1 {
			return fail.Usagef("%s", replaceIP(mplsUsage))
		}
		n, ok := grammar.ParseCUint(o.words[0], 32)
		if !ok {
			return fail.Invalid("invalid label count\n", o.words[0])
		}
		path, value = "net/mpls/platform_labels", strconv.FormatUint(n, 10)
	} else {
		if len(o.words) != 3 || o.words[1] != "input" || (o.words[2] != "on" && o.words[2] != "off") {
			return fail.Usagef("%s", replaceIP(mplsUsage))
		}
		dev := o.words[0]
		if !grammar.ValidIfName(dev) {
			return fail.Invalid("not a valid ifname", dev)
		}
		value = "0"
		if o.words[2] == "on" {
			value = "1"
		}
		path = filepath.Join("net/mpls/conf", dev, "input")
	}
	err := writeSysctlIn(e.G.NetNS, path, value)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist) && o.Labels:
		return fail.Localf("Error: the kernel has no MPLS (no /proc/sys/net/mpls); load the mpls_router module")
	case errors.Is(err, os.ErrNotExist):
		return fail.Localf("Error: no MPLS settings for device %q (no such device, or no MPLS in the kernel)", o.words[0])
	}
	return fail.Localf("Error: writing /proc/sys/%s: %v", path, err)
}

// writeSysctlIn writes a net sysctl as seen from namespace ns ("" for the
// caller's): on a throwaway OS thread that enters the namespace, so the
// process's own threads never change namespace.
func writeSysctlIn(ns, path, value string) error {
	if ns == "" {
		return os.WriteFile(filepath.Join("/proc/sys", path), []byte(value), 0o644)
	}
	errc := make(chan error, 1)
	go func() {
		// The thread is left locked so it dies with the goroutine instead
		// of returning to the pool inside another namespace.
		runtime.LockOSThread()
		f, err := os.Open(nl.NetNSPath(ns))
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("entering namespace %s: %w", ns, err)
			return
		}
		errc <- os.WriteFile(filepath.Join("/proc/sys", path), []byte(value), 0o644)
	}()
	return <-errc
}
