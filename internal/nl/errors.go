package nl

import (
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// Extended acknowledgement attributes (enum nlmsgerr_attrs).
const (
	errAttrMsg      = unix.NLMSGERR_ATTR_MSG
	errAttrOffset   = unix.NLMSGERR_ATTR_OFFS
	errAttrMissType = 5 // NLMSGERR_ATTR_MISS_TYPE
)

var (
	// ErrDumpInterrupted is returned, after all the data, by a dump whose
	// content changed while it ran (NLM_F_DUMP_INTR) more times than the
	// engine retries. The data is complete but may be inconsistent.
	ErrDumpInterrupted = errors.New("netlink: dump interrupted: the table changed while it was read")

	// ErrOverrun means the kernel dropped messages for this socket because
	// its receive buffer was full (ENOBUFS). For multicast listeners it
	// means events were lost; the caller must resynchronise. It wraps
	// unix.ENOBUFS.
	ErrOverrun error = overrunError{}
)

// overrunError is ErrOverrun: a type rather than fmt.Errorf, which would
// run fmt's formatting machinery in every program's package
// initialisation to build an error almost none of them return.
type overrunError struct{}

func (overrunError) Error() string {
	return "netlink: receive buffer overrun, messages were lost: " + unix.ENOBUFS.Error()
}

func (overrunError) Unwrap() error { return unix.ENOBUFS }

// OpError is the kernel's refusal of a request, or a failure of the socket
// underneath. Err is the errno (a unix.Errno) or the underlying error;
// Message and Offset come from the kernel's extended acknowledgement when it
// sent one.
type OpError struct {
	// Op is what was being done: "send", "receive", "ack", "dump", ...
	Op string
	// Err is the errno the kernel answered with, or the socket error.
	Err error
	// Message is the kernel's explanation (NLMSGERR_ATTR_MSG), if any.
	Message string
	// Offset is the byte offset in the request of the attribute the kernel
	// refused (NLMSGERR_ATTR_OFFS), or 0.
	Offset uint32
	// MissingAttr is the type of a required attribute that was missing
	// (NLMSGERR_ATTR_MISS_TYPE), or 0.
	MissingAttr uint16
	// Request is the refused request's payload (after its netlink
	// header) as the kernel echoed it back, when it echoed it whole: on a
	// socket without NETLINK_CAP_ACK, or from a family that builds its own
	// error reply (ipset writes the failing element's line number into
	// it). Nil when the echo was capped.
	Request []byte
}

func (e *OpError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("netlink %s: %s: %v", e.Op, e.Message, e.Err)
	}
	return fmt.Sprintf("netlink %s: %v", e.Op, e.Err)
}

// Unwrap returns the errno, so errors.Is(err, unix.EEXIST) and
// errors.Is(err, os.ErrNotExist) work.
func (e *OpError) Unwrap() error { return e.Err }

// Errno returns the kernel's errno, or 0 if the error was not an errno.
func (e *OpError) Errno() unix.Errno {
	var n unix.Errno
	if errors.As(e.Err, &n) {
		return n
	}
	return 0
}

// ack is a decoded NLMSG_ERROR message: an acknowledgement when errno is 0,
// possibly with a warning in msg.
type ack struct {
	errno   unix.Errno
	msg     string
	offset  uint32
	missing uint16
	request []byte // echoed request payload, copied; nil when capped
}

// parseAck decodes the payload of an NLMSG_ERROR message (struct nlmsgerr
// followed, with NLM_F_ACK_TLVS, by extended-ack attributes), or of an
// NLMSG_DONE message, which carries only the error and the attributes.
func parseAck(m Message) (ack, error) {
	const errLen = 4
	b := m.Data
	if len(b) < errLen {
		return ack{}, fmt.Errorf("%w: %s message with %d bytes", ErrShortMessage, typeName(m.Header.Type), len(b))
	}
	var a ack
	code := int32(binary.NativeEndian.Uint32(b))
	if code < 0 {
		a.errno = unix.Errno(-code)
	} else if code > 0 {
		// Positive values are not errnos; keep them visible.
		a.errno = unix.Errno(code)
	}
	rest := b[errLen:]
	if m.Header.Type == Error {
		// The request's header follows, then its payload unless capped.
		if len(rest) < HeaderLen {
			return a, fmt.Errorf("%w: acknowledgement without the request header", ErrShortMessage)
		}
		orig := parseHeader(rest)
		skip := HeaderLen
		if m.Header.Flags&Capped == 0 {
			skip = Align(int(orig.Length))
		}
		if skip > len(rest) {
			// A kernel that did not cap the echoed request and had no room
			// for it: nothing more to read.
			return a, nil
		}
		if m.Header.Flags&Capped == 0 && a.errno != 0 && int(orig.Length) >= HeaderLen {
			a.request = append([]byte(nil), rest[HeaderLen:orig.Length]...)
		}
		rest = rest[skip:]
	}
	if m.Header.Flags&AckTLVs == 0 {
		return a, nil
	}
	d := NewAttrDecoder(rest)
	for d.Next() {
		switch d.Type() {
		case errAttrMsg:
			a.msg = d.String()
		case errAttrOffset:
			a.offset = d.Uint32()
		case errAttrMissType:
			a.missing = uint16(d.Uint())
		}
	}
	return a, d.Err()
}

func (a ack) err(op string) error {
	if a.errno == 0 {
		return nil
	}
	return &OpError{Op: op, Err: a.errno, Message: a.msg, Offset: a.offset, MissingAttr: a.missing, Request: a.request}
}
