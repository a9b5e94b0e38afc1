package env

import (
	"errors"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// LookupLink finds a link by name for a command that acts on it; a missing
// one is `Cannot find device "x"` (exit 1).
func LookupLink(e *Env, name string) (*rtnl.Link, error) {
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	l, err := rtnl.LinkByName(conn, name)
	if isNoDevice(err) {
		return nil, fail.NoDevice(name)
	}
	return l, err
}

// ShowLink finds a link named by a show selector; a missing one is
// `Device "x" does not exist.` (exit 1).
func ShowLink(e *Env, name string) (*rtnl.Link, error) {
	l, err := LookupLink(e, name)
	var ce *fail.Error
	if errors.As(err, &ce) && errors.Is(err, unix.ENODEV) {
		return nil, &fail.Error{Msg: "Device \"" + name + "\" does not exist.", Code: fail.ExitLocal, Err: unix.ENODEV}
	}
	return l, err
}

// ArgLink resolves a device named as a keyword's argument (master, link
// selectors): a missing one is iproute2's invarg "Device does not exist".
func ArgLink(e *Env, name string) (*rtnl.Link, error) {
	l, err := LookupLink(e, name)
	var ce *fail.Error
	if errors.As(err, &ce) && errors.Is(err, unix.ENODEV) {
		return nil, fail.Invalid("Device does not exist\n", name)
	}
	return l, err
}

// NetnsDirNames lists /run/netns in directory order, as ip does.
func NetnsDirNames() []string { return nl.NetNSNames() }

func IsTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

const UserHZ = 100
