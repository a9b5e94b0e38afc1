package tunnel

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

// ioctls opens the namespace's socket for the tunnel requests on first
// use, of the command line's family, as ip does for each request.
type ioctls struct {
	e    *env.Env
	sock *iptunnel.Socket
}

func (s *ioctls) socket() (*iptunnel.Socket, error) {
	if s.sock == nil {
		sock, err := iptunnel.Open(s.e.G.NetNS, int(s.e.G.Family))
		if err != nil {
			return nil, refused(err)
		}
		s.sock = sock
	}
	return s.sock, nil
}

func (s *ioctls) close() {
	if s.sock != nil {
		s.sock.Close()
	}
}

// do sends one request and words a refusal as ip does.
func (s *ioctls) do(r iptunnel.Request, dev string, buf []byte) error {
	sock, err := s.socket()
	if err != nil {
		return err
	}
	return refused(sock.Do(r, dev, buf))
}

// get4 and get6 read a tunnel's parameters, p being sent along.
func (s *ioctls) get4(dev string, p *iptunnel.Parm) error {
	sock, err := s.socket()
	if err != nil {
		return err
	}
	return refused(sock.Get(dev, p))
}

func (s *ioctls) get6(dev string, p *iptunnel.Parm6) error {
	sock, err := s.socket()
	if err != nil {
		return err
	}
	return refused(sock.Get6(dev, p))
}

// refused is ip's message for a failed request (exit 1): the verb's own
// words for the tunnel requests, the request's number for the others.
func refused(err error) error {
	var ie *iptunnel.Error
	var se *iptunnel.SocketError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return &fail.Error{Msg: "create socket failed: " + fail.Strerror(se.Err), Code: fail.ExitLocal, Err: err}
	case !errors.As(err, &ie):
		return err
	}
	var msg string
	why := fail.Strerror(ie.Err)
	switch ie.Req {
	case iptunnel.GetTunnel:
		msg = "get tunnel \"" + ie.Dev + "\" failed: " + why
	case iptunnel.AddTunnel, iptunnel.ChgTunnel:
		msg = "add tunnel \"" + ie.Dev + "\" failed: " + why
	case iptunnel.DelTunnel:
		msg = "delete tunnel \"" + ie.Dev + "\" failed: " + why
	default:
		msg = ie.Dev + ": ioctl " + ie.Req.String() + " failed: " + why
	}
	return &fail.Error{Msg: msg, Code: fail.ExitLocal, Err: err}
}

// isErrno reports whether err is the kernel's refusal with errno.
func isErrno(err error, errno unix.Errno) bool { return errors.Is(err, errno) }
