package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// JoinOCB makes an OCB interface (outside the context of a BSS, 802.11p)
// communicate on a channel (NL80211_CMD_JOIN_OCB).
func (c *Client) JoinOCB(ifindex int, ch ChanDef) error {
	_, err := c.execute(unix.NL80211_CMD_JOIN_OCB, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		ch.encode(e)
	})
	return err
}

// LeaveOCB stops an OCB interface (NL80211_CMD_LEAVE_OCB).
func (c *Client) LeaveOCB(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_LEAVE_OCB, ifindexAttrs(ifindex))
	return err
}
