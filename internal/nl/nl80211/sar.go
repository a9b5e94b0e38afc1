package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// SARSpecs limits the transmit power per frequency range for specific
// absorption rate rules (NL80211_ATTR_SAR_SPEC). Type is the kind of
// limit (enum nl80211_sar_type: 0 is power, in 0.25 dBm).
type SARSpecs struct {
	Type   uint32
	Ranges []SARRange
}

// SARRange is the limit for one of the frequency ranges the wiphy's SAR
// capabilities list, by index.
type SARRange struct {
	Index uint32
	Power int32
}

// SetSARSpecs sets the SAR limits of a wiphy (NL80211_CMD_SET_SAR_SPECS).
func (c *Client) SetSARSpecs(wiphy int, s SARSpecs) error {
	_, err := c.execute(unix.NL80211_CMD_SET_SAR_SPECS, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		e.Nest(unix.NL80211_ATTR_SAR_SPEC)
		e.Uint32(unix.NL80211_SAR_ATTR_TYPE, s.Type)
		e.Nest(unix.NL80211_SAR_ATTR_SPECS)
		for i, r := range s.Ranges {
			e.Nest(uint16(i))
			e.Uint32(unix.NL80211_SAR_ATTR_SPECS_RANGE_INDEX, r.Index)
			e.Int32(unix.NL80211_SAR_ATTR_SPECS_POWER, r.Power)
			e.Unnest()
		}
		e.Unnest()
		e.Unnest()
	})
	return err
}
