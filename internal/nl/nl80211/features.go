package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// ProtocolFeatures are the nl80211 protocol features the kernel supports
// (NL80211_ATTR_PROTOCOL_FEATURES, a bitmap of enum
// nl80211_protocol_features).
type ProtocolFeatures uint32

// FeatureSplitWiphyDump: the kernel splits a wiphy's description over
// several messages when asked to.
const FeatureSplitWiphyDump ProtocolFeatures = unix.NL80211_PROTOCOL_FEATURE_SPLIT_WIPHY_DUMP

// ProtocolFeatures asks the kernel which protocol features it supports
// (NL80211_CMD_GET_PROTOCOL_FEATURES); known is false when its answer
// does not say.
func (c *Client) ProtocolFeatures() (f ProtocolFeatures, known bool, err error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_PROTOCOL_FEATURES, nil)
	if err != nil {
		return 0, false, err
	}
	for _, m := range msgs {
		d := nl.NewAttrDecoder(m.Attrs)
		for d.Next() {
			if d.Type() == unix.NL80211_ATTR_PROTOCOL_FEATURES {
				return ProtocolFeatures(d.Uint32()), true, d.Err()
			}
		}
	}
	return 0, false, nil
}
