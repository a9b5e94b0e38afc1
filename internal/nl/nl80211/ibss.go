package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// ChanDef is a channel definition: the control frequency, the width and
// the centre frequencies of the whole channel.
type ChanDef struct {
	Freq    uint32 // control channel, MHz
	Width   ChanWidth
	Center1 uint32 // 0: none
	Center2 uint32 // 0: none (80+80 MHz only)
}

// Channel widths of ChanDef (enum nl80211_chan_width).
const (
	Width20NoHT ChanWidth = unix.NL80211_CHAN_WIDTH_20_NOHT
	Width20     ChanWidth = unix.NL80211_CHAN_WIDTH_20
	Width40     ChanWidth = unix.NL80211_CHAN_WIDTH_40
	Width80     ChanWidth = unix.NL80211_CHAN_WIDTH_80
	Width80P80  ChanWidth = unix.NL80211_CHAN_WIDTH_80P80
	Width160    ChanWidth = unix.NL80211_CHAN_WIDTH_160
	Width5      ChanWidth = unix.NL80211_CHAN_WIDTH_5
	Width10     ChanWidth = unix.NL80211_CHAN_WIDTH_10
)

// encode writes the channel as iw does: the frequency, its (zero) kHz
// offset, the width, the legacy channel type for widths that have one, and
// the centre frequencies.
func (c ChanDef) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, c.Freq)
	e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ_OFFSET, 0)
	e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, uint32(c.Width))
	switch c.Width {
	case Width20NoHT:
		e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, unix.NL80211_CHAN_NO_HT)
	case Width20:
		e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, unix.NL80211_CHAN_HT20)
	case Width40:
		t := uint32(unix.NL80211_CHAN_HT40PLUS)
		if c.Freq > c.Center1 {
			t = unix.NL80211_CHAN_HT40MINUS
		}
		e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, t)
	}
	if c.Center1 != 0 {
		e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, c.Center1)
	}
	if c.Center2 != 0 {
		e.Uint32(unix.NL80211_ATTR_CENTER_FREQ2, c.Center2)
	}
}

// IBSSRequest describes an IBSS (ad-hoc) cell to join, or to create when
// none is found.
type IBSSRequest struct {
	SSID    []byte
	Channel ChanDef
	// FixedFreq keeps the interface on Channel even if the cell is
	// found elsewhere.
	FixedFreq bool
	// BSSID, when set, is the cell's fixed BSSID.
	BSSID net.HardwareAddr
	// BeaconInterval (TU), BasicRates (in 500 kb/s units) and
	// McastRate (in 100 kb/s units) apply when the cell is created; nil
	// leaves the kernel's defaults.
	BeaconInterval *uint32
	BasicRates     []byte
	McastRate      *uint32
	// Keys are static WEP keys.
	Keys []Key
}

func (r IBSSRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_SSID, r.SSID)
		r.Channel.encode(e)
		if r.FixedFreq {
			e.Flag(unix.NL80211_ATTR_FREQ_FIXED)
		}
		if r.BSSID != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, r.BSSID)
		}
		if r.BeaconInterval != nil {
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, *r.BeaconInterval)
		}
		if r.BasicRates != nil {
			e.Bytes(unix.NL80211_ATTR_BSS_BASIC_RATES, r.BasicRates)
		}
		if r.McastRate != nil {
			e.Uint32(unix.NL80211_ATTR_MCAST_RATE, *r.McastRate)
		}
		encodeKeys(e, r.Keys)
	}
}

// JoinIBSS joins (or creates) an IBSS cell on an interface of type IBSS.
func (c *Client) JoinIBSS(ifindex int, req IBSSRequest) error {
	_, err := c.execute(unix.NL80211_CMD_JOIN_IBSS, req.encode(ifindex))
	return err
}

// LeaveIBSS leaves the interface's IBSS cell.
func (c *Client) LeaveIBSS(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_LEAVE_IBSS, ifindexAttrs(ifindex))
	return err
}
