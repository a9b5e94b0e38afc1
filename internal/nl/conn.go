package nl

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Netlink protocols a Conn can speak.
const (
	Route     = unix.NETLINK_ROUTE     // rtnetlink: links, addresses, routes, ...
	Generic   = unix.NETLINK_GENERIC   // generic netlink: nl80211, ethtool, ...
	Netfilter = unix.NETLINK_NETFILTER // nfnetlink: ipset, nf_tables, ...
)

const (
	// DefaultRecvBuf is the receive buffer a Conn asks for: 1 MiB, as
	// iproute2 does. As root it is granted even above net.core.rmem_max.
	DefaultRecvBuf = 1 << 20

	sendBuf = 1 << 20

	// initialReadBuf is the first size of a Conn's receive buffer; it
	// grows to fit the largest datagram seen.
	initialReadBuf = 64 << 10
)

// Config tunes a Conn. The zero value (or nil) is a strict socket in the
// caller's network namespace with a 1 MiB receive buffer.
type Config struct {
	// NetNS opens the socket in another network namespace: a name under
	// /run/netns (as `ip netns add` makes them) or a path such as
	// /proc/PID/ns/net or /proc/self/fd/N. Empty means the caller's.
	NetNS string

	// Groups lists multicast groups to join, for Receive.
	Groups []uint32

	// DisableStrict turns off what is otherwise on: extended acks
	// (NETLINK_EXT_ACK), strict checking of dump requests
	// (NETLINK_GET_STRICT_CHK) and capped acks (NETLINK_CAP_ACK).
	DisableStrict bool

	// RecvBuf is the receive buffer size in bytes; 0 means DefaultRecvBuf.
	RecvBuf int

	// NoENOBUFS asks the kernel not to report receive buffer overruns
	// (NETLINK_NO_ENOBUFS). Listeners should leave it off: an overrun then
	// surfaces as ErrOverrun and they can resynchronise.
	NoENOBUFS bool

	// ListenAllNSID receives the notifications of every namespace the
	// socket's namespace has an id for (NETLINK_LISTEN_ALL_NSID); read
	// them with ReceiveNSID to learn where each came from.
	ListenAllNSID bool

	// Warn receives warnings the kernel attaches to successful requests
	// (an extended ack with errno 0), such as "sch_htb: quantum of class
	// 10001 is big. Consider r2q change.". Nil drops them.
	Warn func(msg string)
}

// Conn is a netlink socket. A Conn is not safe for concurrent use: one
// goroutine drives it, one request at a time (a Batch counts as one).
type Conn struct {
	sock   Socket
	proto  int
	seq    uint32
	rbuf   []byte
	sbuf   []byte
	rcvbuf int // receive buffer size the kernel granted, in bytes
	warn   func(string)
	debug  io.Writer
	// Dropped counts messages discarded because they came from a port
	// other than the kernel's or carried another request's sequence
	// number.
	Dropped int
}

// Dial opens a netlink socket for proto (Route, Generic, Netfilter, ...)
// configured by cfg, which may be nil.
func Dial(proto int, cfg *Config) (*Conn, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	var (
		fd  int
		err error
	)
	if cfg.NetNS != "" {
		fd, err = socketInNetNS(cfg.NetNS, proto)
	} else {
		fd, err = openSocket(proto)
	}
	if err != nil {
		return nil, err
	}
	s, err := newSysSocket(fd)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	rcvbuf, err := s.configure(cfg)
	if err != nil {
		s.Close()
		return nil, err
	}
	c := NewConn(s, proto, cfg)
	c.rcvbuf = rcvbuf
	return c, nil
}

// NewConn makes a Conn over any Socket; Dial uses it with a kernel socket
// and package nltest with a fake kernel. Only cfg.Warn is used from cfg.
func NewConn(s Socket, proto int, cfg *Config) *Conn {
	c := &Conn{
		sock:   s,
		proto:  proto,
		seq:    uint32(time.Now().Unix()),
		rbuf:   make([]byte, initialReadBuf),
		rcvbuf: 212992, // the kernel's default, for sockets that cannot say
	}
	if cfg != nil {
		c.warn = cfg.Warn
	}
	if os.Getenv("NLDEBUG") != "" {
		c.debug = os.Stderr
	}
	return c
}

// Close closes the socket.
func (c *Conn) Close() error { return c.sock.Close() }

// SetReadDeadline sets a deadline for reads on the socket (Receive, and the
// waits inside Execute, Dump and Batch); after it they fail with an error
// wrapping os.ErrDeadlineExceeded. A zero time clears it.
func (c *Conn) SetReadDeadline(t time.Time) error {
	d, ok := c.sock.(deadliner)
	if !ok {
		return errors.New("netlink: socket does not support deadlines")
	}
	return d.SetReadDeadline(t)
}

// CurrentNSID is ReceiveNSID's namespace id of notifications from the
// socket's own namespace.
const CurrentNSID = -1

// ReceiveNSID is Receive for a socket that listens to every namespace
// (Config.ListenAllNSID): it also returns the id, in the socket's
// namespace, of the namespace the datagram comes from, or CurrentNSID.
func (c *Conn) ReceiveNSID() ([]Message, int32, error) {
	r, ok := c.sock.(interface {
		recvNSID(b []byte) (int, uint32, int32, error)
	})
	if !ok {
		msgs, err := c.Receive()
		return msgs, CurrentNSID, err
	}
	for {
		n, _, err := c.sock.Recv(c.rbuf[:0], true)
		if err != nil {
			return nil, CurrentNSID, c.recvErr(err)
		}
		if n > len(c.rbuf) {
			c.rbuf = make([]byte, Align(n))
		}
		n, from, nsid, err := r.recvNSID(c.rbuf)
		if err != nil {
			return nil, CurrentNSID, c.recvErr(err)
		}
		b := c.rbuf[:min(n, len(c.rbuf))]
		if c.debug != nil {
			c.trace(fmt.Sprintf("recv(port %d, nsid %d)", from, nsid), b)
		}
		if from != 0 {
			c.Dropped++
			continue
		}
		b = append([]byte(nil), b...)
		msgs, err := ParseMessages(b)
		if err != nil {
			return msgs, nsid, &OpError{Op: "receive", Err: err}
		}
		return msgs, nsid, nil
	}
}

// Pending reports, without waiting, whether a datagram or an overrun
// waits to be read. Sockets that cannot tell (fakes) report false.
func (c *Conn) Pending() bool {
	p, ok := c.sock.(interface{ pending() bool })
	return ok && p.pending()
}

// JoinGroup joins multicast group g on an open socket, for families whose
// group ids are learnt after the socket is opened (generic netlink).
func (c *Conn) JoinGroup(g uint32) error { return c.membership(unix.NETLINK_ADD_MEMBERSHIP, g) }

// LeaveGroup leaves multicast group g.
func (c *Conn) LeaveGroup(g uint32) error { return c.membership(unix.NETLINK_DROP_MEMBERSHIP, g) }

func (c *Conn) membership(opt int, g uint32) error {
	s, ok := c.sock.(*sysSocket)
	if !ok {
		return errors.New("netlink: socket cannot join multicast groups")
	}
	err := s.control(func(fd int) error { return unix.SetsockoptInt(fd, unix.SOL_NETLINK, opt, int(g)) })
	if err != nil {
		return &OpError{Op: "membership", Err: err}
	}
	return nil
}

// SetDebug sends a decoded trace of every message to w (nil turns it off).
// NLDEBUG=1 in the environment does the same with standard error.
func (c *Conn) SetDebug(w io.Writer) { c.debug = w }

func (c *Conn) nextSeq() uint32 {
	c.seq++
	return c.seq
}

// send writes one message with a new sequence number and returns it.
func (c *Conn) send(m Message) (uint32, error) {
	m.Header.Seq = c.nextSeq()
	m.Header.Flags |= Request
	c.sbuf = AppendMessage(c.sbuf[:0], m)
	if err := c.write(c.sbuf); err != nil {
		return 0, err
	}
	return m.Header.Seq, nil
}

func (c *Conn) write(b []byte) error {
	if c.debug != nil {
		c.trace("send", b)
	}
	if err := c.sock.Send(b); err != nil {
		return &OpError{Op: "send", Err: err}
	}
	return nil
}

// read returns the next datagram from the kernel. It aliases the Conn's
// receive buffer and stays valid until the next read. Datagrams from any
// other port are dropped.
func (c *Conn) read() ([]byte, error) { return c.readBounded(0) }

// readBounded is read for datagrams known to be at most bound bytes (the
// replies to requests without an echo): one recvfrom(2) into a buffer
// that large, where read first peeks at each datagram's size. bound 0 is
// read.
func (c *Conn) readBounded(bound int) ([]byte, error) {
	if len(c.rbuf) < bound {
		c.rbuf = make([]byte, Align(bound))
	}
	for {
		if bound <= 0 {
			n, _, err := c.sock.Recv(c.rbuf[:0], true)
			if err != nil {
				return nil, c.recvErr(err)
			}
			if n > len(c.rbuf) {
				c.rbuf = make([]byte, Align(n))
			}
		}
		n, from, err := c.sock.Recv(c.rbuf, false)
		if err != nil {
			return nil, c.recvErr(err)
		}
		if n > len(c.rbuf) {
			return nil, &OpError{Op: "receive", Err: fmt.Errorf("datagram of %d bytes truncated to %d", n, len(c.rbuf))}
		}
		b := c.rbuf[:n]
		if c.debug != nil {
			c.trace(fmt.Sprintf("recv(port %d)", from), b)
		}
		if from != 0 {
			c.Dropped++
			continue
		}
		return b, nil
	}
}

func (c *Conn) recvErr(err error) error {
	if errors.Is(err, unix.ENOBUFS) {
		return ErrOverrun
	}
	return &OpError{Op: "receive", Err: err}
}

// Execute sends a request with NLM_F_REQUEST|NLM_F_ACK added to its flags
// and waits for the kernel's acknowledgement. It returns the messages the
// kernel answered with before the acknowledgement (the object of a GET, the
// echo of a NEW with NLM_F_ECHO), copied out of the receive buffer. A
// refusal is an *OpError. The header's Seq is set by Execute.
func (c *Conn) Execute(m Message) ([]Message, error) {
	m.Header.Flags |= Acknowledge
	seq, err := c.send(m)
	if err != nil {
		return nil, err
	}
	var replies []Message
	for {
		b, err := c.read()
		if err != nil {
			return replies, err
		}
		for len(b) > 0 {
			var msg Message
			msg, b, err = NextMessage(b)
			if err != nil {
				return replies, &OpError{Op: "receive", Err: err}
			}
			if msg.Header.Seq != seq {
				c.Dropped++
				continue
			}
			switch msg.Header.Type {
			case Error, Done:
				a, err := parseAck(msg)
				if err != nil {
					return replies, &OpError{Op: "receive", Err: err}
				}
				if a.errno == 0 && a.msg != "" && c.warn != nil {
					c.warn(a.msg)
				}
				return replies, a.err("request")
			case Noop:
				continue
			}
			msg.Data = append([]byte(nil), msg.Data...)
			replies = append(replies, msg)
		}
	}
}

// Receive waits for the next datagram of multicast notifications (after
// joining Config.Groups) and returns its messages, copied. An overrun of the
// receive buffer, where the kernel dropped notifications, is ErrOverrun; the
// Conn stays usable after it.
func (c *Conn) Receive() ([]Message, error) {
	b, err := c.read()
	if err != nil {
		return nil, err
	}
	b = append([]byte(nil), b...)
	msgs, err := ParseMessages(b)
	if err != nil {
		return msgs, &OpError{Op: "receive", Err: err}
	}
	return msgs, nil
}
