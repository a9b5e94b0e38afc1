package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// TestLiveWEP connects giw to a WEP network (a second hostapd on the
// fixture's access point radio) with iw's key grammar, open and
// shared-key authentication, and compares with iw.
func TestLiveWEP(t *testing.T) {
	f := wifi.Start(t)
	sta, ap := f.StationNetNS, f.APNetNS
	const iface, ssid, bssid = "gipwep0", "gip-wep", "02:00:00:00:0e:01"
	conf := fmt.Sprintf("interface=%s\ndriver=nl80211\nhw_mode=g\nchannel=1\nssid=%s\nauth_algs=3\nwep_default_key=1\nwep_key0=\"abcde\"\nwep_key1=0102030405\n",
		iface, ssid)
	startExtraAP(t, f, iface, bssid, conf)
	ipOK(t, "-n", ap, "addr", "add", "10.67.0.1/24", "dev", iface)
	ipOK(t, "-n", sta, "addr", "add", "10.67.0.2/24", "dev", f.StationIface)

	for _, c := range []struct {
		name string
		args []string
	}{
		{"open-auth", []string{"key", "0:abcde", "d:1:0102030405"}},
		{"shared-auth", []string{"auth", "shared", "key", "0:6162636465", "d:1:0102030405"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var res connectJSON
			giwJSON(t, sta, &res, append([]string{"dev", f.StationIface, "connect", "-w", ssid}, c.args...)...)
			if !res.Connected || res.BSSID != bssid {
				t.Fatalf("connect: %+v", res)
			}
			waitLink(t, sta, f.StationIface, bssid)
			sameAsIw(t, sta, maskNumbers, "dev", f.StationIface, "link")
			pingOK(t, sta, "10.67.0.1")
			giwOK(t, sta, "dev", f.StationIface, "disconnect")
			waitLink(t, sta, f.StationIface, "")

			// iw with the same arguments gets the same link.
			if _, errs, code := iw(t, sta, append([]string{"dev", f.StationIface, "connect", ssid}, c.args...)...); code != 0 {
				t.Fatalf("iw connect: exit %d: %s", code, errs)
			}
			waitLink(t, sta, f.StationIface, bssid)
			pingOK(t, sta, "10.67.0.1")
			giwOK(t, sta, "dev", f.StationIface, "disconnect")
			waitLink(t, sta, f.StationIface, "")
		})
	}

	t.Run("wrong-key", func(t *testing.T) {
		// Shared-key authentication proves the key: with a wrong one
		// the access point never lets the station in; giw says what iw
		// says.
		out := sameAsIw(t, sta, nil, "dev", f.StationIface, "connect", "-w", ssid, "auth", "shared", "key", "d:1:wrong")
		if strings.Contains(out, ": connected to") {
			t.Errorf("connected with a wrong key: %q", out)
		}
		waitLink(t, sta, f.StationIface, "")
	})

	t.Run("errors", func(t *testing.T) {
		// A key iw cannot read: iw's explanation, exit 2.
		for _, args := range [][]string{
			{"key", "x:abcde"},
			{"key", "0:abcd"},
			{"key", "0:zzzzzzzzzz"},
			{"key", "0:abcde", "mfp:req"},
		} {
			sameAsIw(t, sta, nil, append([]string{"dev", f.StationIface, "connect", ssid}, args...)...)
		}
		// The kernel refuses a key index above 3.
		sameAsIw(t, sta, nil, "dev", f.StationIface, "connect", ssid, "key", "7:abcde")
		// Usage errors exit 1 with both (giw's usage text is its own).
		for _, args := range [][]string{{"key"}, {"auth", "wpa"}} {
			full := append([]string{"dev", f.StationIface, "connect", ssid}, args...)
			_, _, gcode := giw(t, sta, full...)
			_, _, icode := iw(t, sta, full...)
			if gcode != 1 || icode != 1 {
				t.Errorf("%v: giw exit %d, iw exit %d", args, gcode, icode)
			}
		}
	})
}

// startExtraAP runs another hostapd in the access point's namespace, on
// a new interface of the access point's radio, until the test ends.
func startExtraAP(t *testing.T, f *wifi.Fixture, iface, addr, conf string) {
	t.Helper()
	if _, errs, code := iw(t, f.APNetNS, "phy", f.APPhy, "interface", "add", iface, "type", "managed"); code != 0 {
		t.Fatalf("iw interface add %s: exit %d: %s", iface, code, errs)
	}
	ipOK(t, "-n", f.APNetNS, "link", "set", iface, "address", addr)
	file := filepath.Join(t.TempDir(), "hostapd-"+iface+".conf")
	if err := os.WriteFile(file, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	var log lockedBuffer
	cmd := exec.Command("ip", "netns", "exec", f.APNetNS, "hostapd", file)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		})
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(log.String(), iface+": AP-ENABLED") {
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			stop()
			t.Fatalf("hostapd on %s did not start:\n%s", iface, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
