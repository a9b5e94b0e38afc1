package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Test mode commands of mac80211_hwsim (enum hwsim_testmode_cmd in the
// driver), carried in NL80211_ATTR_TESTDATA.
const (
	HwsimSetPS      = 0
	HwsimGetPS      = 1
	HwsimStopQueues = 2
	HwsimWakeQueues = 3
)

// Attributes of hwsim's test mode data (enum hwsim_testmode_attr).
const (
	hwsimAttrCmd = 1
	hwsimAttrPS  = 2
)

// HwsimTestmode sends one of mac80211_hwsim's test mode commands to a
// wiphy (NL80211_CMD_TESTMODE) with the power save mode ps for
// HwsimSetPS, and returns the mode the answer reports, if any. Kernels
// built without CONFIG_NL80211_TESTMODE have no such command
// (EOPNOTSUPP).
func (c *Client) HwsimTestmode(wiphy int, cmd uint32, ps *uint32) (*uint32, error) {
	msgs, err := c.execute(unix.NL80211_CMD_TESTMODE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		e.Nest(unix.NL80211_ATTR_TESTDATA)
		e.Uint32(hwsimAttrCmd, cmd)
		if ps != nil {
			e.Uint32(hwsimAttrPS, *ps)
		}
		e.Unnest()
	})
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		d := nl.NewAttrDecoder(m.Attrs)
		for d.Next() {
			if d.Type() != unix.NL80211_ATTR_TESTDATA {
				continue
			}
			t := nl.NewAttrDecoder(d.Bytes())
			for t.Next() {
				if t.Type() == hwsimAttrPS {
					v := t.Uint32()
					return &v, t.Err()
				}
			}
			return nil, t.Err()
		}
	}
	return nil, nil
}
