package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// RemainOnChannel asks the radio of an interface to go to freq (MHz) for
// duration milliseconds (NL80211_CMD_REMAIN_ON_CHANNEL) and returns the
// kernel's cookie for the request. The kernel cancels the visit when the
// socket that asked closes.
func (c *Client) RemainOnChannel(ifindex int, freq, duration uint32) (cookie uint64, err error) {
	msgs, err := c.execute(unix.NL80211_CMD_REMAIN_ON_CHANNEL, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, freq)
		e.Uint32(unix.NL80211_ATTR_DURATION, duration)
	})
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		d := nl.NewAttrDecoder(m.Attrs)
		for d.Next() {
			if d.Type() == unix.NL80211_ATTR_COOKIE {
				return d.Uint64(), d.Err()
			}
		}
	}
	return 0, nil
}

// ChannelSwitch moves an AP, mesh or IBSS interface to another channel
// with a channel switch announcement (NL80211_CMD_CHANNEL_SWITCH).
type ChannelSwitch struct {
	Channel ChanDef
	// Count is the number of beacons before the switch, if set.
	Count *uint32
	// BlockTx asks stations not to transmit until the switch.
	BlockTx bool
}

// SwitchChannel asks the kernel for a channel switch. The kernel wants
// the beacon to send after the switch for an AP, which this request (like
// iw's) does not carry: for APs the kernel refuses it.
func (c *Client) SwitchChannel(ifindex int, s ChannelSwitch) error {
	_, err := c.execute(unix.NL80211_CMD_CHANNEL_SWITCH, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if s.Count != nil {
			e.Uint32(unix.NL80211_ATTR_CH_SWITCH_COUNT, *s.Count)
		}
		if s.BlockTx {
			e.Flag(unix.NL80211_ATTR_CH_SWITCH_BLOCK_TX)
		}
		s.Channel.encode(e)
	})
	return err
}
