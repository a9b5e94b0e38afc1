package nl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
)

// NetNSDir is where named network namespaces live, shared with iproute2
// (`ip netns add NAME` makes /run/netns/NAME; /var/run is a link to /run).
const NetNSDir = "/run/netns"

// NetNSPath returns the file that names a namespace: ns itself if it holds a
// slash, else NetNSDir/ns.
func NetNSPath(ns string) string {
	if strings.ContainsRune(ns, '/') {
		return ns
	}
	return filepath.Join(NetNSDir, ns)
}

// onThrowawayThread runs fn on a goroutine locked to its OS thread and never
// unlocked, so the runtime ends that thread when fn returns: whatever fn did
// to the thread (entering a namespace) dies with it and never reaches the
// caller's thread.
func onThrowawayThread(fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		errc <- fn()
	}()
	return <-errc
}

// InNetNS runs fn in the namespace ns (a name under NetNSDir or a path)
// on a thread of its own, which ends with it; "" runs fn where the caller
// is. It is for what names the namespace's objects outside netlink (a bpf
// query by interface index).
func InNetNS(ns string, fn func() error) error {
	if ns == "" {
		return fn()
	}
	h, err := netns.GetFromPath(NetNSPath(ns))
	if err != nil {
		return &NetNSError{Name: ns, Err: err}
	}
	defer h.Close()
	return onThrowawayThread(func() error {
		if err := netns.Set(h); err != nil {
			return &NetNSError{Name: ns, Op: "enter", Err: err}
		}
		return fn()
	})
}

// socketInNetNS opens a netlink socket inside the namespace ns without
// moving the calling thread.
func socketInNetNS(ns string, proto int) (int, error) {
	path := NetNSPath(ns)
	h, err := netns.GetFromPath(path)
	if err != nil {
		return -1, &NetNSError{Name: ns, Err: err}
	}
	defer h.Close()
	fd := -1
	err = onThrowawayThread(func() error {
		if err := netns.Set(h); err != nil {
			return &NetNSError{Name: ns, Op: "enter", Err: err}
		}
		var err error
		fd, err = openSocket(proto)
		return err
	})
	return fd, err
}

// EnterNetNS moves the whole process, every thread, into the namespace
// ns (a name under NetNSDir or a path), as a single-threaded C program's
// setns(2) does: everything opened afterwards, from any goroutine, belongs
// to ns. It costs no thread, where Config.NetNS costs one per socket, and
// is for programs whose every action is in ns (`gip -n NAME ...`); a
// library or a test must use Config.NetNS instead. It fails with an error
// wrapping errors.ErrUnsupported when the runtime cannot change all its
// threads (a binary built with cgo), and the caller then falls back to
// Config.NetNS.
func EnterNetNS(ns string) error {
	f, err := os.Open(NetNSPath(ns))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &NetNSError{Name: ns, Err: err}
	}
	defer f.Close()
	_, _, errno := syscall.AllThreadsSyscall(unix.SYS_SETNS, f.Fd(), unix.CLONE_NEWNET, 0)
	switch errno {
	case 0:
		return nil
	case unix.ENOTSUP:
		return fmt.Errorf("enter network namespace %q: %w", ns, errors.ErrUnsupported)
	}
	return &NetNSError{Name: ns, Op: "enter", Err: errno}
}

// NetNSError reports a namespace that could not be opened, created or
// removed. Its message reads like iproute2's.
type NetNSError struct {
	Name string
	Op   string // "open" (the default), "enter", "create", "delete"
	Err  error
}

func (e *NetNSError) Error() string {
	switch e.Op {
	case "create":
		return fmt.Sprintf("Cannot create namespace %q: %v", e.Name, errText(e.Err))
	case "delete":
		return fmt.Sprintf("Cannot remove namespace %q: %v", e.Name, errText(e.Err))
	case "enter":
		return fmt.Sprintf("setting the network namespace %q failed: %v", e.Name, errText(e.Err))
	}
	return fmt.Sprintf("Cannot open network namespace %q: %v", e.Name, errText(e.Err))
}

func (e *NetNSError) Unwrap() error { return e.Err }

// errText is an errno's strerror text with a capital letter, as C programs
// print it ("No such file or directory").
func errText(err error) string {
	var errno unix.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return err.Error()
}

// prepareNetNSDir makes NetNSDir exist and be a shared mount point, so a
// namespace mounted there is seen from every mount namespace, as iproute2
// arranges it.
func prepareNetNSDir() error {
	if err := os.MkdirAll(NetNSDir, 0o755); err != nil {
		return err
	}
	for range 2 {
		err := unix.Mount("", NetNSDir, "none", unix.MS_SHARED|unix.MS_REC, "")
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.EINVAL) {
			return fmt.Errorf("mount --make-shared %s: %w", NetNSDir, err)
		}
		// Not a mount point yet: bind it onto itself and try again.
		if err := unix.Mount(NetNSDir, NetNSDir, "none", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("mount --bind %s: %w", NetNSDir, err)
		}
	}
	return fmt.Errorf("mount --make-shared %s: still not a mount point", NetNSDir)
}

// CreateNamedNetNS creates a new network namespace and names it
// NetNSDir/name, exactly as `ip netns add NAME` does, so either tool can use
// it. The caller's thread stays where it is. An existing name is an error
// wrapping os.ErrExist.
func CreateNamedNetNS(name string) error {
	if name == "" || strings.ContainsRune(name, '/') || name == "." || name == ".." {
		return &NetNSError{Name: name, Op: "create", Err: unix.EINVAL}
	}
	if err := prepareNetNSDir(); err != nil {
		return &NetNSError{Name: name, Op: "create", Err: err}
	}
	path := NetNSPath(name)
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &NetNSError{Name: path, Op: "create", Err: err}
	}
	f.Close()
	err = onThrowawayThread(func() error {
		if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
			return fmt.Errorf("unshare: %w", err)
		}
		self := fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid())
		if err := unix.Mount(self, path, "none", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("bind %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		os.Remove(path)
		return &NetNSError{Name: name, Op: "create", Err: err}
	}
	return nil
}

// DeleteNamedNetNS removes the name of a namespace made by CreateNamedNetNS
// or `ip netns add`; the namespace itself ends when nothing else holds it.
func DeleteNamedNetNS(name string) error {
	path := NetNSPath(name)
	if err := unix.Unmount(path, unix.MNT_DETACH); err != nil && !errors.Is(err, unix.EINVAL) {
		return &NetNSError{Name: path, Op: "delete", Err: err}
	}
	if err := os.Remove(path); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &NetNSError{Name: path, Op: "delete", Err: err}
	}
	return nil
}

// NetNSNames lists the named network namespaces (the entries of
// NetNSDir), unsorted; none when the directory cannot be read.
func NetNSNames() []string {
	d, err := os.Open(NetNSDir)
	if err != nil {
		return nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	return names
}
