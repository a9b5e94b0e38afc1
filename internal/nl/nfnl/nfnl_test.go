package nfnl

import (
	"bytes"
	"errors"
	"testing"
)

func TestMsgType(t *testing.T) {
	typ := MsgType(SubsysIPSet, 7)
	if typ != 0x0607 {
		t.Fatalf("MsgType(ipset, 7) = %#x, want 0x607", typ)
	}
	if SubsysOf(typ) != SubsysIPSet || MsgOf(typ) != 7 {
		t.Fatalf("split %#x = %d/%d", typ, SubsysOf(typ), MsgOf(typ))
	}
}

func TestHeaderRoundTrip(t *testing.T) {
	h := Header{Family: 10, Version: Version0, ResID: 0x1234}
	b := h.Append(nil)
	if want := []byte{10, 0, 0x12, 0x34}; !bytes.Equal(b, want) {
		t.Fatalf("Append = % x, want % x", b, want)
	}
	got, rest, err := Parse(append(b, 9, 9))
	if err != nil || got != h || !bytes.Equal(rest, []byte{9, 9}) {
		t.Fatalf("Parse = %+v % x %v", got, rest, err)
	}
	if _, _, err := Parse([]byte{1, 2}); !errors.Is(err, ErrShort) {
		t.Fatalf("Parse(short) error = %v, want ErrShort", err)
	}
}

func TestNewMessageAndBatch(t *testing.T) {
	m := NewMessage(SubsysIPSet, 1, 0, Header{Family: 2}, []byte{5, 0, 1, 0, 7, 0, 0, 0})
	if m.Header.Type != 0x601 {
		t.Fatalf("type %#x", m.Header.Type)
	}
	if want := []byte{2, 0, 0, 0, 5, 0, 1, 0, 7, 0, 0, 0}; !bytes.Equal(m.Data, want) {
		t.Fatalf("data % x, want % x", m.Data, want)
	}
	b := BatchBegin(SubsysNFTables)
	if b.Header.Type != MsgBatchBegin || !bytes.Equal(b.Data, []byte{0, 0, 0, 10}) {
		t.Fatalf("batch begin %+v", b)
	}
	e := BatchEnd(SubsysNFTables)
	if e.Header.Type != MsgBatchEnd || !bytes.Equal(e.Data, []byte{0, 0, 0, 10}) {
		t.Fatalf("batch end %+v", e)
	}
}
