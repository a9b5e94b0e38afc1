package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

func TestParseSARSpecs(t *testing.T) {
	for _, c := range []struct {
		args string
		want nl80211.SARSpecs
		err  string
	}{
		{"0 0:10", nl80211.SARSpecs{Ranges: []nl80211.SARRange{{Index: 0, Power: 10}}}, ""},
		{"1 0:10 3:-5", nl80211.SARSpecs{Type: 1, Ranges: []nl80211.SARRange{{Index: 0, Power: 10}, {Index: 3, Power: -5}}}, ""},
		// atoi and scanf: a type that is no number is 0, a power may
		// be followed by anything, an index may be negative (unsigned).
		{"x 2:+7dBm", nl80211.SARSpecs{Ranges: []nl80211.SARRange{{Index: 2, Power: 7}}}, ""},
		{"0 -1:5", nl80211.SARSpecs{Ranges: []nl80211.SARRange{{Index: 0xffffffff, Power: 5}}}, ""},
		{"", nl80211.SARSpecs{}, "EINVAL"},
		{"0", nl80211.SARSpecs{}, "EINVAL"},
		{"0 1", nl80211.SARSpecs{}, "EINVAL"},
		{"0 1:2:3", nl80211.SARSpecs{}, "EINVAL"},
		{"0 :1", nl80211.SARSpecs{}, "EINVAL"},
		{"0 1:", nl80211.SARSpecs{}, "EINVAL"},
		{"0 1x:2", nl80211.SARSpecs{}, "EINVAL"},
		{"0 1:-+2", nl80211.SARSpecs{}, "EINVAL"},
	} {
		got, err := parseSARSpecs(words(c.args))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v %v, want %+v %s", c.args, got, err, c.want, c.err)
		}
	}
}

func TestParsePattern(t *testing.T) {
	for _, c := range []struct {
		in   string
		want *nl80211.PacketPattern
	}{
		{"00:11:-:33", &nl80211.PacketPattern{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0, 0x33}, Offset: ptrTo[uint32](0)}},
		{"18+43:xx:--:0x12:", &nl80211.PacketPattern{Mask: []byte{0x19}, Pattern: []byte{0x43, 0, 0, 0x12, 0}, Offset: ptrTo[uint32](18)}},
		{"++cc", &nl80211.PacketPattern{Mask: []byte{1}, Pattern: []byte{0xcc}, Offset: ptrTo[uint32](0)}},
		{"1+2+3", &nl80211.PacketPattern{Mask: []byte{1}, Pattern: []byte{2}, Offset: ptrTo[uint32](1)}},
		{"0:1:2:3:4:5:6:7:8", &nl80211.PacketPattern{Mask: []byte{0xff, 1}, Pattern: []byte{0, 1, 2, 3, 4, 5, 6, 7, 8}, Offset: ptrTo[uint32](0)}},
		{"", nil}, {"+", nil}, {"zz", nil}, {"100", nil}, {"-1", nil}, {"1x+00", nil},
	} {
		got, ok := parsePattern(c.in)
		if ok != (c.want != nil) || (ok && !reflect.DeepEqual(got, *c.want)) {
			t.Errorf("%q: %+v %v", c.in, got, ok)
		}
	}
	if s := patternText(nl80211.PacketPattern{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0xff, 0x33}}); s != "00:11:--:33" {
		t.Errorf("patternText %q", s)
	}
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "conf")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseWoWLAN(t *testing.T) {
	tcp := writeFile(t, "# c\nsource=10.1:4000\r\ndest=0x0a.0.0.2:80@2:0:0:0:0:1\ndata=01:02\ndata.interval=10\n"+
		"wake=aa:-:bb\ndata.seq=4,0,1\ndata.tok=2,4,01:02:03:04\n")
	five := ptrTo[uint32](5000)
	for _, c := range []struct {
		args string
		want *nl80211.WoWLAN
		err  string
	}{
		{"", &nl80211.WoWLAN{}, ""},
		{"any disconnect magic-packet gtk-rekey-failure eap-identity-request 4way-handshake rfkill-release",
			&nl80211.WoWLAN{Any: true, Disconnect: true, MagicPacket: true, GTKRekeyFailure: true, EAPIdentityRequest: true,
				FourWayHandshake: true, RFKillRelease: true}, ""},
		// Everything after "patterns" is a pattern, "any" too.
		{"patterns 00 any", nil, "usage"},
		{"any patterns 00 +", nil, "usage"}, // iw crashes on a pattern of only '+'
		{"any patterns 8+aa", &nl80211.WoWLAN{Any: true, Patterns: []nl80211.PacketPattern{{Mask: []byte{1}, Pattern: []byte{0xaa}, Offset: ptrTo[uint32](8)}}}, ""},
		// net-detect takes the scan arguments up to the first other word.
		{"net-detect interval 5000 any", &nl80211.WoWLAN{Any: true, NetDetect: &nl80211.SchedScanRequest{Interval: five}}, ""},
		{"net-detect interval 5000 matches ssid foo", &nl80211.WoWLAN{NetDetect: &nl80211.SchedScanRequest{Interval: five,
			Matches: [][]byte{[]byte("foo")}, SSIDs: [][]byte{{}}, Flags: nl80211.ScanFlagColocated6G}}, ""},
		{"net-detect interval 0", nil, "EINVAL"},
		{"net-detect", nil, "usage"},
		{"tcp", nil, "usage"},
		{"tcp /nonexistent", nil, "usage"},
		{"tcp " + tcp, &nl80211.WoWLAN{TCP: &nl80211.WoWLANTCP{SrcIPv4: net.IP{10, 0, 0, 1}, SrcPort: ptrTo(uint16(4000)),
			DstIPv4: net.IP{10, 0, 0, 2}, DstPort: ptrTo(uint16(80)), DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1},
			DataPayload: []byte{1, 2}, DataInterval: ptrTo[uint32](10), WakeMask: []byte{5}, WakePayload: []byte{0xaa, 0, 0xbb},
			DataSeq: &nl80211.WoWLANTCPSeq{Len: 4, Offset: 0, Start: 1}, DataToken: &nl80211.WoWLANTCPToken{Len: 2, Offset: 4, Stream: []byte{1, 2, 3, 4}}}}, ""},
		{"bogus", nil, "usage"},
	} {
		got, err := parseWoWLAN(words(c.args))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v %v, want %+v %s", c.args, got, err, c.want, c.err)
		}
	}
	for _, bad := range []string{"\n", "source=bogus\n", "source=1.2.3.4.5\n", "source=256.1.1.1\n", "dest=1.2.3.4:80\n",
		"dest=1.2.3.4:80@1:2:3\n", "data=zz\n", "wake=1:300\n", "data.seq=4\n", "data.tok=1,2\n", "bogus=1\n"} {
		if _, err := parseWoWLANTCPFile(writeFile(t, bad)); errKind(err) != "usage" {
			t.Errorf("tcp file %q: %v", bad, err)
		}
	}
}

func TestInetAton(t *testing.T) {
	for in, want := range map[string]string{"10.0.0.1": "10.0.0.1", "10.1": "10.0.0.1", "0x7f.1": "127.0.0.1",
		"010.0.0.1": "8.0.0.1", "1.2.3.4 junk": "1.2.3.4", "4294967295": "255.255.255.255", "1.2.65535": "1.2.255.255",
		"": "", "x": "", "1.2.3.4.5": "", "256.1.1.1": "", "1.2.3.256": "", "09": "", "1.": "", "1.2.3.4x": ""} {
		ip, ok := inetAton(in)
		if got := ""; ok {
			got = ip.String()
			if got != want {
				t.Errorf("inetAton(%q) = %s, want %q", in, got, want)
			}
		} else if want != "" {
			t.Errorf("inetAton(%q) refused, want %s", in, want)
		}
	}
}

func TestParseCoalesceFile(t *testing.T) {
	good := writeFile(t, "delay=10\ncondition=1\npatterns=8+00:11:-:33,aa\r\ndelay=20\ncondition=0\npatterns=bb\n")
	rules, err := parseCoalesceFile(good)
	want := []nl80211.CoalesceRule{
		{Delay: 10, Condition: 1, Patterns: []nl80211.PacketPattern{{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0, 0x33}, Offset: ptrTo[uint32](8)},
			{Mask: []byte{1}, Pattern: []byte{0xaa}, Offset: ptrTo[uint32](0)}}},
		{Delay: 20, Patterns: []nl80211.PacketPattern{{Mask: []byte{1}, Pattern: []byte{0xbb}, Offset: ptrTo[uint32](0)}}},
	}
	if err != nil || !reflect.DeepEqual(rules, want) {
		t.Errorf("rules %+v %v", rules, err)
	}
	if rules, err := parseCoalesceFile(writeFile(t, "")); err != nil || rules == nil || len(rules) != 0 {
		t.Errorf("empty file: %+v %v", rules, err)
	}
	for _, bad := range []string{"# c\n", "delay=1\n", "delay=1\ncondition=0\n", "delay=x\n", "condition=0\n",
		"delay=1\ncondition=0\npatterns=00,\n", "delay=1\ncondition=0\npatterns=zz\n", "\n"} {
		if _, err := parseCoalesceFile(writeFile(t, bad)); errKind(err) != "usage" {
			t.Errorf("coalesce file %q: %v", bad, err)
		}
	}
}

// TestPhyFormsText prints decoded answers the hwsim radios of the vm
// tier cannot give (WoWLAN, coalesce, TXQ, DFS states) in iw's words, and
// their JSON.
func TestPhyFormsText(t *testing.T) {
	w := &nl80211.WoWLAN{Any: true, MagicPacket: true, RFKillRelease: true,
		NetDetect: &nl80211.SchedScanRequest{Interval: ptrTo[uint32](5000), Delay: ptrTo[uint32](30), Matches: [][]byte{[]byte("foo bar"), []byte(" x")},
			Freqs: []uint32{2412, 2422}},
		Patterns: []nl80211.PacketPattern{{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0, 0x33}, Offset: ptrTo[uint32](8)},
			{Mask: []byte{1}, Pattern: []byte{0xaa}}, {Mask: []byte{1, 1}, Pattern: []byte{1}}},
		TCP: &nl80211.WoWLANTCP{}}
	rules := []nl80211.CoalesceRule{{Delay: 10, Condition: 1, Patterns: []nl80211.PacketPattern{
		{Mask: []byte{0x0b}, Pattern: []byte{0, 0x11, 0, 0x33}, Offset: ptrTo[uint32](8)}, {Mask: []byte{1}, Pattern: []byte{0xaa}}}}, {Delay: 20}}
	q := nl80211.TXQInfo{Limit: ptrTo[uint32](8192), Quantum: ptrTo[uint32](300), Stats: &nl80211.TXQStats{MaxFlows: ptrTo[uint32](4096), BacklogPackets: ptrTo[uint32](0), Collisions: ptrTo[uint32](2)}}
	ht := uint16(1 << 1)
	vht := uint32(1 << 2)
	band := nl80211.Band{ID: 1, HTCapa: &ht, VHTCapa: &vht, Frequencies: []nl80211.Frequency{
		{MHz: 5260, MaxTxPower: ptrTo[uint32](2000), NoIR: true, Radar: true, NoHT40Minus: true, DFSState: ptrTo[uint32](nl80211.DFSAvailable), DFSTime: ptrTo[uint32](12345), DFSCACTime: ptrTo[uint32](60000)},
		{MHz: 5280, NoIBSS: true, No80MHz: true, DFSState: ptrTo[uint32](7)},
		{MHz: 5845, Disabled: true},
	}}
	for _, c := range []struct {
		name  string
		print func(*tw)
		want  string
	}{
		{"wowlan", func(t *tw) { printWoWLAN(t, w) }, "WoWLAN is enabled:\n * wake up on special any trigger\n * wake up on magic packet\n" +
			" * wake up on RF-kill release\n * wake up on network detection\n\tscan interval: 5000 msecs\n\tinitial scan delay: 30 secs\n" +
			"\tmatches:\n\t\tSSID: foo bar\n\t\tSSID: \\x20x\n\tfrequencies: 2412 2422\n * wake up on packet offset: 8 pattern: 00:11:--:33\n" +
			" pattern: aa\n * (invalid pattern specification)\n * wake up on TCP connection\n"},
		{"wowlan disabled", func(t *tw) { printWoWLAN(t, nil) }, "WoWLAN is disabled.\n"},
		{"coalesce", func(t *tw) { printCoalesce(t, rules) }, "Coalesce is enabled:\nRule - max coalescing delay: 10msec condition:not match\n" +
			" * packet offset: 8 pattern: 00:11:--:33\n * (invalid pattern specification)\nRule - max coalescing delay: 20msec condition:match\n"},
		{"coalesce disabled", func(t *tw) { printCoalesce(t, nil) }, "Coalesce is disabled.\n"},
		{"txq", func(t *tw) { printTXQ(t, q) }, "Packet limit:\t\t8192 pkts\nQuantum:\t\t300 bytes\nNumber of queues:\t4096\n" +
			"Backlog:\t\t0 pkts\nHash collisions:\t2\n"},
		{"channels", func(t *tw) { printChannels(t, band) }, "Band 2:\n\t* 5260 MHz [52] \n\t  Maximum TX power: 20.0 dBm\n\t  Passive scan\n" +
			"\t  Radar detection\n\t  Channel widths: 20MHz HT40+ VHT80 VHT160\n\t  DFS state: available (for 12 sec)\n\t  DFS CAC time: 60000 ms\n" +
			"\t* 5280 MHz [56] \n\t  No IBSS\n\t  Channel widths: 20MHz HT40- HT40+ VHT160\n\t  DFS state: unknown\n\t* 5845 MHz [169] (disabled)\n"},
	} {
		var b bytes.Buffer
		c.print(&tw{w: &b})
		if b.String() != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, b.String(), c.want)
		}
	}
	// Each JSON view is an object with a key that says what the text says.
	for _, c := range []struct {
		view any
		key  string
		want any
	}{
		{wowlanView("phy0", w), "enabled", true}, {wowlanView("phy0", nil), "enabled", false},
		{coalesceView("phy0", rules), "enabled", true}, {coalesceView("phy0", nil), "enabled", false},
		{channelsView(nl80211.Phy{Bands: []nl80211.Band{band}})[0], "band", 2.0},
	} {
		b, err := json.Marshal(c.view)
		var m map[string]any
		if err == nil {
			err = json.Unmarshal(b, &m)
		}
		if err != nil || m[c.key] != c.want {
			t.Errorf("JSON %s: %v, want %s %v", b, err, c.key, c.want)
		}
	}
	if v := wowlanView("phy0", w); strings.Join(v.Triggers, " ") != "any magic-packet rfkill-release net-detect patterns tcp" || !v.Patterns[2].Invalid {
		t.Errorf("wowlan JSON %+v", v)
	}
}

// FuzzParsePhyFormArgs reads arbitrary arguments (one per line) with the
// parsers of set sar_specs and wowlan enable, and the lines of a WoWLAN
// TCP file: a request, a usage error or EINVAL, never a panic.
func FuzzParsePhyFormArgs(f *testing.F) {
	for _, s := range []string{"0\n0:10\n3:-5", "any\npatterns\n8+00:11:-:33\n++cc",
		"net-detect\ninterval\n5000\nmatches\nssid\nfoo\nany", "source=10.1:4000", "dest=0x0a.0.0.2:80@2:0:0:0:0:1",
		"data.tok=2,4,01:02:03:04", "wake=aa:-:bb", "data.seq=4,0,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\n")
		if r, err := parseSARSpecs(args); err == nil && len(r.Ranges) != len(args)-1 {
			t.Fatalf("%d ranges from %d arguments", len(r.Ranges), len(args))
		}
		if w, err := parseWoWLAN(args); err == nil {
			for _, p := range w.Patterns {
				if !p.Valid() {
					t.Fatalf("invalid pattern %+v", p)
				}
			}
		}
		var tcp nl80211.WoWLANTCP
		for _, a := range args {
			_ = parseTCPLine(&tcp, a)
		}
		if ip, ok := inetAton(args[0]); ok && len(ip) != 4 {
			t.Fatalf("address %v", ip)
		}
	})
}

// FuzzPrintWoWLANCoalesce decodes arbitrary attributes as WoWLAN and
// coalesce answers and prints them, text and JSON.
func FuzzPrintWoWLANCoalesce(f *testing.F) {
	f.Add([]byte("\x0c\x00\x75\x00\x04\x00\x01\x00\x04\x00\x03\x00"))
	f.Add([]byte("\x2c\x00\xb6\x00\x28\x00\x01\x00\x08\x00\x01\x00\x0a\x00\x00\x00\x08\x00\x02\x00\x01\x00\x00\x00" +
		"\x14\x00\x03\x00\x10\x00\x01\x00\x05\x00\x01\x00\x01\x00\x00\x00\x05\x00\x02\x00\xaa\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		if w, err := nl80211.ParseWoWLAN(b); err == nil {
			printWoWLAN(&tw{w: &out}, w)
			if _, err := json.Marshal(wowlanView("phy0", w)); err != nil {
				t.Fatal(err)
			}
		}
		if rules, err := nl80211.ParseCoalesce(b); err == nil {
			printCoalesce(&tw{w: &out}, rules)
			if _, err := json.Marshal(coalesceView("phy0", rules)); err != nil {
				t.Fatal(err)
			}
		}
	})
}
