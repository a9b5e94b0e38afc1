package nl80211_test

import (
	"net"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// TestDevRequests checks the scheduled scan, OCB, radar detection, vendor
// and FTM responder requests, and the decoding of their answers.
func TestDevRequests(t *testing.T) {
	ch := nl80211.ChanDef{Freq: 2412, Width: nl80211.Width10, Center1: 2412}
	chAttrs := func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2412)
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ_OFFSET, 0)
		e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, unix.NL80211_CHAN_WIDTH_10)
		e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, 2412)
	}
	interval := uint32(1000)
	vendorReply := genlMsg(unix.NL80211_CMD_VENDOR, encode(t, func(e *nl.AttrEncoder) {
		e.Bytes(unix.NL80211_ATTR_VENDOR_DATA, []byte{8, 0})
	}))
	stats := genlMsg(unix.NL80211_CMD_GET_FTM_RESPONDER_STATS, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Nest(unix.NL80211_ATTR_FTM_RESPONDER_STATS)
		e.Uint32(unix.NL80211_FTM_STATS_SUCCESS_NUM, 3)
		e.Uint64(unix.NL80211_FTM_STATS_TOTAL_DURATION_MSEC, 99)
		e.Unnest()
	}))
	runRequests(t, []requestCase{
		{"sched scan", nil, func(c *nl80211.Client) error {
			return c.StartSchedScan(5, nl80211.SchedScanRequest{Interval: &interval, Plans: []nl80211.ScanPlan{{Interval: 1, Iterations: 2}, {Interval: 3}},
				Freqs: []uint32{2412}, Matches: [][]byte{[]byte("m")}, SSIDs: [][]byte{{}},
				Flags: nl80211.ScanFlagRandomAddr, RandomAddr: net.HardwareAddr{0, 0, 0, 0, 0, 0}, RandomMask: net.HardwareAddr{1, 0, 0, 0, 0, 0}})
		}, unix.NL80211_CMD_START_SCHED_SCAN, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint32(unix.NL80211_ATTR_SCHED_SCAN_INTERVAL, 1000)
			e.Bytes(unix.NL80211_ATTR_MAC, []byte{0, 0, 0, 0, 0, 0})
			e.Bytes(unix.NL80211_ATTR_MAC_MASK, []byte{1, 0, 0, 0, 0, 0})
			e.Nest(unix.NL80211_ATTR_SCAN_SSIDS)
			e.Bytes(1, []byte{})
			e.Unnest()
			e.Nest(unix.NL80211_ATTR_SCAN_FREQUENCIES)
			e.Uint32(1, 2412)
			e.Unnest()
			e.Nest(unix.NL80211_ATTR_SCHED_SCAN_MATCH)
			e.Nest(1)
			e.Bytes(unix.NL80211_SCHED_SCAN_MATCH_ATTR_SSID, []byte("m"))
			e.Unnest()
			e.Unnest()
			e.Nest(unix.NL80211_ATTR_SCHED_SCAN_PLANS)
			e.Nest(1)
			e.Uint32(unix.NL80211_SCHED_SCAN_PLAN_INTERVAL, 1)
			e.Uint32(unix.NL80211_SCHED_SCAN_PLAN_ITERATIONS, 2)
			e.Unnest()
			e.Nest(2)
			e.Uint32(unix.NL80211_SCHED_SCAN_PLAN_INTERVAL, 3)
			e.Unnest()
			e.Unnest()
			e.Uint32(unix.NL80211_ATTR_SCAN_FLAGS, unix.NL80211_SCAN_FLAG_RANDOM_ADDR)
		}},
		{"sched scan stop", nil, func(c *nl80211.Client) error { return c.StopSchedScan(5) },
			unix.NL80211_CMD_STOP_SCHED_SCAN, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"ocb join", nil, func(c *nl80211.Client) error { return c.JoinOCB(5, ch) },
			unix.NL80211_CMD_JOIN_OCB, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5); chAttrs(e) }},
		{"ocb leave", nil, func(c *nl80211.Client) error { return c.LeaveOCB(5) },
			unix.NL80211_CMD_LEAVE_OCB, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"radar detect", nil, func(c *nl80211.Client) error { return c.StartRadarDetection(5, ch) },
			unix.NL80211_CMD_RADAR_DETECT, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5); chAttrs(e) }},
		{"vendor", vendorReply, func(c *nl80211.Client) error {
			r, err := c.Vendor(5, nl80211.VendorCommand{OUI: 0x1374, SubCmd: 1, Data: []byte{1}})
			if want := []nl80211.VendorReply{{Data: []byte{8, 0}, HasData: true}}; err == nil && !reflect.DeepEqual(r, want) {
				t.Errorf("vendor replies %+v", r)
			}
			return err
		}, unix.NL80211_CMD_VENDOR, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint32(unix.NL80211_ATTR_VENDOR_ID, 0x1374)
			e.Uint32(unix.NL80211_ATTR_VENDOR_SUBCMD, 1)
			e.Bytes(unix.NL80211_ATTR_VENDOR_DATA, []byte{1})
		}},
		{"hwsim getps", genlMsg(unix.NL80211_CMD_TESTMODE, encode(t, func(e *nl.AttrEncoder) {
			e.Nest(unix.NL80211_ATTR_TESTDATA)
			e.Uint32(2, 1)
			e.Unnest()
		})), func(c *nl80211.Client) error {
			ps, err := c.HwsimTestmode(1, nl80211.HwsimGetPS, nil)
			if err == nil && (ps == nil || *ps != 1) {
				t.Errorf("ps %v", ps)
			}
			return err
		}, unix.NL80211_CMD_TESTMODE, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
			e.Nest(unix.NL80211_ATTR_TESTDATA)
			e.Uint32(1, nl80211.HwsimGetPS)
			e.Unnest()
		}},
		{"register frame", nil, func(c *nl80211.Client) error {
			return c.RegisterFrame(5, nl80211.FrameMatch{Type: 0x40, Match: []byte{0}})
		}, unix.NL80211_CMD_REGISTER_FRAME, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint16(unix.NL80211_ATTR_FRAME_TYPE, 0x40)
			e.Bytes(unix.NL80211_ATTR_FRAME_MATCH, []byte{0})
		}},
		{"ftm responder", nil, func(c *nl80211.Client) error {
			return c.StartFTMResponder(5, nl80211.FTMResponder{LCI: []byte{1}, Civic: []byte{2}})
		}, unix.NL80211_CMD_SET_BEACON, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Nest(unix.NL80211_ATTR_FTM_RESPONDER)
			e.Flag(unix.NL80211_FTM_RESP_ATTR_ENABLED)
			e.Bytes(unix.NL80211_FTM_RESP_ATTR_LCI, []byte{1})
			e.Bytes(unix.NL80211_FTM_RESP_ATTR_CIVICLOC, []byte{2})
			e.Unnest()
		}},
		{"ftm stats", stats, func(c *nl80211.Client) error {
			s, err := c.FTMResponderStats(5)
			if err == nil && (s.Success == nil || *s.Success != 3 || s.TotalDurationMs == nil || *s.TotalDurationMs != 99 || s.Failed != nil) {
				t.Errorf("stats %+v", s)
			}
			return err
		}, unix.NL80211_CMD_GET_FTM_RESPONDER_STATS, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
	})
}

// FuzzParseFTMStats decodes arbitrary attributes as FTM responder
// statistics: an error or values, never a panic.
func FuzzParseFTMStats(f *testing.F) {
	f.Add([]byte{0x0c, 0x00, 0x0f, 0x01, 0x08, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _ = nl80211.ParseFTMStats(b)
	})
}

// FuzzParseMgmtFrame decodes arbitrary attributes as a received frame.
func FuzzParseMgmtFrame(f *testing.F) {
	f.Add([]byte{8, 0, 0x26, 0, 0x6c, 0x09, 0, 0, 6, 0, 0x33, 0, 0x40, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if fr, err := nl80211.ParseMgmtFrame(b); err == nil && fr.Freq != nil && len(b) < 8 {
			t.Fatalf("a frequency from %d bytes", len(b))
		}
	})
}
