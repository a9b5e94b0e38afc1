package netns

import (
	"os"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// runAttach names the namespace of a process: its /proc/PID/ns/net bound
// over a new file under /run/netns.
func runAttach(_ *env.Env, args []string) error {
	name, err := nameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No pid specified")
	}
	pid, err := strconv.Atoi(args[1])
	if err != nil {
		return fail.Invalid("Invalid pid", args[1])
	}
	src := "/proc/" + strconv.Itoa(pid) + "/ns/net"
	dst := nl.NetNSPath(name)
	if err := os.MkdirAll(nl.NetNSDir, 0o755); err != nil {
		return fail.Localf("mkdir %s failed: %s", nl.NetNSDir, fail.Strerror(err))
	}
	f, err := os.OpenFile(dst, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0)
	if err != nil {
		return fail.Localf("Cannot create namespace file %q: %s", dst, fail.Strerror(pathCause(err)))
	}
	f.Close()
	if err := unix.Mount(src, dst, "none", unix.MS_BIND, ""); err != nil {
		os.Remove(dst)
		return fail.Localf("Bind %s -> %s failed: %s", src, dst, fail.Strerror(err))
	}
	return nil
}
