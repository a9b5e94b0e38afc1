package mptcp

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// Limits are the path manager's limits: how many ADD_ADDR announcements
// of the peer a connection accepts, and how many extra subflows it has.
// A request sends only the ones that are set.
type Limits struct {
	AddAddrAccepted    uint32
	HasAddAddrAccepted bool
	Subflows           uint32
	HasSubflows        bool
}

// Attrs appends the limits that are set, in the order ip sends them.
func (l *Limits) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	if l.HasAddAddrAccepted {
		e.Uint32(attrRcvAddAddrs, l.AddAddrAccepted)
	}
	if l.HasSubflows {
		e.Uint32(attrSubflows, l.Subflows)
	}
	return e.Encode()
}

// ParseLimits decodes the attributes of a GET_LIMITS answer.
func ParseLimits(attrs []byte) (Limits, error) {
	var l Limits
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrRcvAddAddrs:
			l.AddAddrAccepted, l.HasAddAddrAccepted = d.Uint32(), true
		case attrSubflows:
			l.Subflows, l.HasSubflows = d.Uint32(), true
		}
	}
	if err := d.Err(); err != nil {
		return Limits{}, fmt.Errorf("mptcp: decoding limits: %w", err)
	}
	return l, nil
}
