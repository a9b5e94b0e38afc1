package nl80211_test

import (
	"fmt"
	"net"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// TestSettingRequests checks the attributes of the requests that change
// wiphys, interfaces, stations, meshes and paths, and the decoding of the
// answers to the reads among them.
func TestSettingRequests(t *testing.T) {
	mac := net.HardwareAddr{2, 0, 0, 0, 0, 7}
	hop := net.HardwareAddr{2, 0, 0, 0, 0, 8}
	ps := genlMsg(unix.NL80211_CMD_GET_POWER_SAVE, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_PS_STATE, unix.NL80211_PS_ENABLED)
	}))
	survey := genlMsg(unix.NL80211_CMD_NEW_SURVEY_RESULTS, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Nest(unix.NL80211_ATTR_SURVEY_INFO)
		e.Uint32(unix.NL80211_SURVEY_INFO_FREQUENCY, 2412)
		e.Uint8(unix.NL80211_SURVEY_INFO_NOISE, 0xa4)
		e.Flag(unix.NL80211_SURVEY_INFO_IN_USE)
		e.Uint64(unix.NL80211_SURVEY_INFO_TIME, 68)
		e.Unnest()
	}))
	meshConf := genlMsg(unix.NL80211_CMD_GET_MESH_CONFIG, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Nest(unix.NL80211_ATTR_MESH_CONFIG)
		e.Uint16(unix.NL80211_MESHCONF_RETRY_TIMEOUT, 100)
		e.Uint8(unix.NL80211_MESHCONF_TTL, 31)
		e.Uint32(unix.NL80211_MESHCONF_RSSI_THRESHOLD, 0xffffffb0)
		e.Unnest()
	}))
	mpath := genlMsg(unix.NL80211_CMD_NEW_MPATH, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Bytes(unix.NL80211_ATTR_MAC, mac)
		e.Bytes(unix.NL80211_ATTR_MPATH_NEXT_HOP, hop)
		e.Nest(unix.NL80211_ATTR_MPATH_INFO)
		e.Uint32(unix.NL80211_MPATH_INFO_METRIC, 171)
		e.Uint8(unix.NL80211_MPATH_INFO_HOP_COUNT, 1)
		e.Unnest()
	}))
	runRequests(t, []requestCase{
		{"set wiphy", nil, func(c *nl80211.Client) error {
			name := "p"
			return c.SetWiphy(2, nl80211.WiphySettings{Name: &name, FragThreshold: ptr[uint32](nl80211.ThresholdOff),
				TxPower: &nl80211.TxPower{Mode: nl80211.TxPowerFixed, Level: 1000}, DynACK: true,
				AntennaTx: ptr[uint32](1), AntennaRx: ptr[uint32](3), TXQQuantum: ptr[uint32](300)})
		}, unix.NL80211_CMD_SET_WIPHY, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_WIPHY, 2)
			e.String(unix.NL80211_ATTR_WIPHY_NAME, "p")
			e.Uint32(unix.NL80211_ATTR_WIPHY_TX_POWER_SETTING, unix.NL80211_TX_POWER_FIXED)
			e.Int32(unix.NL80211_ATTR_WIPHY_TX_POWER_LEVEL, 1000)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FRAG_THRESHOLD, 0xffffffff)
			e.Flag(unix.NL80211_ATTR_WIPHY_DYN_ACK)
			e.Uint32(unix.NL80211_ATTR_WIPHY_ANTENNA_TX, 1)
			e.Uint32(unix.NL80211_ATTR_WIPHY_ANTENNA_RX, 3)
			e.Uint32(unix.NL80211_ATTR_TXQ_QUANTUM, 300)
		}},
		{"set channel of a device", nil, func(c *nl80211.Client) error {
			return c.SetWiphyOf(5, nl80211.WiphySettings{Channel: &nl80211.ChanDef{Freq: 2437, Width: nl80211.Width40, Center1: 2447},
				TxPower: &nl80211.TxPower{Mode: nl80211.TxPowerAuto, Level: 7}})
		}, unix.NL80211_CMD_SET_WIPHY, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2437)
			e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ_OFFSET, 0)
			e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, unix.NL80211_CHAN_WIDTH_40)
			e.Uint32(unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE, unix.NL80211_CHAN_HT40PLUS)
			e.Uint32(unix.NL80211_ATTR_CENTER_FREQ1, 2447)
			e.Uint32(unix.NL80211_ATTR_WIPHY_TX_POWER_SETTING, unix.NL80211_TX_POWER_AUTOMATIC)
		}},
		{"set interface", nil, func(c *nl80211.Client) error {
			on, m := true, uint16(9)
			return c.SetInterface(5, nl80211.InterfaceSettings{FourAddr: &on, NoAckMap: &m, MeshID: []byte("m"),
				Monitor: &nl80211.MonitorFlags{Flags: 1<<nl80211.MonitorControl | 1<<nl80211.MonitorActive, MUMIMOFollow: hop}})
		}, unix.NL80211_CMD_SET_INTERFACE, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Uint8(unix.NL80211_ATTR_4ADDR, 1)
			e.Uint16(unix.NL80211_ATTR_NOACK_MAP, 9)
			e.Bytes(unix.NL80211_ATTR_MESH_ID, []byte("m"))
			e.Nest(unix.NL80211_ATTR_MNTR_FLAGS)
			e.Flag(unix.NL80211_MNTR_FLAG_CONTROL)
			e.Flag(unix.NL80211_MNTR_FLAG_ACTIVE)
			e.Unnest()
			e.Bytes(unix.NL80211_ATTR_MU_MIMO_FOLLOW_MAC_ADDR, hop)
		}},
		{"bitrate mask", nil, func(c *nl80211.Client) error {
			return c.SetBitrateMask(5, nl80211.BitrateMask{
				nl80211.Band5GHz: {VHTMCS: &[8]uint16{0xff}, GI: unix.NL80211_TXRATE_FORCE_LGI},
				nl80211.Band2GHz: {Legacy: []byte{2, 4}},
			})
		}, unix.NL80211_CMD_SET_TX_BITRATE_MASK, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Nest(unix.NL80211_ATTR_TX_RATES)
			e.Nest(unix.NL80211_BAND_2GHZ)
			e.Bytes(unix.NL80211_TXRATE_LEGACY, []byte{2, 4})
			e.Unnest()
			e.Nest(unix.NL80211_BAND_5GHZ)
			e.Bytes(unix.NL80211_TXRATE_VHT, []byte{0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
			e.Uint8(unix.NL80211_TXRATE_GI, unix.NL80211_TXRATE_FORCE_LGI)
			e.Unnest()
			e.Unnest()
		}},
		{"power save", ps, func(c *nl80211.Client) error {
			on, known, err := c.PowerSave(5)
			if err == nil && (!on || !known) {
				err = fmt.Errorf("power save %v %v", on, known)
			}
			return err
		}, unix.NL80211_CMD_GET_POWER_SAVE, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"survey", survey, func(c *nl80211.Client) error {
			ss, err := c.Surveys(5, true)
			if err == nil && (len(ss) != 1 || *ss[0].Freq != 2412 || *ss[0].Noise != -92 || !ss[0].InUse || *ss[0].Time != 68) {
				err = fmt.Errorf("surveys %+v", ss)
			}
			return err
		}, unix.NL80211_CMD_GET_SURVEY, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Flag(unix.NL80211_ATTR_SURVEY_RADIO_STATS)
		}},
		{"station set", nil, func(c *nl80211.Client) error {
			m, p := nl80211.TxPowerLimited, int16(-3)
			return c.SetStation(5, mac, nl80211.StationSettings{TxPowerMode: &m, TxPower: &p})
		}, unix.NL80211_CMD_SET_STATION, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MAC, mac)
			e.Uint8(unix.NL80211_ATTR_STA_TX_POWER_SETTING, unix.NL80211_TX_POWER_LIMITED)
			e.Uint16(unix.NL80211_ATTR_STA_TX_POWER, 0xfffd)
		}},
		{"station del", nil, func(c *nl80211.Client) error {
			st, r := uint8(0xc), uint16(3)
			return c.DelStation(5, mac, nl80211.DelStationRequest{Subtype: &st, Reason: &r})
		}, unix.NL80211_CMD_DEL_STATION, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MAC, mac)
			e.Uint8(unix.NL80211_ATTR_MGMT_SUBTYPE, 0xc)
			e.Uint16(unix.NL80211_ATTR_REASON_CODE, 3)
		}},
		{"mesh join", nil, func(c *nl80211.Client) error {
			off := false
			return c.JoinMesh(5, nl80211.MeshJoinRequest{MeshID: []byte("m"), BeaconInterval: ptr[uint32](100), VendorSync: &off,
				Config: []nl80211.MeshValue{{Attr: unix.NL80211_MESHCONF_TTL, Size: 1, Value: 5}}})
		}, unix.NL80211_CMD_JOIN_MESH, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MESH_ID, []byte("m"))
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, 100)
			e.Nest(unix.NL80211_ATTR_MESH_SETUP)
			e.Uint8(unix.NL80211_MESH_SETUP_ENABLE_VENDOR_SYNC, 0)
			e.Unnest()
			e.Nest(unix.NL80211_ATTR_MESH_CONFIG)
			e.Uint8(unix.NL80211_MESHCONF_TTL, 5)
			e.Unnest()
		}},
		{"mesh config", meshConf, func(c *nl80211.Client) error {
			cfg, err := c.MeshConfig(5)
			if err == nil && (cfg[unix.NL80211_MESHCONF_RETRY_TIMEOUT] != 100 || cfg[unix.NL80211_MESHCONF_TTL] != 31 ||
				int32(cfg[unix.NL80211_MESHCONF_RSSI_THRESHOLD]) != -80) {
				err = fmt.Errorf("mesh config %v", cfg)
			}
			return err
		}, unix.NL80211_CMD_GET_MESH_CONFIG, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"mpath new", nil, func(c *nl80211.Client) error { return c.NewMeshPath(5, mac, hop) }, unix.NL80211_CMD_NEW_MPATH,
			func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
				e.Bytes(unix.NL80211_ATTR_MAC, mac)
				e.Bytes(unix.NL80211_ATTR_MPATH_NEXT_HOP, hop)
			}},
		{"mpp dump", mpath, func(c *nl80211.Client) error {
			ps, err := c.MeshPaths(5, true)
			if err == nil && (len(ps) != 1 || ps[0].NextHop.String() != hop.String() || *ps[0].Metric != 171 || *ps[0].HopCount != 1) {
				err = fmt.Errorf("paths %+v", ps)
			}
			return err
		}, unix.NL80211_CMD_GET_MPP, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"wds peer", nil, func(c *nl80211.Client) error { return c.SetWDSPeer(5, hop) }, unix.NL80211_CMD_SET_WDS_PEER,
			func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
				e.Bytes(unix.NL80211_ATTR_MAC, hop)
			}},
		{"new mesh interface", nil, func(c *nl80211.Client) error {
			_, err := c.NewInterface(1, nl80211.NewInterfaceRequest{Name: "m0", Type: nl80211.IfTypeMeshPoint, MeshID: []byte("m"),
				Monitor: &nl80211.MonitorFlags{Flags: 1 << nl80211.MonitorCook}})
			return err
		}, unix.NL80211_CMD_NEW_INTERFACE, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
			e.String(unix.NL80211_ATTR_IFNAME, "m0")
			e.Uint32(unix.NL80211_ATTR_IFTYPE, unix.NL80211_IFTYPE_MESH_POINT)
			e.Bytes(unix.NL80211_ATTR_MESH_ID, []byte("m"))
			e.Nest(unix.NL80211_ATTR_MNTR_FLAGS)
			e.Flag(unix.NL80211_MNTR_FLAG_COOK_FRAMES)
			e.Unnest()
		}},
		{"reload regdb", nil, func(c *nl80211.Client) error { return c.ReloadRegDB() }, unix.NL80211_CMD_RELOAD_REGDB,
			func(*nl.AttrEncoder) {}},
	})
}

// FuzzParseSurveyMesh decodes arbitrary survey, mesh path and mesh
// configuration messages: errors are fine, panics are not.
func FuzzParseSurveyMesh(f *testing.F) {
	f.Add(encode(f, func(e *nl.AttrEncoder) {
		e.Nest(unix.NL80211_ATTR_SURVEY_INFO)
		e.Uint32(unix.NL80211_SURVEY_INFO_FREQUENCY, 2412)
		e.Uint8(unix.NL80211_SURVEY_INFO_NOISE, 0xa4)
		e.Unnest()
	}))
	f.Add(encode(f, func(e *nl.AttrEncoder) {
		e.Bytes(unix.NL80211_ATTR_MAC, []byte{2, 0, 0, 0, 0, 1})
		e.Nest(unix.NL80211_ATTR_MPATH_INFO)
		e.Uint32(unix.NL80211_MPATH_INFO_SN, 2)
		e.Uint8(unix.NL80211_MPATH_INFO_FLAGS, 0x15)
		e.Unnest()
	}))
	f.Add(encode(f, func(e *nl.AttrEncoder) {
		e.Nest(unix.NL80211_ATTR_MESH_CONFIG)
		e.Uint16(unix.NL80211_MESHCONF_RETRY_TIMEOUT, 100)
		e.Uint8(unix.NL80211_MESHCONF_TTL, 31)
		e.Unnest()
	}))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = nl80211.ParseSurvey(b)
		_, _ = nl80211.ParseMeshPath(b)
		_, _, _ = nl80211.ParseMeshConfig(b)
	})
}
