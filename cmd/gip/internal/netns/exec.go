package netns

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// runExec runs a command inside a named namespace, or with -all inside
// every one in turn, each preceded by its name.
func runExec(e *env.Env, args []string) error {
	if e.G.All {
		if len(args) == 0 {
			return fail.Localf("No command specified")
		}
		failed := false
		for _, name := range env.NetnsDirNames() {
			fmt.Fprintf(e.Stdout, "\nnetns: %s\n", name)
			if err := execIn(e, name, args); err != nil {
				failed = true
				if fail.ExitCode(err) != 0 {
					fail.Report(e.Stderr, command.Prog, err)
				}
			}
		}
		if failed {
			return &fail.Error{Code: fail.ExitLocal}
		}
		return nil
	}
	name, err := nameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No command specified")
	}
	return execIn(e, name, args[1:])
}

// execIn runs argv inside the named namespace the way `ip netns exec`
// does.
func execIn(e *env.Env, name string, argv []string) error { return ExecIn(e, name, argv, nil) }

// ExecIn runs argv inside the named namespace the way `ip netns exec`
// does: on a thread of its own that enters the namespace and a private
// mount namespace with the namespace's /sys and /etc/netns/NAME files
// bound over /etc. The calling thread never moves. The command's exit
// status becomes gip's. setup, when not nil, prepares the command before
// it starts (the cgroup it starts in).
func ExecIn(e *env.Env, name string, argv []string, setup func(*exec.Cmd)) error {
	path := nl.NetNSPath(name)
	nsf, err := os.Open(path)
	if err != nil {
		return &nl.NetNSError{Name: name, Err: pathCause(err)}
	}
	defer nsf.Close()
	type result struct{ err error }
	done := make(chan result, 1)
	go func() {
		// This thread is never unlocked: it dies with the goroutine, and
		// the namespaces it entered with it.
		runtime.LockOSThread()
		if err := unix.Setns(int(nsf.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- result{err: fail.Localf("setting the network namespace %q failed: %s", name, fail.Strerror(err))}
			return
		}
		if err := unix.Unshare(unix.CLONE_NEWNS); err != nil {
			done <- result{err: fail.Localf("unshare failed: %s", fail.Strerror(err))}
			return
		}
		_ = unix.Mount("", "/", "none", unix.MS_SLAVE|unix.MS_REC, "")
		if err := unix.Unmount("/sys", unix.MNT_DETACH); err == nil || errors.Is(err, unix.EINVAL) {
			_ = unix.Mount(name, "/sys", "sysfs", 0, "")
		}
		bindEtc(name)
		done <- result{err: Exec(e, argv, setup)}
	}()
	r := <-done
	return r.err
}

// Exec runs argv where gip is, with gip's standard streams, and returns
// its exit status as gip's; setup, when not nil, prepares the command
// before it starts.
func Exec(e *env.Env, argv []string, setup func(*exec.Cmd)) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
	if setup != nil {
		setup(cmd)
	}
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee):
		code := ee.ExitCode()
		if code < 0 {
			code = 128 + int(ee.Sys().(interface{ Signal() unix.Signal }).Signal())
		}
		return &fail.Error{Code: code}
	}
	return fail.Localf("exec of %q failed: %s", argv[0], fail.Strerror(pathCause(errors.Unwrap(err))))
}

// bindEtc binds each file of /etc/netns/NAME over its /etc counterpart.
func bindEtc(name string) {
	dir := filepath.Join("/etc/netns", name)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		_ = unix.Mount(filepath.Join(dir, e.Name()), filepath.Join("/etc", e.Name()), "none", unix.MS_BIND, "")
	}
}
