package nl

import "golang.org/x/sys/unix"

// Transact sends msgs in one datagram, as one nfnetlink batch must be
// (its begin and end delimiters among them), and waits for the outcome of
// each: every message whose flags ask for an acknowledgement gets one,
// a refused message gets its error either way. The result holds one entry
// per message (nil for success or for a message without an answer); err
// is a socket failure. A refusal of a message that asked for no
// acknowledgement (the batch's begin) ends the wait. The kernel answers a batch after processing all of
// it, so the answers arrive together.
func (c *Conn) Transact(msgs []Message) (results []error, err error) {
	results = make([]error, len(msgs))
	seqs := make(map[uint32]int, len(msgs))
	var buf []byte
	waiting := 0
	for i, m := range msgs {
		m.Header.Seq = c.nextSeq()
		m.Header.Flags |= Request
		seqs[m.Header.Seq] = i
		if m.Header.Flags&Acknowledge != 0 {
			waiting++
		}
		buf = AppendMessage(buf, m)
	}
	// The batch is one datagram: make room for it in the send buffer.
	if g, ok := c.sock.(sendBufferGrower); ok {
		if err := g.GrowSendBuffer(len(buf)); err != nil {
			return results, &OpError{Op: "send", Err: err}
		}
	}
	if err := c.write(buf); err != nil {
		return results, err
	}
	answered := make([]bool, len(msgs))
	for waiting > 0 {
		b, err := c.read()
		if err != nil {
			return results, err
		}
		for len(b) > 0 {
			var msg Message
			msg, b, err = NextMessage(b)
			if err != nil {
				return results, &OpError{Op: "receive", Err: err}
			}
			i, ok := seqs[msg.Header.Seq]
			if !ok || msg.Header.Type != Error {
				c.Dropped++
				continue
			}
			a, err := parseAck(msg)
			if err != nil {
				return results, &OpError{Op: "receive", Err: err}
			}
			if a.errno == 0 && a.msg != "" && c.warn != nil {
				c.warn(a.msg)
			}
			results[i] = a.err("transaction")
			if msgs[i].Header.Flags&Acknowledge == 0 && a.errno != 0 {
				// A refusal of the batch itself (its begin): no
				// other answer follows.
				return results, nil
			}
			if !answered[i] && msgs[i].Header.Flags&Acknowledge != 0 {
				waiting--
			}
			answered[i] = true
		}
	}
	return results, nil
}

// sendBufferGrower is a socket whose send buffer can be made to hold a
// datagram of n bytes.
type sendBufferGrower interface {
	GrowSendBuffer(n int) error
}

// GrowSendBuffer raises the socket's send buffer to hold a datagram of n
// bytes, when it is smaller (SO_SNDBUFFORCE as root, else SO_SNDBUF).
func (s *sysSocket) GrowSendBuffer(n int) error {
	var serr error
	err := s.rc.Control(func(fd uintptr) {
		cur, err := unix.GetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_SNDBUF)
		if err == nil && cur >= n+4096 {
			return
		}
		size := n + 4096
		if unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_SNDBUFFORCE, size) != nil {
			serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_SNDBUF, size)
		}
	})
	if err != nil {
		return err
	}
	return serr
}
