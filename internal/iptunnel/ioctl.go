package iptunnel

import (
	"fmt"
	"strconv"
	"unsafe"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Request is one of the tunnel ioctls (SIOCDEVPRIVATE + n).
type Request uint32

// The requests, as <linux/if_tunnel.h> numbers them.
const (
	GetTunnel Request = unix.SIOCDEVPRIVATE + iota // SIOCGETTUNNEL
	AddTunnel                                      // SIOCADDTUNNEL
	DelTunnel                                      // SIOCDELTUNNEL
	ChgTunnel                                      // SIOCCHGTUNNEL
	GetPRL                                         // SIOCGETPRL
	AddPRL                                         // SIOCADDPRL
	DelPRL                                         // SIOCDELPRL
	ChgPRL                                         // SIOCCHGPRL
	Get6RD                                         // SIOCGET6RD
	Add6RD                                         // SIOCADD6RD
	Del6RD                                         // SIOCDEL6RD
	Chg6RD                                         // SIOCCHG6RD
)

// String is the request's number in hexadecimal, as ip's messages give it.
func (r Request) String() string { return strconv.FormatUint(uint64(r), 16) }

// Error is a request the kernel refused.
type Error struct {
	Req Request
	Dev string // the device the request was sent to
	Err unix.Errno
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: ioctl %s: %v", e.Dev, e.Req, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// SocketError is a failure to open the socket requests go through.
type SocketError struct{ Err error }

func (e *SocketError) Error() string { return "create socket failed: " + e.Err.Error() }
func (e *SocketError) Unwrap() error { return e.Err }

// Socket is a datagram socket of one namespace that carries requests.
type Socket struct{ fd int }

// Open opens a datagram socket of family (AF_INET or AF_INET6) in the
// namespace ns ("" for the caller's).
func Open(ns string, family int) (*Socket, error) {
	fd := -1
	err := nl.InNetNS(ns, func() error {
		var err error
		fd, err = unix.Socket(family, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		return err
	})
	if err != nil {
		if _, ok := err.(unix.Errno); ok {
			return nil, &SocketError{err}
		}
		return nil, err
	}
	return &Socket{fd: fd}, nil
}

// Close closes the socket.
func (s *Socket) Close() error { return unix.Close(s.fd) }

// ifreq is struct ifreq with its union holding ifr_data.
type ifreq struct {
	name [IfNameSize]byte
	data unsafe.Pointer
	_    [24 - unsafe.Sizeof(uintptr(0))]byte
}

// Do sends request r to device dev with buf as its data; the kernel
// reads the request from buf and writes its answer there.
func (s *Socket) Do(r Request, dev string, buf []byte) error {
	var ifr ifreq
	copy(ifr.name[:IfNameSize-1], dev)
	if len(buf) > 0 {
		ifr.data = unsafe.Pointer(&buf[0])
	}
	_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(s.fd), uintptr(r), uintptr(unsafe.Pointer(&ifr)))
	if errno != 0 {
		return &Error{Req: r, Dev: dev, Err: errno}
	}
	return nil
}

// Get reads the parameters of IPv4 tunnel dev. p is sent along: on a
// fallback device the kernel answers for the tunnel p describes.
func (s *Socket) Get(dev string, p *Parm) error {
	b := p.Encode()
	if err := s.Do(GetTunnel, dev, b); err != nil {
		return err
	}
	*p, _ = DecodeParm(b)
	return nil
}

// Get6 reads the parameters of IPv6 tunnel dev, as Get does.
func (s *Socket) Get6(dev string, p *Parm6) error {
	b := p.Encode()
	if err := s.Do(GetTunnel, dev, b); err != nil {
		return err
	}
	*p, _ = DecodeParm6(b)
	return nil
}

// PRL lists the potential routers of ISATAP tunnel dev, up to n.
func (s *Socket) PRL(dev string, n int) ([]PRL, error) {
	b := PRLQuery(n)
	if err := s.Do(GetPRL, dev, b); err != nil {
		return nil, err
	}
	return PRLAnswer(b), nil
}

// SixRD reads the 6rd prefixes of sit tunnel dev.
func (s *Socket) SixRD(dev string) (SixRD, error) {
	var z SixRD
	b := z.Encode()
	if err := s.Do(Get6RD, dev, b); err != nil {
		return z, err
	}
	d, _ := DecodeSixRD(b)
	return d, nil
}
