package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// TIDConfig is one set of per-TID settings (NL80211_ATTR_TID_CONFIG
// entry): the TIDs it applies to (a bitmap of TIDs 0..15) and what it
// changes; nil fields are left as they are.
type TIDConfig struct {
	TIDs     uint16
	Override bool // reset the settings of the peers to these
	// RetryShort and RetryLong are retry counts.
	RetryShort, RetryLong *uint8
	// AMPDU, AMSDU, NoAck and RTSCTS switch aggregation, no-ack and
	// RTS/CTS on or off.
	AMPDU, AMSDU, NoAck, RTSCTS *bool
	// TxRateType is unix.NL80211_TX_RATE_AUTOMATIC, _FIXED or _LIMITED;
	// TxRate the rates, for the last two.
	TxRateType *uint8
	TxRate     BitrateMask
}

// SetTIDConfig applies per-TID settings to an interface, or to one peer of
// it when peer is not nil (NL80211_CMD_SET_TID_CONFIG). The entries are
// numbered from 0, as iw does.
func (c *Client) SetTIDConfig(ifindex int, peer net.HardwareAddr, confs []TIDConfig) error {
	_, err := c.execute(unix.NL80211_CMD_SET_TID_CONFIG, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if peer != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, peer)
		}
		if len(confs) == 0 {
			return
		}
		e.Nest(unix.NL80211_ATTR_TID_CONFIG)
		for i, tc := range confs {
			e.Nest(uint16(i))
			tc.encode(e)
			e.Unnest()
		}
		e.Unnest()
	})
	return err
}

func (tc TIDConfig) encode(e *nl.AttrEncoder) {
	e.Uint16(unix.NL80211_TID_CONFIG_ATTR_TIDS, tc.TIDs)
	if tc.Override {
		e.Flag(unix.NL80211_TID_CONFIG_ATTR_OVERRIDE)
	}
	if tc.RetryShort != nil {
		e.Uint8(unix.NL80211_TID_CONFIG_ATTR_RETRY_SHORT, *tc.RetryShort)
	}
	if tc.RetryLong != nil {
		e.Uint8(unix.NL80211_TID_CONFIG_ATTR_RETRY_LONG, *tc.RetryLong)
	}
	for _, t := range []struct {
		typ uint16
		on  *bool
	}{
		{unix.NL80211_TID_CONFIG_ATTR_AMPDU_CTRL, tc.AMPDU}, {unix.NL80211_TID_CONFIG_ATTR_AMSDU_CTRL, tc.AMSDU},
		{unix.NL80211_TID_CONFIG_ATTR_NOACK, tc.NoAck}, {unix.NL80211_TID_CONFIG_ATTR_RTSCTS_CTRL, tc.RTSCTS},
	} {
		if t.on == nil {
			continue
		}
		v := uint8(unix.NL80211_TID_CONFIG_DISABLE)
		if *t.on {
			v = unix.NL80211_TID_CONFIG_ENABLE
		}
		e.Uint8(t.typ, v)
	}
	if tc.TxRateType != nil {
		e.Uint8(unix.NL80211_TID_CONFIG_ATTR_TX_RATE_TYPE, *tc.TxRateType)
	}
	if tc.TxRate != nil {
		tc.TxRate.encode(e, unix.NL80211_TID_CONFIG_ATTR_TX_RATE)
	}
}
