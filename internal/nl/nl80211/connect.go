package nl80211

import (
	"context"
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// AuthType is an authentication algorithm (enum nl80211_auth_type).
type AuthType uint32

// Authentication types iw's connect offers.
const (
	AuthOpen   AuthType = unix.NL80211_AUTHTYPE_OPEN_SYSTEM
	AuthShared AuthType = unix.NL80211_AUTHTYPE_SHARED_KEY
)

// ConnectRequest describes a network to connect to: open, WEP (Keys) or
// WPA2 (RSN; the 4-way handshake that follows is the caller's).
type ConnectRequest struct {
	SSID []byte
	// Freq (MHz) and BSSID, when set, pin the network.
	Freq  uint32
	BSSID net.HardwareAddr
	// Auth, when set, forces an authentication type.
	Auth *AuthType
	// MFP, when set, is enum nl80211_mfp (0 no, 1 required, 2 optional).
	MFP *uint32
	// Keys are static WEP keys.
	Keys []Key
	// RSN, when set, asks for a WPA2 association.
	RSN *RSNParams
}

// RSNParams are the suites of a WPA2 association and the RSN element that
// announces them in the association request.
type RSNParams struct {
	IE       []byte
	Pairwise Suite
	Group    Suite
	AKM      Suite
}

func (p RSNParams) encode(e *nl.AttrEncoder) {
	e.Bytes(unix.NL80211_ATTR_IE, p.IE)
	e.Flag(unix.NL80211_ATTR_PRIVACY)
	e.Uint32(unix.NL80211_ATTR_WPA_VERSIONS, unix.NL80211_WPA_VERSION_2)
	e.Uint32(unix.NL80211_ATTR_CIPHER_SUITES_PAIRWISE, uint32(p.Pairwise))
	e.Uint32(unix.NL80211_ATTR_CIPHER_SUITE_GROUP, uint32(p.Group))
	e.Uint32(unix.NL80211_ATTR_AKM_SUITES, uint32(p.AKM))
	// The kernel keeps the port closed to all but EAPOL until
	// AuthorizeStation opens it.
	e.Flag(unix.NL80211_ATTR_CONTROL_PORT)
}

// Connect asks the kernel to connect an interface to a network and returns
// when the request was accepted; the outcome is announced later on the
// "mlme" group (use ConnectWait to wait for it).
func (c *Client) Connect(ifindex int, req ConnectRequest) error {
	_, err := c.execute(unix.NL80211_CMD_CONNECT, req.encode(ifindex))
	return err
}

func (r ConnectRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_SSID, r.SSID)
		if r.Freq != 0 {
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, r.Freq)
		}
		if r.BSSID != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, r.BSSID)
		}
		if r.Auth != nil {
			e.Uint32(unix.NL80211_ATTR_AUTH_TYPE, uint32(*r.Auth))
		}
		if r.MFP != nil {
			e.Uint32(unix.NL80211_ATTR_USE_MFP, *r.MFP)
		}
		encodeKeys(e, r.Keys)
		if r.RSN != nil {
			r.RSN.encode(e)
		}
	}
}

// ConnectResult is the kernel's NL80211_CMD_CONNECT event.
type ConnectResult struct {
	Ifindex int
	Wiphy   int
	BSSID   net.HardwareAddr
	// Status is the IEEE 802.11 status code; 0 is success.
	Status uint16
	// TimedOut is set when the connection attempt timed out.
	TimedOut bool
}

// ParseConnectResult decodes an NL80211_CMD_CONNECT event.
func ParseConnectResult(b []byte) (ConnectResult, error) {
	var r ConnectResult
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			r.Ifindex = int(d.Uint32())
		case unix.NL80211_ATTR_WIPHY:
			r.Wiphy = int(d.Uint32())
		case unix.NL80211_ATTR_MAC:
			r.BSSID = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_STATUS_CODE:
			r.Status = d.Uint16()
		case unix.NL80211_ATTR_TIMED_OUT:
			r.TimedOut = true
		}
	}
	if err := d.Err(); err != nil {
		return ConnectResult{}, fmt.Errorf("nl80211: decoding connect event: %w", err)
	}
	return r, nil
}

// ConnectWait connects like Connect and waits for the kernel's verdict,
// until ctx ends. A refused or timed-out attempt is returned as a result
// with a non-zero Status or TimedOut, not as an error.
func (c *Client) ConnectWait(ctx context.Context, ifindex int, req ConnectRequest) (ConnectResult, error) {
	l, err := c.listen(GroupMLME)
	if err != nil {
		return ConnectResult{}, err
	}
	defer l.Close()
	if err := c.Connect(ifindex, req); err != nil {
		return ConnectResult{}, err
	}
	var res ConnectResult
	mine := c.fromDevice(ifindex)
	err = waitEvent(ctx, l, func(m genl.Message) (bool, error) {
		if m.Header.Command != unix.NL80211_CMD_CONNECT || !mine(m.Attrs) {
			return false, nil
		}
		r, err := ParseConnectResult(m.Attrs)
		res = r
		return true, err
	})
	return res, err
}

// Disconnect drops the interface's connection.
func (c *Client) Disconnect(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_DISCONNECT, ifindexAttrs(ifindex))
	return err
}
