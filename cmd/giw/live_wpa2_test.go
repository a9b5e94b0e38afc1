package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"github.com/gip-suite/gip/internal/testenv/wifi"
	"github.com/gip-suite/gip/internal/wpa"
)

// TestLiveWPA2 connects giw to hostapd's WPA2-PSK network without a
// supplicant: giw runs the 4-way handshake itself, installs the keys and
// opens the port; a ping crosses the encrypted link.
func TestLiveWPA2(t *testing.T) {
	f := wifi.Start(t)
	sta, ap := f.StationNetNS, f.APNetNS
	ipOK(t, "-n", ap, "addr", "add", "10.66.0.1/24", "dev", f.WPA2.Iface)
	ipOK(t, "-n", sta, "addr", "add", "10.66.0.2/24", "dev", f.StationIface)

	t.Run("wrong-passphrase", func(t *testing.T) {
		start := time.Now()
		out, errs, code := giw(t, sta, "dev", f.StationIface, "connect", "-w", f.WPA2.SSID, "psk", "not-the-passphrase")
		took := time.Since(start)
		if code != 1 || out != "" || !strings.HasPrefix(errs, "giw connect: 4-way handshake") || !strings.Contains(errs, "wrong passphrase?") ||
			strings.Count(errs, "\n") != 1 {
			t.Errorf("wrong passphrase: exit %d, stdout %q, stderr %q", code, out, errs)
		}
		// giw gives up 10 s after it starts (handshakeTimeout); the rest
		// is the process's start and end under software emulation, which
		// took 0.8 s on a loaded machine.
		if took > 12*time.Second {
			t.Errorf("a wrong passphrase took %v to fail", took)
		}
		t.Logf("a wrong passphrase failed after %v: %s", took.Round(time.Millisecond), strings.TrimSpace(errs))
		waitLink(t, sta, f.StationIface, "")
	})

	t.Run("bad-arguments", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			code int
			err  string
		}{
			{[]string{"psk", "short"}, 1, "giw connect: " + wpa.ErrPassphrase.Error() + "\n"},
			{[]string{"psk-file", "/nonexistent/psk"}, 1, "giw connect: open /nonexistent/psk: no such file or directory\n"},
			{[]string{"psk", "-"}, 1, "giw connect: no standard input to read the passphrase from\n"},
		} {
			args := append([]string{"dev", f.StationIface, "connect", f.WPA2.SSID}, c.args...)
			if out, errs, code := giw(t, sta, args...); code != c.code || errs != c.err || out != "" {
				t.Errorf("%v: exit %d, %q, %q", c.args, code, out, errs)
			}
		}
		if _, errs, code := giw(t, sta, "dev", f.StationIface, "connect", f.Open.SSID, "psk", f.WPA2.PSK); code != 1 ||
			!strings.Contains(errs, "is not a WPA2 network") {
			t.Errorf("psk for the open network: exit %d, %q", code, errs)
		}
	})

	t.Run("passphrase-from-stdin", func(t *testing.T) {
		var out, errs bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		code := runInput(ctx, []string{"-n", sta, "-j", "dev", f.StationIface, "connect", "-w", f.WPA2.SSID, "psk", "-"},
			strings.NewReader(f.WPA2.PSK+"\n"), &out, &errs)
		if code != 0 {
			t.Fatalf("connect psk -: exit %d: %s", code, errs.String())
		}
		var res connectJSON
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("connect psk - JSON: %v: %s", err, out.String())
		}
		if !res.Connected || res.BSSID != f.WPA2.BSSID.String() {
			t.Fatalf("connect psk -: %+v", res)
		}
		checkProtectedLink(t, f)
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		waitLink(t, sta, f.StationIface, "")
	})

	t.Run("hex-psk-from-file", func(t *testing.T) {
		pmk, err := wpa.PMK(f.WPA2.PSK, []byte(f.WPA2.SSID))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "psk")
		if err := os.WriteFile(file, []byte(hex.EncodeToString(pmk)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out := giwOK(t, sta, "dev", f.StationIface, "connect", "-w", f.WPA2.SSID, "2412", f.WPA2.BSSID.String(), "psk-file", file)
		if want := f.StationIface + " (phy #" + strings.TrimPrefix(f.StationPhy, "phy") + "): connected to " + f.WPA2.BSSID.String() + "\n"; out != want {
			t.Errorf("connect: %q, want %q", out, want)
		}
		checkProtectedLink(t, f)
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		waitLink(t, sta, f.StationIface, "")
	})

	t.Run("passphrase-argument", func(t *testing.T) {
		giwOK(t, sta, "dev", f.StationIface, "connect", f.WPA2.SSID, "psk", f.WPA2.PSK)
		checkProtectedLink(t, f)
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		waitLink(t, sta, f.StationIface, "")
	})
}

// checkProtectedLink wants the station associated with the WPA2 network,
// authorized by the access point, and a ping through.
func checkProtectedLink(t *testing.T, f *wifi.Fixture) {
	t.Helper()
	waitLink(t, f.StationNetNS, f.StationIface, f.WPA2.BSSID.String())
	var l linkJSON
	giwJSON(t, f.StationNetNS, &l, "dev", f.StationIface, "link")
	if !l.Connected || l.SSID == nil || *l.SSID != f.WPA2.SSID {
		t.Errorf("link: %+v", l)
	}
	sameAsIw(t, f.StationNetNS, maskNumbers, "dev", f.StationIface, "link")
	var stas []stationJSON
	giwJSON(t, f.APNetNS, &stas, "dev", f.WPA2.Iface, "station", "dump")
	if len(stas) != 1 || stas[0].MAC != f.StationAddr.String() || stas[0].Authorized == nil || !*stas[0].Authorized {
		t.Errorf("the access point's station after the handshake: %+v", stas)
	}
	var stas2 []stationJSON
	giwJSON(t, f.StationNetNS, &stas2, "dev", f.StationIface, "station", "dump")
	if len(stas2) != 1 || stas2[0].Authorized == nil || !*stas2[0].Authorized {
		t.Errorf("the station's view of the access point: %+v", stas2)
	}
	pingOK(t, f.StationNetNS, "10.66.0.1")
}

// pingOK wants a ping from the namespace to reach addr (busybox's ping: the
// vm tier has busybox).
func pingOK(t *testing.T, ns, addr string) {
	t.Helper()
	testenv.NeedTools(t, "busybox")
	out, err := exec.Command("ip", "netns", "exec", ns, "busybox", "ping", "-c", "2", "-W", "5", addr).CombinedOutput()
	if err != nil {
		t.Errorf("ping %s from %s: %v\n%s", addr, ns, err, out)
	}
}

func ipOK(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// TestLiveWPA2Foreground keeps a WPA2 connection with "connect -f" against
// a network that renews its group key every 5 seconds, and through a
// deauthentication by the access point.
func TestLiveWPA2Foreground(t *testing.T) {
	f := wifi.Start(t)
	sta, ap := f.StationNetNS, f.APNetNS
	const iface, ssid, bssid, pass = "gipwpa0", "gip-rekey", "02:00:00:00:0f:01", "rekey-passphrase"
	ctrl := t.TempDir()
	startExtraAP(t, f, iface, bssid, "interface="+iface+"\ndriver=nl80211\nhw_mode=g\nchannel=1\nssid="+ssid+
		"\nwpa=2\nwpa_key_mgmt=WPA-PSK\nrsn_pairwise=CCMP\nwpa_passphrase="+pass+"\nwpa_group_rekey=5\nctrl_interface="+ctrl+"\n")
	ipOK(t, "-n", ap, "addr", "add", "10.69.0.1/24", "dev", iface)
	ipOK(t, "-n", sta, "addr", "add", "10.69.0.2/24", "dev", f.StationIface)

	var out, errs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, []string{"-n", sta, "-j", "dev", f.StationIface, "connect", "-f", ssid, "psk", pass}, &out, &errs)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("connect -f exited %d: %s", code, errs.String())
		}
		waitLink(t, sta, f.StationIface, "")
	}()
	events := func() []pskEvent {
		var evs []pskEvent
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if l == "" {
				continue
			}
			var ev pskEvent
			if err := json.Unmarshal([]byte(l), &ev); err != nil {
				t.Fatalf("event line %q: %v", l, err)
			}
			evs = append(evs, ev)
		}
		return evs
	}
	count := func(kind string) int {
		n := 0
		for _, ev := range events() {
			if ev.Event == kind && ev.Ifname == f.StationIface {
				n++
			}
		}
		return n
	}
	waitFor := func(kind string, n int, within time.Duration) {
		t.Helper()
		deadline := time.Now().Add(within)
		for count(kind) < n {
			if time.Now().After(deadline) {
				t.Fatalf("no %d %q events within %v:\n%s%s", n, kind, within, out.String(), errs.String())
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	// The access point reaches the station by broadcast ARP, which only
	// the current group key decrypts.
	pingFromAP := func() {
		t.Helper()
		ipOK(t, "-n", ap, "neigh", "flush", "dev", iface)
		pingOK(t, ap, "10.69.0.2")
	}

	waitFor("connected", 1, 30*time.Second)
	pingOK(t, sta, "10.69.0.1")
	waitFor("group_rekey", 2, 30*time.Second)
	pingFromAP()

	// The access point throws the station out; giw comes back.
	if b, err := exec.Command("hostapd_cli", "-p", ctrl, "-i", iface, "deauthenticate", f.StationAddr.String()).CombinedOutput(); err != nil {
		t.Fatalf("hostapd_cli deauthenticate: %v: %s", err, b)
	}
	waitFor("disconnected", 1, 30*time.Second)
	waitFor("connected", 2, 30*time.Second)
	waitLink(t, sta, f.StationIface, bssid)
	rekeys := count("group_rekey")
	waitFor("group_rekey", rekeys+1, 30*time.Second)
	pingFromAP()
	pingOK(t, sta, "10.69.0.1")
}
