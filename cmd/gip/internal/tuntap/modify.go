package tuntap

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// tunDev is the clone device every TUN and TAP device is made through.
const tunDev = "/dev/net/tun"

// runAdd makes a persistent device: TUNSETIFF (exclusive, so that an
// existing device is an error), the owner and group if given, then
// TUNSETPERSIST so that it outlives the descriptor.
func runAdd(e *env.Env, args []string) error {
	r, err := parseArgs(args, true)
	if err != nil {
		return err
	}
	return withTun(e, r.name, r.flags|unix.IFF_TUN_EXCL, unix.Close, func(fd int) error {
		if r.uid != unset {
			if err := unix.IoctlSetInt(fd, unix.TUNSETOWNER, int(r.uid)); err != nil {
				return ioctlError("TUNSETOWNER", err)
			}
		}
		if r.gid != unset {
			if err := unix.IoctlSetInt(fd, unix.TUNSETGROUP, int(r.gid)); err != nil {
				return ioctlError("TUNSETGROUP", err)
			}
		}
		if err := unix.IoctlSetInt(fd, unix.TUNSETPERSIST, 1); err != nil {
			return ioctlError("TUNSETPERSIST", err)
		}
		return nil
	})
}

// runDelete attaches to the device and clears its persistence: it goes
// when the descriptor closes. As with ip, a device that did not exist is
// made by the attach and goes the same way, without an error. That close
// waits for the kernel to unregister the device: in a batch it runs in
// the background (Env.Background), beside the closes of the deletes that
// follow, which the kernel then serves together.
func runDelete(e *env.Env, args []string) error {
	r, err := parseArgs(args, false)
	if err != nil {
		return err
	}
	bg := e.Background
	if bg != nil && bg.Busy(r.name) {
		// The device of an earlier line is still going: attaching now
		// would find it busy.
		bg.Wait()
	}
	closeFd := unix.Close
	if bg != nil {
		closeFd = func(fd int) error {
			bg.Go(r.name, func() { unix.Close(fd) })
			return nil
		}
	}
	return withTun(e, r.name, r.flags, closeFd, func(fd int) error {
		if err := unix.IoctlSetInt(fd, unix.TUNSETPERSIST, 0); err != nil {
			return ioctlError("TUNSETPERSIST", err)
		}
		return nil
	})
}

// withTun opens the clone device in the namespace of -n, attaches the
// descriptor to device name with flags (TUNSETIFF), runs fn on it and
// closes it with closeFd.
func withTun(e *env.Env, name string, flags uint16, closeFd func(fd int) error, fn func(fd int) error) error {
	fd := -1
	err := nl.InNetNS(e.G.NetNS, func() error {
		var err error
		fd, err = unix.Open(tunDev, unix.O_RDWR|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		if _, ok := err.(unix.Errno); ok {
			return fail.Localf("open: %s", fail.Strerror(err))
		}
		return err
	}
	defer closeFd(fd)
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		return fail.Localf("ioctl(TUNSETIFF): %s", fail.Strerror(unix.EINVAL))
	}
	ifr.SetUint16(flags)
	if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
		return ioctlError("TUNSETIFF", err)
	}
	return fn(fd)
}

// ioctlError is ip's perror for a failed ioctl (exit 1).
func ioctlError(req string, err error) error {
	return &fail.Error{Msg: "ioctl(" + req + "): " + fail.Strerror(err), Code: fail.ExitLocal, Err: err}
}
