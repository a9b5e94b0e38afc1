package nl

import "encoding/binary"

const (
	// replyCost is what one queued error reply costs in the receive
	// buffer (the skb's true size), rounded up generously: the window is
	// sized so that even a window of nothing but failures fits.
	replyCost = 2048
	// maxWindow bounds the requests in flight, whatever the buffer.
	maxWindow = 1024
	// maxWindowBytes bounds one sendmsg; the kernel refuses a datagram
	// larger than the socket's send buffer.
	maxWindowBytes = 128 << 10
)

// Batch pipelines requests: it writes many per sendmsg and reports one
// result per request, in the order they were added.
//
// Requests go out without NLM_F_ACK except the last of each window, so a
// success costs no reply at all; a failure comes back as an error carrying
// the request's sequence number, and the acknowledgement of the window's last
// request says every earlier one has been handled. A window holds at most as
// many requests as the receive buffer can hold error replies, so replies are
// never lost to an overrun, whatever the batch size.
//
// The kernel handles every request of a window even when an earlier one
// failed; a caller that must stop at the first failure has to use Execute, or
// undo what ran after it. A request sent with NLM_F_ECHO gets the object
// the kernel made back; OnEcho hands it over, other replies are discarded.
// Add and Flush return an error only when the socket fails; the requests
// whose outcome is then unknown get that error as their result.
type Batch struct {
	c        *Conn
	onResult func(index int, err error)
	onEcho   func(index int, m Message)
	window   int
	slots    int // window slots the queued requests take

	buf     []byte
	lastOff int     // offset of the last message in buf
	first   uint32  // sequence number of buf's first request
	base    int     // index of buf's first request
	errs    []error // results of buf's requests
	added   int
	failed  int
	// echoes says a request of the window asks for an echo, whose size
	// nothing bounds; maxReq is the window's largest request, which
	// bounds every other reply (an error's copy of its request).
	echoes bool
	maxReq int
}

// ackSlack is what an acknowledgement adds to the request it copies: its
// header, the error and the extended ack's attributes.
const ackSlack = 8192

// NewBatch starts a batch on c. onResult is called once per request added,
// in order, with nil or the kernel's refusal (an *OpError); it is called
// from Add and Flush.
func (c *Conn) NewBatch(onResult func(index int, err error)) *Batch {
	w := min(max(c.rcvbuf/replyCost, 1), maxWindow)
	return &Batch{c: c, onResult: onResult, window: w}
}

// OnEcho sets the function that receives the kernel's echo of a request
// sent with NLM_F_ECHO, before that request's result. m.Data is valid only
// during the call.
func (b *Batch) OnEcho(f func(index int, m Message)) { b.onEcho = f }

// echoSlots is how many window slots a request asking for an echo takes:
// the echo (a whole object, a link with its statistics among them) is
// queued in the receive buffer beside the request's possible error.
const echoSlots = 3

// Window returns how many requests the batch sends per round trip.
func (b *Batch) Window() int { return b.window }

// Failed returns how many requests the kernel refused so far.
func (b *Batch) Failed() int { return b.failed }

// Add queues a request, sending the window when it is full. The header's
// Seq is set by the batch when the window is sent, so requests the Conn
// runs between two Adds do not break the window's consecutive numbering.
func (b *Batch) Add(m Message) error {
	m.Header.Seq = 0
	m.Header.Flags = (m.Header.Flags | Request) &^ Acknowledge
	b.lastOff = len(b.buf)
	b.buf = AppendMessage(b.buf, m)
	b.errs = append(b.errs, nil)
	b.added++
	b.slots++
	b.maxReq = max(b.maxReq, len(b.buf)-b.lastOff)
	if m.Header.Flags&Echo != 0 {
		b.slots += echoSlots - 1
		b.echoes = true
	}
	if b.slots >= b.window || len(b.buf) >= maxWindowBytes {
		return b.Flush()
	}
	return nil
}

// Flush sends the queued requests and waits until the kernel has handled
// all of them.
func (b *Batch) Flush() error {
	n := len(b.errs)
	if n == 0 {
		return nil
	}
	for i, off := 0, 0; i < n; i++ {
		seq := b.c.nextSeq()
		if i == 0 {
			b.first = seq
		}
		binary.NativeEndian.PutUint32(b.buf[off+8:], seq)
		off += Align(int(binary.NativeEndian.Uint32(b.buf[off:])))
	}
	flagsAt := b.lastOff + 6
	binary.NativeEndian.PutUint16(b.buf[flagsAt:], binary.NativeEndian.Uint16(b.buf[flagsAt:])|uint16(Acknowledge))
	err := b.c.write(b.buf)
	if err == nil {
		err = b.collect(n)
	}
	for i, e := range b.errs {
		if err != nil && e == nil {
			e = err
		}
		if e != nil {
			b.failed++
		}
		b.onResult(b.base+i, e)
	}
	b.base += n
	b.buf = b.buf[:0]
	b.errs = b.errs[:0]
	b.slots = 0
	b.echoes, b.maxReq = false, 0
	return err
}

// collect reads replies until the acknowledgement of the window's last
// request, recording each failure against its request.
func (b *Batch) collect(n int) error {
	last := b.first + uint32(n) - 1
	bound := b.maxReq + ackSlack
	if b.echoes {
		bound = 0
	}
	for {
		d, err := b.c.readBounded(bound)
		if err != nil {
			return err
		}
		for len(d) > 0 {
			var msg Message
			msg, d, err = NextMessage(d)
			if err != nil {
				return &OpError{Op: "batch", Err: err}
			}
			idx := msg.Header.Seq - b.first
			if idx >= uint32(n) {
				b.c.Dropped++
				continue
			}
			if msg.Header.Type != Error {
				if b.onEcho != nil && msg.Header.Type != Done {
					b.onEcho(b.base+int(idx), msg)
				}
				continue
			}
			a, err := parseAck(msg)
			if err != nil {
				return &OpError{Op: "batch", Err: err}
			}
			if a.errno == 0 && a.msg != "" && b.c.warn != nil {
				b.c.warn(a.msg)
			}
			b.errs[idx] = a.err("batch")
			if msg.Header.Seq == last {
				return nil
			}
		}
	}
}
