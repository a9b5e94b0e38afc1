package main

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// chanMode is a named channel mode of iw's "<freq> [MODE]" grammar.
type chanMode struct {
	name      string
	width     nl80211.ChanWidth
	freq1Diff int
}

var chanModes = []chanMode{
	{"HT20", nl80211.Width20, 0},
	{"HT40+", nl80211.Width40, 10},
	{"HT40-", nl80211.Width40, -10},
	{"NOHT", nl80211.Width20NoHT, 0},
	{"5MHz", nl80211.Width5, 0},
	{"10MHz", nl80211.Width10, 0},
	{"80MHz", nl80211.Width80, 0},
	{"160MHz", nl80211.Width160, 0},
}

// The first control frequencies of the 80 and 160 MHz channels (5 and
// 6 GHz), from which iw finds their centres.
var (
	bw80Starts  = []uint32{5180, 5260, 5500, 5580, 5660, 5745, 5955, 6035, 6115, 6195, 6275, 6355, 6435, 6515, 6595, 6675, 6755, 6835, 6915, 6995}
	bw160Starts = []uint32{5180, 5500, 5955, 6115, 6275, 6435, 6595, 6755, 6915}
)

// centre1 is iw's centre frequency for a named mode on freq.
func centre1(m chanMode, freq uint32) uint32 {
	block := func(starts []uint32, span, offset uint32) uint32 {
		for _, s := range starts {
			if freq >= s && freq < s+span {
				return s + offset
			}
		}
		return freq
	}
	switch m.width {
	case nl80211.Width80:
		return block(bw80Starts, 80, 30)
	case nl80211.Width160:
		return block(bw160Starts, 160, 70)
	}
	return uint32(int(freq) + m.freq1Diff)
}

// widthNames are the widths of iw's "<freq> <width> [<centre1> [<centre2>]]"
// form.
var widthNames = map[string]nl80211.ChanWidth{
	"5": nl80211.Width5, "10": nl80211.Width10, "20": nl80211.Width20, "40": nl80211.Width40,
	"80": nl80211.Width80, "80+80": nl80211.Width80P80, "160": nl80211.Width160,
}

// parseFreqChan reads a frequency and what may follow it, as iw's
// parse_freqchan does for frequencies: "<freq> [NOHT|HT20|HT40+|HT40-|
// 5MHz|10MHz|80MHz|160MHz]" or "<freq> [5|10|20|40|80|80+80|160]
// [<centre1> [<centre2>]]". It returns the channel and how many
// arguments it used; a frequency that is not a number, or missing centre
// frequencies, are a usage error.
func parseFreqChan(args []string) (nl80211.ChanDef, int, error) {
	if len(args) == 0 {
		return nl80211.ChanDef{}, 0, &usageError{}
	}
	f, err := strconv.ParseUint(args[0], 10, 32)
	if err != nil {
		return nl80211.ChanDef{}, 0, &usageError{}
	}
	c := nl80211.ChanDef{Freq: uint32(f), Width: nl80211.Width20NoHT, Center1: uint32(f)}
	if len(args) < 2 {
		return c, 1, nil
	}
	for _, m := range chanModes {
		if strings.EqualFold(m.name, args[1]) {
			c.Width, c.Center1 = m.width, centre1(m, c.Freq)
			return c, 2, nil
		}
	}
	w, ok := widthNames[args[1]]
	if !ok {
		return c, 1, nil
	}
	c.Width = w
	used := 2
	needCentres := 0
	switch w {
	case nl80211.Width40, nl80211.Width80, nl80211.Width160:
		needCentres = 1
	case nl80211.Width80P80:
		needCentres = 2
	}
	for i := 0; i < needCentres; i++ {
		if len(args) <= used {
			return c, 0, &usageError{}
		}
		v, err := strconv.ParseUint(args[used], 10, 32)
		if err != nil {
			return c, 0, &usageError{}
		}
		if i == 0 {
			c.Center1 = uint32(v)
		} else {
			c.Center2 = uint32(v)
		}
		used++
	}
	return c, used, nil
}

// channelToFreq is iw's frequency of a channel number: 1-14 on 2.4 GHz,
// others on 5 GHz (182-196 in the 4.9 GHz range); 0 for channel 0.
func channelToFreq(ch uint64) uint32 {
	switch {
	case ch == 0:
		return 0
	case ch == 14:
		return 2484
	case ch < 14:
		return uint32(2407 + ch*5)
	case ch >= 182 && ch <= 196:
		return uint32(4000 + ch*5)
	}
	return uint32(5000 + ch*5)
}

// parseChannel reads iw's "<channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|
// 80MHz|160MHz]" into a channel definition, using every argument.
func parseChannel(args []string) (nl80211.ChanDef, error) {
	c, used, err := parseChannelPrefix(args)
	if err == nil && used != len(args) {
		err = &usageError{}
	}
	return c, err
}

// parseChannelPrefix reads a channel number and the mode that may follow
// it, as iw's parse_freqchan does for channels, and returns how many
// arguments it used.
func parseChannelPrefix(args []string) (nl80211.ChanDef, int, error) {
	if len(args) == 0 {
		return nl80211.ChanDef{}, 0, &usageError{}
	}
	ch, err := strconv.ParseUint(args[0], 10, 32)
	if err != nil {
		return nl80211.ChanDef{}, 0, &usageError{}
	}
	f := channelToFreq(ch)
	c := nl80211.ChanDef{Freq: f, Width: nl80211.Width20NoHT, Center1: f}
	if len(args) > 1 {
		for _, m := range chanModes {
			if strings.EqualFold(m.name, args[1]) {
				c.Width, c.Center1 = m.width, centre1(m, c.Freq)
				return c, 2, nil
			}
		}
	}
	return c, 1, nil
}

// parseFreq reads a whole "<freq> [mode]" or "<freq> <width> [centres]"
// argument list.
func parseFreq(args []string) (nl80211.ChanDef, error) {
	c, used, err := parseFreqChan(args)
	if err == nil && used != len(args) {
		err = &usageError{}
	}
	return c, err
}
