package state

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"golang.org/x/sys/unix"
)

// Network managers run in the host's namespace and may revert what an
// apply changes there. apply warns when one of them runs and the
// namespace it changes is the one of process 1.

// managerNames are the processes' names (their comm) and how a warning
// calls them.
var managerNames = map[string]string{
	"NetworkManager":  "NetworkManager",
	"systemd-network": "systemd-networkd",
	"connmand":        "ConnMan",
	"wicked":          "wicked",
}

// managersRunning lists the network managers among the processes of
// proc (/proc), sorted.
func managersRunning(proc string) []string {
	entries, err := os.ReadDir(proc)
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range entries {
		if d.Name()[0] < '0' || d.Name()[0] > '9' {
			continue
		}
		comm, err := os.ReadFile(filepath.Join(proc, d.Name(), "comm"))
		if err != nil {
			continue
		}
		if name, ok := managerNames[strings.TrimSpace(string(comm))]; ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// sameFile reports whether two paths name the same inode.
func sameFile(a, b string) bool {
	var sa, sb unix.Stat_t
	return unix.Stat(a, &sa) == nil && unix.Stat(b, &sb) == nil && sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

// warnManagers warns that a network manager may revert the apply, when
// it changes the host's namespace.
func warnManagers(e *env.Env) {
	ns := "/proc/thread-self/ns/net"
	if e.G.NetNS != "" {
		ns = envNetNSPath(e)
	}
	if !sameFile(ns, "/proc/1/ns/net") {
		return
	}
	for _, m := range managersRunning("/proc") {
		fmt.Fprintf(e.Stderr, "Warning: %s manages this namespace and may revert what gip state applies.\n", m)
	}
}
