package nl80211_test

import (
	"bytes"
	"encoding/binary"
	"net"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// TestProtectedRequests checks WEP and WPA2 connects, IBSS joins and key
// handling byte by byte, attribute by attribute as iw and wpa_supplicant
// send them.
func TestProtectedRequests(t *testing.T) {
	ap := net.HardwareAddr{2, 0, 0, 0, 0, 1}
	ie := []byte{48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0}
	authShared := nl80211.AuthShared
	bint, mcast := uint32(200), uint32(60)
	for _, c := range []struct {
		name string
		call func(*nl80211.Client) error
		cmd  uint8
		want func(e *nl.AttrEncoder)
	}{
		{"wep connect", func(c *nl80211.Client) error {
			return c.Connect(3, nl80211.ConnectRequest{SSID: []byte("wep"), Auth: &authShared, Keys: []nl80211.Key{
				{Index: 0, Cipher: nl80211.CipherWEP40, Data: []byte("abcde")},
				{Index: 1, Cipher: nl80211.CipherWEP104, Data: []byte("0123456789abc"), Default: true},
			}})
		}, unix.NL80211_CMD_CONNECT, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("wep"))
			e.Uint32(unix.NL80211_ATTR_AUTH_TYPE, unix.NL80211_AUTHTYPE_SHARED_KEY)
			e.Flag(unix.NL80211_ATTR_PRIVACY)
			e.Nest(unix.NL80211_ATTR_KEYS)
			e.Nest(1)
			e.Bytes(unix.NL80211_KEY_DATA, []byte("abcde"))
			e.Uint8(unix.NL80211_KEY_IDX, 0)
			e.Uint32(unix.NL80211_KEY_CIPHER, 0x000fac01)
			e.Unnest()
			e.Nest(2)
			e.Bytes(unix.NL80211_KEY_DATA, []byte("0123456789abc"))
			e.Uint8(unix.NL80211_KEY_IDX, 1)
			e.Uint32(unix.NL80211_KEY_CIPHER, 0x000fac05)
			e.Flag(unix.NL80211_KEY_DEFAULT)
			e.Unnest()
			e.Unnest()
		}},
		{"wpa2 connect", func(c *nl80211.Client) error {
			return c.Connect(3, nl80211.ConnectRequest{SSID: []byte("wpa2"), Freq: 2412, BSSID: ap,
				RSN: &nl80211.RSNParams{IE: ie, Pairwise: nl80211.CipherCCMP, Group: nl80211.CipherCCMP, AKM: nl80211.AKMPSK}})
		}, unix.NL80211_CMD_CONNECT, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("wpa2"))
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2412)
			e.Bytes(unix.NL80211_ATTR_MAC, ap)
			e.Bytes(unix.NL80211_ATTR_IE, ie)
			e.Flag(unix.NL80211_ATTR_PRIVACY)
			e.Uint32(unix.NL80211_ATTR_WPA_VERSIONS, unix.NL80211_WPA_VERSION_2)
			e.Uint32(unix.NL80211_ATTR_CIPHER_SUITES_PAIRWISE, 0x000fac04)
			e.Uint32(unix.NL80211_ATTR_CIPHER_SUITE_GROUP, 0x000fac04)
			e.Uint32(unix.NL80211_ATTR_AKM_SUITES, 0x000fac02)
			e.Flag(unix.NL80211_ATTR_CONTROL_PORT)
		}},
		{"pairwise key", func(c *nl80211.Client) error {
			return c.NewKey(3, ap, nl80211.Key{Cipher: nl80211.CipherCCMP, Data: bytes.Repeat([]byte{1}, 16), Type: nl80211.KeyPairwise})
		}, unix.NL80211_CMD_NEW_KEY, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
			e.Bytes(unix.NL80211_ATTR_MAC, ap)
			e.Nest(unix.NL80211_ATTR_KEY)
			e.Bytes(unix.NL80211_KEY_DATA, bytes.Repeat([]byte{1}, 16))
			e.Uint8(unix.NL80211_KEY_IDX, 0)
			e.Uint32(unix.NL80211_KEY_CIPHER, 0x000fac04)
			e.Uint32(unix.NL80211_KEY_TYPE, unix.NL80211_KEYTYPE_PAIRWISE)
			e.Unnest()
		}},
		{"group key", func(c *nl80211.Client) error {
			return c.NewKey(3, nil, nl80211.Key{Index: 2, Cipher: nl80211.CipherCCMP, Data: bytes.Repeat([]byte{2}, 16), Seq: []byte{1, 2, 3, 4, 5, 6}})
		}, unix.NL80211_CMD_NEW_KEY, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
			e.Nest(unix.NL80211_ATTR_KEY)
			e.Bytes(unix.NL80211_KEY_DATA, bytes.Repeat([]byte{2}, 16))
			e.Uint8(unix.NL80211_KEY_IDX, 2)
			e.Uint32(unix.NL80211_KEY_CIPHER, 0x000fac04)
			e.Bytes(unix.NL80211_KEY_SEQ, []byte{1, 2, 3, 4, 5, 6})
			e.Uint32(unix.NL80211_KEY_TYPE, unix.NL80211_KEYTYPE_GROUP)
			e.Unnest()
		}},
		{"default multicast key", func(c *nl80211.Client) error { return c.SetDefaultKey(3, 2, false, true) }, unix.NL80211_CMD_SET_KEY,
			func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
				e.Nest(unix.NL80211_ATTR_KEY)
				e.Uint8(unix.NL80211_KEY_IDX, 2)
				e.Flag(unix.NL80211_KEY_DEFAULT)
				e.Nest(unix.NL80211_KEY_DEFAULT_TYPES)
				e.Flag(unix.NL80211_KEY_DEFAULT_TYPE_MULTICAST)
				e.Unnest()
				e.Unnest()
			}},
		{"authorize", func(c *nl80211.Client) error { return c.AuthorizeStation(3, ap, true) }, unix.NL80211_CMD_SET_STATION,
			func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
				e.Bytes(unix.NL80211_ATTR_MAC, ap)
				upd := binary.NativeEndian.AppendUint32(nil, 1<<unix.NL80211_STA_FLAG_AUTHORIZED)
				upd = binary.NativeEndian.AppendUint32(upd, 1<<unix.NL80211_STA_FLAG_AUTHORIZED)
				e.Bytes(unix.NL80211_ATTR_STA_FLAGS2, upd)
			}},
		{"ibss join", func(c *nl80211.Client) error {
			return c.JoinIBSS(4, nl80211.IBSSRequest{SSID: []byte("cell"), Channel: nl80211.ChanDef{Freq: 2437, Width: nl80211.Width40, Center1: 2427},
				FixedFreq: true, BSSID: ap, BeaconInterval: &bint, BasicRates: []byte{2, 4}, McastRate: &mcast})
		}, unix.NL80211_CMD_JOIN_IBSS, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 4)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("cell"))
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2437)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ_OFFSET, 0)
			e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, unix.NL80211_CHAN_WIDTH_40)
			e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, unix.NL80211_CHAN_HT40MINUS)
			e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, 2427)
			e.Flag(unix.NL80211_ATTR_FREQ_FIXED)
			e.Bytes(unix.NL80211_ATTR_MAC, ap)
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, 200)
			e.Bytes(unix.NL80211_ATTR_BSS_BASIC_RATES, []byte{2, 4})
			e.Uint32(unix.NL80211_ATTR_MCAST_RATE, 60)
		}},
		{"ibss leave", func(c *nl80211.Client) error { return c.LeaveIBSS(4) }, unix.NL80211_CMD_LEAVE_IBSS,
			func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 4) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, k := fakeClient(t)
			if err := c.call(cl); err != nil {
				t.Fatal(err)
			}
			_, g := request(t, k)
			if want := encode(t, c.want); g.Header.Command != c.cmd || !bytes.Equal(g.Attrs, want) {
				t.Errorf("command %d % x\nwant %d % x", g.Header.Command, g.Attrs, c.cmd, want)
			}
		})
	}
}
