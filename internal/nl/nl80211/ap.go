package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// HiddenSSID says how a beacon hides the SSID (enum nl80211_hidden_ssid).
type HiddenSSID uint32

// Ways of hiding the SSID.
const (
	SSIDVisible      HiddenSSID = unix.NL80211_HIDDEN_SSID_NOT_IN_USE
	SSIDZeroLength   HiddenSSID = unix.NL80211_HIDDEN_SSID_ZERO_LEN
	SSIDZeroContents HiddenSSID = unix.NL80211_HIDDEN_SSID_ZERO_CONTENTS
)

// APRequest starts an access point (NL80211_CMD_START_AP): the beacon is
// given as raw frame parts, which the kernel sends as they are.
type APRequest struct {
	SSID           []byte
	Channel        ChanDef
	BeaconInterval uint32 // TU
	DTIMPeriod     uint32
	Hidden         HiddenSSID // SSIDVisible: not sent
	// BeaconHead is the beacon up to the TIM element (header, fixed
	// fields, SSID, rates, DS parameters); BeaconTail what follows it.
	BeaconHead []byte
	BeaconTail []byte
	// InactivityTimeout, in seconds, if set.
	InactivityTimeout *uint16
	Keys              []Key // static WEP keys
}

func (r APRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_SSID, r.SSID)
		r.Channel.encode(e)
		e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, r.BeaconInterval)
		e.Uint32(unix.NL80211_ATTR_DTIM_PERIOD, r.DTIMPeriod)
		if r.Hidden != SSIDVisible {
			e.Uint32(unix.NL80211_ATTR_HIDDEN_SSID, uint32(r.Hidden))
		}
		e.Bytes(unix.NL80211_ATTR_BEACON_HEAD, r.BeaconHead)
		if r.BeaconTail != nil {
			e.Bytes(unix.NL80211_ATTR_BEACON_TAIL, r.BeaconTail)
		}
		if r.InactivityTimeout != nil {
			e.Uint16(unix.NL80211_ATTR_INACTIVITY_TIMEOUT, *r.InactivityTimeout)
		}
		if len(r.Keys) > 0 {
			encodeKeys(e, r.Keys)
		}
	}
}

// StartAP starts beaconing as an access point on an AP interface. The
// kernel leaves authentication and association of stations to user space
// (hostapd): without it, stations see the network but cannot join.
func (c *Client) StartAP(ifindex int, r APRequest) error {
	_, err := c.execute(unix.NL80211_CMD_START_AP, r.encode(ifindex))
	return err
}

// StopAP stops the access point of an interface (NL80211_CMD_STOP_AP).
func (c *Client) StopAP(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_STOP_AP, ifindexAttrs(ifindex))
	return err
}
