package mpls

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// runSysctl is `mpls labels N` (labels) or `mpls dev DEV input on|off`.
func runSysctl(e *env.Env, words []string, labels bool) error {
	var path, value string
	if labels {
		if len(words) != 1 {
			return fail.Usagef("%s", usageText())
		}
		n, ok := grammar.ParseCUint(words[0], 32)
		if !ok {
			return fail.Invalid("invalid label count\n", words[0])
		}
		path, value = "net/mpls/platform_labels", strconv.FormatUint(n, 10)
	} else {
		if len(words) != 3 || words[1] != "input" || (words[2] != "on" && words[2] != "off") {
			return fail.Usagef("%s", usageText())
		}
		dev := words[0]
		if !grammar.ValidIfName(dev) {
			return fail.Invalid("not a valid ifname", dev)
		}
		value = "0"
		if words[2] == "on" {
			value = "1"
		}
		path = filepath.Join("net/mpls/conf", dev, "input")
	}
	err := writeSysctlIn(e.G.NetNS, path, value)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist) && labels:
		return fail.Localf("Error: the kernel has no MPLS (no /proc/sys/net/mpls); load the mpls_router module")
	case errors.Is(err, os.ErrNotExist):
		return fail.Localf("Error: no MPLS settings for device %q (no such device, or no MPLS in the kernel)", words[0])
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
