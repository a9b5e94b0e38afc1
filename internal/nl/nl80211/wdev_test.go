package nl80211_test

import (
	"context"
	"net"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// TestWdevRequests checks requests addressed by wdev id (the id first,
// no interface index), the P2P and NAN requests, per-TID settings and
// peer measurements.
func TestWdevRequests(t *testing.T) {
	wdev := func(e *nl.AttrEncoder) { e.Uint64(unix.NL80211_ATTR_WDEV, 0x100000002) }
	on := func(c *nl80211.Client) *nl80211.Client { return c.OnWdev(0x100000002) }
	pref, bands := uint8(5), uint32(3)
	added := genlMsg(unix.NL80211_CMD_ADD_NAN_FUNCTION, encode(t, func(e *nl.AttrEncoder) {
		e.Uint64(unix.NL80211_ATTR_COOKIE, 77)
		e.Nest(unix.NL80211_ATTR_NAN_FUNC)
		e.Uint8(unix.NL80211_NAN_FUNC_INSTANCE_ID, 3)
		e.Unnest()
	}))
	ttl, id := uint32(9), uint8(1)
	w80, off, rate := nl80211.Width80, false, uint8(unix.NL80211_TX_RATE_LIMITED)
	timeout := uint32(5)
	runRequests(t, []requestCase{
		{"info by wdev", nil, func(c *nl80211.Client) error {
			_, err := on(c).Interface(0)
			if err == nil {
				t.Error("an empty answer gave an interface")
			}
			return nil
		}, unix.NL80211_CMD_GET_INTERFACE, wdev},
		{"p2p start", nil, func(c *nl80211.Client) error { return on(c).StartP2PDevice() }, unix.NL80211_CMD_START_P2P_DEVICE, wdev},
		{"p2p stop", nil, func(c *nl80211.Client) error { return on(c).StopP2PDevice() }, unix.NL80211_CMD_STOP_P2P_DEVICE, wdev},
		{"netdev command by wdev", nil, func(c *nl80211.Client) error {
			return on(c).SetStation(5, net.HardwareAddr{2, 0, 0, 0, 0, 1}, nl80211.StationSettings{})
		}, unix.NL80211_CMD_SET_STATION, func(e *nl.AttrEncoder) {
			wdev(e)
			e.Bytes(unix.NL80211_ATTR_MAC, []byte{2, 0, 0, 0, 0, 1})
		}},
		{"nan start", nil, func(c *nl80211.Client) error {
			return on(c).StartNAN(nl80211.NANConfig{MasterPref: &pref, Bands: &bands})
		},
			unix.NL80211_CMD_START_NAN, func(e *nl.AttrEncoder) {
				wdev(e)
				e.Uint8(unix.NL80211_ATTR_NAN_MASTER_PREF, 5)
				e.Uint32(unix.NL80211_ATTR_BANDS, 3)
			}},
		{"nan config", nil, func(c *nl80211.Client) error { return on(c).ChangeNANConfig(nl80211.NANConfig{Bands: &bands}) },
			unix.NL80211_CMD_CHANGE_NAN_CONFIG, func(e *nl.AttrEncoder) {
				wdev(e)
				e.Uint32(unix.NL80211_ATTR_BANDS, 3)
			}},
		{"nan stop", nil, func(c *nl80211.Client) error { return on(c).StopNAN() }, unix.NL80211_CMD_STOP_NAN, wdev},
		{"nan rm_func", nil, func(c *nl80211.Client) error { return on(c).DelNANFunction(1<<64 - 1) }, unix.NL80211_CMD_DEL_NAN_FUNCTION,
			func(e *nl.AttrEncoder) {
				wdev(e)
				e.Uint64(unix.NL80211_ATTR_COOKIE, 1<<64-1)
			}},
		{"nan add_func", added, func(c *nl80211.Client) error {
			a, err := on(c).AddNANFunction(nl80211.NANFunction{Type: unix.NL80211_NAN_FUNC_PUBLISH, PublishType: &id, ServiceID: [6]byte{1, 2, 3, 4, 5, 6},
				ServiceInfo: []byte("i"), TTL: &ttl, SRF: &nl80211.NANSRF{Include: true, MACs: []net.HardwareAddr{{2, 0, 0, 0, 0, 1}}},
				RxFilter: [][]byte{[]byte("a"), {}}})
			if a != (nl80211.NANFunctionAdded{Cookie: 77, InstanceID: 3}) {
				t.Errorf("added %+v", a)
			}
			return err
		}, unix.NL80211_CMD_ADD_NAN_FUNCTION, func(e *nl.AttrEncoder) {
			wdev(e)
			e.Nest(unix.NL80211_ATTR_NAN_FUNC)
			e.Uint8(unix.NL80211_NAN_FUNC_TYPE, unix.NL80211_NAN_FUNC_PUBLISH)
			e.Uint8(unix.NL80211_NAN_FUNC_PUBLISH_TYPE, 1)
			e.Bytes(unix.NL80211_NAN_FUNC_SERVICE_ID, []byte{1, 2, 3, 4, 5, 6})
			e.Bytes(unix.NL80211_NAN_FUNC_SERVICE_INFO, []byte("i"))
			e.Uint32(unix.NL80211_NAN_FUNC_TTL, 9)
			e.Nest(unix.NL80211_NAN_FUNC_SRF)
			e.Flag(unix.NL80211_NAN_SRF_INCLUDE)
			e.Nest(unix.NL80211_NAN_SRF_MAC_ADDRS)
			e.Bytes(1, []byte{2, 0, 0, 0, 0, 1})
			e.Unnest()
			e.Unnest()
			e.Nest(unix.NL80211_NAN_FUNC_RX_MATCH_FILTER)
			e.Bytes(1, []byte("a"))
			e.Bytes(2, []byte{})
			e.Unnest()
			e.Unnest()
		}},
		{"tidconf", nil, func(c *nl80211.Client) error {
			return c.SetTIDConfig(5, net.HardwareAddr{2, 0, 0, 0, 0, 9}, []nl80211.TIDConfig{
				{TIDs: 3, Override: true, RetryShort: &id, AMPDU: &off},
				{TIDs: 4, TxRateType: &rate, TxRate: nl80211.BitrateMask{nl80211.Band5GHz: {Legacy: []byte{12}}}},
			})
		}, unix.NL80211_CMD_SET_TID_CONFIG, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MAC, []byte{2, 0, 0, 0, 0, 9})
			e.Nest(unix.NL80211_ATTR_TID_CONFIG)
			e.Nest(0)
			e.Uint16(unix.NL80211_TID_CONFIG_ATTR_TIDS, 3)
			e.Flag(unix.NL80211_TID_CONFIG_ATTR_OVERRIDE)
			e.Uint8(unix.NL80211_TID_CONFIG_ATTR_RETRY_SHORT, 1)
			e.Uint8(unix.NL80211_TID_CONFIG_ATTR_AMPDU_CTRL, unix.NL80211_TID_CONFIG_DISABLE)
			e.Unnest()
			e.Nest(1)
			e.Uint16(unix.NL80211_TID_CONFIG_ATTR_TIDS, 4)
			e.Uint8(unix.NL80211_TID_CONFIG_ATTR_TX_RATE_TYPE, unix.NL80211_TX_RATE_LIMITED)
			e.Nest(unix.NL80211_TID_CONFIG_ATTR_TX_RATE)
			e.Nest(unix.NL80211_BAND_5GHZ)
			e.Bytes(unix.NL80211_TXRATE_LEGACY, []byte{12})
			e.Unnest()
			e.Unnest()
			e.Unnest()
			e.Unnest()
		}},
		{"tidconf without settings", nil, func(c *nl80211.Client) error { return c.SetTIDConfig(5, nil, nil) },
			unix.NL80211_CMD_SET_TID_CONFIG, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"ftm request", pmsrComplete(t), func(c *nl80211.Client) error {
			var got []nl80211.PMSRResult
			err := c.MeasurePeers(context.Background(), 5, nl80211.PMSRRequest{Timeout: &timeout,
				RandomMAC: net.HardwareAddr{0, 0, 0, 0, 0, 0}, RandomMask: net.HardwareAddr{1, 0, 0, 0, 0, 0},
				Peers: []nl80211.PMSRPeer{{Index: 2, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Freq: 5180, Center1: 5210, Width: &w80, GetAPTSF: true,
					FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleVHT, ASAP: true, PerBurst: &id}}}}, func(r nl80211.PMSRResult) { got = append(got, r) })
			if len(got) != 1 || !got[0].Complete || *got[0].Cookie != 7 {
				t.Errorf("results %+v", got)
			}
			return err
		}, unix.NL80211_CMD_PEER_MEASUREMENT_START, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MAC, []byte{0, 0, 0, 0, 0, 0})
			e.Bytes(unix.NL80211_ATTR_MAC_MASK, []byte{1, 0, 0, 0, 0, 0})
			e.Uint32(unix.NL80211_ATTR_TIMEOUT, 5)
			e.Nest(unix.NL80211_ATTR_PEER_MEASUREMENTS)
			e.Nest(unix.NL80211_PMSR_ATTR_PEERS)
			e.Nest(2)
			e.Bytes(unix.NL80211_PMSR_PEER_ATTR_ADDR, []byte{2, 0, 0, 0, 1, 0})
			e.Nest(unix.NL80211_PMSR_PEER_ATTR_REQ)
			e.Nest(unix.NL80211_PMSR_REQ_ATTR_DATA)
			e.Nest(unix.NL80211_PMSR_TYPE_FTM)
			e.Uint8(unix.NL80211_PMSR_FTM_REQ_ATTR_FTMS_PER_BURST, 1)
			e.Flag(unix.NL80211_PMSR_FTM_REQ_ATTR_ASAP)
			e.Uint32(unix.NL80211_PMSR_FTM_REQ_ATTR_PREAMBLE, unix.NL80211_PREAMBLE_VHT)
			e.Unnest()
			e.Flag(unix.NL80211_PMSR_REQ_ATTR_GET_AP_TSF)
			e.Unnest()
			e.Unnest()
			e.Nest(unix.NL80211_PMSR_PEER_ATTR_CHAN)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 5180)
			e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, 5210)
			e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, unix.NL80211_CHAN_WIDTH_80)
			e.Unnest()
			e.Unnest()
			e.Unnest()
			e.Unnest()
		}},
	})
}

func pmsrComplete(t *testing.T) []byte {
	return genlMsg(unix.NL80211_CMD_PEER_MEASUREMENT_COMPLETE, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 0)
		e.Uint64(unix.NL80211_ATTR_WDEV, 1)
		e.Uint64(unix.NL80211_ATTR_COOKIE, 7)
	}))
}

// pmsrResult is a peer measurement result as the kernel sends it.
func pmsrResult(t testing.TB) []byte {
	return encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 0)
		e.Uint64(unix.NL80211_ATTR_WDEV, 1)
		e.Uint64(unix.NL80211_ATTR_COOKIE, 7)
		e.Nest(unix.NL80211_ATTR_PEER_MEASUREMENTS)
		e.Nest(unix.NL80211_PMSR_ATTR_PEERS)
		e.Nest(1)
		e.Bytes(unix.NL80211_PMSR_PEER_ATTR_ADDR, []byte{2, 0, 0, 0, 1, 0})
		e.Nest(unix.NL80211_PMSR_PEER_ATTR_RESP)
		e.Uint32(unix.NL80211_PMSR_RESP_ATTR_STATUS, unix.NL80211_PMSR_STATUS_SUCCESS)
		e.Uint64(unix.NL80211_PMSR_RESP_ATTR_HOST_TIME, 1234)
		e.Flag(unix.NL80211_PMSR_RESP_ATTR_FINAL)
		e.Nest(unix.NL80211_PMSR_RESP_ATTR_DATA)
		e.Nest(unix.NL80211_PMSR_TYPE_FTM)
		e.Uint32(unix.NL80211_PMSR_FTM_RESP_ATTR_BURST_INDEX, 0)
		e.Int32(unix.NL80211_PMSR_FTM_RESP_ATTR_RSSI_AVG, -50)
		e.Uint64(unix.NL80211_PMSR_FTM_RESP_ATTR_RTT_AVG, 1500)
		e.Nest(unix.NL80211_PMSR_FTM_RESP_ATTR_TX_RATE)
		e.Uint32(unix.NL80211_RATE_INFO_BITRATE32, 60)
		e.Unnest()
		e.Bytes(unix.NL80211_PMSR_FTM_RESP_ATTR_LCI, []byte{1, 2})
		e.Unnest()
		e.Unnest()
		e.Unnest()
		e.Unnest()
		e.Unnest()
		e.Unnest()
	})
}

func TestParsePMSRResult(t *testing.T) {
	r, err := nl80211.ParsePMSRResult(unix.NL80211_CMD_PEER_MEASUREMENT_RESULT, pmsrResult(t))
	if err != nil {
		t.Fatal(err)
	}
	rssi, rtt, zero := int32(-50), int64(1500), uint32(0)
	want := nl80211.PMSRResult{Wiphy: ptr[int](0), WDev: ptr[uint64](1), Cookie: ptr[uint64](7), HasMeasurements: true, HasPeers: true,
		Peers: []nl80211.PMSRPeerResult{{Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, HasResp: true, Status: &zero, HostTime: ptr[uint64](1234),
			Final: true, HasData: true, FTM: &nl80211.FTMResult{BurstIndex: &zero, RSSIAvg: &rssi, RTTAvg: &rtt,
				TxRate: &nl80211.RateInfo{Bitrate: 60}, LCI: []byte{1, 2}}}}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
}

func TestParseRadarEvent(t *testing.T) {
	b := encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 0)
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 5260)
		e.Uint32(unix.NL80211_ATTR_RADAR_EVENT, unix.NL80211_RADAR_CAC_ABORTED)
	})
	ev, freq, ok := nl80211.ParseRadarEvent(b)
	if !ok || freq != 5260 || ev != nl80211.RadarCACAborted || ev.String() != "CAC was aborted" || ev.Name() != "cac_aborted" {
		t.Errorf("%v %d %v", ev, freq, ok)
	}
	if _, _, ok := nl80211.ParseRadarEvent(b[:8]); ok {
		t.Error("an event without its kind parsed")
	}
	for ev, s := range map[nl80211.RadarEvent]string{nl80211.RadarDetected: "radar detected", nl80211.RadarCACFinished: "CAC finished",
		nl80211.RadarNOPFinished: "NOP finished", 9: "unknown radar event"} {
		if ev.String() != s {
			t.Errorf("%d: %q", ev, ev.String())
		}
	}
}

// FuzzParsePMSRResult decodes arbitrary peer measurement results, radar
// events and NAN answers: errors are fine, panics are not.
func FuzzParsePMSRResult(f *testing.F) {
	f.Add(pmsrResult(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = nl80211.ParsePMSRResult(unix.NL80211_CMD_PEER_MEASUREMENT_RESULT, b)
		_, _, _ = nl80211.ParseRadarEvent(b)
		_, _ = nl80211.ParseNANFunctionAdded(b)
	})
}
