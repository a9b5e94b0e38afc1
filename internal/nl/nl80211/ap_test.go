package nl80211_test

import (
	"net"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// TestAPRequests checks the attributes of the access point, channel
// switch, connection monitor, remain-on-channel, authentication and
// protocol feature requests, and the decoding of their answers.
func TestAPRequests(t *testing.T) {
	bssid := net.HardwareAddr{2, 0, 0, 0, 0, 9}
	ch1 := nl80211.ChanDef{Freq: 2412, Width: nl80211.Width20NoHT, Center1: 2412}
	ch1Attrs := func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2412)
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ_OFFSET, 0)
		e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, unix.NL80211_CHAN_WIDTH_20_NOHT)
		e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, unix.NL80211_CHAN_NO_HT)
		e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, 2412)
	}
	wep := nl80211.Key{Index: 1, Cipher: nl80211.CipherWEP40, Data: []byte("abcde"), Default: true}
	wepAttrs := func(e *nl.AttrEncoder) {
		e.Flag(unix.NL80211_ATTR_PRIVACY)
		e.Nest(unix.NL80211_ATTR_KEYS)
		e.Nest(1)
		e.Bytes(unix.NL80211_KEY_DATA, []byte("abcde"))
		e.Uint8(unix.NL80211_KEY_IDX, 1)
		e.Uint32(unix.NL80211_KEY_CIPHER, uint32(nl80211.CipherWEP40))
		e.Flag(unix.NL80211_KEY_DEFAULT)
		e.Unnest()
		e.Unnest()
	}
	features := genlMsg(unix.NL80211_CMD_GET_PROTOCOL_FEATURES, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_PROTOCOL_FEATURES, 1)
	}))
	roc := genlMsg(unix.NL80211_CMD_REMAIN_ON_CHANNEL, encode(t, func(e *nl.AttrEncoder) {
		e.Uint64(unix.NL80211_ATTR_COOKIE, 77)
	}))
	inactive := uint16(30)
	count := uint32(5)
	runRequests(t, []requestCase{
		{"start ap", nil, func(c *nl80211.Client) error {
			return c.StartAP(5, nl80211.APRequest{SSID: []byte("s"), Channel: ch1, BeaconInterval: 100, DTIMPeriod: 2,
				Hidden: nl80211.SSIDZeroLength, BeaconHead: []byte{0x80, 0}, BeaconTail: []byte{0xdd, 0},
				InactivityTimeout: &inactive, Keys: []nl80211.Key{wep}})
		}, unix.NL80211_CMD_START_AP, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("s"))
			ch1Attrs(e)
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, 100)
			e.Uint32(unix.NL80211_ATTR_DTIM_PERIOD, 2)
			e.Uint32(unix.NL80211_ATTR_HIDDEN_SSID, unix.NL80211_HIDDEN_SSID_ZERO_LEN)
			e.Bytes(unix.NL80211_ATTR_BEACON_HEAD, []byte{0x80, 0})
			e.Bytes(unix.NL80211_ATTR_BEACON_TAIL, []byte{0xdd, 0})
			e.Uint16(unix.NL80211_ATTR_INACTIVITY_TIMEOUT, 30)
			wepAttrs(e)
		}},
		{"start ap, visible, no tail", nil, func(c *nl80211.Client) error {
			return c.StartAP(5, nl80211.APRequest{SSID: []byte("s"), Channel: ch1, BeaconInterval: 100, DTIMPeriod: 2,
				BeaconHead: []byte{0x80, 0}})
		}, unix.NL80211_CMD_START_AP, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("s"))
			ch1Attrs(e)
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, 100)
			e.Uint32(unix.NL80211_ATTR_DTIM_PERIOD, 2)
			e.Bytes(unix.NL80211_ATTR_BEACON_HEAD, []byte{0x80, 0})
		}},
		{"stop ap", nil, func(c *nl80211.Client) error { return c.StopAP(5) },
			unix.NL80211_CMD_STOP_AP, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"channel switch", nil, func(c *nl80211.Client) error {
			return c.SwitchChannel(5, nl80211.ChannelSwitch{Channel: ch1, Count: &count, BlockTx: true})
		}, unix.NL80211_CMD_CHANNEL_SWITCH, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint32(unix.NL80211_ATTR_CH_SWITCH_COUNT, 5)
			e.Flag(unix.NL80211_ATTR_CH_SWITCH_BLOCK_TX)
			ch1Attrs(e)
		}},
		{"cqm rssi", nil, func(c *nl80211.Client) error { return c.SetCQMRSSI(5, -50, 2) },
			unix.NL80211_CMD_SET_CQM, func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
				e.Nest(unix.NL80211_ATTR_CQM)
				e.Int32(unix.NL80211_ATTR_CQM_RSSI_THOLD, -50)
				e.Uint32(unix.NL80211_ATTR_CQM_RSSI_HYST, 2)
				e.Unnest()
			}},
		{"remain on channel", roc, func(c *nl80211.Client) error {
			cookie, err := c.RemainOnChannel(5, 2437, 100)
			if err == nil && cookie != 77 {
				t.Errorf("cookie %d", cookie)
			}
			return err
		}, unix.NL80211_CMD_REMAIN_ON_CHANNEL, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2437)
			e.Uint32(unix.NL80211_ATTR_DURATION, 100)
		}},
		{"authenticate", nil, func(c *nl80211.Client) error {
			return c.Authenticate(5, nl80211.AuthRequest{SSID: []byte("s"), BSSID: bssid, Auth: nl80211.AuthShared,
				Freq: 2412, Keys: []nl80211.Key{wep}})
		}, unix.NL80211_CMD_AUTHENTICATE, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_SSID, []byte("s"))
			e.Bytes(unix.NL80211_ATTR_MAC, bssid)
			e.Uint32(unix.NL80211_ATTR_AUTH_TYPE, unix.NL80211_AUTHTYPE_SHARED_KEY)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2412)
			wepAttrs(e)
		}},
		{"protocol features", features, func(c *nl80211.Client) error {
			f, known, err := c.ProtocolFeatures()
			if err == nil && (!known || f != nl80211.FeatureSplitWiphyDump) {
				t.Errorf("features %#x known %v", f, known)
			}
			return err
		}, unix.NL80211_CMD_GET_PROTOCOL_FEATURES, func(*nl.AttrEncoder) {}},
	})
}
