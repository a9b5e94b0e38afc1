package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// FuzzPrintBSS prints arbitrary scan results as text and JSON: the text
// must be one BSS block, the JSON valid, and nothing may panic.
func FuzzPrintBSS(f *testing.F) {
	for _, b := range capturedAttrs(f, "scan") {
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		bss, err := nl80211.ParseBSS(b)
		if err != nil {
			return
		}
		var out bytes.Buffer
		printBSS(&tw{w: &out}, bss, "wlan0", true)
		if !strings.HasPrefix(out.String(), "BSS ") {
			t.Fatalf("text does not start a BSS block: %q", out.String())
		}
		if _, err := json.Marshal(bssView(bss, "wlan0")); err != nil {
			t.Fatalf("JSON: %v", err)
		}
	})
}

// FuzzPrintIEs prints arbitrary element buffers, with unknown elements.
func FuzzPrintIEs(f *testing.F) {
	f.Add([]byte{0, 3, 'a', 'b', 'c', 48, 2, 1, 0})
	f.Add([]byte{221, 24, 0x00, 0x50, 0xf2, 2, 1, 1, 0x80, 0, 3, 0xa4, 0, 0, 0x27, 0xa4, 0, 0, 0x42, 0x43, 0x5e, 0, 0x62, 0x32, 0x2f, 0})
	f.Add([]byte{127, 8, 4, 0, 0, 2, 0, 0, 0, 0x40, 191, 0})
	f.Add([]byte{7, 6, 'U', 'S', 'O', 201, 1, 0, 59, 2, 81, 130})
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		printIEs(&tw{w: &out}, b, true)
		for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if l != "" && !strings.HasPrefix(l, "\t") {
				t.Fatalf("line outside the BSS block: %q", l)
			}
		}
	})
}

// FuzzPrintPhy merges arbitrary wiphy messages and prints them as text and
// JSON.
func FuzzPrintPhy(f *testing.F) {
	for i, b := range capturedAttrs(f, "wiphy-split") {
		if i%16 == 0 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p nl80211.Phy
		if err := nl80211.MergeWiphy(&p, b); err != nil {
			return
		}
		var out bytes.Buffer
		printPhy(&tw{w: &out}, p)
		if !strings.HasPrefix(out.String(), "Wiphy ") {
			t.Fatalf("text does not start with the wiphy: %q", out.String())
		}
		if _, err := json.Marshal(phyView(p)); err != nil {
			t.Fatalf("JSON: %v", err)
		}
	})
}

// FuzzParseJoinArgs reads arbitrary connect and ibss join arguments (one
// per line): a usage error, iw's key explanation or a request, never a
// panic; keys are always WEP keys of a valid length.
func FuzzParseJoinArgs(f *testing.F) {
	for _, s := range []string{
		"-w\nnet\n2412\n02:00:00:00:00:01\nauth\nshared\nkey\nd:0:abcde\n1:0102030405",
		"net\npsk\nsecret-phrase",
		"-f\nnet\npsk-file\n-",
		"cell\n2412\nHT40+\nfixed-freq\n02:00:00:00:00:07\nbeacon-interval\n100\nbasic-rates\n1,2,5.5\nmcast-rate\n6\nkeys\nd:0:abcde",
		"cell\n5180\n80+80\n5210\n5775",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\n")
		check := func(keys []nl80211.Key) {
			for _, k := range keys {
				if (len(k.Data) != 5 || k.Cipher != nl80211.CipherWEP40) && (len(k.Data) != 13 || k.Cipher != nl80211.CipherWEP104) {
					t.Fatalf("key %+v", k)
				}
			}
		}
		if o, err := parseConnect(args); err == nil {
			check(o.req.Keys)
		}
		if r, err := parseIBSSJoin(args); err == nil {
			check(r.Keys)
		}
	})
}

// FuzzParseSetArgs reads arbitrary arguments (one per line) with every
// parser of the set, station, mesh, mpath and reg commands: a request, a
// usage error or iw's refusal, never a panic.
func FuzzParseSetArgs(f *testing.F) {
	for _, s := range []string{
		"legacy-2.4\n1\n2\n5.5\nht-mcs-2.4\n0\n1\nsgi-2.4",
		"vht-mcs-5\n1:0-7\n2:0,9\nhe-mcs-6\n1:0-11\nhe-gi-6\n0.8\nhe-ltf-6\n2",
		"6\nHT40+", "5180\n80+80\n5210\n5530", "fixed\n1000",
		"fcsfail\ncontrol\nmumimo-groupid\n00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677",
		"02:00:00:00:00:01\ntxpwr\nlimit\n10", "02:00:00:00:00:01\nsubtype\n0xC\nreason-code\n3",
		"mesh\nfreq\n2412\nHT20\nbasic-rates\n1,2\nmcast-rate\n6\nbeacon-interval\n100\ndtim-period\n2\nvendor_sync\non\nmesh_ttl=5",
		"02:00:00:00:05:00\nnext_hop\n02:00:00:00:01:00", "DEU",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\n")
		_, _ = parseBitrates(args)
		_, _ = parseChannel(args)
		_, _ = parseFreq(args)
		_, _ = parseTxPower(args)
		_, _ = parseMonitorFlags(args)
		_, _, _ = parseStationSet(args)
		_, _, _ = parseStationDel(args)
		_, _, _ = parseMpathNew(args)
		_, _ = regAlpha2(args[0])
		if r, err := parseMeshJoin(args); err == nil {
			for _, v := range r.Config {
				if v.Size != 1 && v.Size != 2 && v.Size != 4 {
					t.Fatalf("mesh value %+v", v)
				}
			}
		}
	})
}

// FuzzParseAPArgs reads arbitrary arguments (one per line) with the
// parsers of ap start, auth, cqm, switch, offchannel, roc, sched_start,
// cac trigger, ftm start_responder and vendor: a request,
// a usage error, EINVAL or iw's key explanation, never a panic.
func FuzzParseAPArgs(f *testing.F) {
	for _, s := range []string{
		"net\n2412\nHT40+\n100\n2\nhidden-ssid\nhead\n8000\ntail\ndd00\ninactivity-time\n30\nkey\nd:0:abcde",
		"net\n5180\n80+80\n5210\n5775\n100\n2\nhead\n80",
		"net\n02:00:00:00:00:01\nshared\n2412\nkey\nd:0:abcde",
		"6\nbeacons\n5\nblock-tx", "-50\n2", "0x985\n0144",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\n")
		if r, err := parseAPStart(args); err == nil && (len(r.BeaconHead) == 0 || r.Hidden > nl80211.SSIDZeroContents) {
			t.Fatalf("ap start %+v", r)
		}
		if r, err := parseAuth(args); err == nil && (len(r.BSSID) != 6 || (len(r.Keys) > 0) != (r.Auth == nl80211.AuthShared)) {
			t.Fatalf("auth %+v", r)
		}
		_, _, _ = parseCQMRSSI(args)
		_, _ = parseSwitch(args, parseFreqChan)
		_, _ = parseSwitch(args, parseChannelPrefix)
		_, _, _ = parseOffchannel(args)
		_, _, _ = parseROCStart(args)
		_, _ = parseSchedScan(args)
		_, _ = parseCACTrigger(args)
		_, _ = parseMgmtDump(args)
		_, _, _ = parseMpathProbe(args)
		_, _ = parseFTMResponder(args)
		// (No paths: a file the fuzzer names, /dev/stdin say, could block.)
		if len(args) < 3 || strings.Contains(args[2], "/") {
			return
		}
		if v, err := parseVendor(args, strings.NewReader("")); err == nil && len(v.Data) > vendorDataMax {
			t.Fatalf("vendor data of %d bytes", len(v.Data))
		}
	})
}

// FuzzPrintSurvey decodes arbitrary survey messages and prints them as
// text and JSON.
func FuzzPrintSurvey(f *testing.F) {
	for _, b := range surveySeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := nl80211.ParseSurvey(b)
		if err != nil {
			return
		}
		var out bytes.Buffer
		printSurvey(&tw{w: &out}, s, "wlan0")
		if !strings.HasPrefix(out.String(), "Survey data from wlan0\n") {
			t.Fatalf("survey text: %q", out.String())
		}
		if _, err := json.Marshal(surveyView(s, "wlan0")); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzPrintMpath decodes arbitrary mesh path messages and prints them as
// text and JSON.
func FuzzPrintMpath(f *testing.F) {
	f.Add(mpathSeed(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := nl80211.ParseMeshPath(b)
		if err != nil {
			return
		}
		var out bytes.Buffer
		printMeshPath(&tw{w: &out}, p, "wlan0")
		if strings.Count(out.String(), "\n") != 1 {
			t.Fatalf("mpath text: %q", out.String())
		}
		if _, err := json.Marshal(mpathView(p, "wlan0", false)); err != nil {
			t.Fatal(err)
		}
	})
}
