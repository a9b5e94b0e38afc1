package nl_test

import (
	"errors"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// A transaction goes out in one datagram, and each acknowledged message
// gets its own result, a refusal with the kernel's words.
func TestTransact(t *testing.T) {
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		switch {
		case req.Header.Type == 0x0a06 && req.Data[0] == 2:
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.ENOENT, "no such chain", 24))}
		case req.Header.Flags&nl.Acknowledge != 0:
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
		}
		return nil
	})
	msgs := []nl.Message{
		{Header: nl.Header{Type: 0x10}, Data: []byte{0, 0, 0, 10}},
		{Header: nl.Header{Type: 0x0a00, Flags: nl.Acknowledge}, Data: []byte{1, 0, 0, 0}},
		{Header: nl.Header{Type: 0x0a06, Flags: nl.Acknowledge}, Data: []byte{2, 0, 0, 0}},
		{Header: nl.Header{Type: 0x11}, Data: []byte{0, 0, 0, 10}},
	}
	res, err := c.Transact(msgs)
	if err != nil {
		t.Fatal(err)
	}
	if k.Sends() != 1 {
		t.Errorf("%d datagrams sent, want 1", k.Sends())
	}
	if res[0] != nil || res[1] != nil || res[3] != nil {
		t.Errorf("results %v", res)
	}
	var op *nl.OpError
	if !errors.As(res[2], &op) || op.Errno() != unix.ENOENT || op.Message != "no such chain" || op.Offset != 24 {
		t.Errorf("refusal: %#v", res[2])
	}
}

// A refusal of the batch itself ends the wait for the other answers.
func TestTransactBatchRefused(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Type == 0x10 {
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.EPERM, "", 0))}
		}
		return nil
	})
	res, err := c.Transact([]nl.Message{
		{Header: nl.Header{Type: 0x10}, Data: []byte{0, 0, 0, 10}},
		{Header: nl.Header{Type: 0x0a00, Flags: nl.Acknowledge}, Data: []byte{1, 0, 0, 0}},
		{Header: nl.Header{Type: 0x11}, Data: []byte{0, 0, 0, 10}},
	})
	if err != nil || !errors.Is(res[0], unix.EPERM) {
		t.Fatalf("got %v, %v", res, err)
	}
}
