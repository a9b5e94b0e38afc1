package nl

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// HeaderLen is the size of a netlink message header (struct nlmsghdr).
const HeaderLen = unix.SizeofNlMsghdr

// Align rounds n up to netlink's 4-byte alignment (NLMSG_ALIGN, NLA_ALIGN).
func Align(n int) int { return (n + 3) &^ 3 }

// Message types the netlink core defines for every family.
const (
	Noop    uint16 = unix.NLMSG_NOOP    // NLMSG_NOOP
	Error   uint16 = unix.NLMSG_ERROR   // NLMSG_ERROR: an error or an acknowledgement
	Done    uint16 = unix.NLMSG_DONE    // NLMSG_DONE: the end of a dump
	Overrun uint16 = unix.NLMSG_OVERRUN // NLMSG_OVERRUN
)

// Flags are the nlmsg_flags of a message header. The low byte has one meaning
// everywhere; the bits from 0x100 up mean different things in a GET, a NEW, a
// DELETE and an acknowledgement, which is why several names share a value.
type Flags uint16

// Flag values (NLM_F_*).
const (
	Request      Flags = unix.NLM_F_REQUEST
	Multi        Flags = unix.NLM_F_MULTI
	Acknowledge  Flags = unix.NLM_F_ACK
	Echo         Flags = unix.NLM_F_ECHO
	DumpIntr     Flags = unix.NLM_F_DUMP_INTR
	DumpFiltered Flags = unix.NLM_F_DUMP_FILTERED

	// Modifiers of a GET request.
	Root   Flags = unix.NLM_F_ROOT
	Match  Flags = unix.NLM_F_MATCH
	Atomic Flags = unix.NLM_F_ATOMIC
	Dump   Flags = unix.NLM_F_DUMP

	// Modifiers of a NEW request.
	Replace Flags = unix.NLM_F_REPLACE
	Excl    Flags = unix.NLM_F_EXCL
	Create  Flags = unix.NLM_F_CREATE
	Append  Flags = unix.NLM_F_APPEND

	// Modifier of a DELETE request: every object the request matches.
	Bulk Flags = unix.NLM_F_BULK

	// Modifiers of an acknowledgement (NLMSG_ERROR).
	Capped  Flags = unix.NLM_F_CAPPED
	AckTLVs Flags = unix.NLM_F_ACK_TLVS
)

var lowFlagNames = []struct {
	f    Flags
	name string
}{
	{Request, "REQUEST"}, {Multi, "MULTI"}, {Acknowledge, "ACK"}, {Echo, "ECHO"},
	{DumpIntr, "DUMP_INTR"}, {DumpFiltered, "DUMP_FILTERED"},
}

// String names the flags as "REQUEST|ACK|CREATE|EXCL". The bits from 0x100 up
// are named as a NEW request's modifiers (CREATE, EXCL, REPLACE, APPEND),
// except that ROOT|MATCH together print as DUMP. Header.String uses the
// message type to name them exactly. Unknown bits print in hex.
func (f Flags) String() string {
	return f.format(false)
}

func (f Flags) format(isAck bool) string {
	if f == 0 {
		return "0"
	}
	var parts []string
	rest := f
	for _, n := range lowFlagNames {
		if rest&n.f != 0 {
			parts = append(parts, n.name)
			rest &^= n.f
		}
	}
	high := []struct {
		f    Flags
		name string
	}{{Replace, "REPLACE"}, {Excl, "EXCL"}, {Create, "CREATE"}, {Append, "APPEND"}}
	switch {
	case isAck:
		high = []struct {
			f    Flags
			name string
		}{{Capped, "CAPPED"}, {AckTLVs, "ACK_TLVS"}}
	case rest&Dump == Dump:
		parts = append(parts, "DUMP")
		rest &^= Dump
	}
	for _, n := range high {
		if rest&n.f != 0 {
			parts = append(parts, n.name)
			rest &^= n.f
		}
	}
	if rest != 0 {
		parts = append(parts, fmt.Sprintf("%#x", uint16(rest)))
	}
	return strings.Join(parts, "|")
}

// Header is a netlink message header (struct nlmsghdr).
type Header struct {
	Length uint32 // whole message length, header included; set on encoding
	Type   uint16
	Flags  Flags
	Seq    uint32
	PID    uint32 // sender's port: 0 for the kernel
}

// String describes the header with flag names fitting the message type.
func (h Header) String() string {
	return fmt.Sprintf("len=%d type=%s flags=%s seq=%d port=%d",
		h.Length, typeName(h.Type), h.Flags.format(h.Type == Error), h.Seq, h.PID)
}

func typeName(t uint16) string {
	switch t {
	case Noop:
		return "NOOP"
	case Error:
		return "ERROR"
	case Done:
		return "DONE"
	case Overrun:
		return "OVERRUN"
	}
	return fmt.Sprint(t)
}

// Message is a netlink message: a header and its payload. The payload of a
// message read from a Conn may point into the connection's receive buffer;
// see the method that returned it for how long it stays valid.
type Message struct {
	Header Header
	Data   []byte
}

// Errors from decoding messages.
var (
	ErrShortMessage = errors.New("netlink: message shorter than its header")
	ErrBadLength    = errors.New("netlink: message length does not fit the datagram")
)

// AppendMessage appends m to b in wire format, with Header.Length computed
// from the payload and padding added after it, and returns the extended
// buffer.
func AppendMessage(b []byte, m Message) []byte {
	n := HeaderLen + len(m.Data)
	b = binary.NativeEndian.AppendUint32(b, uint32(n))
	b = binary.NativeEndian.AppendUint16(b, m.Header.Type)
	b = binary.NativeEndian.AppendUint16(b, uint16(m.Header.Flags))
	b = binary.NativeEndian.AppendUint32(b, m.Header.Seq)
	b = binary.NativeEndian.AppendUint32(b, m.Header.PID)
	b = append(b, m.Data...)
	for pad := Align(n) - n; pad > 0; pad-- {
		b = append(b, 0)
	}
	return b
}

// MarshalBinary encodes m in wire format.
func (m Message) MarshalBinary() ([]byte, error) {
	return AppendMessage(make([]byte, 0, Align(HeaderLen+len(m.Data))), m), nil
}

// parseHeader decodes the header at the start of b.
func parseHeader(b []byte) Header {
	return Header{
		Length: binary.NativeEndian.Uint32(b[0:4]),
		Type:   binary.NativeEndian.Uint16(b[4:6]),
		Flags:  Flags(binary.NativeEndian.Uint16(b[6:8])),
		Seq:    binary.NativeEndian.Uint32(b[8:12]),
		PID:    binary.NativeEndian.Uint32(b[12:16]),
	}
}

// NextMessage splits the first message off a datagram. It returns the
// message, whose Data aliases b, and the rest of the datagram after the
// message's padding. A header that claims less than a header or more than b
// holds is an error, never a panic. The padding after the last message of a
// datagram may be missing.
func NextMessage(b []byte) (m Message, rest []byte, err error) {
	if len(b) < HeaderLen {
		return Message{}, nil, fmt.Errorf("%w: %d bytes", ErrShortMessage, len(b))
	}
	h := parseHeader(b)
	if h.Length < HeaderLen || int(h.Length) > len(b) {
		return Message{}, nil, fmt.Errorf("%w: header says %d bytes, %d left", ErrBadLength, h.Length, len(b))
	}
	m = Message{Header: h, Data: b[HeaderLen:h.Length:h.Length]}
	next := Align(int(h.Length))
	if next >= len(b) {
		return m, nil, nil
	}
	return m, b[next:], nil
}

// ParseMessages decodes every message in a datagram. The messages' Data
// alias b.
func ParseMessages(b []byte) ([]Message, error) {
	var msgs []Message
	for len(b) > 0 {
		m, rest, err := NextMessage(b)
		if err != nil {
			return msgs, err
		}
		msgs = append(msgs, m)
		b = rest
	}
	return msgs, nil
}
