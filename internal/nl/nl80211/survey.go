package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// Survey is what a radio measured on one channel (or, for the whole radio,
// without a frequency). Values the driver does not report are nil; times
// are in ms.
type Survey struct {
	Ifindex     int
	Freq        *uint32 // MHz
	FreqOffset  uint32  // kHz
	Noise       *int8   // dBm
	InUse       bool
	Time        *uint64
	TimeBusy    *uint64
	TimeExtBusy *uint64
	TimeRx      *uint64
	TimeTx      *uint64
	TimeScan    *uint64
	TimeBSSRx   *uint64
}

// ParseSurvey decodes one NL80211_CMD_NEW_SURVEY_RESULTS message.
func ParseSurvey(b []byte) (Survey, error) {
	var s Survey
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			s.Ifindex = int(d.Uint32())
		case unix.NL80211_ATTR_SURVEY_INFO:
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_SURVEY_INFO_FREQUENCY:
						s.Freq = ptr(a.Uint32())
					case unix.NL80211_SURVEY_INFO_FREQUENCY_OFFSET:
						s.FreqOffset = a.Uint32()
					case unix.NL80211_SURVEY_INFO_NOISE:
						s.Noise = ptr(int8(a.Uint8()))
					case unix.NL80211_SURVEY_INFO_IN_USE:
						s.InUse = true
					case unix.NL80211_SURVEY_INFO_TIME:
						s.Time = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_BUSY:
						s.TimeBusy = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_EXT_BUSY:
						s.TimeExtBusy = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_RX:
						s.TimeRx = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_TX:
						s.TimeTx = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_SCAN:
						s.TimeScan = ptr(a.Uint64())
					case unix.NL80211_SURVEY_INFO_TIME_BSS_RX:
						s.TimeBSSRx = ptr(a.Uint64())
					}
				}
				return a.Err()
			})
		}
	}
	return s, d.Err()
}

// Surveys dumps an interface's channel survey; radio asks for the whole
// radio's statistics too.
func (c *Client) Surveys(ifindex int, radio bool) ([]Survey, error) {
	var out []Survey
	err := c.dumpEach(unix.NL80211_CMD_GET_SURVEY, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if radio {
			e.Flag(unix.NL80211_ATTR_SURVEY_RADIO_STATS)
		}
	}, func() { out = nil }, func(m genl.Message) error {
		s, err := ParseSurvey(m.Attrs)
		if err == nil {
			out = append(out, s)
		}
		return err
	})
	return out, err
}
