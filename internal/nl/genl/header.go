package genl

import (
	"errors"
	"fmt"
)

// HeaderLen is the size of the generic netlink header (struct genlmsghdr).
const HeaderLen = 4

// Header is the generic netlink header that follows the netlink header.
type Header struct {
	Command uint8
	Version uint8
}

// ErrShortHeader is returned for a message too short to hold a Header.
var ErrShortHeader = errors.New("genl: message shorter than the generic netlink header")

// Append appends the header in wire format (the reserved field is zero).
func (h Header) Append(b []byte) []byte {
	return append(b, h.Command, h.Version, 0, 0)
}

// Message is a generic netlink message: its header and the attributes after
// it.
type Message struct {
	Header Header
	// Attrs are the message's attributes. For messages returned by Conn
	// methods they are a copy and stay valid.
	Attrs []byte
}

// Parse splits a netlink message payload into the generic header and the
// attributes, which alias data.
func Parse(data []byte) (Message, error) {
	if len(data) < HeaderLen {
		return Message{}, fmt.Errorf("%w (%d bytes)", ErrShortHeader, len(data))
	}
	return Message{Header: Header{Command: data[0], Version: data[1]}, Attrs: data[HeaderLen:]}, nil
}
