package nltest

import (
	"encoding/binary"
	"errors"
	"sync"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// ErrWouldBlock is returned by a read from a Kernel with nothing queued: a
// real socket would wait forever, a test should fail at once.
var ErrWouldBlock = errors.New("nltest: read on an empty queue would block forever")

// Datagram is one datagram the fake kernel queues for the Conn, and the port
// it claims to come from (0 is the kernel).
type Datagram struct {
	From uint32
	Data []byte
}

// Handler answers one request message with the datagrams to queue.
type Handler func(req nl.Message) []Datagram

// Kernel is a fake netlink peer implementing nl.Socket.
type Kernel struct {
	mu       sync.Mutex
	handler  Handler
	queue    []Datagram
	requests []nl.Message
	sends    int
	closed   bool
	// Overrun, when positive, makes the Nth next read fail with ENOBUFS
	// (1 means the next read), as a kernel whose queue overflowed.
	Overrun int
}

// NewKernel returns a fake kernel answering with h (which may be nil: then
// every request goes unanswered unless datagrams are queued by hand).
func NewKernel(h Handler) *Kernel { return &Kernel{handler: h} }

// Dial returns a Conn talking to a new fake kernel answering with h.
func Dial(t testing.TB, h Handler) (*nl.Conn, *Kernel) {
	t.Helper()
	k := NewKernel(h)
	c := nl.NewConn(k, nl.Route, nil)
	t.Cleanup(func() { c.Close() })
	return c, k
}

// Queue adds a datagram for the Conn to read.
func (k *Kernel) Queue(d ...Datagram) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.queue = append(k.queue, d...)
}

// Requests returns copies of every request message received so far.
func (k *Kernel) Requests() []nl.Message {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]nl.Message(nil), k.requests...)
}

// Sends returns how many datagrams the Conn wrote.
func (k *Kernel) Sends() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.sends
}

// Send implements nl.Socket: it parses the datagram and hands each message
// to the handler.
func (k *Kernel) Send(b []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return unix.EBADF
	}
	k.sends++
	msgs, err := nl.ParseMessages(append([]byte(nil), b...))
	if err != nil {
		return err
	}
	for _, m := range msgs {
		k.requests = append(k.requests, m)
		if k.handler != nil {
			k.queue = append(k.queue, k.handler(m)...)
		}
	}
	return nil
}

// Recv implements nl.Socket.
func (k *Kernel) Recv(b []byte, peek bool) (int, uint32, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return 0, 0, unix.EBADF
	}
	if k.Overrun > 0 && !peek {
		k.Overrun--
		if k.Overrun == 0 {
			return 0, 0, unix.ENOBUFS
		}
	}
	if len(k.queue) == 0 {
		return 0, 0, ErrWouldBlock
	}
	d := k.queue[0]
	copy(b, d.Data)
	if !peek {
		k.queue = k.queue[1:]
	}
	return len(d.Data), d.From, nil
}

// Close implements nl.Socket.
func (k *Kernel) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.closed = true
	return nil
}

// FromKernel packs messages into one datagram sent by the kernel (port 0).
func FromKernel(msgs ...[]byte) Datagram {
	var b []byte
	for _, m := range msgs {
		b = append(b, m...)
	}
	return Datagram{Data: b}
}

// Msg encodes a message answering req: the given type, flags and payload,
// with req's sequence number.
func Msg(req nl.Message, typ uint16, flags nl.Flags, data []byte) []byte {
	return nl.AppendMessage(nil, nl.Message{
		Header: nl.Header{Type: typ, Flags: flags, Seq: req.Header.Seq},
		Data:   data,
	})
}

// Ack encodes the kernel's answer to req: an acknowledgement for errno 0,
// else an error; msg and offset, when set, go in extended-ack attributes.
// The echoed request is capped to its header, as with NETLINK_CAP_ACK.
func Ack(req nl.Message, errno unix.Errno, msg string, offset uint32) []byte {
	return nl.AppendMessage(nil, nl.Message{
		Header: nl.Header{Type: nl.Error, Flags: ackFlags(msg, offset) | nl.Capped, Seq: req.Header.Seq},
		Data:   ackPayload(req, errno, msg, offset, true),
	})
}

// AckUncapped is Ack with the whole request echoed back, as a socket
// without NETLINK_CAP_ACK receives it.
func AckUncapped(req nl.Message, errno unix.Errno, msg string, offset uint32) []byte {
	return nl.AppendMessage(nil, nl.Message{
		Header: nl.Header{Type: nl.Error, Flags: ackFlags(msg, offset), Seq: req.Header.Seq},
		Data:   ackPayload(req, errno, msg, offset, false),
	})
}

// Done encodes the NLMSG_DONE that ends a dump, carrying errno (0 for a
// dump that went well) and, when msg is set, an extended-ack message.
func Done(req nl.Message, errno unix.Errno, msg string) []byte {
	b := binary.NativeEndian.AppendUint32(nil, uint32(-int32(errno)))
	flags := nl.Multi
	if msg != "" {
		flags |= nl.AckTLVs
		e := nl.NewAttrEncoder(b)
		e.String(unix.NLMSGERR_ATTR_MSG, msg)
		b, _ = e.Encode()
	}
	return Msg(req, nl.Done, flags, b)
}

func ackFlags(msg string, offset uint32) nl.Flags {
	if msg != "" || offset != 0 {
		return nl.AckTLVs
	}
	return 0
}

func ackPayload(req nl.Message, errno unix.Errno, msg string, offset uint32, capped bool) []byte {
	b := binary.NativeEndian.AppendUint32(nil, uint32(-int32(errno)))
	orig := req
	if capped {
		orig.Data = nil
		b = nl.AppendMessage(b, orig)
		// The capped header still says the request's full length.
		binary.NativeEndian.PutUint32(b[4:], uint32(nl.HeaderLen+len(req.Data)))
	} else {
		b = nl.AppendMessage(b, orig)
	}
	if msg == "" && offset == 0 {
		return b
	}
	e := nl.NewAttrEncoder(b)
	if msg != "" {
		e.String(unix.NLMSGERR_ATTR_MSG, msg)
	}
	if offset != 0 {
		e.Uint32(unix.NLMSGERR_ATTR_OFFS, offset)
	}
	b, _ = e.Encode()
	return b
}
