package nl80211

import (
	"context"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// FrameMatch selects received management frames: the frame control type
// and subtype (0x40 probe request, 0xd0 action, ...) and the first bytes
// of the frame body.
type FrameMatch struct {
	Type  uint16
	Match []byte
}

// MgmtFrame is a received management frame (NL80211_CMD_FRAME).
type MgmtFrame struct {
	Freq      *uint32
	SignalDBM *int32
	Frame     []byte
}

// RegisterFrame asks the kernel to hand the Client's socket the frames an
// interface receives that m selects (NL80211_CMD_REGISTER_FRAME). The
// registration lasts as long as the socket.
func (c *Client) RegisterFrame(ifindex int, m FrameMatch) error {
	_, err := c.execute(unix.NL80211_CMD_REGISTER_FRAME, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Uint16(unix.NL80211_ATTR_FRAME_TYPE, m.Type)
		e.Bytes(unix.NL80211_ATTR_FRAME_MATCH, m.Match)
	})
	return err
}

// ReceiveFrames hands the frames registered with RegisterFrame to handle,
// count of them (negative: until ctx ends), and returns nil when done or
// when ctx ends.
func (c *Client) ReceiveFrames(ctx context.Context, count int, handle func(MgmtFrame)) error {
	stop := context.AfterFunc(ctx, func() { _ = c.c.SetReadDeadline(time.Now()) })
	defer stop()
	for got := 0; count < 0 || got < count; {
		msgs, err := c.c.Receive()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		for _, m := range msgs {
			if m.Header.Command != unix.NL80211_CMD_FRAME {
				continue
			}
			f, err := ParseMgmtFrame(m.Attrs)
			if err != nil {
				return err
			}
			handle(f)
		}
		got++
	}
	return nil
}

// ParseMgmtFrame decodes the attributes of an NL80211_CMD_FRAME message.
func ParseMgmtFrame(attrs []byte) (MgmtFrame, error) {
	var f MgmtFrame
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_WIPHY_FREQ:
			f.Freq = ptr(d.Uint32())
		case unix.NL80211_ATTR_RX_SIGNAL_DBM:
			f.SignalDBM = ptr(d.Int32())
		case unix.NL80211_ATTR_FRAME:
			f.Frame = append([]byte{}, d.Bytes()...)
		}
	}
	return f, d.Err()
}
