package wifi_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// bss is what the stock iw reports about one network in a scan.
type bss struct {
	BSSID   string
	SSID    string
	Freq    string
	Privacy bool     // the capability field has "Privacy"
	AKM     []string // RSN authentication suites, e.g. "PSK"
}

// parseScan reads the output of "iw dev X scan".
func parseScan(out string) map[string]*bss {
	found := map[string]*bss{}
	var cur *bss
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "BSS "):
			addr, _, _ := strings.Cut(strings.TrimPrefix(line, "BSS "), "(")
			cur = &bss{BSSID: strings.TrimSpace(addr)}
			found[cur.BSSID] = cur
		case cur == nil:
		case strings.HasPrefix(trimmed, "SSID: "):
			cur.SSID = strings.TrimPrefix(trimmed, "SSID: ")
		case strings.HasPrefix(trimmed, "freq: "):
			cur.Freq = strings.TrimPrefix(trimmed, "freq: ")
		case strings.HasPrefix(trimmed, "capability: "):
			cur.Privacy = strings.Contains(trimmed, " Privacy ")
		case strings.HasPrefix(trimmed, "* Authentication suites: "):
			cur.AKM = strings.Fields(strings.TrimPrefix(trimmed, "* Authentication suites: "))
		}
	}
	return found
}

func TestParseScan(t *testing.T) {
	out := "BSS 02:00:00:00:00:00(on wlan1) -- associated\n" +
		"\tfreq: 2412\n\tcapability: ESS ShortSlotTime (0x0401)\n\tSSID: open\n" +
		"BSS 42:00:00:00:00:00(on wlan1)\n" +
		"\tfreq: 2437\n\tcapability: ESS Privacy ShortSlotTime (0x0411)\n\tSSID: secure\n" +
		"\tRSN:\t * Version: 1\n\t\t * Authentication suites: PSK SAE\n"
	got := parseScan(out)
	want := map[string]bss{
		"02:00:00:00:00:00": {BSSID: "02:00:00:00:00:00", SSID: "open", Freq: "2412"},
		"42:00:00:00:00:00": {BSSID: "42:00:00:00:00:00", SSID: "secure", Freq: "2437", Privacy: true, AKM: []string{"PSK", "SAE"}},
	}
	if len(got) != len(want) {
		t.Fatalf("parsed %d networks, want %d: %+v", len(got), len(want), got)
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Fatalf("%s missing from %+v", k, got)
		}
		if fmt.Sprint(*g) != fmt.Sprint(w) {
			t.Errorf("%s: got %+v, want %+v", k, *g, w)
		}
	}
}

// scan runs the stock iw's scan on the station until it has seen both of
// the fixture's networks, a few times at most (a scan can miss a beacon).
func scan(t *testing.T, f *wifi.Fixture, extra ...string) map[string]*bss {
	t.Helper()
	var found map[string]*bss
	for try := 1; try <= 4; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		args := append([]string{"dev", f.StationIface, "scan"}, extra...)
		out, err := f.StationCommand(ctx, "iw", args...).CombinedOutput()
		cancel()
		if err != nil {
			// EBUSY while the radio is still settling; try again.
			t.Logf("scan %d: iw: %v: %s", try, err, bytes.TrimSpace(out))
			time.Sleep(time.Second)
			continue
		}
		found = parseScan(string(out))
		if found[f.Open.BSSID.String()] != nil && found[f.WPA2.BSSID.String()] != nil {
			return found
		}
		t.Logf("scan %d saw %d networks, not yet both of the fixture's", try, len(found))
	}
	return found
}

func TestScanSeesBothNetworks(t *testing.T) {
	f := wifi.Start(t)
	found := scan(t, f)
	freq := fmt.Sprint(f.Freq)

	open := found[f.Open.BSSID.String()]
	switch {
	case open == nil:
		t.Errorf("the scan did not see the open network %s (%s); it saw %v", f.Open.SSID, f.Open.BSSID, found)
	case open.SSID != f.Open.SSID || open.Freq != freq || open.Privacy || len(open.AKM) != 0:
		t.Errorf("open network: got %+v, want SSID %q on %s MHz without privacy", *open, f.Open.SSID, freq)
	}
	wpa2 := found[f.WPA2.BSSID.String()]
	switch {
	case wpa2 == nil:
		t.Errorf("the scan did not see the WPA2 network %s (%s); it saw %v", f.WPA2.SSID, f.WPA2.BSSID, found)
	case wpa2.SSID != f.WPA2.SSID || wpa2.Freq != freq || !wpa2.Privacy || strings.Join(wpa2.AKM, " ") != "PSK":
		t.Errorf("WPA2 network: got %+v, want SSID %q on %s MHz with privacy and RSN PSK", *wpa2, f.WPA2.SSID, freq)
	}
	if f.Open.BSSID.String() == f.WPA2.BSSID.String() {
		t.Errorf("both networks have BSSID %s", f.Open.BSSID)
	}
}

// waitLink polls "iw dev X link" on the station until it reports a
// connection to bssid.
func waitLink(t *testing.T, f *wifi.Fixture, bssid, ssid string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var out []byte
	for time.Now().Before(deadline) {
		var err error
		out, err = f.StationCommand(context.Background(), "iw", "dev", f.StationIface, "link").CombinedOutput()
		if err != nil {
			t.Fatalf("iw dev %s link: %v: %s", f.StationIface, err, out)
		}
		s := string(out)
		if strings.HasPrefix(s, "Connected to "+bssid) && strings.Contains(s, "SSID: "+ssid+"\n") {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("the station did not connect to %s (%s); iw dev %s link says:\n%s\nhostapd said:\n%s",
		ssid, bssid, f.StationIface, out, f.HostapdLog())
}

// waitHostapd polls the access point's log for line.
func waitHostapd(t *testing.T, f *wifi.Fixture, line string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(f.HostapdLog(), line) {
		if time.Now().After(deadline) {
			t.Fatalf("hostapd never said %q; it said:\n%s", line, f.HostapdLog())
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func TestConnectOpen(t *testing.T) {
	f := wifi.Start(t)
	out, err := f.StationCommand(context.Background(), "iw", "dev", f.StationIface, "connect", f.Open.SSID).CombinedOutput()
	if err != nil {
		t.Fatalf("iw dev %s connect %s: %v: %s", f.StationIface, f.Open.SSID, err, out)
	}
	waitLink(t, f, f.Open.BSSID.String(), f.Open.SSID)
	waitHostapd(t, f, fmt.Sprintf("%s: AP-STA-CONNECTED %s", f.Open.Iface, f.StationAddr))
}

func TestConnectWPA2(t *testing.T) {
	f := wifi.Start(t)
	testenv.NeedTools(t, "wpa_supplicant")
	conf := filepath.Join(t.TempDir(), "wpa_supplicant.conf")
	// Scanning only the fixture's channel saves seconds under emulation.
	network := fmt.Sprintf("network={\n\tssid=%q\n\tpsk=%q\n\tkey_mgmt=WPA-PSK\n\tproto=RSN\n\tscan_freq=%d\n}\n",
		f.WPA2.SSID, f.WPA2.PSK, f.Freq)
	if err := os.WriteFile(conf, []byte(network), 0o600); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := f.StationCommand(context.Background(), "wpa_supplicant", "-D", "nl80211", "-i", f.StationIface, "-c", conf)
	cmd.Stdout = &log
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting wpa_supplicant: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Logf("wpa_supplicant: %v; it said:\n%s", err, log.String())
		}
	})
	waitLink(t, f, f.WPA2.BSSID.String(), f.WPA2.SSID)
	// hostapd reports a WPA station only after the 4-way handshake.
	waitHostapd(t, f, fmt.Sprintf("%s: AP-STA-CONNECTED %s", f.WPA2.Iface, f.StationAddr))
	waitHostapd(t, f, fmt.Sprintf("%s: EAPOL-4WAY-HS-COMPLETED %s", f.WPA2.Iface, f.StationAddr))
}
