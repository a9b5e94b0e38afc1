package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Peer link actions of a mesh station (enum plink_actions).
const (
	PlinkActionOpen  = unix.NL80211_PLINK_ACTION_OPEN
	PlinkActionBlock = unix.NL80211_PLINK_ACTION_BLOCK
)

// Mesh power modes (enum nl80211_mesh_power_mode).
const (
	MeshPowerActive = unix.NL80211_MESH_POWER_ACTIVE
	MeshPowerLight  = unix.NL80211_MESH_POWER_LIGHT_SLEEP
	MeshPowerDeep   = unix.NL80211_MESH_POWER_DEEP_SLEEP
)

// StationSettings are what NL80211_CMD_SET_STATION changes; nil fields are
// left as they are.
type StationSettings struct {
	PlinkAction   *uint8
	VLAN          *uint32 // ifindex of an AP VLAN interface
	MeshPowerMode *uint32
	AirtimeWeight *uint16
	// TxPowerMode is TxPowerAuto or TxPowerLimited; TxPower (dBm) goes
	// with the latter.
	TxPowerMode *TxPowerMode
	TxPower     *int16
}

// SetStation changes a station of an interface.
func (c *Client) SetStation(ifindex int, mac net.HardwareAddr, s StationSettings) error {
	_, err := c.execute(unix.NL80211_CMD_SET_STATION, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, mac)
		if s.PlinkAction != nil {
			e.Uint8(unix.NL80211_ATTR_STA_PLINK_ACTION, *s.PlinkAction)
		}
		if s.VLAN != nil {
			e.Uint32(unix.NL80211_ATTR_STA_VLAN, *s.VLAN)
		}
		if s.MeshPowerMode != nil {
			e.Uint32(unix.NL80211_ATTR_LOCAL_MESH_POWER_MODE, *s.MeshPowerMode)
		}
		if s.AirtimeWeight != nil {
			e.Uint16(unix.NL80211_ATTR_AIRTIME_WEIGHT, *s.AirtimeWeight)
		}
		if s.TxPowerMode != nil {
			e.Uint8(unix.NL80211_ATTR_STA_TX_POWER_SETTING, uint8(*s.TxPowerMode))
		}
		if s.TxPower != nil {
			e.Uint16(unix.NL80211_ATTR_STA_TX_POWER, uint16(*s.TxPower))
		}
	})
	return err
}

// DelStationRequest says how to remove a station: the management frame
// subtype to send (0xA disassociation, 0xC deauthentication) and the
// reason code, each optional.
type DelStationRequest struct {
	Subtype *uint8
	Reason  *uint16
}

// DelStation removes a station from an interface.
func (c *Client) DelStation(ifindex int, mac net.HardwareAddr, r DelStationRequest) error {
	_, err := c.execute(unix.NL80211_CMD_DEL_STATION, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, mac)
		if r.Subtype != nil {
			e.Uint8(unix.NL80211_ATTR_MGMT_SUBTYPE, *r.Subtype)
		}
		if r.Reason != nil {
			e.Uint16(unix.NL80211_ATTR_REASON_CODE, *r.Reason)
		}
	})
	return err
}
