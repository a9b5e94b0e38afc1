package tuntap

import (
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// inSysfs runs fn where /sys shows the devices of the namespace ns (""
// for the process's own). A sysfs mount shows the devices of the
// namespace that mounted it, which need not be the one the process is
// in (gip -n moves the process, not its mounts): fn runs on a thread of
// its own, in a mount namespace of its own with a fresh sysfs on /sys,
// and that thread ends with it. Without the privilege for that, fn reads
// the /sys there is.
func inSysfs(ns string, fn func() error) error {
	body := func() error {
		// The mounts are made private to this thread's mount namespace
		// first: without that, unmounting /sys here would unmount it
		// for every peer of a shared mount.
		if unix.Unshare(unix.CLONE_NEWNS) == nil && unix.Mount("", "/", "", unix.MS_SLAVE|unix.MS_REC, "") == nil {
			if err := unix.Unmount("/sys", unix.MNT_DETACH); err == nil || errors.Is(err, unix.EINVAL) {
				_ = unix.Mount("sysfs", "/sys", "sysfs", 0, "")
			}
		}
		return fn()
	}
	if ns != "" {
		// InNetNS runs body on a throwaway thread already.
		return nl.InNetNS(ns, body)
	}
	errc := make(chan error, 1)
	go func() {
		// Never unlocked: the thread, and the mount namespace it
		// entered, end with the goroutine.
		runtime.LockOSThread()
		errc <- body()
	}()
	return <-errc
}

// readProp reads /sys/class/net/DEV/PROP as a number, as C's strtol reads
// it with base 0 (0x for hex). ok is false when the file cannot be read
// or holds no number; ip then leaves the device out.
func readProp(dev, prop string) (int64, bool) {
	b, err := os.ReadFile("/sys/class/net/" + dev + "/" + prop)
	if err != nil {
		return 0, false
	}
	s, _, _ := strings.Cut(string(b), "\n")
	v, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}
