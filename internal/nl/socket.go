package nl

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
	"time"
	"unsafe"

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
// A read or write allocates nothing: the poller's callbacks are made once
// and pass their arguments and results through the socket (a Conn is
// used by one goroutine at a time).
type sysSocket struct {
	f  *os.File
	rc syscall.RawConn

	readFn, writeFn func(fd uintptr) bool
	buf             []byte
	flags           int
	n               int
	from            unix.RawSockaddrNetlink
	err             error
}

// newSysSocket wraps a non-blocking netlink socket descriptor.
func newSysSocket(fd int) (*sysSocket, error) {
	f := os.NewFile(uintptr(fd), "netlink")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	s := &sysSocket{f: f, rc: rc}
	s.readFn, s.writeFn = s.recvOnce, s.sendOnce
	return s, nil
}

// kernelAddr is the kernel's netlink address, as sendto takes it.
var kernelAddr = unix.RawSockaddrNetlink{Family: unix.AF_NETLINK}

func (s *sysSocket) Send(b []byte) error {
	s.buf = b
	cerr := s.rc.Write(s.writeFn)
	s.buf = nil
	if cerr != nil {
		return cerr
	}
	return s.err
}

// sendOnce is one sendto(2) of s.buf to the kernel; false asks the poller
// to wait for the socket.
func (s *sysSocket) sendOnce(fd uintptr) bool {
	var p unsafe.Pointer
	if len(s.buf) > 0 {
		p = unsafe.Pointer(&s.buf[0])
	}
	_, _, errno := unix.Syscall6(unix.SYS_SENDTO, fd, uintptr(p), uintptr(len(s.buf)), 0,
		uintptr(unsafe.Pointer(&kernelAddr)), unix.SizeofSockaddrNetlink)
	s.err = errnoErr(errno)
	return errno != unix.EAGAIN
}

func (s *sysSocket) Recv(b []byte, peek bool) (int, uint32, error) {
	s.buf, s.flags = b, unix.MSG_TRUNC
	if peek {
		s.flags |= unix.MSG_PEEK
	}
	cerr := s.rc.Read(s.readFn)
	s.buf = nil
	if cerr != nil {
		return 0, 0, cerr
	}
	if s.err != nil {
		return 0, 0, s.err
	}
	if s.from.Family != unix.AF_NETLINK {
		return s.n, ^uint32(0), nil
	}
	return s.n, s.from.Pid, nil
}

// recvOnce is one recvfrom(2) into s.buf; false asks the poller to wait
// for data.
func (s *sysSocket) recvOnce(fd uintptr) bool {
	var p unsafe.Pointer
	if cap(s.buf) > 0 {
		p = unsafe.Pointer(&s.buf[:1][0])
	}
	s.from = unix.RawSockaddrNetlink{}
	fromLen := uint32(unix.SizeofSockaddrNetlink)
	n, _, errno := unix.Syscall6(unix.SYS_RECVFROM, fd, uintptr(p), uintptr(len(s.buf)), uintptr(s.flags),
		uintptr(unsafe.Pointer(&s.from)), uintptr(unsafe.Pointer(&fromLen)))
	s.n, s.err = int(n), errnoErr(errno)
	if errno != 0 {
		s.n = 0
	}
	return errno != unix.EAGAIN
}

// errnoErr is nil for 0, else the errno as an error.
func errnoErr(e syscall.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

func (s *sysSocket) Close() error { return s.f.Close() }

func (s *sysSocket) SetReadDeadline(t time.Time) error { return s.f.SetReadDeadline(t) }

// recvNSID reads the next datagram into b, as Recv does, with the
// namespace id the kernel attaches to it (a NETLINK_LISTEN_ALL_NSID
// control message) or CurrentNSID when there is none.
func (s *sysSocket) recvNSID(b []byte) (n int, from uint32, nsid int32, err error) {
	nsid = CurrentNSID
	oob := make([]byte, unix.CmsgSpace(4))
	var oobn int
	var sa unix.Sockaddr
	cerr := s.rc.Read(func(fd uintptr) bool {
		n, oobn, _, sa, err = unix.Recvmsg(int(fd), b, oob, unix.MSG_TRUNC)
		return err != unix.EAGAIN
	})
	if cerr != nil {
		return 0, 0, nsid, cerr
	}
	if err != nil {
		return 0, 0, nsid, err
	}
	if nsa, ok := sa.(*unix.SockaddrNetlink); ok {
		from = nsa.Pid
	} else {
		from = ^uint32(0)
	}
	cmsgs, perr := unix.ParseSocketControlMessage(oob[:oobn])
	if perr == nil {
		for _, c := range cmsgs {
			if c.Header.Level == unix.SOL_NETLINK && c.Header.Type == unix.NETLINK_LISTEN_ALL_NSID && len(c.Data) >= 4 {
				nsid = int32(binary.NativeEndian.Uint32(c.Data))
			}
		}
	}
	return n, from, nsid, nil
}

// pending polls the socket without waiting: a datagram or an error (an
// overrun) is queued.
func (s *sysSocket) pending() bool {
	ready := false
	s.control(func(fd int) error {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, 0)
		ready = err == nil && n > 0 && fds[0].Revents != 0
		return nil
	})
	return ready
}

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
		if cfg.ListenAllNSID {
			if err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_LISTEN_ALL_NSID, 1); err != nil {
				return os.NewSyscallError("setsockopt(NETLINK_LISTEN_ALL_NSID)", err)
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
