package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

func runArgs(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := runContext(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// haveNL80211 reports whether the running kernel has nl80211.
func haveNL80211(t *testing.T) bool {
	c, err := nl.Dial(nl.Generic, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = genl.GetFamily(c, nl80211.FamilyName)
	if err != nil && !errors.Is(err, genl.ErrFamilyNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

// TestEmptyOrMissing checks what giw says when there is nothing to show:
// without nl80211 in the kernel (the host tier) every command that needs it
// fails as iw does; with nl80211 (the vm tier), a fresh namespace has no
// wireless devices, which is an empty list, and naming one is iw's error.
func TestEmptyOrMissing(t *testing.T) {
	if !haveNL80211(t) {
		for _, args := range [][]string{{"dev"}, {"phy"}, {"reg", "get"}, {"dev", "wlan0", "scan"}, {"-j", "dev"}, {"event"}} {
			out, errs, code := runArgs(args...)
			if out != "" || errs != "nl80211 not found.\n" || code != 1 {
				t.Errorf("giw %v: exit %d, stdout %q, stderr %q", args, code, out, errs)
			}
		}
		return
	}
	ns := nltest.NetNS(t)
	for _, c := range []struct {
		args      []string
		out, errs string
		code      int
	}{
		{[]string{"dev"}, "", "", 0},
		{[]string{"-j", "dev"}, "[]\n", "", 0},
		{[]string{"-j", "phy"}, "[]\n", "", 0},
		{[]string{"dev", "wlan0", "info"}, "", "command failed: No such device (-19)\n", 237},
		{[]string{"-j", "dev", "wlan0", "link"}, "", "command failed: No such device (-19)\n", 237},
		{[]string{"phy", "phy0", "info"}, "", "command failed: No such file or directory (-2)\n", 254},
	} {
		out, errs, code := runArgs(append([]string{"-n", ns}, c.args...)...)
		if out != c.out || errs != c.errs || code != c.code {
			t.Errorf("giw %v: exit %d, stdout %q, stderr %q; want %d, %q, %q", c.args, code, out, errs, c.code, c.out, c.errs)
		}
	}
}

func TestHelpAndOptions(t *testing.T) {
	out, _, code := runArgs("help")
	if code != 0 || !strings.HasPrefix(out, "Usage:\tgiw [options] command\n") || !strings.Contains(out, "dev <devname> scan") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	for _, c := range commands() { // every command, under its usage line, with its help
		entry := "\t" + c.usageLine() + "\n\t\t" + strings.SplitN(c.help, "\n", 2)[0] + "\n"
		if !strings.Contains(out, entry) {
			t.Errorf("giw help lacks %q", entry)
		}
		if only, _, _ := runArgs("help", c.path[0]); !strings.Contains(only, entry) {
			t.Errorf("giw help %s lacks %q", c.path[0], entry)
		}
	}
	out, _, code = runArgs()
	if code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("no arguments: exit %d\n%s", code, out)
	}
	out, _, code = runArgs("help", "scan")
	if code != 0 || !strings.Contains(out, "scan dump") || strings.Contains(out, "station dump") {
		t.Errorf("help scan: exit %d\n%s", code, out)
	}
	out, _, code = runArgs("help", "json")
	if code != 0 || !strings.Contains(out, "giw -j dev IF scan [dump]       -> [bss]") {
		t.Errorf("help json: exit %d\n%s", code, out)
	}
	out, _, code = runArgs("--version")
	if code != 0 || out != versionLine()+"\n" || !strings.HasPrefix(out, "giw ") {
		t.Errorf("version: %d %q", code, out)
	}
	_, errs, code := runArgs("-x", "dev")
	if code != 1 || errs != "Option \"-x\" is unknown, try \"giw help\".\n" {
		t.Errorf("unknown option: %d %q", code, errs)
	}
	_, errs, code = runArgs("-n")
	if code != 1 || !strings.Contains(errs, "needs a namespace") {
		t.Errorf("-n without a name: %d %q", code, errs)
	}
}

// TestNetNSMissing: a namespace that does not exist is an error, not a
// silent fallback to the caller's.
func TestNetNSMissing(t *testing.T) {
	_, errs, code := runArgs("-n", "gip-no-such-netns", "dev")
	if code == 0 || !strings.Contains(errs, "gip-no-such-netns") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestReport(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
		code int
	}{
		{&nl.OpError{Op: "request", Err: unix.ENODEV}, "command failed: No such device (-19)\n", 237},
		{&nl.OpError{Op: "request", Err: unix.EBUSY}, "command failed: Device or resource busy (-16)\n", 240},
		{fmt.Errorf("scan: %w", &nl.OpError{Op: "request", Err: unix.EINVAL, Message: "invalid SSID"}),
			"kernel reports: invalid SSID\ncommand failed: Invalid argument (-22)\n", 234},
		{fmt.Errorf("nl80211: no wireless interface %q: %w", "x", nl80211.ErrNoDevice), "command failed: No such device (-19)\n", 237},
		{fmt.Errorf("waiting: %w", context.DeadlineExceeded), "command failed: Connection timed out (-110)\n", 146},
		{&exitError{msg: "invalid mac address", code: 2}, "invalid mac address\n", 2},
		{&exitError{code: 2}, "", 2},
		{errors.New("odd"), "command failed: odd\n", 1},
	} {
		var out, b bytes.Buffer
		if code := report(&out, &b, c.err); code != c.code || b.String() != c.want || out.Len() != 0 {
			t.Errorf("%v: exit %d %q %q, want %d %q", c.err, code, out.String(), b.String(), c.code, c.want)
		}
	}
	var out, b bytes.Buffer
	if code := report(&out, &b, refusal("Invalid parameter: x")); code != 2 || out.String() != "Invalid parameter: x\n" || b.Len() != 0 {
		t.Errorf("refusal: exit %d %q %q", code, out.String(), b.String())
	}
}

func TestParseScanArgs(t *testing.T) {
	o, err := parseScanArgs([]string{"-u", "freq", "2412", "2437", "ssid", "a b", "flush"}, true)
	if err != nil || !o.unknown || !slices.Equal(o.req.Freqs, []uint32{2412, 2437}) || len(o.req.SSIDs) != 1 ||
		string(o.req.SSIDs[0]) != "a b" || !o.req.Flush || o.req.Passive {
		t.Errorf("parse: %+v, %v", o, err)
	}
	if o, err := parseScanArgs([]string{"passive"}, false); err != nil || !o.req.Passive {
		t.Errorf("passive: %+v, %v", o, err)
	}
	for _, bad := range [][]string{{"freq", "x"}, {"bogus"}, {"ssid", "a", "passive"}, {"passive", "ssid", "a"}, {"2412"}} {
		if _, err := parseScanArgs(bad, true); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := parseScanArgs([]string{"-u"}, false); err == nil {
		t.Error("-u accepted for scan trigger")
	}
}

func TestParseConnect(t *testing.T) {
	o, err := parseConnect([]string{"-w", "my net", "2437", "02:00:00:00:00:01", "auth", "open", "mfp:opt"})
	if err != nil || !o.wait || string(o.req.SSID) != "my net" || o.req.Freq != 2437 || o.req.BSSID.String() != "02:00:00:00:00:01" ||
		o.req.Auth == nil || *o.req.Auth != nl80211.AuthOpen || o.req.MFP == nil || *o.req.MFP != 2 {
		t.Errorf("parse: %+v, %v", o, err)
	}
	if o, err := parseConnect([]string{"net"}); err != nil || o.wait || o.req.Freq != 0 || o.req.BSSID != nil {
		t.Errorf("SSID only: %+v, %v", o, err)
	}
	var ue *usageError
	for _, bad := range [][]string{{}, {"-w"}, {"net", "auth"}, {"net", "auth", "wpa"}, {"net", "bogus"}} {
		if _, err := parseConnect(bad); !errors.As(err, &ue) {
			t.Errorf("%v: %v", bad, err)
		}
	}
	o, err = parseConnect([]string{"net", "auth", "shared", "key", "0:abcde", "d:1:6162636465", "2:0102030405060708090a0b0c0d"})
	if err != nil || *o.req.Auth != nl80211.AuthShared || len(o.req.Keys) != 3 {
		t.Fatalf("WEP keys: %+v, %v", o, err)
	}
	for i, want := range []nl80211.Key{
		{Index: 0, Cipher: nl80211.CipherWEP40, Data: []byte("abcde")},
		{Index: 1, Cipher: nl80211.CipherWEP40, Data: []byte("abcde"), Default: true},
		{Index: 2, Cipher: nl80211.CipherWEP104, Data: []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}},
	} {
		if got := o.req.Keys[i]; got.Index != want.Index || got.Cipher != want.Cipher || string(got.Data) != string(want.Data) || got.Default != want.Default {
			t.Errorf("key %d: %+v, want %+v", i, got, want)
		}
	}
	// Without "d:" the last key transmits, as with iw.
	if o, err := parseConnect([]string{"net", "key", "0:abcde", "1:fghij"}); err != nil || o.req.Keys[0].Default || !o.req.Keys[1].Default {
		t.Errorf("default key: %+v, %v", o.req.Keys, err)
	}
	var ee *exitError
	for _, bad := range []string{"abcde", "x:abcde", "0abcde", "0:abcd", "0:zzzzzzzzzz", "d:", "0:abcdeabcdeabcdeabcde"} {
		if _, err := parseConnect([]string{"net", "key", bad}); !errors.As(err, &ee) || ee.code != 2 || ee.msg != keyGrammar {
			t.Errorf("key %q: %v", bad, err)
		}
	}
	if _, err := parseConnect([]string{"net", "key"}); !errors.As(err, &ue) {
		t.Errorf("key without keys: %v", err)
	}
	for args, want := range map[string]secretSource{
		"psk secret-phrase": {value: "secret-phrase"},
		"psk -":             {file: "-"},
		"psk-file /run/psk": {file: "/run/psk"},
	} {
		o, err := parseConnect(append([]string{"-w", "net"}, strings.Fields(args)...))
		if err != nil || o.psk == nil || *o.psk != want || !o.wait {
			t.Errorf("%s: %+v, %v", args, o.psk, err)
		}
	}
	for _, bad := range [][]string{{"net", "psk"}, {"net", "psk-file"}, {"net", "psk", "a", "b"}} {
		if _, err := parseConnect(bad); !errors.As(err, &ue) {
			t.Errorf("%v: %v", bad, err)
		}
	}
}

func TestParseInterfaceAdd(t *testing.T) {
	o, err := parseInterfaceAdd([]string{"mon0", "type", "monitor", "addr", "02:00:00:00:00:09", "4addr", "on"})
	if err != nil || o.req.Name != "mon0" || o.req.Type != nl80211.IfTypeMonitor || o.req.FourAddr == nil || !*o.req.FourAddr ||
		o.req.HardwareAddr.String() != "02:00:00:00:00:09" {
		t.Errorf("parse: %+v, %v", o, err)
	}
	var ue *usageError
	o, err = parseInterfaceAdd([]string{"m0", "type", "mp", "addr", "02:00:00:00:00:09", "mesh_id", "net"})
	if err != nil || string(o.req.MeshID) != "net" || o.req.HardwareAddr == nil {
		t.Errorf("mesh_id: %+v, %v", o, err)
	}
	o, err = parseInterfaceAdd([]string{"mon0", "type", "monitor", "flags", "control", "otherbss"})
	if err != nil || o.req.Monitor == nil || o.req.Monitor.Flags != 1<<nl80211.MonitorControl|1<<nl80211.MonitorOtherBSS {
		t.Errorf("flags: %+v, %v", o, err)
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"mon0", "type", "monitor", "4addr", "maybe"}, "4addr error"},
		{[]string{"mon0", "type", "monitor", "flags", "mumimo-groupid", "1"}, "Invalid groupID: 1\nflags error"},
		{[]string{"mon0", "type", "monitor", "flags", "control", "bogus", "1"}, "flags error"},
	} {
		var ee *exitError
		if _, err := parseInterfaceAdd(c.args); !errors.As(err, &ee) || ee.code != 2 || ee.msg != c.msg {
			t.Errorf("%v: %v, want exit 2 %q", c.args, err, c.msg)
		}
	}
	for _, bad := range [][]string{{"mon0"}, {"mon0", "kind", "monitor"}, {"mon0", "type", "monitor", "4addr"},
		{"m0", "type", "mp", "mesh_id", "x", "4addr", "off"}, {"m0", "type", "managed", "4addr", "on", "addr", "02:00:00:00:00:09"}} {
		if _, err := parseInterfaceAdd(bad); !errors.As(err, &ue) {
			t.Errorf("%v: %v", bad, err)
		}
	}
	var ee *exitError
	if _, err := parseInterfaceAdd([]string{"x", "type", "ap"}); !errors.As(err, &ee) || ee.code != 2 || !strings.HasPrefix(ee.msg, "You need to run a management daemon") {
		t.Errorf("type ap: %v", err)
	}
	if _, err := parseInterfaceAdd([]string{"x", "type", "monitor", "addr", "zz"}); !errors.As(err, &ee) || ee.msg != "Invalid MAC address" {
		t.Errorf("bad addr: %v", err)
	}
}

func TestFormatHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"plain":      "plain",
		" lead":      `\x20lead`,
		"trail ":     `trail\x20`,
		"mid dle":    "mid dle",
		"back\\":     `back\x5c`,
		"tab\there":  `tab\x09here`,
		"\xffbinary": `\xffbinary`,
	} {
		if got := escapeSSID([]byte(in)); got != want {
			t.Errorf("escapeSSID(%q) = %q, want %q", in, got, want)
		}
	}
	for v, want := range map[int32]string{2000: "20.00", -3000: "-30.00", -3050: "-30.50", 5: "0.05", -5: "-0.05"} {
		if got := dbm100(v); got != want {
			t.Errorf("dbm100(%d) = %q, want %q", v, got, want)
		}
	}
	mcs, nss := uint8(7), uint8(2)
	for _, c := range []struct {
		r    nl80211.RateInfo
		want string
	}{
		{nl80211.RateInfo{Bitrate: 110}, "11.0 MBit/s"},
		{nl80211.RateInfo{}, "(unknown)"},
		{nl80211.RateInfo{Bitrate: 1300, MCS: &mcs, Width: 40, ShortGI: true}, "130.0 MBit/s MCS 7 40MHz short GI"},
		{nl80211.RateInfo{Bitrate: 8667, VHTMCS: &mcs, VHTNSS: &nss, Width: 80}, "866.7 MBit/s VHT-MCS 7 80MHz VHT-NSS 2"},
	} {
		if got := bitrateText(&c.r); got != c.want {
			t.Errorf("bitrateText(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
	if got := capabilityNames(0x0411); !slices.Equal(got, []string{"ESS", "Privacy", "ShortSlotTime"}) {
		t.Errorf("capabilities %v", got)
	}
	if hexC(0) != "0" || hexC(3) != "0x3" {
		t.Errorf("hexC: %q %q", hexC(0), hexC(3))
	}
}

// TestPrintIEs covers element forms the captured scan does not have.
func TestPrintIEs(t *testing.T) {
	ies := []byte{
		0, 4, 'n', 'e', 't', ' ',
		1, 3, 0x82, 0x0c, 0xff,
		5, 5, 0, 3, 0, 0, 0,
		7, 6, 'D', 'E', 'I', 1, 13, 20,
		42, 1, 0x03,
		48, 2, 1, 0,
		221, 8, 0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50,
		59, 3, 81, 115, 0,
		3, 2, 1, 1,
		200, 2, 0xab, 0xcd,
	}
	var b bytes.Buffer
	printIEs(&tw{w: &b}, ies, true)
	want := "\tSSID: net\\x20\n" +
		"\tSupported rates: 1.0* 6.0 HT* \n" +
		"\tTIM: DTIM Count 0 DTIM Period 3 Bitmap Control 0x0 Bitmap[0] 0x0 (+ 1 octet)\n" +
		"\tCountry: DE\tEnvironment: Indoor only\n\t\tChannels [1 - 13] @ 20 dBm\n" +
		"\tERP: NonERP_Present Use_Protection\n" +
		// iw indents the default pairwise line one tab less; so does giw.
		"\tRSN:\t * Version: 1\n\t\t * Group cipher: CCMP\n\t * Pairwise ciphers: CCMP\n" +
		"\tWPA:\t * Version: 1\n\t\t * Group cipher: TKIP\n\t * Pairwise ciphers: TKIP\n" +
		"\tSupported operating classes:\n\t\t * current operating class: 81\n\t\t * operating class: 115\n" +
		"\tDS Parameter set: <invalid: 2 bytes: 01 01>\n" +
		"\tUnknown IE (200): ab cd\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestStationText(t *testing.T) {
	sig, rx, pk := int8(-30), uint64(1234), uint32(12)
	ct := uint32(5)
	bt := uint64(90_500_000_000)
	s := nl80211.Station{HardwareAddr: net.HardwareAddr{2, 0, 0, 0, 1, 0}, Signal: &sig, ChainSignal: []int8{-30, -31},
		RxBytes: &rx, RxPackets: &pk, ConnectedTime: &ct, AssocAtBoottime: &bt,
		Flags: &nl80211.StaFlags{Mask: 1<<nl80211.StaFlagAuthorized | 1<<nl80211.StaFlagMFP, Set: 1 << nl80211.StaFlagAuthorized}}
	var b bytes.Buffer
	clk := clock{now: time.UnixMilli(1_000_000), boottime: 100 * time.Second}
	printStation(&tw{w: &b}, s, "wlan0", clk)
	want := "Station 02:00:00:00:01:00 (on wlan0)\n\trx bytes:\t1234\n\trx packets:\t12\n" +
		"\tsignal:  \t-30 [-30, -31] dBm\n\tauthorized:\tyes\n\tMFP:\t\tno\n\tconnected time:\t5 seconds\n" +
		"\tassociated at [boottime]:\t90.500s\n\tassociated at:\t990500 ms\n\tcurrent time:\t1000000 ms\n"
	if b.String() != want {
		t.Errorf("got:\n%q\nwant:\n%q", b.String(), want)
	}
	v := stationView(s, "wlan0")
	if v.Authorized == nil || !*v.Authorized || v.MFP == nil || *v.MFP || v.Associated != nil {
		t.Errorf("flags in JSON: %+v", v)
	}
}

func TestPrintHTIEs(t *testing.T) {
	htCapa := append([]byte{45, 26, 0x6e, 0x10, 0x17, 0xff, 0xff}, make([]byte, 21)...)
	htOp := append([]byte{61, 22, 6, 0x05, 0x04}, make([]byte, 19)...)
	load := []byte{11, 5, 3, 0, 40, 0, 32, 32, 1, 14, 35, 2, 17, 0}
	var b bytes.Buffer
	printIEs(&tw{w: &b}, append(append(htCapa, htOp...), load...), false)
	want := "\tHT capabilities:\n" +
		"\t\tCapabilities: 0x106e\n\t\t\tHT20/HT40\n\t\t\tSM Power Save disabled\n\t\t\tRX HT20 SGI\n\t\t\tRX HT40 SGI\n" +
		"\t\t\tNo RX STBC\n\t\t\tMax AMSDU length: 3839 bytes\n\t\t\tDSSS/CCK HT40\n" +
		"\t\tMaximum RX AMPDU length 65535 bytes (exponent: 0x003)\n" +
		"\t\tMinimum RX AMPDU time spacing: 4 usec (0x05)\n" +
		"\t\tHT RX MCS rate indexes supported: 0-15\n\t\tHT TX MCS rate indexes are undefined\n" +
		"\tHT operation:\n\t\t * primary channel: 6\n\t\t * secondary channel offset: above\n" +
		"\t\t * STA channel width: any\n\t\t * RIFS: 0\n\t\t * HT protection: no\n\t\t * non-GF present: 1\n" +
		"\t\t * OBSS non-GF present: 0\n\t\t * dual beacon: 0\n\t\t * dual CTS protection: 0\n\t\t * STBC beacon: 0\n" +
		"\t\t * L-SIG TXOP Prot: 0\n\t\t * PCO active: 0\n\t\t * PCO phase: 0\n" +
		"\tBSS Load:\n\t\t * station count: 3\n\t\t * channel utilisation: 40/255\n\t\t * available admission capacity: 8192 [*32us]\n" +
		"\tPower constraint: 14 dB\n\tTPC report: TX power: 17 dBm\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := mcsIndexes([]byte{0xff, 0, 0, 0, 1, 0, 0, 0, 0, 0}); got != " 0-7, 32" {
		t.Errorf("mcsIndexes = %q", got)
	}
}

func TestEventText(t *testing.T) {
	bssid := net.HardwareAddr{2, 0, 0, 0, 0, 0}
	for _, c := range []struct {
		ev   nl80211.Event
		want string
	}{
		{nl80211.Event{Cmd: unix.NL80211_CMD_TRIGGER_SCAN}, "scan started"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_NEW_SCAN_RESULTS, ScanFreqs: []uint32{2412, 2417}, ScanSSIDs: [][]byte{{}}}, `scan finished: 2412 2417, ""`},
		{nl80211.Event{Cmd: unix.NL80211_CMD_SCAN_ABORTED}, "scan aborted:"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_CONNECT, MAC: bssid, StatusCode: ptrTo[uint16](0)}, "connected to 02:00:00:00:00:00"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_CONNECT, MAC: bssid, StatusCode: ptrTo[uint16](17)},
			"failed to connect to 02:00:00:00:00:00, status: 17: Association denied because AP is unable to handle additional associated STA"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_CONNECT, TimedOut: true}, "timed out"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_DISCONNECT, ReasonCode: ptrTo[uint16](3)},
			"disconnected (local request) reason: 3: Deauthenticated because sending station is leaving (or has left) the IBSS or ESS"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_DISCONNECT, ByAP: true}, "disconnected (by AP)"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_NEW_STATION, MAC: bssid}, "new station 02:00:00:00:00:00"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_REG_CHANGE, RegType: ptrTo[uint8](unix.NL80211_REGDOM_TYPE_COUNTRY), RegAlpha2: "DE", RegInitiator: ptrTo[uint8](1)},
			"regulatory domain change: set to DE by a user request"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_REG_CHANGE, RegType: ptrTo[uint8](unix.NL80211_REGDOM_TYPE_WORLD), RegInitiator: ptrTo[uint8](0)},
			"regulatory domain change: set to world roaming by the wireless core upon initialization request"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_NEW_INTERFACE, IfType: ptrTo(nl80211.IfTypeMonitor), Wiphy: ptrTo(1)}, "new interface type monitor"},
		{nl80211.Event{Cmd: unix.NL80211_CMD_AUTHENTICATE, TimedOut: true}, "auth: timed out"},
		{nl80211.Event{Cmd: 250}, "unknown event 250 (Unknown command (250))"},
	} {
		if got := eventText(c.ev, false); got != c.want {
			t.Errorf("%d: got %q, want %q", c.ev.Cmd, got, c.want)
		}
	}
	// A deauthentication frame: addresses and reason.
	frame := make([]byte, 26)
	frame[0] = 0xc0
	copy(frame[4:], []byte{2, 0, 0, 0, 1, 0})
	copy(frame[10:], []byte{2, 0, 0, 0, 0, 0})
	frame[24] = 3
	if got := frameText(frame, false); got != " 02:00:00:00:00:00 -> 02:00:00:00:01:00 reason 3: Deauthenticated because sending station is leaving (or has left) the IBSS or ESS" {
		t.Errorf("deauth frame %q", got)
	}
	if got := frameText([]byte{1, 2}, false); got != " [invalid frame: 01 02]" {
		t.Errorf("short frame %q", got)
	}
	if o, err := parseEventArgs([]string{"-r", "-f"}); err != nil || o.stamp != 'r' || !o.frames {
		t.Errorf("event args: %+v, %v", o, err)
	}
	if _, err := parseEventArgs([]string{"-x"}); err == nil {
		t.Error("-x accepted")
	}
}

func TestPrintVHTOperation(t *testing.T) {
	var b bytes.Buffer
	printIEs(&tw{w: &b}, []byte{192, 5, 1, 42, 0, 0xfc, 0xff}, false)
	want := "\tVHT operation:\n\t\t * channel width: 1 (80 MHz)\n\t\t * center freq segment 1: 42\n" +
		"\t\t * center freq segment 2: 0\n\t\t * VHT basic MCS set: 0xfffc\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	// Extended NSS bandwidth: 80 MHz with half the streams at 160 MHz.
	b.Reset()
	printVHTInfo(&tw{w: &b}, 1<<30, make([]byte, 8))
	if !strings.Contains(b.String(), "\t\t\tSupported Channel Width: 160Mhz (1/2 NSS) \n") {
		t.Errorf("extended NSS:\n%s", b.String())
	}
}

func TestPrintWPS(t *testing.T) {
	tlv := func(typ uint16, v ...byte) []byte {
		return append([]byte{byte(typ >> 8), byte(typ), 0, byte(len(v))}, v...)
	}
	var wps []byte
	for _, a := range [][]byte{
		tlv(0x104a, 0x10),
		tlv(0x1044, 2),
		tlv(0x1057, 1),
		tlv(0x103b, 3),
		tlv(0x1047, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0, 1, 2, 3, 4, 5, 6, 7),
		tlv(0x1021, 'A', 'C', 'M', 'E', 0, 'x'),
		tlv(0x1054, 0, 6, 0x00, 0x50, 0xf2, 0x04, 0, 1),
		tlv(0x1008, 0x01, 0x08),
		tlv(0x1049, 0x00, 0x37, 0x2a, 0x00, 0x01, 0x20),
		tlv(0x1099, 0xaa),
	} {
		wps = append(wps, a...)
	}
	wps = append(wps, 0x10)
	ie := append([]byte{221, byte(4 + len(wps)), 0x00, 0x50, 0xf2, 4}, wps...)
	var b bytes.Buffer
	printIEs(&tw{w: &b}, ie, false)
	want := "\tWPS:\t * Version: 1.0\n" +
		"\t\t * Wi-Fi Protected Setup State: 2 (Configured)\n" +
		"\t\t * AP setup locked: 0x01\n" +
		"\t\t * Response Type: 3 (AP)\n" +
		"\t\t * UUID: 12345678-9abc-def0-0001-020304050607\n" +
		"\t\t * Manufacturer: ACME\n" +
		"\t\t * Primary Device Type: 6-0050f204-1\n" +
		"\t\t * Config methods: Display, Keypad\n" +
		"\t\t * Version2: 2.0\n" +
		"\t\t * Unknown TLV (0x1099, 1 bytes): aa\n" +
		"\t\t * bogus tail data (1): 10\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestParseIBSSJoin(t *testing.T) {
	r, err := parseIBSSJoin(strings.Fields("cell 2412 HT40+ fixed-freq 02:00:00:00:00:07 beacon-interval 200 basic-rates 1,2,5.5,11 mcast-rate 5.5 key d:0:abcde 1:fghij"))
	if err != nil || string(r.SSID) != "cell" || r.Channel != (nl80211.ChanDef{Freq: 2412, Width: nl80211.Width40, Center1: 2422}) || !r.FixedFreq ||
		r.BSSID.String() != "02:00:00:00:00:07" || *r.BeaconInterval != 200 || string(r.BasicRates) != "\x02\x04\x0b\x16" || *r.McastRate != 55 ||
		len(r.Keys) != 2 || !r.Keys[0].Default || r.Keys[1].Default {
		t.Errorf("parse: %+v, %v", r, err)
	}
	for args, want := range map[string]nl80211.ChanDef{
		"c 2412":                   {Freq: 2412, Width: nl80211.Width20NoHT, Center1: 2412},
		"c 2412 ht20":              {Freq: 2412, Width: nl80211.Width20, Center1: 2412},
		"c 2437 HT40-":             {Freq: 2437, Width: nl80211.Width40, Center1: 2427},
		"c 5200 80MHz":             {Freq: 5200, Width: nl80211.Width80, Center1: 5210},
		"c 5500 160MHz":            {Freq: 5500, Width: nl80211.Width160, Center1: 5570},
		"c 5180 80 5210":           {Freq: 5180, Width: nl80211.Width80, Center1: 5210},
		"c 5180 80+80 5210 5775":   {Freq: 5180, Width: nl80211.Width80P80, Center1: 5210, Center2: 5775},
		"c 2412 10MHz":             {Freq: 2412, Width: nl80211.Width10, Center1: 2412},
		"c 2412 02:00:00:00:00:01": {Freq: 2412, Width: nl80211.Width20NoHT, Center1: 2412},
	} {
		r, err := parseIBSSJoin(strings.Fields(args))
		if err != nil || r.Channel != want {
			t.Errorf("%s: %+v, %v", args, r.Channel, err)
		}
	}
	var ue *usageError
	for _, bad := range []string{"c", "c x", "c 2412 40", "c 2412 80+80 5210", "c 2412 beacon-interval x", "c 2412 basic-rates 1,2.3",
		"c 2412 basic-rates 0", "c 2412 mcast-rate x", "c 2412 bogus", "c 2412 key"} {
		if _, err := parseIBSSJoin(strings.Fields(bad)); !errors.As(err, &ue) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	var ee *exitError
	if _, err := parseIBSSJoin(strings.Fields("c 2412 keys 0:abc")); !errors.As(err, &ee) || ee.code != 2 {
		t.Errorf("bad key: %v", err)
	}
}

func TestRSNForPSK(t *testing.T) {
	bss := func(rsn []byte) nl80211.BSS {
		ies := []byte{0, 4, 'n', 'e', 't', '1'}
		if rsn != nil {
			ies = append(append(ies, 48, byte(len(rsn))), rsn...)
		}
		return nl80211.BSS{BSSID: net.HardwareAddr{2, 0, 0, 0, 0, 1}, IEs: ies}
	}
	wpa2 := []byte{1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0x0c, 0}
	ie, rsn, err := rsnFor(bss(wpa2))
	if err != nil || !bytes.Equal(ie, append([]byte{48, 20}, wpa2...)) {
		t.Fatalf("WPA2-PSK: %x, %v", ie, err)
	}
	// giw's own element: the same suites, no capabilities.
	if own := rsnElement(rsn); !bytes.Equal(own, append(append([]byte{48, 20}, wpa2[:18]...), 0, 0)) {
		t.Errorf("own RSN element %x", own)
	}
	for name, c := range map[string]struct {
		rsn  []byte
		want string
	}{
		"open":           {nil, "is not a WPA2 network"},
		"sae only":       {[]byte{1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 8}, "does not offer PSK authentication (it offers SAE)"},
		"tkip":           {[]byte{1, 0, 0, 0x0f, 0xac, 2, 1, 0, 0, 0x0f, 0xac, 2, 1, 0, 0, 0x0f, 0xac, 2}, "does not offer the CCMP cipher (it offers TKIP)"},
		"tkip group":     {[]byte{1, 0, 0, 0x0f, 0xac, 2, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2}, "uses TKIP for group traffic"},
		"mfp required":   {[]byte{1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0xc0, 0}, "requires management frame protection"},
		"802.1X default": {[]byte{1, 0, 0, 0x0f, 0xac, 4}, "does not offer PSK authentication"},
	} {
		_, _, err := rsnFor(bss(c.rsn))
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(ee.msg, c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
