package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// SetCQMRSSI sets the connection quality monitor's RSSI threshold (dBm)
// and hysteresis (dB) of a station interface (NL80211_CMD_SET_CQM); a
// threshold of 0 turns the monitor off.
func (c *Client) SetCQMRSSI(ifindex int, threshold int32, hysteresis uint32) error {
	_, err := c.execute(unix.NL80211_CMD_SET_CQM, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Nest(unix.NL80211_ATTR_CQM)
		e.Int32(unix.NL80211_ATTR_CQM_RSSI_THOLD, threshold)
		e.Uint32(unix.NL80211_ATTR_CQM_RSSI_HYST, hysteresis)
		e.Unnest()
	})
	return err
}
