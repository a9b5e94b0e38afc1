package nl80211

import (
	"encoding/binary"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Cipher suites giw installs keys for (IEEE 802.11 Table 9-149, as
// nl80211 numbers them: OUI and type in one 32-bit value).
const (
	CipherWEP40  Suite = 0x000fac01
	CipherTKIP   Suite = 0x000fac02
	CipherCCMP   Suite = 0x000fac04
	CipherWEP104 Suite = 0x000fac05
)

// AKMPSK is the AKM suite of WPA2-Personal (PSK with SHA-1).
const AKMPSK Suite = 0x000fac02

// KeyType says whom a key protects (enum nl80211_key_type).
type KeyType uint32

// Key types.
const (
	KeyGroup    KeyType = unix.NL80211_KEYTYPE_GROUP
	KeyPairwise KeyType = unix.NL80211_KEYTYPE_PAIRWISE
)

// Key is an encryption key for the kernel to use.
type Key struct {
	Index  uint8
	Cipher Suite
	Data   []byte
	// Seq, if set, is the receive sequence counter to start from (least
	// significant byte first), for group keys.
	Seq  []byte
	Type KeyType
	// Default makes it the transmit key (WEP keys given with connect or
	// ibss join).
	Default bool
}

// encode writes the key's NL80211_KEY_* attributes (into a nest the
// caller opened).
func (k Key) encode(e *nl.AttrEncoder) {
	e.Bytes(unix.NL80211_KEY_DATA, k.Data)
	e.Uint8(unix.NL80211_KEY_IDX, k.Index)
	e.Uint32(unix.NL80211_KEY_CIPHER, uint32(k.Cipher))
	if len(k.Seq) > 0 {
		e.Bytes(unix.NL80211_KEY_SEQ, k.Seq)
	}
	if k.Default {
		e.Flag(unix.NL80211_KEY_DEFAULT)
	}
}

// encodeKeys writes NL80211_ATTR_KEYS: the static (WEP) keys of a connect
// or IBSS join, with the privacy flag that goes with them.
func encodeKeys(e *nl.AttrEncoder, keys []Key) {
	if len(keys) == 0 {
		return
	}
	e.Flag(unix.NL80211_ATTR_PRIVACY)
	e.Nest(unix.NL80211_ATTR_KEYS)
	for i, k := range keys {
		e.Nest(uint16(i + 1))
		k.encode(e)
		e.Unnest()
	}
	e.Unnest()
}

// NewKey installs a key on an interface: a pairwise key for the peer mac,
// or a group key (mac nil).
func (c *Client) NewKey(ifindex int, mac net.HardwareAddr, k Key) error {
	_, err := c.execute(unix.NL80211_CMD_NEW_KEY, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if mac != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, mac)
		}
		e.Nest(unix.NL80211_ATTR_KEY)
		k.encode(e)
		e.Uint32(unix.NL80211_KEY_TYPE, uint32(k.Type))
		e.Unnest()
	})
	return err
}

// SetDefaultKey makes the key with the index the default for unicast
// and/or multicast frames.
func (c *Client) SetDefaultKey(ifindex int, index uint8, unicast, multicast bool) error {
	_, err := c.execute(unix.NL80211_CMD_SET_KEY, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Nest(unix.NL80211_ATTR_KEY)
		e.Uint8(unix.NL80211_KEY_IDX, index)
		e.Flag(unix.NL80211_KEY_DEFAULT)
		e.Nest(unix.NL80211_KEY_DEFAULT_TYPES)
		if unicast {
			e.Flag(unix.NL80211_KEY_DEFAULT_TYPE_UNICAST)
		}
		if multicast {
			e.Flag(unix.NL80211_KEY_DEFAULT_TYPE_MULTICAST)
		}
		e.Unnest()
		e.Unnest()
	})
	return err
}

// AuthorizeStation opens (or closes) the 802.1X controlled port for a
// peer: on a station, the access point once the keys are in.
func (c *Client) AuthorizeStation(ifindex int, mac net.HardwareAddr, authorized bool) error {
	_, err := c.execute(unix.NL80211_CMD_SET_STATION, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, mac)
		// struct nl80211_sta_flag_update: mask, then set.
		var upd [8]byte
		bit := uint32(1) << unix.NL80211_STA_FLAG_AUTHORIZED
		binary.NativeEndian.PutUint32(upd[0:], bit)
		if authorized {
			binary.NativeEndian.PutUint32(upd[4:], bit)
		}
		e.Bytes(unix.NL80211_ATTR_STA_FLAGS2, upd[:])
	})
	return err
}
