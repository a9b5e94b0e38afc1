package nl_test

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// FuzzParseMessages feeds arbitrary datagrams to the message decoder: it
// must return messages or an error, never panic, and what it returns must
// encode back to the bytes it came from.
func FuzzParseMessages(f *testing.F) {
	req := nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK, Seq: 1}, Data: []byte{1, 2, 3, 4, 5}}
	f.Add(nl.AppendMessage(nil, req))
	f.Add(nltest.Ack(req, unix.EEXIST, "ipv4: Address already assigned", 0))
	f.Add(nltest.Done(req, 0, ""))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		msgs, err := nl.ParseMessages(b)
		if err != nil {
			return
		}
		for _, m := range msgs {
			if int(m.Header.Length) != nl.HeaderLen+len(m.Data) {
				t.Fatalf("length %d with %d bytes of data", m.Header.Length, len(m.Data))
			}
			// Each message re-encodes to the bytes it came from (the
			// padding after it is not compared: the decoder skips it).
			enc := nl.AppendMessage(nil, m)[:m.Header.Length]
			if string(enc) != string(b[:m.Header.Length]) {
				t.Fatalf("re-encoding differs:\n in % x\nout % x", b[:m.Header.Length], enc)
			}
			b = b[min(nl.Align(int(m.Header.Length)), len(b)):]
		}
	})
}

// FuzzAttrDecoder walks arbitrary attribute buffers with every accessor and
// through nested attributes: errors are allowed, panics are not.
func FuzzAttrDecoder(f *testing.F) {
	e := nl.NewAttrEncoder(nil)
	e.String(1, "veth0")
	e.Uint32(2, 1500)
	e.Nest(3)
	e.Uint8(1, 1)
	e.Uint64(2, 1<<33)
	e.Unnest()
	seed, _ := e.Encode()
	f.Add(seed)
	f.Add([]byte{4, 0, 1, 0})
	f.Add([]byte{12, 0, 1, 0, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		walk(nl.NewAttrDecoder(b), 0)
	})
}

func walk(d nl.AttrDecoder, depth int) {
	for d.Next() {
		_ = d.String()
		_ = d.Uint()
		_ = d.Addr()
		_ = d.Uint16BE()
		if depth < 8 {
			walk(d.Nested(), depth+1)
		}
	}
	_ = d.Err()
}

// FuzzExecuteReply answers a request with an arbitrary datagram: Execute
// must return (an error or not) and never panic.
func FuzzExecuteReply(f *testing.F) {
	req := nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}}
	f.Add(nltest.Ack(req, unix.EINVAL, "Invalid prefix", 24), true)
	f.Add(nltest.AckUncapped(req, unix.ENOENT, "", 0), false)
	f.Add(nltest.Done(req, unix.ENOENT, "ipv4: FIB table does not exist"), true)
	f.Fuzz(func(t *testing.T, reply []byte, fixSeq bool) {
		c, _ := nltest.Dial(t, func(r nl.Message) []nltest.Datagram {
			b := append([]byte(nil), reply...)
			if fixSeq && len(b) >= 12 {
				// Make the reply answer this request, so it is parsed
				// rather than dropped.
				b[8], b[9], b[10], b[11] = byte(r.Header.Seq), byte(r.Header.Seq>>8), byte(r.Header.Seq>>16), byte(r.Header.Seq>>24)
			}
			return []nltest.Datagram{{Data: b}}
		})
		c.Execute(req)
	})
}
