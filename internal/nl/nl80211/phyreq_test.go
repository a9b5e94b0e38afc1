package nl80211_test

import (
	"net"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// wowlanAttrs is a WoWLAN trigger set with every kind of trigger, as
// SetWoWLAN sends it and as a GET_WOWLAN answer carries it.
func wowlanAttrs(e *nl.AttrEncoder) {
	e.Nest(unix.NL80211_ATTR_WOWLAN_TRIGGERS)
	e.Flag(unix.NL80211_WOWLAN_TRIG_ANY)
	e.Flag(unix.NL80211_WOWLAN_TRIG_DISCONNECT)
	e.Flag(unix.NL80211_WOWLAN_TRIG_MAGIC_PKT)
	e.Flag(unix.NL80211_WOWLAN_TRIG_GTK_REKEY_FAILURE)
	e.Flag(unix.NL80211_WOWLAN_TRIG_EAP_IDENT_REQUEST)
	e.Flag(unix.NL80211_WOWLAN_TRIG_4WAY_HANDSHAKE)
	e.Flag(unix.NL80211_WOWLAN_TRIG_RFKILL_RELEASE)
	e.Nest(unix.NL80211_WOWLAN_TRIG_TCP_CONNECTION)
	e.Bytes(unix.NL80211_WOWLAN_TCP_SRC_IPV4, []byte{10, 0, 0, 1})
	e.Uint16(unix.NL80211_WOWLAN_TCP_SRC_PORT, 4000)
	e.Bytes(unix.NL80211_WOWLAN_TCP_DST_IPV4, []byte{10, 0, 0, 2})
	e.Uint16(unix.NL80211_WOWLAN_TCP_DST_PORT, 80)
	e.Bytes(unix.NL80211_WOWLAN_TCP_DST_MAC, []byte{2, 0, 0, 0, 0, 1})
	e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD, []byte{1, 2, 3})
	e.Uint32(unix.NL80211_WOWLAN_TCP_DATA_INTERVAL, 10)
	e.Bytes(unix.NL80211_WOWLAN_TCP_WAKE_MASK, []byte{5})
	e.Bytes(unix.NL80211_WOWLAN_TCP_WAKE_PAYLOAD, []byte{0xaa, 0, 0xbb})
	e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_SEQ, []byte{1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0})
	e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_TOKEN, []byte{4, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3, 4})
	e.Unnest()
	e.Nest(unix.NL80211_WOWLAN_TRIG_NET_DETECT)
	e.Uint32(unix.NL80211_ATTR_SCHED_SCAN_INTERVAL, 5000)
	e.Uint32(unix.NL80211_ATTR_SCHED_SCAN_DELAY, 30)
	e.Nest(unix.NL80211_ATTR_SCAN_FREQUENCIES)
	e.Uint32(1, 2412)
	e.Uint32(2, 2422)
	e.Unnest()
	e.Nest(unix.NL80211_ATTR_SCHED_SCAN_MATCH)
	e.Nest(1)
	e.Bytes(unix.NL80211_SCHED_SCAN_MATCH_ATTR_SSID, []byte("foo"))
	e.Unnest()
	e.Unnest()
	e.Unnest()
	e.Nest(unix.NL80211_WOWLAN_TRIG_PKT_PATTERN)
	e.Nest(1)
	e.Bytes(unix.NL80211_PKTPAT_MASK, []byte{0x0b})
	e.Bytes(unix.NL80211_PKTPAT_PATTERN, []byte{0, 0x11, 0, 0x33})
	e.Uint32(unix.NL80211_PKTPAT_OFFSET, 8)
	e.Unnest()
	e.Unnest()
	e.Unnest()
}

var wowlanModel = nl80211.WoWLAN{
	Any: true, Disconnect: true, MagicPacket: true, GTKRekeyFailure: true, EAPIdentityRequest: true,
	FourWayHandshake: true, RFKillRelease: true,
	NetDetect: &nl80211.SchedScanRequest{Interval: ptr[uint32](5000), Delay: ptr[uint32](30), Freqs: []uint32{2412, 2422}, Matches: [][]byte{[]byte("foo")}},
	Patterns:  []nl80211.PacketPattern{{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0, 0x33}, Offset: ptr[uint32](8)}},
	TCP: &nl80211.WoWLANTCP{SrcIPv4: net.IP{10, 0, 0, 1}, SrcPort: ptr[uint16](4000), DstIPv4: net.IP{10, 0, 0, 2}, DstPort: ptr[uint16](80),
		DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DataPayload: []byte{1, 2, 3}, DataInterval: ptr[uint32](10),
		WakeMask: []byte{5}, WakePayload: []byte{0xaa, 0, 0xbb},
		DataSeq: &nl80211.WoWLANTCPSeq{Start: 1, Offset: 0, Len: 4}, DataToken: &nl80211.WoWLANTCPToken{Offset: 4, Len: 2, Stream: []byte{1, 2, 3, 4}}},
}

func coalesceAttrs(e *nl.AttrEncoder) {
	e.Nest(unix.NL80211_ATTR_COALESCE_RULE)
	e.Nest(1)
	e.Uint32(unix.NL80211_ATTR_COALESCE_RULE_DELAY, 10)
	e.Uint32(unix.NL80211_ATTR_COALESCE_RULE_CONDITION, 1)
	e.Nest(unix.NL80211_ATTR_COALESCE_RULE_PKT_PATTERN)
	e.Nest(1)
	e.Bytes(unix.NL80211_PKTPAT_MASK, []byte{1})
	e.Bytes(unix.NL80211_PKTPAT_PATTERN, []byte{0xaa})
	e.Uint32(unix.NL80211_PKTPAT_OFFSET, 0)
	e.Unnest()
	e.Unnest()
	e.Unnest()
	e.Unnest()
}

var coalesceModel = []nl80211.CoalesceRule{{Delay: 10, Condition: nl80211.CoalesceNoMatch,
	Patterns: []nl80211.PacketPattern{{Mask: []byte{1}, Pattern: []byte{0xaa}, Offset: ptr[uint32](0)}}}}

// TestPhyFeatureRequests checks the WoWLAN, coalesce and SAR requests
// byte for byte, and the decoding of crafted answers (mac80211_hwsim
// refuses all three, so the vm tier sees only the refusals).
func TestPhyFeatureRequests(t *testing.T) {
	wiphy := func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_WIPHY, 2) }
	w := wowlanModel
	runRequests(t, []requestCase{
		{"wowlan enable", nil, func(c *nl80211.Client) error { return c.SetWoWLAN(2, &w) },
			unix.NL80211_CMD_SET_WOWLAN, func(e *nl.AttrEncoder) { wiphy(e); wowlanAttrs(e) }},
		{"wowlan enable nothing", nil, func(c *nl80211.Client) error { return c.SetWoWLAN(2, &nl80211.WoWLAN{}) },
			unix.NL80211_CMD_SET_WOWLAN, func(e *nl.AttrEncoder) {
				wiphy(e)
				e.Nest(unix.NL80211_ATTR_WOWLAN_TRIGGERS)
				e.Unnest()
			}},
		{"wowlan disable", nil, func(c *nl80211.Client) error { return c.SetWoWLAN(2, nil) },
			unix.NL80211_CMD_SET_WOWLAN, wiphy},
		{"wowlan show", genlMsg(unix.NL80211_CMD_GET_WOWLAN, encode(t, func(e *nl.AttrEncoder) { wiphy(e); wowlanAttrs(e) })),
			func(c *nl80211.Client) error {
				got, err := c.WoWLAN(2)
				if err == nil && !reflect.DeepEqual(got, &w) {
					t.Errorf("WoWLAN\n%+v\nwant\n%+v", got, &w)
				}
				return err
			}, unix.NL80211_CMD_GET_WOWLAN, wiphy},
		{"wowlan show disabled", genlMsg(unix.NL80211_CMD_GET_WOWLAN, encode(t, wiphy)),
			func(c *nl80211.Client) error {
				got, err := c.WoWLAN(2)
				if err == nil && got != nil {
					t.Errorf("WoWLAN %+v, want nil", got)
				}
				return err
			}, unix.NL80211_CMD_GET_WOWLAN, wiphy},
		{"coalesce enable", nil, func(c *nl80211.Client) error { return c.SetCoalesce(2, coalesceModel) },
			unix.NL80211_CMD_SET_COALESCE, func(e *nl.AttrEncoder) { wiphy(e); coalesceAttrs(e) }},
		{"coalesce enable empty", nil, func(c *nl80211.Client) error { return c.SetCoalesce(2, []nl80211.CoalesceRule{}) },
			unix.NL80211_CMD_SET_COALESCE, func(e *nl.AttrEncoder) {
				wiphy(e)
				e.Nest(unix.NL80211_ATTR_COALESCE_RULE)
				e.Unnest()
			}},
		{"coalesce disable", nil, func(c *nl80211.Client) error { return c.SetCoalesce(2, nil) },
			unix.NL80211_CMD_SET_COALESCE, wiphy},
		{"coalesce show", genlMsg(unix.NL80211_CMD_GET_COALESCE, encode(t, func(e *nl.AttrEncoder) { wiphy(e); coalesceAttrs(e) })),
			func(c *nl80211.Client) error {
				got, err := c.Coalesce(2)
				if err == nil && !reflect.DeepEqual(got, coalesceModel) {
					t.Errorf("coalesce %+v", got)
				}
				return err
			}, unix.NL80211_CMD_GET_COALESCE, wiphy},
		{"coalesce show disabled", genlMsg(unix.NL80211_CMD_GET_COALESCE, encode(t, wiphy)),
			func(c *nl80211.Client) error {
				got, err := c.Coalesce(2)
				if err == nil && got != nil {
					t.Errorf("coalesce %+v, want nil", got)
				}
				return err
			}, unix.NL80211_CMD_GET_COALESCE, wiphy},
		{"sar specs", nil, func(c *nl80211.Client) error {
			return c.SetSARSpecs(2, nl80211.SARSpecs{Type: 0, Ranges: []nl80211.SARRange{{Index: 0, Power: 10}, {Index: 1, Power: -5}}})
		}, unix.NL80211_CMD_SET_SAR_SPECS, func(e *nl.AttrEncoder) {
			wiphy(e)
			e.Nest(unix.NL80211_ATTR_SAR_SPEC)
			e.Uint32(unix.NL80211_SAR_ATTR_TYPE, 0)
			e.Nest(unix.NL80211_SAR_ATTR_SPECS)
			e.Nest(0)
			e.Uint32(unix.NL80211_SAR_ATTR_SPECS_RANGE_INDEX, 0)
			e.Int32(unix.NL80211_SAR_ATTR_SPECS_POWER, 10)
			e.Unnest()
			e.Nest(1)
			e.Uint32(unix.NL80211_SAR_ATTR_SPECS_RANGE_INDEX, 1)
			e.Int32(unix.NL80211_SAR_ATTR_SPECS_POWER, -5)
			e.Unnest()
			e.Unnest()
			e.Unnest()
		}},
	})
}

// TestMergeWiphyTXQAndChannels decodes the TXQ limits and statistics and
// a frequency's width and DFS attributes.
func TestMergeWiphyTXQAndChannels(t *testing.T) {
	b := encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 0)
		e.Uint32(unix.NL80211_ATTR_TXQ_LIMIT, 8192)
		e.Uint32(unix.NL80211_ATTR_TXQ_MEMORY_LIMIT, 4<<20)
		e.Uint32(unix.NL80211_ATTR_TXQ_QUANTUM, 300)
		e.Nest(unix.NL80211_ATTR_TXQ_STATS)
		e.Uint32(unix.NL80211_TXQ_STATS_MAX_FLOWS, 4096)
		e.Uint32(unix.NL80211_TXQ_STATS_BACKLOG_PACKETS, 1)
		e.Uint32(unix.NL80211_TXQ_STATS_BACKLOG_BYTES, 2)
		e.Uint32(unix.NL80211_TXQ_STATS_OVERLIMIT, 3)
		e.Uint32(unix.NL80211_TXQ_STATS_OVERMEMORY, 4)
		e.Uint32(unix.NL80211_TXQ_STATS_COLLISIONS, 5)
		e.Unnest()
		e.Nest(unix.NL80211_ATTR_WIPHY_BANDS)
		e.Nest(1)
		e.Nest(unix.NL80211_BAND_ATTR_FREQS)
		e.Nest(0)
		e.Uint32(unix.NL80211_FREQUENCY_ATTR_FREQ, 5260)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_NO_HT40_MINUS)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_NO_HT40_PLUS)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_NO_80MHZ)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_NO_160MHZ)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_NO_20MHZ)
		e.Flag(unix.NL80211_FREQUENCY_ATTR_RADAR)
		e.Uint32(unix.NL80211_FREQUENCY_ATTR_DFS_STATE, nl80211.DFSAvailable)
		e.Uint32(unix.NL80211_FREQUENCY_ATTR_DFS_TIME, 12000)
		e.Uint32(unix.NL80211_FREQUENCY_ATTR_DFS_CAC_TIME, 60000)
		e.Unnest()
		e.Unnest()
		e.Unnest()
		e.Unnest()
	})
	var p nl80211.Phy
	if err := nl80211.MergeWiphy(&p, b); err != nil {
		t.Fatal(err)
	}
	wantTXQ := nl80211.TXQInfo{Limit: ptr[uint32](8192), MemoryLimit: ptr[uint32](4 << 20), Quantum: ptr[uint32](300),
		Stats: &nl80211.TXQStats{MaxFlows: ptr[uint32](4096), BacklogPackets: ptr[uint32](1), BacklogBytes: ptr[uint32](2), Overlimit: ptr[uint32](3), Overmemory: ptr[uint32](4), Collisions: ptr[uint32](5)}}
	if !reflect.DeepEqual(p.TXQ, wantTXQ) {
		t.Errorf("TXQ %+v", p.TXQ)
	}
	wantFreq := nl80211.Frequency{MHz: 5260, Radar: true, NoHT40Minus: true, NoHT40Plus: true, No80MHz: true, No160MHz: true, No20MHz: true,
		DFSState: ptr[uint32](nl80211.DFSAvailable), DFSTime: ptr[uint32](12000), DFSCACTime: ptr[uint32](60000)}
	if len(p.Bands) != 1 || len(p.Bands[0].Frequencies) != 1 || !reflect.DeepEqual(p.Bands[0].Frequencies[0], wantFreq) {
		t.Errorf("bands %+v", p.Bands)
	}
}

// FuzzParseWoWLAN decodes arbitrary attributes as a GET_WOWLAN answer.
func FuzzParseWoWLAN(f *testing.F) {
	f.Add(encode(f, wowlanAttrs))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		w, err := nl80211.ParseWoWLAN(b)
		if err != nil || w == nil {
			return
		}
		for _, p := range w.Patterns {
			for i := range p.Pattern {
				_ = p.Matters(i)
			}
			_ = p.Valid()
		}
	})
}

// FuzzParseCoalesce decodes arbitrary attributes as a GET_COALESCE answer.
func FuzzParseCoalesce(f *testing.F) {
	f.Add(encode(f, coalesceAttrs))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		rules, err := nl80211.ParseCoalesce(b)
		if err != nil && rules != nil {
			t.Fatalf("rules %+v with error %v", rules, err)
		}
	})
}
