package nl80211

import (
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// NANConfig are the settings of a NAN (neighbor awareness networking)
// device; nil fields are not sent.
type NANConfig struct {
	MasterPref *uint8
	Bands      *uint32 // a bitmap of enum nl80211_band
}

func (n NANConfig) encode(e *nl.AttrEncoder) {
	if n.MasterPref != nil {
		e.Uint8(unix.NL80211_ATTR_NAN_MASTER_PREF, *n.MasterPref)
	}
	if n.Bands != nil {
		e.Uint32(unix.NL80211_ATTR_BANDS, *n.Bands)
	}
}

// StartNAN starts a NAN device (NL80211_CMD_START_NAN); the Client must
// address it (OnWdev).
func (c *Client) StartNAN(n NANConfig) error {
	_, err := c.execute(unix.NL80211_CMD_START_NAN, n.encode)
	return err
}

// StopNAN stops a NAN device (NL80211_CMD_STOP_NAN).
func (c *Client) StopNAN() error {
	_, err := c.execute(unix.NL80211_CMD_STOP_NAN, nil)
	return err
}

// ChangeNANConfig changes a running NAN device's settings
// (NL80211_CMD_CHANGE_NAN_CONFIG).
func (c *Client) ChangeNANConfig(n NANConfig) error {
	_, err := c.execute(unix.NL80211_CMD_CHANGE_NAN_CONFIG, n.encode)
	return err
}

// DelNANFunction removes a NAN function by the cookie AddNANFunction
// returned (NL80211_CMD_DEL_NAN_FUNCTION).
func (c *Client) DelNANFunction(cookie uint64) error {
	_, err := c.execute(unix.NL80211_CMD_DEL_NAN_FUNCTION, func(e *nl.AttrEncoder) {
		e.Uint64(unix.NL80211_ATTR_COOKIE, cookie)
	})
	return err
}

// NANFunction is a NAN service function (NL80211_ATTR_NAN_FUNC): a publish,
// subscribe or follow-up of a service. Nil and false fields are not sent.
type NANFunction struct {
	Type            uint8 // unix.NL80211_NAN_FUNC_PUBLISH, _SUBSCRIBE or _FOLLOW_UP
	SubscribeActive bool
	PublishType     *uint8 // unix.NL80211_NAN_SOLICITED_PUBLISH | _UNSOLICITED_PUBLISH
	PublishBcast    bool
	CloseRange      bool
	ServiceID       [6]byte
	ServiceInfo     []byte
	FollowUpID      *uint8
	FollowUpReqID   *uint8
	FollowUpDest    net.HardwareAddr
	TTL             *uint32
	SRF             *NANSRF
	// RxFilter and TxFilter are match filters, nil: none; an empty
	// filter is sent as a zero-length entry.
	RxFilter, TxFilter [][]byte
}

// NANSRF is a service response filter: a Bloom filter (BF, with its index)
// or a list of addresses.
type NANSRF struct {
	Include bool
	BFIdx   *uint8
	BF      []byte
	MACs    []net.HardwareAddr // the list form when BF is nil
}

func (f NANFunction) encode(e *nl.AttrEncoder) {
	e.Nest(unix.NL80211_ATTR_NAN_FUNC)
	e.Uint8(unix.NL80211_NAN_FUNC_TYPE, f.Type)
	if f.SubscribeActive {
		e.Flag(unix.NL80211_NAN_FUNC_SUBSCRIBE_ACTIVE)
	}
	if f.PublishType != nil {
		e.Uint8(unix.NL80211_NAN_FUNC_PUBLISH_TYPE, *f.PublishType)
	}
	if f.PublishBcast {
		e.Flag(unix.NL80211_NAN_FUNC_PUBLISH_BCAST)
	}
	if f.CloseRange {
		e.Flag(unix.NL80211_NAN_FUNC_CLOSE_RANGE)
	}
	e.Bytes(unix.NL80211_NAN_FUNC_SERVICE_ID, f.ServiceID[:])
	if f.ServiceInfo != nil {
		e.Bytes(unix.NL80211_NAN_FUNC_SERVICE_INFO, f.ServiceInfo)
	}
	if f.FollowUpID != nil {
		e.Uint8(unix.NL80211_NAN_FUNC_FOLLOW_UP_ID, *f.FollowUpID)
	}
	if f.FollowUpReqID != nil {
		e.Uint8(unix.NL80211_NAN_FUNC_FOLLOW_UP_REQ_ID, *f.FollowUpReqID)
	}
	if f.FollowUpDest != nil {
		e.Bytes(unix.NL80211_NAN_FUNC_FOLLOW_UP_DEST, f.FollowUpDest)
	}
	if f.TTL != nil {
		e.Uint32(unix.NL80211_NAN_FUNC_TTL, *f.TTL)
	}
	if s := f.SRF; s != nil {
		e.Nest(unix.NL80211_NAN_FUNC_SRF)
		if s.Include {
			e.Flag(unix.NL80211_NAN_SRF_INCLUDE)
		}
		if s.BF != nil {
			if s.BFIdx != nil {
				e.Uint8(unix.NL80211_NAN_SRF_BF_IDX, *s.BFIdx)
			}
			e.Bytes(unix.NL80211_NAN_SRF_BF, s.BF)
		} else {
			e.Nest(unix.NL80211_NAN_SRF_MAC_ADDRS)
			for i, m := range s.MACs {
				e.Bytes(uint16(i+1), m)
			}
			e.Unnest()
		}
		e.Unnest()
	}
	for _, fl := range []struct {
		typ uint16
		f   [][]byte
	}{{unix.NL80211_NAN_FUNC_RX_MATCH_FILTER, f.RxFilter}, {unix.NL80211_NAN_FUNC_TX_MATCH_FILTER, f.TxFilter}} {
		if fl.f == nil {
			continue
		}
		e.Nest(fl.typ)
		for i, m := range fl.f {
			e.Bytes(uint16(i+1), m)
		}
		e.Unnest()
	}
	e.Unnest()
}

// NANFunctionAdded is what the kernel answers to AddNANFunction.
type NANFunctionAdded struct {
	Cookie     uint64
	InstanceID uint8
}

// AddNANFunction adds a function to a running NAN device
// (NL80211_CMD_ADD_NAN_FUNCTION) and returns its cookie and instance id.
func (c *Client) AddNANFunction(f NANFunction) (NANFunctionAdded, error) {
	msgs, err := c.execute(unix.NL80211_CMD_ADD_NAN_FUNCTION, f.encode)
	if err != nil {
		return NANFunctionAdded{}, err
	}
	for _, m := range msgs {
		if a, ok := ParseNANFunctionAdded(m.Attrs); ok {
			return a, nil
		}
	}
	return NANFunctionAdded{}, fmt.Errorf("nl80211: no cookie and instance id in the answer to ADD_NAN_FUNCTION")
}

// ParseNANFunctionAdded reads the cookie and the function's instance id
// from the answer to ADD_NAN_FUNCTION; ok is false when one is missing.
func ParseNANFunctionAdded(b []byte) (a NANFunctionAdded, ok bool) {
	var haveCookie, haveID bool
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_COOKIE:
			a.Cookie, haveCookie = d.Uint64(), true
		case unix.NL80211_ATTR_NAN_FUNC:
			d.Decode(func(f *nl.AttrDecoder) error {
				for f.Next() {
					if f.Type() == unix.NL80211_NAN_FUNC_INSTANCE_ID {
						a.InstanceID, haveID = f.Uint8(), true
					}
				}
				return nil
			})
		}
	}
	return a, haveCookie && haveID && d.Err() == nil
}
