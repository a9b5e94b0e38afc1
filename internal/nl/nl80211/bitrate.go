package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Bands of a bitrate mask (enum nl80211_band).
const (
	Band2GHz = unix.NL80211_BAND_2GHZ
	Band5GHz = unix.NL80211_BAND_5GHZ
	Band6GHz = unix.NL80211_BAND_6GHZ
)

// BandRates are the rates allowed on one band; empty fields leave the
// kernel's default for that kind of rate.
type BandRates struct {
	Legacy []byte // 500 kbit/s units
	HTMCS  []byte // MCS indices
	// VHTMCS and HEMCS are, per spatial stream (1..8), a bitmap of
	// MCS indices; nil when not given.
	VHTMCS *[8]uint16
	HEMCS  *[8]uint16
	// GI is 0 (any), unix.NL80211_TXRATE_FORCE_SGI or _FORCE_LGI.
	GI uint8
	// HEGI and HELTF are the HE guard interval and LTF (enum
	// nl80211_he_gi, nl80211_he_ltf), nil when not given.
	HEGI  *uint8
	HELTF *uint8
}

// BitrateMask is the set of rates an interface may send with, per band
// (Band2GHz...). An empty mask clears it.
type BitrateMask map[int]BandRates

// SetBitrateMask limits the rates an interface sends with.
func (c *Client) SetBitrateMask(ifindex int, m BitrateMask) error {
	_, err := c.execute(unix.NL80211_CMD_SET_TX_BITRATE_MASK, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		m.encode(e, unix.NL80211_ATTR_TX_RATES)
	})
	return err
}

// encode writes the mask as attribute typ, a band a nested attribute.
func (m BitrateMask) encode(e *nl.AttrEncoder, typ uint16) {
	e.Nest(typ)
	for _, band := range []int{Band2GHz, Band5GHz, Band6GHz} {
		r, ok := m[band]
		if !ok {
			continue
		}
		e.Nest(uint16(band))
		r.encode(e)
		e.Unnest()
	}
	e.Unnest()
}

func (r BandRates) encode(e *nl.AttrEncoder) {
	if r.Legacy != nil {
		e.Bytes(unix.NL80211_TXRATE_LEGACY, r.Legacy)
	}
	if r.HTMCS != nil {
		e.Bytes(unix.NL80211_TXRATE_HT, r.HTMCS)
	}
	mcs := func(typ uint16, m *[8]uint16) {
		b := make([]byte, 0, 16)
		for _, v := range m {
			b = append(b, byte(v), byte(v>>8)) // host order, as the kernel's struct
		}
		e.Bytes(typ, b)
	}
	if r.VHTMCS != nil {
		mcs(unix.NL80211_TXRATE_VHT, r.VHTMCS)
	}
	if r.HEMCS != nil {
		mcs(unix.NL80211_TXRATE_HE, r.HEMCS)
	}
	if r.GI != 0 {
		e.Uint8(unix.NL80211_TXRATE_GI, r.GI)
	}
	if r.HEGI != nil {
		e.Uint8(unix.NL80211_TXRATE_HE_GI, *r.HEGI)
	}
	if r.HELTF != nil {
		e.Uint8(unix.NL80211_TXRATE_HE_LTF, *r.HELTF)
	}
}
