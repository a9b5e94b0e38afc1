package nl80211

import "golang.org/x/sys/unix"

// FreqToChannel returns the channel number of a centre frequency in MHz,
// or 0 when the frequency is in no known band.
func FreqToChannel(freq uint32) int {
	f := int(freq)
	switch {
	case f < 1000:
		return 0
	case f == 2484:
		return 14
	case f == 5935:
		return 2
	case f < 2484:
		return (f - 2407) / 5
	case f >= 4910 && f <= 4980:
		return (f - 4000) / 5
	case f < 5950:
		return (f - 5000) / 5
	case f <= 45000:
		return (f - 5950) / 5
	case f >= 58320 && f <= 70200:
		return (f - 56160) / 2160
	}
	return 0
}

// ChanWidth is a channel width (enum nl80211_chan_width).
type ChanWidth uint32

// String names the width as iw does ("20 MHz (no HT)", "80+80 MHz", ...).
func (w ChanWidth) String() string {
	switch w {
	case unix.NL80211_CHAN_WIDTH_20_NOHT:
		return "20 MHz (no HT)"
	case unix.NL80211_CHAN_WIDTH_20:
		return "20 MHz"
	case unix.NL80211_CHAN_WIDTH_40:
		return "40 MHz"
	case unix.NL80211_CHAN_WIDTH_80:
		return "80 MHz"
	case unix.NL80211_CHAN_WIDTH_80P80:
		return "80+80 MHz"
	case unix.NL80211_CHAN_WIDTH_160:
		return "160 MHz"
	case unix.NL80211_CHAN_WIDTH_5:
		return "5 MHz"
	case unix.NL80211_CHAN_WIDTH_10:
		return "10 MHz"
	case unix.NL80211_CHAN_WIDTH_320:
		return "320 MHz"
	}
	return "unknown"
}

// MHz returns the width in MHz, 0 if unknown (80+80 counts as 160).
func (w ChanWidth) MHz() int {
	switch w {
	case unix.NL80211_CHAN_WIDTH_20_NOHT, unix.NL80211_CHAN_WIDTH_20:
		return 20
	case unix.NL80211_CHAN_WIDTH_40:
		return 40
	case unix.NL80211_CHAN_WIDTH_80:
		return 80
	case unix.NL80211_CHAN_WIDTH_80P80, unix.NL80211_CHAN_WIDTH_160:
		return 160
	case unix.NL80211_CHAN_WIDTH_5:
		return 5
	case unix.NL80211_CHAN_WIDTH_10:
		return 10
	case unix.NL80211_CHAN_WIDTH_320:
		return 320
	}
	return 0
}

// ChannelTypeName names an old-style channel type (enum
// nl80211_channel_type) as iw does.
func ChannelTypeName(t uint32) string {
	switch t {
	case unix.NL80211_CHAN_NO_HT:
		return "NO HT"
	case unix.NL80211_CHAN_HT20:
		return "HT20"
	case unix.NL80211_CHAN_HT40MINUS:
		return "HT40-"
	case unix.NL80211_CHAN_HT40PLUS:
		return "HT40+"
	}
	return "unknown"
}

// Channel is the operating channel of an interface.
type Channel struct {
	Freq        uint32 // MHz
	FreqOffset  uint32 // kHz, for S1G channels
	Width       *ChanWidth
	CenterFreq1 uint32 // MHz, 0 if not given
	CenterFreq2 uint32
	// Type is the legacy channel type (enum nl80211_channel_type), when
	// the kernel sends it.
	Type *uint32
}
