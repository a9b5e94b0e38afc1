package nl

import (
	"errors"
	"iter"
)

// DumpRetries is how many times DumpAll starts a dump again after the
// kernel said the table changed while it was read (NLM_F_DUMP_INTR).
const DumpRetries = 4

// Dump sends a dump request (NLM_F_REQUEST|NLM_F_DUMP are added to its
// flags) and streams the kernel's replies, one message at a time, in
// constant memory. A message's Data aliases the Conn's receive buffer: it is
// valid until the loop body returns; copy what must outlive it.
//
// The iteration ends after the kernel's NLMSG_DONE. A refusal, in an
// NLMSG_ERROR or inside NLMSG_DONE, is yielded as an *OpError and ends the
// iteration. If any message was marked NLM_F_DUMP_INTR, the last pair
// yielded is ErrDumpInterrupted, after all the data: a stream cannot be
// taken back, so Dump does not retry (DumpAll does). Breaking out of the loop
// early is allowed; the rest of the dump is discarded by the next request on
// the Conn, whose sequence number differs.
func (c *Conn) Dump(m Message) iter.Seq2[Message, error] {
	return func(yield func(Message, error) bool) {
		m.Header.Flags |= Dump
		seq, err := c.send(m)
		if err != nil {
			yield(Message{}, err)
			return
		}
		interrupted := false
		for {
			b, err := c.read()
			if err != nil {
				yield(Message{}, err)
				return
			}
			for len(b) > 0 {
				var msg Message
				msg, b, err = NextMessage(b)
				if err != nil {
					yield(Message{}, &OpError{Op: "dump", Err: err})
					return
				}
				if msg.Header.Seq != seq {
					c.Dropped++
					continue
				}
				if msg.Header.Flags&DumpIntr != 0 {
					interrupted = true
				}
				switch msg.Header.Type {
				case Done, Error:
					a, err := parseAck(msg)
					if err == nil {
						err = a.err("dump")
					} else {
						err = &OpError{Op: "dump", Err: err}
					}
					if err != nil {
						yield(Message{}, err)
						return
					}
					if interrupted {
						yield(Message{}, ErrDumpInterrupted)
					}
					return
				case Noop:
					continue
				}
				if !yield(msg, nil) {
					return
				}
			}
		}
	}
}

// DumpAll runs a dump and returns all its messages, copied. If the kernel
// marks the dump interrupted, DumpAll runs it again, up to DumpRetries
// times; if it is still interrupted it returns the last data together with
// ErrDumpInterrupted. Use Dump for tables that need not fit in memory.
func (c *Conn) DumpAll(m Message) ([]Message, error) {
	for attempt := 0; ; attempt++ {
		var msgs []Message
		var err error
		for msg, e := range c.Dump(m) {
			if e != nil {
				err = e
				break
			}
			msg.Data = append([]byte(nil), msg.Data...)
			msgs = append(msgs, msg)
		}
		if errors.Is(err, ErrDumpInterrupted) && attempt < DumpRetries {
			continue
		}
		return msgs, err
	}
}
