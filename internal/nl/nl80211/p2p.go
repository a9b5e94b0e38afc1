package nl80211

import "golang.org/x/sys/unix"

// StartP2PDevice starts a P2P device, a wireless device without a network
// interface (NL80211_CMD_START_P2P_DEVICE). The Client must address it
// (OnWdev).
func (c *Client) StartP2PDevice() error {
	_, err := c.execute(unix.NL80211_CMD_START_P2P_DEVICE, nil)
	return err
}

// StopP2PDevice stops a P2P device (NL80211_CMD_STOP_P2P_DEVICE).
func (c *Client) StopP2PDevice() error {
	_, err := c.execute(unix.NL80211_CMD_STOP_P2P_DEVICE, nil)
	return err
}
