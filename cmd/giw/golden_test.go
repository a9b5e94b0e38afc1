package main

// Golden tests: messages the kernel sent for mac80211_hwsim radios (captured
// in the vm tier with the wifi fixture, in ../../internal/nl/nl80211/testdata)
// are decoded and printed, and compared with what the stock iw 5.19 printed
// for the same radios at the same time (testdata/hwsim/iw-*.txt).

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

func capturedAttrs(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "internal", "nl", "nl80211", "testdata", "hwsim", name+".msgs"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmd, hx, _ := strings.Cut(line, " ")
		if _, err := strconv.Atoi(cmd); err != nil {
			t.Fatalf("%s: bad line %q", name, line)
		}
		b, err := hex.DecodeString(hx)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func iwOutput(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hwsim", "iw-"+name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func capturedInterfaces(t *testing.T, name string) []nl80211.Interface {
	var out []nl80211.Interface
	for _, b := range capturedAttrs(t, name) {
		ifc, err := nl80211.ParseInterface(b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ifc)
	}
	return out
}

func capturedBSS(t *testing.T) []nl80211.BSS {
	var out []nl80211.BSS
	for _, b := range capturedAttrs(t, "scan") {
		bss, err := nl80211.ParseBSS(b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, bss)
	}
	return out
}

// textEnv returns an env that prints text into a buffer.
func textEnv(json bool) (*env, *bytes.Buffer) {
	var b bytes.Buffer
	return &env{opts: globalOptions{json: json}, stdout: &b}, &b
}

func printDev(ifcs []nl80211.Interface) string {
	var b bytes.Buffer
	t := &tw{w: &b}
	last := -1
	for _, ifc := range ifcs {
		if ifc.Wiphy != last {
			t.f("phy#%d\n", ifc.Wiphy)
			last = ifc.Wiphy
		}
		printIface(t, ifc, true)
	}
	return b.String()
}

func TestGoldenDev(t *testing.T) {
	if got, want := printDev(capturedInterfaces(t, "interfaces-sta")), iwOutput(t, "dev"); got != want {
		t.Errorf("station dev:\n%s\niw:\n%s", got, want)
	}
	if got, want := printDev(capturedInterfaces(t, "interfaces-ap")), iwOutput(t, "ap-dev"); got != want {
		t.Errorf("access point dev:\n%s\niw:\n%s", got, want)
	}
}

func TestGoldenReg(t *testing.T) {
	var rds []nl80211.RegDomain
	for _, b := range capturedAttrs(t, "reg") {
		rd, err := nl80211.ParseRegDomain(b)
		if err != nil {
			t.Fatal(err)
		}
		rds = append(rds, rd)
	}
	e, out := textEnv(false)
	if err := printRegs(e, rds); err != nil {
		t.Fatal(err)
	}
	if want := iwOutput(t, "reg-get"); out.String() != want {
		t.Errorf("reg get:\n%s\niw:\n%s", out, want)
	}
}

func TestGoldenScanDump(t *testing.T) {
	// The BSS entries were captured a moment before iw ran: their ages
	// and timestamps moved, nothing else.
	clean := func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "\tlast seen: ") || strings.HasPrefix(l, "\tTSF: ") {
				l = maskNumbers(l)
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	e, out := textEnv(false)
	if err := printScan(e, "wlan1", capturedBSS(t), false); err != nil {
		t.Fatal(err)
	}
	if got, want := clean(out.String()), clean(iwOutput(t, "dev-wlan1-scan-dump")); got != want {
		t.Errorf("scan dump:\n%s\niw:\n%s", got, want)
	}
}

func TestGoldenLink(t *testing.T) {
	var li linkInfo
	for _, b := range capturedBSS(t) {
		if b.Status != nil {
			li.bsss = append(li.bsss, b)
		}
	}
	s, err := nl80211.ParseStation(capturedAttrs(t, "station-sta")[0])
	if err != nil {
		t.Fatal(err)
	}
	li.sta = &s
	var b bytes.Buffer
	tt := &tw{w: &b}
	printLink(tt, li, "wlan1")
	// Counters and the rate moved between the capture and iw's run.
	if got, want := maskNumbers(b.String()), maskNumbers(iwOutput(t, "dev-wlan1-link")); got != want {
		t.Errorf("link:\n%s\niw:\n%s", b.String(), iwOutput(t, "dev-wlan1-link"))
	}
	v := linkView(li, "wlan1")
	if !v.Connected || v.Status != "associated" || v.SSID == nil || *v.SSID != "gip-open" || v.DTIMPeriod == nil {
		t.Errorf("link JSON view %+v", v)
	}
}

func TestGoldenPhy(t *testing.T) {
	var p nl80211.Phy
	for _, b := range capturedAttrs(t, "wiphy-split") {
		if err := nl80211.MergeWiphy(&p, b); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	printPhy(&tw{w: &b}, p)
	// iw's output was taken from the same kind of radio under another
	// index; iw 5.19 numbers sub-GHz channels negatively, giw says 0.
	want := iwOutput(t, "phy")
	want = strings.Replace(want, "Wiphy phy1\n\twiphy index: 1\n", "Wiphy "+p.Name+"\n\twiphy index: "+strconv.Itoa(p.Index)+"\n", 1)
	want = s1gChannel.ReplaceAllString(want, "MHz [0]")
	// HE and EHT capabilities are iw 6.17's (iw-6.17-phy.txt, from the same
	// kind of radio), the rest iw 5.19's.
	heEHT, got := phyHEEHT(b.String())
	want6HE, _ := phyHEEHT(iwOutput(t, "6.17-phy"))
	_, want = phyHEEHT(want)
	if heEHT != want6HE {
		t.Errorf("phy HE and EHT capabilities differ from iw 6.17's:\n%s", lineDiff(heEHT, want6HE))
	}
	if ok, line := isSubsequence(got, want); !ok {
		t.Errorf("phy: line %q is not in iw's output in order", line)
	}
	// The bands, with their HT and VHT capabilities, are iw's to the
	// byte.
	if got, want := phyBands(got), phyBands(want); got != want {
		t.Errorf("phy bands differ from iw's:\n%s", lineDiff(got, want))
	}
	if !strings.Contains(b.String(), "\t\tEHT Iftypes: managed\n") || !strings.Contains(b.String(), "\t\t\tHE RX MCS and NSS set 160 MHz\n") {
		t.Errorf("phy lacks the HE and EHT blocks")
	}
	if n := strings.Count(b.String(), "\n"); n < 200 {
		t.Errorf("phy printed only %d lines", n)
	}
	e, out := textEnv(true)
	if err := printPhys(e, []nl80211.Phy{p}); err != nil {
		t.Fatal(err)
	}
	var phys []map[string]any
	if err := json.Unmarshal(out.Bytes(), &phys); err != nil || len(phys) != 1 {
		t.Fatalf("phy JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"wiphy", "name", "bands", "ciphers", "interface_modes", "commands"} {
		if _, ok := phys[0][k]; !ok {
			t.Errorf("phy JSON lacks %q", k)
		}
	}
	var typed []phyJSON
	if err := json.Unmarshal(out.Bytes(), &typed); err != nil {
		t.Fatal(err)
	}
	// The 2.4 GHz band's HE and EHT capabilities, for stations, access
	// points and mesh points.
	d := typed[0].Bands[0].IfTypeData
	if len(d) != 3 || d[0].IfTypes[0] != "managed" || d[0].HE == nil || d[0].EHT == nil ||
		!slices.Contains(d[0].HE.MAC, "Maximum A-MPDU Length Exponent: 3") || len(d[0].HE.MCSNSS) != 1 ||
		*d[0].HE.MCSNSS[0].RXMaxMCS[0] != 11 || !slices.Contains(d[0].EHT.PHY, "Max Nc: 15") ||
		len(d[0].EHT.MCSNSS) != 4 || d[0].EHT.MCSNSS[0] != (ehtMCSNSSJSON{"20", "0-7", 8, 8}) {
		t.Errorf("2.4 GHz HE/EHT in JSON: %+v", d)
	}
	if d := typed[0].Bands[1].IfTypeData; len(d) == 0 || len(d[0].HE.MCSNSS) != 3 || d[0].HE.MCSNSS[2].Width != "80+80" ||
		d[0].EHT.MCSNSS[0].Width != "<= 80" {
		t.Errorf("5 GHz HE/EHT in JSON: %+v", d)
	}
}

// TestGoldenScanJSON checks the JSON view of the captured scan.
func TestGoldenScanJSON(t *testing.T) {
	e, out := textEnv(true)
	if err := printScan(e, "wlan1", capturedBSS(t), false); err != nil {
		t.Fatal(err)
	}
	var bsss []bssJSON
	if err := json.Unmarshal(out.Bytes(), &bsss); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(bsss) != 2 {
		t.Fatalf("%d entries", len(bsss))
	}
	for _, b := range bsss {
		if b.SSID == nil || b.Signal == nil || b.Freq != 2412 || len(b.Rates) == 0 || b.DSChannel == nil || *b.DSChannel != 1 {
			t.Errorf("entry %+v", b)
		}
		switch *b.SSID {
		case "gip-open":
			if b.Status != "associated" || b.RSN != nil || b.Privacy {
				t.Errorf("open network %+v", b)
			}
		case "gip-wpa2":
			if b.RSN == nil || b.RSN.AKMSuites[0] != "PSK" || !b.Privacy || b.Status != "" {
				t.Errorf("WPA2 network %+v", b)
			}
		}
	}
}
