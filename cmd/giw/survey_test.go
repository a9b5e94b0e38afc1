package main

import (
	"bytes"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// surveySeeds are a survey entry as mac80211_hwsim reports it.
func surveySeeds(t testing.TB) [][]byte {
	enc := func(fn func(e *nl.AttrEncoder)) []byte {
		e := nl.NewAttrEncoder(nil)
		fn(e)
		b, err := e.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	survey := enc(func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
		e.Nest(unix.NL80211_ATTR_SURVEY_INFO)
		e.Uint32(unix.NL80211_SURVEY_INFO_FREQUENCY, 2412)
		e.Flag(unix.NL80211_SURVEY_INFO_IN_USE)
		e.Uint8(unix.NL80211_SURVEY_INFO_NOISE, 0xa4) // -92
		e.Uint64(unix.NL80211_SURVEY_INFO_TIME, 68)
		e.Uint64(unix.NL80211_SURVEY_INFO_TIME_BUSY, 8)
		e.Unnest()
	})
	return [][]byte{survey, {}}
}

func TestPrintSurvey(t *testing.T) {
	seeds := surveySeeds(t)
	s, err := nl80211.ParseSurvey(seeds[0])
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printSurvey(&tw{w: &b}, s, "wlan0")
	const wantSurvey = "Survey data from wlan0\n\tfrequency:\t\t\t2412 MHz [in use]\n\tnoise:\t\t\t\t-92 dBm\n" +
		"\tchannel active time:\t\t68 ms\n\tchannel busy time:\t\t8 ms\n"
	if b.String() != wantSurvey {
		t.Errorf("survey:\n%q\nwant\n%q", b.String(), wantSurvey)
	}
}
