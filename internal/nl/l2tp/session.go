package l2tp

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// Session is a pseudowire in a tunnel; an Ethernet one is a device
// (IfName).
type Session struct {
	TunnelID, PeerTunnelID uint32
	ID, PeerID             uint32
	PWType                 uint16
	L2SpecType             L2SpecType
	L2SpecLen              uint8
	// RecvSeq and SendSeq: sequence numbers are required on received
	// packets, and sent.
	RecvSeq, SendSeq bool
	LNSMode          bool
	// ReorderTimeout is in milliseconds (0: no reordering).
	ReorderTimeout     uint64
	Cookie, PeerCookie Cookie
	IfName             string
	Stats              Stats
}

// Attrs appends the session as L2TP_CMD_SESSION_CREATE carries it, in
// the order ip sends it (the flags, timeout, cookies and name only when
// set).
func (s *Session) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	e.Uint32(attrConnID, s.TunnelID)
	e.Uint32(attrPeerConnID, s.PeerTunnelID)
	e.Uint32(attrSessionID, s.ID)
	e.Uint32(attrPeerSessionID, s.PeerID)
	e.Uint16(attrPWType, s.PWType)
	e.Uint8(attrL2SpecType, uint8(s.L2SpecType))
	e.Uint8(attrL2SpecLen, s.L2SpecLen)
	if s.RecvSeq {
		e.Uint8(attrRecvSeq, 1)
	}
	if s.SendSeq {
		e.Uint8(attrSendSeq, 1)
	}
	if s.ReorderTimeout != 0 {
		e.Uint64(attrRecvTimeout, s.ReorderTimeout)
	}
	if s.Cookie.Len() > 0 {
		e.Bytes(attrCookie, s.Cookie.Bytes())
	}
	if s.PeerCookie.Len() > 0 {
		e.Bytes(attrPeerCookie, s.PeerCookie.Bytes())
	}
	if s.IfName != "" {
		e.String(attrIfName, s.IfName)
	}
	return e.Encode()
}

// ParseSession decodes the attributes of an L2TP_CMD_SESSION_GET answer.
func ParseSession(attrs []byte) (Session, error) {
	var s Session
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrConnID:
			s.TunnelID = d.Uint32()
		case attrPeerConnID:
			s.PeerTunnelID = d.Uint32()
		case attrSessionID:
			s.ID = d.Uint32()
		case attrPeerSessionID:
			s.PeerID = d.Uint32()
		case attrPWType:
			s.PWType = d.Uint16()
		case attrL2SpecType:
			s.L2SpecType = L2SpecType(d.Uint8())
		case attrL2SpecLen:
			s.L2SpecLen = d.Uint8()
		case attrRecvSeq:
			s.RecvSeq = d.Uint8() != 0
		case attrSendSeq:
			s.SendSeq = d.Uint8() != 0
		case attrLNSMode:
			s.LNSMode = d.Uint8() != 0
		case attrRecvTimeout:
			s.ReorderTimeout = d.Uint64()
		case attrCookie:
			s.Cookie = cookieOf(&d)
		case attrPeerCookie:
			s.PeerCookie = cookieOf(&d)
		case attrIfName:
			s.IfName = d.String()
		case attrStats:
			d.Decode(s.Stats.decode)
		}
	}
	if err := d.Err(); err != nil {
		return Session{}, fmt.Errorf("l2tp: decoding a session: %w", err)
	}
	return s, nil
}

// Cookie is a session's cookie: 0, 4 or 8 bytes it sends in (or
// expects on) every data packet.
type Cookie struct {
	b [8]byte
	n uint8
}

// NewCookie makes a cookie of b; ok is false when b is longer than 8
// bytes.
func NewCookie(b []byte) (c Cookie, ok bool) {
	if len(b) > len(c.b) {
		return Cookie{}, false
	}
	c.n = uint8(copy(c.b[:], b))
	return c, true
}

// Len is the cookie's length in bytes.
func (c Cookie) Len() int { return int(c.n) }

// Bytes returns the cookie's bytes.
func (c Cookie) Bytes() []byte { return c.b[:c.n] }

// cookieOf decodes a cookie; one longer than 8 bytes is an error.
func cookieOf(d *nl.AttrDecoder) Cookie {
	c, ok := NewCookie(d.Bytes())
	if !ok {
		d.Decode(func(*nl.AttrDecoder) error { return fmt.Errorf("a cookie of %d bytes", d.Len()) })
	}
	return c
}
