package main

import (
	"errors"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// exitCode is the status run gives err: 1 for usage, else report's.
func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 1
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errno, ok := errnoOf(err); ok {
		return int(uint8(-int(errno)))
	}
	return 1
}

func TestParseTxPower(t *testing.T) {
	for _, c := range []struct {
		args []string
		want nl80211.TxPower
		code int
	}{
		{[]string{"auto"}, nl80211.TxPower{Mode: nl80211.TxPowerAuto}, 0},
		{[]string{"fixed", "1000"}, nl80211.TxPower{Mode: nl80211.TxPowerFixed, Level: 1000}, 0},
		{[]string{"limit", "-300"}, nl80211.TxPower{Mode: nl80211.TxPowerLimited, Level: -300}, 0},
		{[]string{"fixed"}, nl80211.TxPower{}, 2},
		{[]string{"fixed", "x"}, nl80211.TxPower{}, 2},
		{[]string{"bogus", "1"}, nl80211.TxPower{}, 2},
		{[]string{"auto", "1"}, nl80211.TxPower{}, 1},
		{nil, nl80211.TxPower{}, 1},
	} {
		p, err := parseTxPower(c.args)
		if code := exitCode(err); err != nil && code != c.code || err == nil && (c.code != 0 || p != c.want) {
			t.Errorf("%v: %+v %v (exit %d), want %+v exit %d", c.args, p, err, code, c.want, c.code)
		}
	}
}

func TestParseChannel(t *testing.T) {
	for _, c := range []struct {
		args []string
		want nl80211.ChanDef
		code int
	}{
		{[]string{"6"}, nl80211.ChanDef{Freq: 2437, Width: nl80211.Width20NoHT, Center1: 2437}, 0},
		{[]string{"6", "HT40+"}, nl80211.ChanDef{Freq: 2437, Width: nl80211.Width40, Center1: 2447}, 0},
		{[]string{"14"}, nl80211.ChanDef{Freq: 2484, Width: nl80211.Width20NoHT, Center1: 2484}, 0},
		{[]string{"36", "160MHz"}, nl80211.ChanDef{Freq: 5180, Width: nl80211.Width160, Center1: 5250}, 0},
		{[]string{"184"}, nl80211.ChanDef{Freq: 4920, Width: nl80211.Width20NoHT, Center1: 4920}, 0},
		{[]string{"x"}, nl80211.ChanDef{}, 1},
		{[]string{"6", "40"}, nl80211.ChanDef{}, 1},
		{[]string{"6", "HT20", "x"}, nl80211.ChanDef{}, 1},
	} {
		ch, err := parseChannel(c.args)
		if code := exitCode(err); err != nil && code != c.code || err == nil && (c.code != 0 || ch != c.want) {
			t.Errorf("%v: %+v %v, want %+v exit %d", c.args, ch, err, c.want, c.code)
		}
	}
	for _, args := range [][]string{{"2412", "bogus"}, {"2412", "40"}, {}} {
		if _, err := parseFreq(args); exitCode(err) != 1 {
			t.Errorf("freq %v: %v, want usage", args, err)
		}
	}
}

func TestParseBitrates(t *testing.T) {
	m, err := parseBitrates([]string{"legacy-2.4", "1", "2", "5.5", "ht-mcs-2.4", "0", "7", "sgi-2.4",
		"vht-mcs-5", "1:0-7", "2:0,9", "he-mcs-6", "1:0-11", "he-gi-6", "1.6", "he-ltf-6", "4"})
	if err != nil {
		t.Fatal(err)
	}
	b24, b5, b6 := m[nl80211.Band2GHz], m[nl80211.Band5GHz], m[nl80211.Band6GHz]
	if string(b24.Legacy) != "\x02\x04\x0b" || string(b24.HTMCS) != "\x00\x07" || b24.GI != unix.NL80211_TXRATE_FORCE_SGI {
		t.Errorf("2.4 GHz: %+v", b24)
	}
	if b5.VHTMCS == nil || b5.VHTMCS[0] != 0xff || b5.VHTMCS[1] != 0x201 {
		t.Errorf("5 GHz: %+v", b5)
	}
	if b6.HEMCS == nil || b6.HEMCS[0] != 0xfff || b6.HEGI == nil || *b6.HEGI != 1 || b6.HELTF == nil || *b6.HELTF != 2 {
		t.Errorf("6 GHz: %+v", b6)
	}
	if m, err := parseBitrates(nil); err != nil || len(m) != 0 {
		t.Errorf("no arguments: %v %v", m, err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"bogus"}, 1}, {[]string{"legacy-2.4", "x"}, 1}, {[]string{"legacy-2.4", "0.5"}, 1},
		{[]string{"he-gi-2.4", "9"}, 1}, {[]string{"he-gi-2.4"}, 1}, {[]string{"ht-mcs-5", "256"}, 1},
		{[]string{"legacy-5", "6", "legacy-5", "9"}, 1}, {[]string{"vht-mcs-5", "x"}, 234},
		{[]string{"vht-mcs-5", "1:10"}, 234}, {[]string{"he-mcs-5", "9:1"}, 234}, {[]string{"vht-mcs-5", "1:5-2"}, 234},
	} {
		if _, err := parseBitrates(c.args); exitCode(err) != c.code || err == nil {
			t.Errorf("%v: %v (exit %d), want exit %d", c.args, err, exitCode(err), c.code)
		}
	}
}

func TestParseMonitorFlags(t *testing.T) {
	m, err := parseMonitorFlags([]string{"fcsfail", "control", "otherbss", "mumimo-follow-mac", "02:00:00:00:00:01"})
	want := uint32(1<<nl80211.MonitorFCSFail | 1<<nl80211.MonitorControl | 1<<nl80211.MonitorOtherBSS)
	if err != nil || m.Flags != want || len(m.MUMIMOFollow) != 6 {
		t.Errorf("%+v %v", m, err)
	}
	if m, err := parseMonitorFlags([]string{"none"}); err != nil || m.Flags != 0 {
		t.Errorf("none: %+v %v", m, err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"bogus"}, 2}, {[]string{"mumimo-groupid", "0011"}, 1}, {[]string{"mumimo-follow-mac", "zz"}, 1}} {
		if _, err := parseMonitorFlags(c.args); exitCode(err) != c.code {
			t.Errorf("%v: %v, want exit %d", c.args, err, c.code)
		}
	}
}

func TestParseStationSetDel(t *testing.T) {
	mac, s, err := parseStationSet([]string{"02:00:00:00:00:01", "txpwr", "limit", "10"})
	if err != nil || mac.String() != "02:00:00:00:00:01" || *s.TxPowerMode != nl80211.TxPowerLimited || *s.TxPower != 10 {
		t.Errorf("txpwr: %v %+v %v", mac, s, err)
	}
	if _, s, err := parseStationSet([]string{"02:00:00:00:00:01", "mesh_power_mode", "deep"}); err != nil || *s.MeshPowerMode != nl80211.MeshPowerDeep {
		t.Errorf("mesh_power_mode: %+v %v", s, err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"zz", "plink_action", "open"}, 2}, {[]string{"02:00:00:00:00:01", "plink_action", "x"}, 2},
		{[]string{"02:00:00:00:00:01", "mesh_power_mode", "x"}, 2}, {[]string{"02:00:00:00:00:01", "airtime_weight", "x"}, 2},
		{[]string{"02:00:00:00:00:01", "txpwr", "limit"}, 2}, {[]string{"02:00:00:00:00:01", "txpwr", "x"}, 2},
		{[]string{"02:00:00:00:00:01", "bogus"}, 1}, {[]string{"02:00:00:00:00:01", "vlan", "x"}, 1},
	} {
		if _, _, err := parseStationSet(c.args); exitCode(err) != c.code {
			t.Errorf("set %v: %v, want exit %d", c.args, err, c.code)
		}
	}
	_, r, err := parseStationDel([]string{"02:00:00:00:00:01", "subtype", "0xC", "reason-code", "3"})
	if err != nil || *r.Subtype != 0xc || *r.Reason != 3 {
		t.Errorf("del: %+v %v", r, err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"zz"}, 2}, {[]string{"02:00:00:00:00:01", "subtype"}, 1}, {[]string{"02:00:00:00:00:01", "subtype", "x"}, 1}, {nil, 1}} {
		if _, _, err := parseStationDel(c.args); exitCode(err) != c.code {
			t.Errorf("del %v: %v, want exit %d", c.args, err, c.code)
		}
	}
}

func TestParseMeshJoin(t *testing.T) {
	r, err := parseMeshJoin([]string{"m", "freq", "2412", "HT20", "basic-rates", "1,2", "mcast-rate", "6",
		"beacon-interval", "200", "dtim-period", "3", "vendor_sync", "on", "mesh_ttl=5", "mesh_rssi_threshold=-80"})
	if err != nil || string(r.MeshID) != "m" || r.Channel == nil || r.Channel.Width != nl80211.Width20 || string(r.BasicRates) != "\x02\x04" ||
		*r.McastRate != 60 || *r.BeaconInterval != 200 || *r.DTIMPeriod != 3 || !*r.VendorSync || len(r.Config) != 2 ||
		r.Config[1].Value != uint32(0xffffffb0) || r.Config[1].Size != 4 || r.Config[0].Size != 1 {
		t.Errorf("%+v %v", r, err)
	}
	for _, c := range []struct {
		args []string
		code int
		out  bool // the message goes to standard output
	}{
		{nil, 1, false}, {[]string{"m", "freq"}, 2, true}, {[]string{"m", "freq", "2412", "bogus"}, 2, true},
		{[]string{"m", "beacon-interval", "x"}, 1, false}, {[]string{"m", "mesh_bogus=1"}, 2, true},
		{[]string{"m", "mesh_ttl=256"}, 2, true}, {[]string{"m", "mesh_power_mode=x"}, 2, true},
		{[]string{"m", "mesh_fwding=2"}, 2, true},
	} {
		_, err := parseMeshJoin(c.args)
		var ee *exitError
		if exitCode(err) != c.code || err == nil || (c.out && (!errors.As(err, &ee) || !ee.toStdout)) {
			t.Errorf("%v: %v, want exit %d", c.args, err, c.code)
		}
	}
}

func TestMeshParamFormat(t *testing.T) {
	for _, c := range []struct {
		name string
		v    uint32
		want string
	}{
		{"mesh_retry_timeout", 100, "100 milliseconds"}, {"mesh_ttl", 31, "31"}, {"mesh_rssi_threshold", 0xffffffb0, "-80 dBm"},
		{"mesh_power_mode", nl80211.MeshPowerLight, "light"}, {"mesh_plink_timeout", 1800, "1800 seconds"},
		{"mesh_hwmp_active_path_timeout", 5000, "5000 TUs"},
	} {
		if got := findMeshParam(c.name).format(c.v); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.name, c.v, got, c.want)
		}
	}
}

func TestRegAlpha2(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{{"DE", "DE", true}, {"DEU", "DE", true}, {"00", "00", true}, {"de", "", false}, {"1A", "", false}, {"D", "", false}} {
		if got, ok := regAlpha2(c.in); ok != c.ok || ok && got != c.want {
			t.Errorf("%q: %q %v", c.in, got, ok)
		}
	}
}

func TestParseMpathNew(t *testing.T) {
	dst, hop, err := parseMpathNew([]string{"02:00:00:00:05:00", "next_hop", "02:00:00:00:01:00"})
	if err != nil || dst.String() != "02:00:00:00:05:00" || hop.String() != "02:00:00:00:01:00" {
		t.Errorf("%v %v %v", dst, hop, err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"zz", "next_hop", "02:00:00:00:01:00"}, 2}, {[]string{"02:00:00:00:05:00", "hop", "02:00:00:00:01:00"}, 1},
		{[]string{"02:00:00:00:05:00", "next_hop", "zz"}, 2}} {
		if _, _, err := parseMpathNew(c.args); exitCode(err) != c.code {
			t.Errorf("%v: %v, want exit %d", c.args, err, c.code)
		}
	}
}
