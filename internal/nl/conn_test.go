package nl_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

const rtmGetLink = unix.RTM_GETLINK

func request() nl.Message {
	return nl.Message{Header: nl.Header{Type: rtmGetLink}, Data: make([]byte, unix.SizeofIfInfomsg)}
}

func TestExecuteAck(t *testing.T) {
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	replies, err := c.Execute(request())
	if err != nil || len(replies) != 0 {
		t.Fatalf("Execute = %v, %v", replies, err)
	}
	reqs := k.Requests()
	if len(reqs) != 1 || reqs[0].Header.Flags != nl.Request|nl.Acknowledge {
		t.Fatalf("request sent: %+v", reqs)
	}
}

func TestExecuteReplyThenAck(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{
			nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, []byte("payload!"))),
			nltest.FromKernel(nltest.Ack(req, 0, "", 0)),
		}
	})
	replies, err := c.Execute(request())
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) != 1 || string(replies[0].Data) != "payload!" {
		t.Fatalf("replies = %+v", replies)
	}
}

func TestExecuteErrors(t *testing.T) {
	tests := []struct {
		name    string
		ack     func(req nl.Message) []byte
		errno   unix.Errno
		msg     string
		offset  uint32
		matches []error
	}{
		{
			name:    "extended ack, capped",
			ack:     func(r nl.Message) []byte { return nltest.Ack(r, unix.EEXIST, "ipv4: Address already assigned", 0) },
			errno:   unix.EEXIST,
			msg:     "ipv4: Address already assigned",
			matches: []error{unix.EEXIST, os.ErrExist},
		},
		{
			name:    "extended ack with offset, uncapped",
			ack:     func(r nl.Message) []byte { return nltest.AckUncapped(r, unix.EINVAL, "Invalid prefix", 24) },
			errno:   unix.EINVAL,
			msg:     "Invalid prefix",
			offset:  24,
			matches: []error{unix.EINVAL},
		},
		{
			name:    "plain errno",
			ack:     func(r nl.Message) []byte { return nltest.Ack(r, unix.ENODEV, "", 0) },
			errno:   unix.ENODEV,
			matches: []error{unix.ENODEV},
		},
		{
			name:    "not found",
			ack:     func(r nl.Message) []byte { return nltest.Ack(r, unix.ENOENT, "", 0) },
			errno:   unix.ENOENT,
			matches: []error{os.ErrNotExist},
		},
		{
			name:    "permission",
			ack:     func(r nl.Message) []byte { return nltest.Ack(r, unix.EPERM, "", 0) },
			errno:   unix.EPERM,
			matches: []error{os.ErrPermission},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
				return []nltest.Datagram{nltest.FromKernel(tt.ack(req))}
			})
			_, err := c.Execute(request())
			var oe *nl.OpError
			if !errors.As(err, &oe) {
				t.Fatalf("err = %v (%T), want *OpError", err, err)
			}
			if oe.Errno() != tt.errno || oe.Message != tt.msg || oe.Offset != tt.offset {
				t.Fatalf("OpError = %+v", oe)
			}
			for _, target := range tt.matches {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false", target)
				}
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Error() = %q lacks the kernel's message", err.Error())
			}
		})
	}
}

func TestExecuteWarning(t *testing.T) {
	var warnings []string
	k := nltest.NewKernel(func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "sch_htb: quantum of class 10001 is big. Consider r2q change.", 0))}
	})
	c := nl.NewConn(k, nl.Route, &nl.Config{Warn: func(m string) { warnings = append(warnings, m) }})
	if _, err := c.Execute(request()); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "sch_htb: quantum") {
		t.Fatalf("warnings = %q", warnings)
	}
}

func TestExecuteDropsForeignAndStaleReplies(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		stale := req
		stale.Header.Seq--
		spoofed := nltest.FromKernel(nltest.Ack(req, unix.EPERM, "spoofed", 0))
		spoofed.From = 4242
		return []nltest.Datagram{
			spoofed, // another process's socket: dropped
			nltest.FromKernel(nltest.Ack(stale, unix.EEXIST, "", 0)), // an older request's answer: dropped
			nltest.FromKernel(nltest.Ack(req, 0, "", 0)),
		}
	})
	if _, err := c.Execute(request()); err != nil {
		t.Fatalf("Execute = %v; foreign or stale replies were not dropped", err)
	}
	if c.Dropped != 2 {
		t.Fatalf("Dropped = %d, want 2", c.Dropped)
	}
}

func TestExecuteMalformedReply(t *testing.T) {
	tests := map[string]func(req nl.Message) []byte{
		"truncated header": func(req nl.Message) []byte { return nltest.Ack(req, 0, "", 0)[:10] },
		"length too big": func(req nl.Message) []byte {
			b := nltest.Ack(req, 0, "", 0)
			b[0] = 200
			return b
		},
		"error without request header": func(req nl.Message) []byte {
			return nltest.Msg(req, nl.Error, 0, []byte{0, 0, 0, 0})
		},
		"bad extended ack": func(req nl.Message) []byte {
			b := nltest.Ack(req, unix.EINVAL, "x", 0)
			b[len(b)-8] = 99 // the message attribute's length now overruns
			return b
		},
	}
	for name, build := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
				return []nltest.Datagram{nltest.FromKernel(build(req))}
			})
			if _, err := c.Execute(request()); err == nil {
				t.Fatal("malformed reply accepted")
			}
		})
	}
}

func TestExecuteOverrun(t *testing.T) {
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	k.Overrun = 1
	if _, err := c.Execute(request()); !errors.Is(err, nl.ErrOverrun) || !errors.Is(err, unix.ENOBUFS) {
		t.Fatalf("err = %v, want ErrOverrun", err)
	}
}

// dumpKernel answers a dump with n messages spread over datagrams of per
// messages each, then NLMSG_DONE; interrupt marks messages from that index
// on with NLM_F_DUMP_INTR (a negative interrupt marks none).
func dumpKernel(n, per int, interrupt func(attempt int) int) nltest.Handler {
	attempt := 0
	return func(req nl.Message) []nltest.Datagram {
		from := interrupt(attempt)
		attempt++
		var out []nltest.Datagram
		var msgs [][]byte
		for i := range n {
			flags := nl.Multi
			if from >= 0 && i >= from {
				flags |= nl.DumpIntr
			}
			msgs = append(msgs, nltest.Msg(req, unix.RTM_NEWLINK, flags, []byte{byte(i), 0, 0, 0}))
			if len(msgs) == per {
				out = append(out, nltest.FromKernel(msgs...))
				msgs = nil
			}
		}
		msgs = append(msgs, nltest.Done(req, 0, ""))
		return append(out, nltest.FromKernel(msgs...))
	}
}

func TestDumpStreamsUntilDone(t *testing.T) {
	c, k := nltest.Dial(t, dumpKernel(10, 3, func(int) int { return -1 }))
	var got []byte
	for m, err := range c.Dump(request()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.Data[0])
	}
	if len(got) != 10 || got[9] != 9 {
		t.Fatalf("dumped %v", got)
	}
	if f := k.Requests()[0].Header.Flags; f != nl.Request|nl.Dump {
		t.Fatalf("dump request flags = %v", f)
	}
}

func TestDumpErrorInDone(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(
			nltest.Msg(req, unix.RTM_NEWROUTE, nl.Multi, []byte{1, 2, 3, 4}),
			nltest.Done(req, unix.ENOENT, "ipv4: FIB table does not exist"),
		)}
	})
	var n int
	var last error
	for _, err := range c.Dump(request()) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	var oe *nl.OpError
	if n != 1 || !errors.As(last, &oe) || oe.Message != "ipv4: FIB table does not exist" || oe.Errno() != unix.ENOENT {
		t.Fatalf("n=%d err=%v", n, last)
	}
}

func TestDumpErrorMessage(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.EINVAL, "Invalid header for link dump", 0))}
	})
	for _, err := range c.Dump(request()) {
		if !errors.Is(err, unix.EINVAL) {
			t.Fatalf("err = %v", err)
		}
	}
}

func TestDumpInterruptedStreamReportsAfterData(t *testing.T) {
	c, _ := nltest.Dial(t, dumpKernel(6, 2, func(int) int { return 4 }))
	var n int
	var last error
	for _, err := range c.Dump(request()) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	if n != 6 || !errors.Is(last, nl.ErrDumpInterrupted) {
		t.Fatalf("n=%d err=%v, want all 6 messages then ErrDumpInterrupted", n, last)
	}
}

func TestDumpAllRetriesInterruptedDump(t *testing.T) {
	// Interrupted twice, then clean.
	c, k := nltest.Dial(t, dumpKernel(5, 2, func(attempt int) int {
		if attempt < 2 {
			return 3
		}
		return -1
	}))
	msgs, err := c.DumpAll(request())
	if err != nil || len(msgs) != 5 {
		t.Fatalf("DumpAll = %d messages, %v", len(msgs), err)
	}
	if n := len(k.Requests()); n != 3 {
		t.Fatalf("dump sent %d times, want 3", n)
	}
}

func TestDumpAllGivesUpAfterRetries(t *testing.T) {
	c, k := nltest.Dial(t, dumpKernel(5, 2, func(int) int { return 2 }))
	msgs, err := c.DumpAll(request())
	if !errors.Is(err, nl.ErrDumpInterrupted) || len(msgs) != 5 {
		t.Fatalf("DumpAll = %d messages, %v", len(msgs), err)
	}
	if n := len(k.Requests()); n != nl.DumpRetries+1 {
		t.Fatalf("dump sent %d times, want %d", n, nl.DumpRetries+1)
	}
}

func TestDumpMalformedIsAnError(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		b := nltest.Msg(req, unix.RTM_NEWLINK, nl.Multi, []byte{1, 2, 3, 4})
		return []nltest.Datagram{nltest.FromKernel(b[:len(b)-2])}
	})
	var sawErr bool
	for _, err := range c.Dump(request()) {
		if err != nil {
			sawErr = true
		}
	}
	if !sawErr {
		t.Fatal("truncated dump message accepted")
	}
}

func TestDumpBreakThenExecute(t *testing.T) {
	h := dumpKernel(10, 1, func(int) int { return -1 })
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Flags&nl.Dump != 0 {
			return h(req)
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	for range c.Dump(request()) {
		break
	}
	if _, err := c.Execute(request()); err != nil {
		t.Fatalf("Execute after an abandoned dump: %v", err)
	}
	if c.Dropped != 10 {
		t.Fatalf("Dropped = %d, want the 10 leftover dump messages", c.Dropped)
	}
}

func TestBatchResultsInOrder(t *testing.T) {
	// The kernel answers a request only when it fails, or when it asks for
	// an ack. Requests whose first payload byte is odd fail.
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		errno := unix.Errno(0)
		if req.Data[0]%2 == 1 {
			errno = unix.EEXIST
		}
		if errno == 0 && req.Header.Flags&nl.Acknowledge == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, errno, "", 0))}
	})
	var results []error
	b := c.NewBatch(func(i int, err error) {
		if i != len(results) {
			t.Fatalf("result %d out of order", i)
		}
		results = append(results, err)
	})
	const n = 2500
	for i := range n {
		if err := b.Add(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}, Data: []byte{byte(i % 7), 0, 0, 0}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(results) != n {
		t.Fatalf("%d results for %d requests", len(results), n)
	}
	for i, err := range results {
		if wantFail := (i%7)%2 == 1; wantFail != errors.Is(err, unix.EEXIST) {
			t.Fatalf("result %d = %v", i, err)
		}
	}
	acks := 0
	for _, r := range k.Requests() {
		if r.Header.Flags&nl.Acknowledge != 0 {
			acks++
		}
	}
	windows := (n + b.Window() - 1) / b.Window()
	if acks != windows || k.Sends() != windows {
		t.Fatalf("%d acks asked in %d sends, want one per window (%d)", acks, k.Sends(), windows)
	}
}

func TestBatchOverrunFailsUnknownResults(t *testing.T) {
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Flags&nl.Acknowledge == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	k.Overrun = 1
	var errs []error
	b := c.NewBatch(func(i int, err error) { errs = append(errs, err) })
	for range 3 {
		b.Add(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}})
	}
	if err := b.Flush(); !errors.Is(err, nl.ErrOverrun) {
		t.Fatalf("Flush = %v", err)
	}
	if len(errs) != 3 || !errors.Is(errs[0], nl.ErrOverrun) || b.Failed() != 3 {
		t.Fatalf("results = %v", errs)
	}
}

func TestExecuteErrorKeepsUncappedRequest(t *testing.T) {
	req := nl.Message{Header: nl.Header{Type: rtmGetLink}, Data: []byte{1, 2, 3, 4, 5, 6, 7, 8}}
	c, _ := nltest.Dial(t, func(r nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.AckUncapped(r, unix.EEXIST, "", 0))}
	})
	_, err := c.Execute(req)
	var oe *nl.OpError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, want *OpError", err)
	}
	if string(oe.Request) != string(req.Data) {
		t.Fatalf("Request = % x, want % x", oe.Request, req.Data)
	}

	c2, _ := nltest.Dial(t, func(r nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(r, unix.EEXIST, "", 0))}
	})
	_, err = c2.Execute(req)
	if !errors.As(err, &oe) || oe.Request != nil {
		t.Fatalf("capped ack: Request = % x, want nil (err %v)", oe.Request, err)
	}
}

// TestBatchAroundOtherRequests runs a request on the Conn between two Adds
// of a batch: the batch must still collect its window's replies.
func TestBatchAroundOtherRequests(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Flags&nl.Acknowledge == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	var results []error
	b := c.NewBatch(func(i int, err error) { results = append(results, err) })
	if err := b.Add(request()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Execute(request()); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(request()); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0] != nil || results[1] != nil {
		t.Fatalf("results %v", results)
	}
}

func TestBatchHandsBackEchoes(t *testing.T) {
	// The kernel echoes a request that asks for it, with the id it chose
	// (here: the payload's first byte plus 100), before the ack.
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		var out [][]byte
		if req.Header.Flags&nl.Echo != 0 {
			out = append(out, nltest.Msg(req, unix.RTM_NEWLINK, 0, []byte{req.Data[0] + 100, 0, 0, 0}))
		}
		if req.Header.Flags&nl.Acknowledge != 0 {
			out = append(out, nltest.Ack(req, 0, "", 0))
		}
		if len(out) == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(out...)}
	})
	echoes := map[int]byte{}
	results := 0
	b := c.NewBatch(func(i int, err error) {
		if err != nil {
			t.Fatalf("result %d: %v", i, err)
		}
		results++
	})
	b.OnEcho(func(i int, m nl.Message) { echoes[i] = m.Data[0] })
	const n = 700
	for i := range n {
		m := nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: []byte{byte(i), 0, 0, 0}}
		if i%3 == 0 {
			m.Header.Flags |= nl.Echo
		}
		if err := b.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if results != n {
		t.Fatalf("%d results for %d requests", results, n)
	}
	for i := range n {
		got, ok := echoes[i]
		if want := i%3 == 0; ok != want || ok && got != byte(i)+100 {
			t.Fatalf("request %d: echo %v %d", i, ok, got)
		}
	}
}
