package main

import (
	"bytes"
	"encoding/hex"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

func TestParseSchedScan(t *testing.T) {
	wild := [][]byte{{}}
	for _, c := range []struct {
		args string
		want nl80211.SchedScanRequest
		err  string
	}{
		{"interval 1000", nl80211.SchedScanRequest{Interval: ptrTo[uint32](1000), SSIDs: wild, Flags: nl80211.ScanFlagColocated6G}, ""},
		{"scan_plans 1:2 3 delay 1 freqs 2412 2437 matches ssid foo ssid baz active ssid bar randomise flush",
			nl80211.SchedScanRequest{Delay: ptrTo[uint32](1), Plans: []nl80211.ScanPlan{{Interval: 1, Iterations: 2}, {Interval: 3}}, Freqs: []uint32{2412, 2437},
				Matches: [][]byte{[]byte("foo"), []byte("baz")}, SSIDs: [][]byte{[]byte("bar")},
				Flags:      nl80211.ScanFlagRandomAddr | nl80211.ScanFlagFlush,
				RandomAddr: net.HardwareAddr{0, 0, 0, 0, 0, 0}, RandomMask: net.HardwareAddr{1, 0, 0, 0, 0, 0}}, ""},
		{"passive randomise=02:00:00:00:00:00/ff:ff:ff:00:00:00 freqs",
			nl80211.SchedScanRequest{Freqs: []uint32{}, Flags: nl80211.ScanFlagRandomAddr,
				RandomAddr: net.HardwareAddr{2, 0, 0, 0, 0, 0}, RandomMask: net.HardwareAddr{0xff, 0xff, 0xff, 0, 0, 0}}, ""},
		// An unknown word ends the arguments: only what came before goes.
		{"interval 500 freqs 2412 bogus flush", nl80211.SchedScanRequest{Interval: ptrTo[uint32](500)}, ""},
		{"", nl80211.SchedScanRequest{SSIDs: wild, Flags: nl80211.ScanFlagColocated6G}, ""},
		{"interval 0", nl80211.SchedScanRequest{}, "EINVAL"},
		{"interval", nl80211.SchedScanRequest{}, "EINVAL"},
		{"scan_plans 1 interval 5", nl80211.SchedScanRequest{}, "EINVAL"},
		{"scan_plans x", nl80211.SchedScanRequest{}, "EINVAL"},
		{"scan_plans 1:0", nl80211.SchedScanRequest{}, "EINVAL"},
		{"freqs x", nl80211.SchedScanRequest{}, "EINVAL"},
		{"matches bogus", nl80211.SchedScanRequest{}, "EINVAL"},
		{"active ssid", nl80211.SchedScanRequest{}, "EINVAL"},
		{"active passive", nl80211.SchedScanRequest{}, "EINVAL"},
		{"delay 1 delay 2", nl80211.SchedScanRequest{}, "EINVAL"},
		{"randomise=zz", nl80211.SchedScanRequest{}, "usage"},
		{"randomise=02:00:00:00:00:00", nl80211.SchedScanRequest{}, "usage"},
		{"randomisex", nl80211.SchedScanRequest{}, "usage"},
	} {
		got, err := parseSchedScan(words(c.args))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v, %v; want %+v, %s", c.args, got, err, c.want, c.err)
		}
	}
}

func TestParseCACFTM(t *testing.T) {
	for _, c := range []struct {
		args string
		want nl80211.ChanDef
		err  string
	}{
		{"channel 52", nl80211.ChanDef{Freq: 5260, Width: nl80211.Width20NoHT, Center1: 5260}, ""},
		{"freq 5260 HT20", nl80211.ChanDef{Freq: 5260, Width: nl80211.Width20, Center1: 5260}, ""},
		{"freq 5250 80 5290", nl80211.ChanDef{Freq: 5250, Width: nl80211.Width80, Center1: 5290}, ""},
		{"channel 52 HT20 extra", nl80211.ChanDef{}, "usage"},
		{"foo 52", nl80211.ChanDef{}, "usage"},
		{"channel", nl80211.ChanDef{}, "usage"},
	} {
		got, err := parseCACTrigger(words(c.args))
		if errKind(err) != c.err || (c.err == "" && got != c.want) {
			t.Errorf("cac trigger %q: %+v %v", c.args, got, err)
		}
	}
	for _, c := range []struct {
		args string
		want nl80211.FTMResponder
		msg  string
	}{
		{"", nl80211.FTMResponder{}, ""},
		{"lci=0102 civic=AB", nl80211.FTMResponder{LCI: []byte{1, 2}, Civic: []byte{0xab}}, ""},
		{"lci=010", nl80211.FTMResponder{}, "Illegal LCI buffer!"},
		{"lci=01 lci=02", nl80211.FTMResponder{}, "Illegal LCI buffer!"},
		{"civic=zz", nl80211.FTMResponder{}, "Illegal CIVIC buffer!"},
		{"bogus", nl80211.FTMResponder{}, "Illegal argument: bogus"},
	} {
		got, err := parseFTMResponder(words(c.args))
		msg := ""
		if ue, ok := err.(*usageError); ok {
			msg = ue.msg
		}
		if msg != c.msg || (c.msg == "" && (err != nil || !reflect.DeepEqual(got, c.want))) {
			t.Errorf("ftm start_responder %q: %+v %v", c.args, got, err)
		}
	}
}

func TestParseVendor(t *testing.T) {
	file := writeFile(t, "\x01\x02")
	big := writeFile(t, string(make([]byte, vendorDataMax+1)))
	for _, c := range []struct {
		args  []string
		stdin string
		want  nl80211.VendorCommand
		err   string
	}{
		{[]string{"0x001374", "0x1", "0x08", "0x0"}, "", nl80211.VendorCommand{OUI: 0x1374, SubCmd: 1, Data: []byte{8, 0}}, ""},
		{[]string{"0x001374", "0x1", file, "ignored"}, "", nl80211.VendorCommand{OUI: 0x1374, SubCmd: 1, Data: []byte{1, 2}}, ""},
		{[]string{"0x1", "0x2", "-"}, "abc", nl80211.VendorCommand{OUI: 1, SubCmd: 2, Data: []byte("abc")}, ""},
		{[]string{"0x1", "0x2", "-"}, "", nl80211.VendorCommand{OUI: 1, SubCmd: 2}, ""},
		{[]string{"0x1g", "0x 2", "0x00"}, "", nl80211.VendorCommand{OUI: 1, SubCmd: 2, Data: []byte{0}}, ""},
		{[]string{"0x1", "0x2"}, "", nl80211.VendorCommand{}, "usage"},
		{[]string{"1374", "0x1", "0x0"}, "", nl80211.VendorCommand{}, "Vendor command must start with 0x"},
		{[]string{"0x1", "1", "0x0"}, "", nl80211.VendorCommand{}, "Sub command must start with 0x"},
		{[]string{"0x1", "0x1", "0x100"}, "", nl80211.VendorCommand{}, "EINVAL"},
		{[]string{"0x1", "0x1", "zz"}, "", nl80211.VendorCommand{}, "EINVAL"},
		{[]string{"0x1", "0x1", big}, "", nl80211.VendorCommand{}, "EINVAL"},
	} {
		got, err := parseVendor(c.args, strings.NewReader(c.stdin))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("vendor %q: %+v, %v", c.args, got, err)
		}
	}
}

func TestPrintVendorAndFTM(t *testing.T) {
	var b bytes.Buffer
	data, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f10")
	hexdumpLines(&tw{w: &b}, "vendor response", data)
	want := "vendor response: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f \nvendor response: 10 \n\n"
	if b.String() != want {
		t.Errorf("hexdump %q, want %q", b.String(), want)
	}
	b.Reset()
	ms := uint64(1234)
	printFTMStats(&tw{w: &b}, nl80211.FTMStats{Success: ptrTo[uint32](3), Failed: ptrTo[uint32](1), TotalDurationMs: &ms, OutOfWin: ptrTo[uint32](2)})
	want = "FTM responder stats:\n\tSuccess num 3\n\tFailed num 1\n\tTotal duration 1234\n\tOut of window num 2\n"
	if b.String() != want {
		t.Errorf("ftm stats %q, want %q", b.String(), want)
	}
}
