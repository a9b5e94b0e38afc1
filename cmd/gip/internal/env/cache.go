package env

import (
	"errors"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// lookupLink finds a link by name for a command that acts on it; a missing
// one is `Cannot find device "x"` (exit 1).
func LookupLink(e *Env, name string) (*rtnl.Link, error) {
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	l, err := rtnl.LinkByName(conn, name)
	if err != nil {
		if errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ERANGE) {
			return nil, fail.NoDevice(name)
		}
		return nil, err
	}
	return l, nil
}

// showLink finds a link named by a show selector; a missing one is
// `Device "x" does not exist.` (exit 1).
func ShowLink(e *Env, name string) (*rtnl.Link, error) {
	l, err := LookupLink(e, name)
	var ce *fail.Error
	if errors.As(err, &ce) && errors.Is(err, unix.ENODEV) {
		return nil, &fail.Error{Msg: "Device \"" + name + "\" does not exist.", Code: fail.ExitLocal, Err: unix.ENODEV}
	}
	return l, err
}

// argLink resolves a device named as a keyword's argument (master, link
// selectors): a missing one is iproute2's invarg "Device does not exist".
func ArgLink(e *Env, name string) (*rtnl.Link, error) {
	l, err := LookupLink(e, name)
	var ce *fail.Error
	if errors.As(err, &ce) && errors.Is(err, unix.ENODEV) {
		return nil, fail.Invalid("Device does not exist\n", name)
	}
	return l, err
}

// isGone reports a refusal because the object no longer exists, which a
// flush ignores.
func IsGone(err error) bool {
	return errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EADDRNOTAVAIL) || errors.Is(err, unix.ESRCH)
}

// netnsDirNames lists /run/netns in directory order, as ip does.
func NetnsDirNames() []string {
	d, err := os.Open(nl.NetNSDir)
	if err != nil {
		return nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	return names
}

// kernel marks an error from the kernel so it prints as RTNETLINK answers.
func Kernel(err error) error {
	if err == nil {
		return nil
	}
	var op *nl.OpError
	if errors.As(err, &op) {
		return &fail.KernelError{Err: err}
	}
	return err
}

func IsTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

const UserHZ = 100

// dumpError is ip's report of a dump the kernel refused: its message and
// "Dump terminated" (exit 2).
func DumpError(err error, what string) error {
	var op *nl.OpError
	if errors.As(err, &op) {
		return &fail.Error{Code: fail.ExitKernel, Msg: (&fail.KernelError{Err: err}).Error() + "\n" + what, Err: err}
	}
	return err
}
