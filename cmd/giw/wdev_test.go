package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

func TestParseTIDConf(t *testing.T) {
	peer := net.HardwareAddr{2, 0, 0, 0, 0, 9}
	for _, c := range []struct {
		args string
		want tidconfRequest
		err  string
	}{
		{"tids 1 ampdu off", tidconfRequest{confs: []nl80211.TIDConfig{{TIDs: 1, AMPDU: ptrTo[bool](false)}}}, ""},
		{"peer 02:00:00:00:00:09 tids 0x3 override sretry 3 lretry 4 noack on rtscts off amsdu on tids 010 ampdu on",
			tidconfRequest{peer: peer, confs: []nl80211.TIDConfig{
				{TIDs: 3, Override: true, RetryShort: ptrTo[uint8](3), RetryLong: ptrTo[uint8](4), NoAck: ptrTo[bool](true), RTSCTS: ptrTo[bool](false), AMSDU: ptrTo[bool](true)},
				{TIDs: 8, AMPDU: ptrTo[bool](true)}}}, ""},
		{"tids 2 bitrates auto", tidconfRequest{confs: []nl80211.TIDConfig{{TIDs: 2, TxRateType: ptrTo[uint8](unix.NL80211_TX_RATE_AUTOMATIC)}}}, ""},
		// The rates end the arguments: a later word is not a rate.
		{"tids 2 bitrates limit legacy-2.4 12 18 override", tidconfRequest{}, "usage"},
		{"tids 2 override bitrates limit legacy-2.4 12 18", tidconfRequest{confs: []nl80211.TIDConfig{{TIDs: 2, Override: true,
			TxRateType: ptrTo[uint8](unix.NL80211_TX_RATE_LIMITED), TxRate: nl80211.BitrateMask{nl80211.Band2GHz: {Legacy: []byte{24, 36}}}}}}, ""},
		{"", tidconfRequest{}, ""},
		{"peer 02:00:00:00:00:09", tidconfRequest{peer: peer}, ""},
		{"foo", tidconfRequest{}, "Peer MAC address expected"},
		{"peer", tidconfRequest{}, "Not enough args for peer"},
		{"peer 02:00:00:00:00:09 foo", tidconfRequest{}, "TID mask expected"},
		{"tids", tidconfRequest{}, "not enough args for tids"},
		{"tids 1 foo", tidconfRequest{}, "Unknown parameter: foo"},
		{"tids 1 ampdu", tidconfRequest{}, "not enough args for ampdu"},
		{"tids 1 bitrates fixed", tidconfRequest{}, "usage"},
		{"tids 1 bitrates fixed legacy-2.4 x", tidconfRequest{}, "usage"},
		{"peer zz tids 1", tidconfRequest{}, "Invalid MAC address"},
		{"tids x", tidconfRequest{}, "Invalid TID mask value: x"},
		{"tids 1 ampdu maybe", tidconfRequest{}, "Invalid ampdu parameter: maybe"},
		{"tids 1 sretry 1x", tidconfRequest{}, "Invalid short_retry value: 1x"},
		{"tids 1 lretry x", tidconfRequest{}, "Invalid long_retry value: x"},
		{"tids 1 bitrates bogus", tidconfRequest{}, "Invalid parameter: bitrates"},
	} {
		got, err := parseTIDConf(words(c.args))
		kind := errKind(err)
		if ue, ok := err.(*usageError); ok && ue.msg != "" {
			kind = ue.msg
		}
		if kind != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v, %q; want %+v, %q", c.args, got, kind, c.want, c.err)
		}
	}
	// What iw prints with exit 2 goes where iw prints it.
	for _, c := range []struct {
		args     string
		toStdout bool
	}{{"tids 1 ampdu maybe", false}, {"tids 1 bitrates bogus", true}} {
		_, err := parseTIDConf(words(c.args))
		if ee, ok := err.(*exitError); !ok || ee.code != 2 || ee.toStdout != c.toStdout {
			t.Errorf("%q: %#v", c.args, err)
		}
	}
}

func TestParseFTMConfig(t *testing.T) {
	w20, w80, noHT := nl80211.Width20, nl80211.Width80, nl80211.Width20NoHT
	// 255 bytes, then more of the same line.
	long := "02:00:00:00:01:00 bw=20 cf=2412" + strings.Repeat(" asap", 44) + " lci" + strings.Repeat(" asap", 3) + "\n"
	for _, c := range []struct {
		text string
		want []nl80211.PMSRPeer
		err  string
	}{
		{"# a comment\n02:00:00:00:01:00 bw=20 cf=2412\n", []nl80211.PMSRPeer{{Index: 2, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Freq: 2412, Width: &w20,
			FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleHT}}}, ""},
		{"2:0:0:0:1:ff\tbw=80 cf=5180 cf1=5210 cf2=0x0 asap ap-tsf lci civic ftms_per_burst=4 bursts_exp=1 burst_period=5 retries=2 burst_duration=9 bss_color=3 lmr_feedback",
			[]nl80211.PMSRPeer{{Index: 1, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0xff}, Freq: 5180, Center1: 5210, Width: &w80, GetAPTSF: true,
				FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleVHT, ASAP: true, LCI: true, Civic: true, PerBurst: ptrTo[uint8](4), BurstsExp: ptrTo[uint8](1),
					BurstPeriod: ptrTo[uint16](5), Retries: ptrTo[uint8](2), BurstDuration: ptrTo[uint8](9), BSSColor: ptrTo[uint8](3), LMR: true}}}, ""},
		// An explicit preamble wins over the width's; tb and non_tb mean HE.
		{"02:00:00:00:01:00 bw=20 cf=2412 preamble=VHT", []nl80211.PMSRPeer{{Index: 1, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Freq: 2412, Width: &w20,
			FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleVHT}}}, ""},
		{"02:00:00:00:01:00 cf=2412 tb non_tb", []nl80211.PMSRPeer{{Index: 1, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Freq: 2412,
			FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleHE, TriggerBased: true, NonTB: true}}}, ""},
		// An unknown width is 20 MHz without HT, with a legacy preamble.
		{"02:00:00:00:01:00 bw=33 cf=2412", []nl80211.PMSRPeer{{Index: 1, Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Freq: 2412, Width: &noHT,
			FTM: nl80211.FTMRequest{Preamble: nl80211.PreambleLegacy}}}, ""},
		{"", nil, ""},
		{"zz bw=20 cf=2412\n", nil, "Invalid MAC address\nInvalid FTM configuration at line 1!"},
		{"#\n02:00:00:00:01:00 bw=20 cf=x\n", nil, "Invalid cf value!\nInvalid FTM configuration at line 2!"},
		{"02:00:00:00:01:00 bw=20 cf=1 bogus", nil, "Unknown parameter bogus\nInvalid FTM configuration at line 1!"},
		{"02:00:00:00:01:00 bw=20 preamble=xx", nil, "Invalid preamble xx\nInvalid FTM configuration at line 1!"},
		{"02:00:00:00:01:00 bw=20 cf=1\n\n", nil, "Invalid MAC address\nInvalid FTM configuration at line 2!"},
		{"02:00:00:00:01:00 cf=2412", nil, "Invalid FTM configuration at line 1!"},
		// fgets reads 255 bytes at a time: the rest of a longer line is
		// a line of its own.
		{long, nil, "Invalid MAC address\nInvalid FTM configuration at line 2!"},
	} {
		got, err := parseFTMConfig([]byte(c.text))
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v, %q; want %+v, %q", c.text, got, msg, c.want, c.err)
		}
	}
	r, err := parseFTMOptions(words("timeout=0x10 randomise=02:00:00:00:00:00/ff:ff:ff:00:00:00"))
	if err != nil || *r.Timeout != 16 || r.RandomMAC.String() != "02:00:00:00:00:00" || r.RandomMask.String() != "ff:ff:ff:00:00:00" {
		t.Errorf("options: %+v %v", r, err)
	}
	for _, bad := range []string{"timeout=x", "bogus", "randomise=zz", "randomisex"} {
		if _, err := parseFTMOptions(words(bad)); errKind(err) != "usage" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseNAN(t *testing.T) {
	bands := uint32(1<<nl80211.Band2GHz | 1<<nl80211.Band5GHz)
	for _, c := range []struct {
		args    string
		start   bool
		want    nl80211.NANConfig
		invalid bool
	}{
		{"pref 5", true, nl80211.NANConfig{MasterPref: ptrTo[uint8](5)}, false},
		{"pref 300 bands 2GHz 5ghz", true, nl80211.NANConfig{MasterPref: ptrTo[uint8](44), Bands: &bands}, false},
		{"bands 2GHz 5GHz", false, nl80211.NANConfig{Bands: &bands}, false},
		{"bands 2GHz 5GHz", true, nl80211.NANConfig{}, true},
		{"pref", true, nl80211.NANConfig{}, true},
		{"pref 5 bands", true, nl80211.NANConfig{}, true},
		{"pref 5 bands 6GHz", false, nl80211.NANConfig{}, true},
		{"pref 5 x", false, nl80211.NANConfig{}, true},
	} {
		got, err := parseNANConfig(words(c.args), c.start)
		if (err == unix.EINVAL) != c.invalid || (!c.invalid && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q (start %v): %+v %v", c.args, c.start, got, err)
		}
	}
	sid := func(name string) (id [6]byte) {
		b, _ := hex.DecodeString(map[string]string{"foo": "2c26b46b68ff", "s": "043a718774c5"}[name])
		copy(id[:], b)
		return id
	}
	solicited := uint8(unix.NL80211_NAN_SOLICITED_PUBLISH)
	bf, _ := hex.DecodeString("02800410400120080000000000000000")
	for _, c := range []struct {
		args string
		want nl80211.NANFunction
		err  string
	}{
		{"type publish name foo", nl80211.NANFunction{Type: unix.NL80211_NAN_FUNC_PUBLISH, PublishType: ptrTo[uint8](0), ServiceID: sid("foo")}, ""},
		{"type publish solicited bcast close_range name s info hello ttl 7 srf include bf 1 16 02:00:00:00:00:01;02:00:00:00:00:02 rx_filter a:*::b tx_filter q",
			nl80211.NANFunction{Type: unix.NL80211_NAN_FUNC_PUBLISH, PublishType: &solicited, PublishBcast: true, CloseRange: true, ServiceID: sid("s"),
				ServiceInfo: []byte("hello"), TTL: ptrTo[uint32](7), SRF: &nl80211.NANSRF{Include: true, BFIdx: ptrTo[uint8](1), BF: bf},
				RxFilter: [][]byte{[]byte("a"), {}, []byte("b")}, TxFilter: [][]byte{[]byte("q")}}, ""},
		{"type subscribe active name s srf exclude list 02:00:00:00:00:01",
			nl80211.NANFunction{Type: unix.NL80211_NAN_FUNC_SUBSCRIBE, SubscribeActive: true, ServiceID: sid("s"),
				SRF: &nl80211.NANSRF{MACs: []net.HardwareAddr{{2, 0, 0, 0, 0, 1}}}}, ""},
		{"type followup name foo flw_up_id 1 flw_up_req_id 2 flw_up_dest 02:00:00:00:00:03",
			nl80211.NANFunction{Type: unix.NL80211_NAN_FUNC_FOLLOW_UP, ServiceID: sid("foo"), FollowUpID: ptrTo[uint8](1), FollowUpReqID: ptrTo[uint8](2),
				FollowUpDest: net.HardwareAddr{2, 0, 0, 0, 0, 3}}, ""},
		{"type publish bcast name foo", nl80211.NANFunction{}, "EINVAL"},
		{"type x name foo", nl80211.NANFunction{}, "EINVAL"},
		{"name foo", nl80211.NANFunction{}, "EINVAL"},
		{"type publish name foo extra", nl80211.NANFunction{}, "EINVAL"},
		{"type publish name", nl80211.NANFunction{}, "EINVAL"},
		{"type followup name foo ttl 3", nl80211.NANFunction{}, "EINVAL"},
		{"type publish name s srf include bf 1 0 02:00:00:00:00:01", nl80211.NANFunction{}, "EINVAL"},
		{"type publish name s srf include bf 1 16 zz", nl80211.NANFunction{}, "EINVAL"},
		{"type followup name foo flw_up_dest zz", nl80211.NANFunction{}, "no buffer space available"},
	} {
		got, err := parseNANFunc(words(c.args))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v %v", c.args, got, err)
		}
	}
}

// TestPrintPMSRResult checks the text of peer measurement results, iw's.
func TestPrintPMSRResult(t *testing.T) {
	cookie, status, host, tsf := uint64(7), uint32(0), uint64(1234), uint64(99)
	rssi, rtt := int32(-50), int64(1500)
	r := nl80211.PMSRResult{Wiphy: ptrTo(0), WDev: ptrTo(uint64(1)), Cookie: &cookie, HasMeasurements: true, HasPeers: true,
		Peers: []nl80211.PMSRPeerResult{
			{Addr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, HasResp: true, Status: &status, HostTime: &host, APTSF: &tsf, Final: true, HasData: true,
				FTM: &nl80211.FTMResult{BurstIndex: ptrTo[uint32](0), Attempts: ptrTo[uint32](4), Successes: ptrTo[uint32](3), RSSIAvg: &rssi, RTTAvg: &rtt,
					TxRate: &nl80211.RateInfo{Bitrate: 60}, LCI: []byte{1, 2}}},
			{Addr: net.HardwareAddr{2, 0, 0, 0, 1, 1}, HasResp: true, Status: ptrTo[uint32](3), HasData: true,
				FTM: &nl80211.FTMResult{FailReason: ptrTo[uint32](6), BusyRetryTime: ptrTo[uint32](5)}},
			{Addr: net.HardwareAddr{2, 0, 0, 0, 1, 2}},
			{Addr: net.HardwareAddr{2, 0, 0, 0, 1, 3}, HasResp: true, Status: ptrTo[uint32](9)},
			{},
		}}
	var b bytes.Buffer
	o := &ftmOutput{e: &env{stdout: &b}, tg: target{dev: nl80211.Interface{Name: "wlan0", Index: 5}}}
	o.result(r)
	o.result(nl80211.PMSRResult{Complete: true, Wiphy: ptrTo(0), WDev: ptrTo(uint64(1)), Cookie: &cookie})
	o.result(nl80211.PMSRResult{Ifindex: ptrTo(5), Wiphy: ptrTo(0)})
	want := "wdev 0x1 (phy #0): Peer measurements (cookie 7):\n" +
		"  Peer 02:00:00:00:01:00: status=0 (SUCCESS) @1234 tsf=99 (final)\n" +
		"    FTM\n      BURST_INDEX: 0\n      NUM_FTMR_ATTEMPTS: 4\n      NUM_FTMR_SUCCESSES: 3\n      RSSI_AVG: -50\n      RTT_AVG: 1500\n" +
		"      TX bitrate: 6.0 MBit/s\n      LCI: 01 02 \n\n" +
		"  Peer 02:00:00:00:01:01: status=3 (FAILURE)\n    FTM failed: PEER_BUSY (6) retry after 5s\n" +
		"  Peer 02:00:00:00:01:02: no response!\n" +
		"  Peer 02:00:00:00:01:03: status=9 (unknown) - no data!\n" +
		"  Peer: no MAC address\n" +
		"wdev 0x1 (phy #0): peer measurement complete\n" +
		"wlan0 (phy #0): Peer measurements: no cookie!\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s\n%s", b.String(), want, lineDiff(b.String(), want))
	}

	// With -j, one document once the request completed.
	b.Reset()
	o = &ftmOutput{e: &env{stdout: &b, opts: globalOptions{json: true}}, tg: target{dev: nl80211.Interface{Name: "wlan0", Index: 5}}}
	o.result(r)
	o.result(nl80211.PMSRResult{Complete: true, Cookie: &cookie})
	if err := o.finish(); err != nil {
		t.Fatal(err)
	}
	var v ftmRequestJSON
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || v.Ifname != "wlan0" || len(v.Results) != 1 || len(v.Results[0].Peers) != 5 {
		t.Fatalf("%v: %s", err, b.String())
	}
	p := v.Results[0].Peers[0]
	if *p.Status != "success" || !p.Final || *p.FTM.RSSIAvg != -50 || p.FTM.TxRate != "6.0 MBit/s" || p.FTM.LCI != "0102" ||
		*v.Results[0].Peers[1].FTM.FailReason != "peer_busy" || v.Results[0].Peers[2].Response {
		t.Errorf("%s", b.String())
	}
}

// FuzzPrintPMSR decodes arbitrary peer measurement results and prints
// them as text and JSON: no panics, and the JSON is valid.
func FuzzPrintPMSR(f *testing.F) {
	e := nl.NewAttrEncoder(nil)
	e.Uint64(unix.NL80211_ATTR_COOKIE, 7)
	e.Nest(unix.NL80211_ATTR_PEER_MEASUREMENTS)
	e.Nest(unix.NL80211_PMSR_ATTR_PEERS)
	e.Nest(1)
	e.Bytes(unix.NL80211_PMSR_PEER_ATTR_ADDR, []byte{2, 0, 0, 0, 1, 0})
	e.Nest(unix.NL80211_PMSR_PEER_ATTR_RESP)
	e.Uint32(unix.NL80211_PMSR_RESP_ATTR_STATUS, 0)
	e.Nest(unix.NL80211_PMSR_RESP_ATTR_DATA)
	e.Nest(unix.NL80211_PMSR_TYPE_FTM)
	e.Uint32(unix.NL80211_PMSR_FTM_RESP_ATTR_RSSI_AVG, 0xffffffce)
	e.Bytes(unix.NL80211_PMSR_FTM_RESP_ATTR_CIVICLOC, []byte{1, 2, 3})
	for range 6 {
		e.Unnest()
	}
	seed, err := e.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := nl80211.ParsePMSRResult(unix.NL80211_CMD_PEER_MEASUREMENT_RESULT, b)
		if err != nil {
			return
		}
		var out bytes.Buffer
		printPMSRResult(&tw{w: &out}, r)
		j, err := json.Marshal(pmsrView(r))
		var v struct{ Peers []any }
		if err == nil {
			err = json.Unmarshal(j, &v)
		}
		if err != nil || v.Peers == nil || len(v.Peers) != len(r.Peers) {
			t.Fatalf("%v %s: want %d peers", err, j, len(r.Peers))
		}
	})
}

// FuzzParseFTMConfig reads arbitrary configuration files: errors are
// fine, panics are not, and a peer read is one the request can carry.
func FuzzParseFTMConfig(f *testing.F) {
	for _, s := range []string{
		"# c\n02:00:00:00:01:00 bw=20 cf=2412\n",
		"2:0:0:0:1:ff\tbw=80 cf=5180 cf1=5210 asap ap-tsf lci civic ftms_per_burst=4 bursts_exp=1 burst_period=5 retries=2 burst_duration=9\n",
		"-0x1:+2:3:4:5:6 tb preamble=dmg bw=80+80 cf2=077\n", "zz\n", "\n", strings.Repeat("a", 600),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		peers, err := parseFTMConfig(b)
		if err != nil {
			return
		}
		for _, p := range peers {
			if len(p.Addr) != 6 || p.Index == 0 {
				t.Fatalf("peer %+v", p)
			}
		}
	})
}

// FuzzParseDevForms feeds arbitrary words to the tidconf, NAN and FTM
// option parsers.
func FuzzParseDevForms(f *testing.F) {
	for _, s := range []string{
		"peer\n02:00:00:00:00:09\ntids\n0x3\noverride\nsretry\n3\nbitrates\nlimit\nlegacy-2.4\n12",
		"type\npublish\nsolicited\nbcast\nname\ns\nsrf\ninclude\nbf\n1\n16\n02:00:00:00:00:01;x",
		"pref\n5\nbands\n2GHz", "timeout=5\nrandomise=02:00:00:00:00:00/ff:00:00:00:00:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\n")
		_, _ = parseTIDConf(args)
		_, _ = parseNANFunc(args)
		_, _ = parseNANConfig(args, true)
		_, _ = parseFTMOptions(args)
	})
}
