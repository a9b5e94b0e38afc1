package vrf

import (
	"os"
	"os/exec"
	"syscall"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/netns"
	"golang.org/x/sys/unix"
)

// runExec is exec NAME COMMAND...: the command starts in the VRF's cgroup
// (made when missing, its socket program attached), inside the -n
// namespace when there is one, and its exit status is gip's.
func runExec(e *env.Env, args []string) error {
	switch len(args) {
	case 0:
		return fail.Localf("No VRF name specified")
	case 1:
		return fail.Localf("No command specified")
	}
	cg, err := join(e, args[0])
	if err != nil {
		return err
	}
	defer cg.Close()
	into := func(c *exec.Cmd) {
		c.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: int(cg.Fd())}
	}
	if e.G.NetNS != "" {
		return netns.ExecIn(e, e.G.NetNS, args[1:], into)
	}
	return netns.Exec(e, args[1:], into)
}

// join prepares the cgroup of the VRF name ("default": of no VRF) as
// ip's vrf_switch does and opens it for a command to start in. ip exits
// with 255 when any of this fails.
func join(e *env.Env, name string) (*os.File, error) {
	var index int32
	vrf := ""
	if name != "default" {
		i, _, _, ok, err := byName(e, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, switchFailed("Invalid VRF name")
		}
		index, vrf = i, name
	}
	mnt, err := cgroup2Mount()
	if err != nil {
		return nil, asSwitch(err)
	}
	dir, err := vrfCgroup(e, mnt, vrf)
	if err != nil {
		return nil, asSwitch(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, switchFailed("Failed to setup vrf cgroup2 directory")
	}
	if index != 0 {
		if err := bindSockets(dir, index); err != nil {
			return nil, asSwitch(err)
		}
	}
	// ip writes its pid into cgroup.procs; the command starts in the
	// directory instead (CLONE_INTO_CGROUP), but the file must take it.
	procs, err := os.OpenFile(dir+"/cgroup.procs", os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return nil, switchFailed("Failed to open cgroups.procs file: " + fail.Strerror(pathErr(err)) + ".")
	}
	procs.Close()
	f, err := os.OpenFile(dir, unix.O_DIRECTORY|unix.O_RDONLY, 0)
	if err != nil {
		return nil, switchFailed("Failed to join cgroup")
	}
	return f, nil
}

// switchFailed is a failure to switch VRF: its message, exit 255.
func switchFailed(msg string) error { return &fail.Error{Code: fail.ExitUsage, Msg: msg} }

// asSwitch gives a failure of the switch ip's exit status.
func asSwitch(err error) error {
	if e, ok := err.(*fail.Error); ok {
		return switchFailed(e.Msg)
	}
	return err
}
