package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// AuthRequest authenticates a station interface with a BSS it has seen
// in a scan (NL80211_CMD_AUTHENTICATE), without associating.
type AuthRequest struct {
	SSID  []byte
	BSSID net.HardwareAddr
	Auth  AuthType
	Freq  uint32 // MHz
	Keys  []Key  // static WEP keys, for shared key authentication
}

func (r AuthRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_SSID, r.SSID)
		e.Bytes(unix.NL80211_ATTR_MAC, r.BSSID)
		e.Uint32(unix.NL80211_ATTR_AUTH_TYPE, uint32(r.Auth))
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, r.Freq)
		if len(r.Keys) > 0 {
			encodeKeys(e, r.Keys)
		}
	}
}

// Authenticate sends the request; the kernel answers once the first
// authentication frame is on its way, and reports the outcome as an MLME
// event. The BSS must be in the kernel's scan results (else ENOENT).
func (c *Client) Authenticate(ifindex int, r AuthRequest) error {
	_, err := c.execute(unix.NL80211_CMD_AUTHENTICATE, r.encode(ifindex))
	return err
}
