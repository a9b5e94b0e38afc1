package nl

import (
	"fmt"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Socket is the datagram transport under a Conn: the kernel's netlink
// socket, or a fake kernel in tests (package nltest).
type Socket interface {
	// Send writes one datagram.
	Send(b []byte) error
	// Recv reads the next datagram into b and returns its whole length,
	// which exceeds len(b) if the datagram did not fit, and the sender's
	// port. With peek the datagram stays queued; a peek into an empty b
	// only measures the next datagram. An overrun of the receive queue
	// is reported as unix.ENOBUFS.
	Recv(b []byte, peek bool) (n int, from uint32, err error)
	// Close releases the socket.
	Close() error
}

// deadliner is implemented by sockets that support read deadlines.
type deadliner interface {
	SetReadDeadline(t time.Time) error
}

// sysSocket is a kernel netlink socket driven through the runtime's poller,
// so reads honour deadlines and a blocked read does not hold a thread.
type sysSocket struct {
	f  *os.File
	rc syscall.RawConn
}

// newSysSocket wraps a non-blocking netlink socket descriptor.
func newSysSocket(fd int) (*sysSocket, error) {
	f := os.NewFile(uintptr(fd), "netlink")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &sysSocket{f: f, rc: rc}, nil
}

var kernelAddr = &unix.SockaddrNetlink{Family: unix.AF_NETLINK}

func (s *sysSocket) Send(b []byte) error {
	var err error
	cerr := s.rc.Write(func(fd uintptr) bool {
		err = unix.Sendto(int(fd), b, 0, kernelAddr)
		return err != unix.EAGAIN
	})
	if cerr != nil {
		return cerr
	}
	return err
}

func (s *sysSocket) Recv(b []byte, peek bool) (int, uint32, error) {
	flags := unix.MSG_TRUNC
	if peek {
		flags |= unix.MSG_PEEK
	}
	var (
		n    int
		from unix.Sockaddr
		err  error
	)
	cerr := s.rc.Read(func(fd uintptr) bool {
		n, from, err = unix.Recvfrom(int(fd), b, flags)
		return err != unix.EAGAIN
	})
	if cerr != nil {
		return 0, 0, cerr
	}
	if err != nil {
		return 0, 0, err
	}
	sa, ok := from.(*unix.SockaddrNetlink)
	if !ok {
		return n, ^uint32(0), nil
	}
	return n, sa.Pid, nil
}

func (s *sysSocket) Close() error { return s.f.Close() }

func (s *sysSocket) SetReadDeadline(t time.Time) error { return s.f.SetReadDeadline(t) }

func (s *sysSocket) control(fn func(fd int) error) error {
	var err error
	if cerr := s.rc.Control(func(fd uintptr) { err = fn(int(fd)) }); cerr != nil {
		return cerr
	}
	return err
}

// openSocket creates and binds a netlink socket for proto in the current
// thread's network namespace.
func openSocket(proto int) (int, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, proto)
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return -1, os.NewSyscallError("bind", err)
	}
	return fd, nil
}

// configure applies the socket options a Conn relies on and returns the
// receive buffer size the kernel granted.
func (s *sysSocket) configure(cfg *Config) (rcvbuf int, err error) {
	err = s.control(func(fd int) error {
		if !cfg.DisableStrict {
			for _, opt := range []int{unix.NETLINK_EXT_ACK, unix.NETLINK_GET_STRICT_CHK, unix.NETLINK_CAP_ACK} {
				if err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, opt, 1); err != nil {
					return os.NewSyscallError(fmt.Sprintf("setsockopt(SOL_NETLINK, %d)", opt), err)
				}
			}
		}
		size := cfg.RecvBuf
		if size == 0 {
			size = DefaultRecvBuf
		}
		// As root the buffer may exceed net.core.rmem_max; otherwise the
		// kernel caps it there.
		if unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, size) != nil {
			if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, size); err != nil {
				return os.NewSyscallError("setsockopt(SO_RCVBUF)", err)
			}
		}
		if unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUFFORCE, sendBuf) != nil {
			if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUF, sendBuf); err != nil {
				return os.NewSyscallError("setsockopt(SO_SNDBUF)", err)
			}
		}
		for _, g := range cfg.Groups {
			if err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_ADD_MEMBERSHIP, int(g)); err != nil {
				return os.NewSyscallError(fmt.Sprintf("joining multicast group %d", g), err)
			}
		}
		if cfg.NoENOBUFS {
			if err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_NO_ENOBUFS, 1); err != nil {
				return os.NewSyscallError("setsockopt(NETLINK_NO_ENOBUFS)", err)
			}
		}
		var err error
		rcvbuf, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
		return err
	})
	return rcvbuf, err
}
