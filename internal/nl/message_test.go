package nl_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

func TestAppendMessagePadsAndSetsLength(t *testing.T) {
	m := nl.Message{Header: nl.Header{Type: 16, Flags: nl.Request | nl.Acknowledge, Seq: 7, PID: 9}, Data: []byte{1, 2, 3, 4, 5}}
	b := nl.AppendMessage(nil, m)
	want := []byte{
		21, 0, 0, 0, // length: 16 + 5
		16, 0, // type
		5, 0, // flags REQUEST|ACK
		7, 0, 0, 0, // seq
		9, 0, 0, 0, // port
		1, 2, 3, 4, 5, 0, 0, 0, // payload and padding
	}
	if !bytes.Equal(b, want) {
		t.Fatalf("AppendMessage:\n got % x\nwant % x", b, want)
	}
	got, rest, err := nl.NextMessage(b)
	if err != nil || rest != nil {
		t.Fatalf("NextMessage: %v, rest %d bytes", err, len(rest))
	}
	if got.Header.Length != 21 || got.Header.Type != 16 || got.Header.Seq != 7 || !bytes.Equal(got.Data, m.Data) {
		t.Fatalf("round trip: %+v", got)
	}
}

func TestParseMessages(t *testing.T) {
	var b []byte
	for i := range 3 {
		b = nl.AppendMessage(b, nl.Message{Header: nl.Header{Type: uint16(20 + i), Seq: uint32(i)}, Data: bytes.Repeat([]byte{byte(i)}, i+1)})
	}
	msgs, err := nl.ParseMessages(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 3 {
		t.Fatalf("got %d messages", len(msgs))
	}
	for i, m := range msgs {
		if m.Header.Type != uint16(20+i) || len(m.Data) != i+1 {
			t.Errorf("message %d: %+v", i, m)
		}
	}
}

func TestNextMessageMalformed(t *testing.T) {
	good := nl.AppendMessage(nil, nl.Message{Header: nl.Header{Type: 16}, Data: []byte{1, 2, 3, 4}})
	tests := []struct {
		name string
		b    []byte
		want error
	}{
		{"short", good[:10], nl.ErrShortMessage},
		{"length below header", setLen(good, 8), nl.ErrBadLength},
		{"length past datagram", setLen(good, 200), nl.ErrBadLength},
		{"truncated payload", good[:18], nl.ErrBadLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := nl.NextMessage(tt.b)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLastMessageWithoutPadding(t *testing.T) {
	b := nl.AppendMessage(nil, nl.Message{Header: nl.Header{Type: 16}, Data: []byte{1}})
	b = b[:17] // the kernel may omit the last message's padding
	m, rest, err := nl.NextMessage(b)
	if err != nil || rest != nil || len(m.Data) != 1 {
		t.Fatalf("m=%+v rest=%v err=%v", m, rest, err)
	}
}

func setLen(b []byte, n byte) []byte {
	c := append([]byte(nil), b...)
	c[0], c[1], c[2], c[3] = n, 0, 0, 0
	return c
}

func TestFlagsString(t *testing.T) {
	tests := []struct {
		f    nl.Flags
		want string
	}{
		{0, "0"},
		{nl.Request | nl.Acknowledge, "REQUEST|ACK"},
		{nl.Request | nl.Dump, "REQUEST|DUMP"},
		{nl.Request | nl.Acknowledge | nl.Create | nl.Excl, "REQUEST|ACK|EXCL|CREATE"},
		{nl.Request | nl.Create | nl.Replace, "REQUEST|REPLACE|CREATE"},
		{nl.Multi | nl.DumpIntr | nl.DumpFiltered, "MULTI|DUMP_INTR|DUMP_FILTERED"},
		{nl.Echo | 0x1000, "ECHO|0x1000"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("Flags(%#x).String() = %q, want %q", uint16(tt.f), got, tt.want)
		}
	}
}

func TestHeaderStringNamesAckFlags(t *testing.T) {
	h := nl.Header{Length: 36, Type: nl.Error, Flags: nl.Capped | nl.AckTLVs, Seq: 3}
	if got, want := h.String(), "len=36 type=ERROR flags=CAPPED|ACK_TLVS seq=3 port=0"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
