package netns

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// runIdentify prints the names of a process's namespace (this process's
// without a PID).
func runIdentify(e *env.Env, args []string) error {
	path := "/proc/self/ns/net"
	if len(args) > 0 {
		if _, err := strconv.Atoi(args[0]); err != nil {
			return fail.Invalid("Invalid pid", args[0])
		}
		path = "/proc/" + args[0] + "/ns/net"
	}
	if err := openable(path); err != nil {
		return err
	}
	var found []string
	for _, name := range env.NetnsDirNames() {
		if sameFile(path, nl.NetNSPath(name)) {
			found = append(found, name)
		}
	}
	fmt.Fprintln(e.Stdout, strings.Join(found, " "))
	return nil
}

// runPids prints the processes inside a named namespace.
func runPids(e *env.Env, args []string) error {
	name, err := nameArg(args)
	if err != nil {
		return err
	}
	path := nl.NetNSPath(name)
	if err := openable(path); err != nil {
		return err
	}
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var out strings.Builder
	for _, p := range procs {
		if sameFile(p+"/ns/net", path) {
			out.WriteString(filepath.Base(p))
			out.WriteByte('\n')
		}
	}
	_, err = e.Stdout.Write([]byte(out.String()))
	return err
}

// openable checks a namespace file is there, with ip's message if not.
func openable(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fail.Localf("Cannot open network namespace: %s", fail.Strerror(pathCause(err)))
	}
	return nil
}

// sameFile reports whether two paths are the same namespace.
func sameFile(a, b string) bool {
	var sa, sb unix.Stat_t
	if unix.Stat(a, &sa) != nil || unix.Stat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev && sa.Ino == sb.Ino
}
