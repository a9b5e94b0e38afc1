package main

import (
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// TestLiveIBSS makes two radios join one IBSS cell with giw: the station's
// radio and an IBSS interface on the access point's radio (hwsim lets one
// IBSS interface share the channel with the access point). Each sees the
// other as a station, a ping crosses, and giw's joins read back in iw
// exactly as iw's own do.
func TestLiveIBSS(t *testing.T) {
	f := wifi.Start(t)
	a, b := f.StationNetNS, f.APNetNS
	aIf, bIf := f.StationIface, "gipibss0"
	if _, errs, code := iw(t, b, "phy", f.APPhy, "interface", "add", bIf, "type", "ibss"); code != 0 {
		t.Fatalf("iw interface add: exit %d: %s", code, errs)
	}
	ipOK(t, "-n", b, "link", "set", bIf, "address", "02:00:00:00:0b:01")
	ipOK(t, "-n", b, "link", "set", bIf, "up")
	ipOK(t, "-n", a, "link", "set", aIf, "down")
	giwOK(t, a, "dev", aIf, "set", "type", "ibss")
	ipOK(t, "-n", a, "link", "set", aIf, "up")
	ipOK(t, "-n", a, "addr", "add", "10.68.0.1/24", "dev", aIf)
	ipOK(t, "-n", b, "addr", "add", "10.68.0.2/24", "dev", bIf)

	const cell = "02:1b:55:00:00:01"
	join := []string{"ibss", "join", "gip-ibss", "2412", "HT20", "fixed-freq", cell, "beacon-interval", "200",
		"basic-rates", "1,2,5.5,11", "mcast-rate", "6"}

	t.Run("join", func(t *testing.T) {
		giwOK(t, a, append([]string{"dev", aIf}, join...)...)
		giwOK(t, b, append([]string{"dev", bIf}, join...)...)
		waitPeer(t, a, aIf, "02:00:00:00:0b:01")
		waitPeer(t, b, bIf, f.StationAddr.String())
		for _, s := range []struct{ ns, dev string }{{a, aIf}, {b, bIf}} {
			info := sameAsIw(t, s.ns, nil, "dev", s.dev, "info")
			if !strings.Contains(info, "\tssid gip-ibss\n") || !strings.Contains(info, "\ttype IBSS\n") ||
				!strings.Contains(info, "channel 1 (2412 MHz), width: 20 MHz, center1: 2412 MHz") {
				t.Errorf("info of %s after the join:\n%s", s.dev, info)
			}
			link := sameAsIw(t, s.ns, maskNumbers, "dev", s.dev, "link")
			if !strings.HasPrefix(link, "Joined IBSS "+maskNumbers(cell)) {
				t.Errorf("link of %s:\n%s", s.dev, link)
			}
			sameAsIw(t, s.ns, maskNumbers, "dev", s.dev, "station", "dump")
		}
		var l linkJSON
		giwJSON(t, a, &l, "dev", aIf, "link")
		if !l.Connected || l.BSSID != cell || l.Status != "ibss_joined" || l.SSID == nil || *l.SSID != "gip-ibss" {
			t.Errorf("link JSON: %+v", l)
		}
		pingOK(t, a, "10.68.0.2")
		pingOK(t, b, "10.68.0.1")
	})

	t.Run("leave", func(t *testing.T) {
		giwOK(t, a, "dev", aIf, "ibss", "leave")
		giwOK(t, b, "dev", bIf, "ibss", "leave")
		waitLink(t, a, aIf, "")
		for _, s := range []struct{ ns, dev string }{{a, aIf}, {b, bIf}} {
			if info := sameAsIw(t, s.ns, nil, "dev", s.dev, "info"); strings.Contains(info, "ssid") {
				t.Errorf("info of %s after leave:\n%s", s.dev, info)
			}
		}
		// Leaving again: the kernel says there is no cell (as with iw).
		sameAsIw(t, a, nil, "dev", aIf, "ibss", "leave")
	})

	t.Run("same-as-iw", func(t *testing.T) {
		// What giw's join sets reads back the same as iw's join with the
		// same arguments.
		for _, args := range [][]string{
			{"gip-ibss", "2412"},
			{"gip-ibss", "2412", "NOHT"},
			{"gip-ibss", "2422", "HT40-", "02:1b:55:00:00:02"},
			{"gip-ibss", "2412", "HT40+", "fixed-freq"},
			{"gip-ibss", "2412", "20"},
			{"gip-ibss", "2412", "40", "2422"},
			{"gip-ibss", "2412", "10MHz", "beacon-interval", "100"},
		} {
			read := func(tool func(*testing.T, string, ...string) (string, string, int)) (string, string) {
				out, errs, code := tool(t, a, append([]string{"dev", aIf, "ibss", "join"}, args...)...)
				if out != "" || (code != 0 && errs == "") {
					t.Errorf("join %v: exit %d, %q, %q", args, code, out, errs)
				}
				time.Sleep(300 * time.Millisecond)
				info, _, _ := iw(t, a, "dev", aIf, "info")
				_, _, _ = iw(t, a, "dev", aIf, "ibss", "leave")
				return info, errs
			}
			gInfo, gErr := read(giw)
			iInfo, iErr := read(iw)
			if gInfo != iInfo || gErr != iErr {
				t.Errorf("ibss join %v:\ngiw:\n%s%s\niw:\n%s%s", args, gInfo, gErr, iInfo, iErr)
			}
		}
	})

	t.Run("wep", func(t *testing.T) {
		keys := []string{"key", "d:0:abcde"}
		giwOK(t, a, append([]string{"dev", aIf, "ibss", "join", "gip-ibss-wep", "2412", "fixed-freq", cell}, keys...)...)
		giwOK(t, b, append([]string{"dev", bIf, "ibss", "join", "gip-ibss-wep", "2412", "fixed-freq", cell}, keys...)...)
		waitPeer(t, a, aIf, "02:00:00:00:0b:01")
		pingOK(t, a, "10.68.0.2")
		giwOK(t, a, "dev", aIf, "ibss", "leave")
		giwOK(t, b, "dev", bIf, "ibss", "leave")
	})

	t.Run("errors", func(t *testing.T) {
		for _, args := range [][]string{
			{"gip-ibss", "2412", "key", "0:abcd"},
			{"gip-ibss", "2412", "keys", "q"},
			{"gip-ibss", "2412", "80MHz"}, // no 80 MHz channel on 2.4 GHz: the kernel refuses
			{"gip-ibss", "9999"},
		} {
			sameAsIw(t, a, nil, append([]string{"dev", aIf, "ibss", "join"}, args...)...)
			_, _, _ = iw(t, a, "dev", aIf, "ibss", "leave")
		}
		// Usage errors: exit 1 with both (giw's usage text is its own).
		for _, args := range [][]string{
			{"gip-ibss"},
			{"gip-ibss", "x2412"},
			{"gip-ibss", "2412", "beacon-interval", "x"},
			{"gip-ibss", "2412", "basic-rates", "1,2.3"},
			{"gip-ibss", "2412", "mcast-rate", "fast"},
			{"gip-ibss", "2412", "40"},
			{"gip-ibss", "2412", "bogus"},
		} {
			full := append([]string{"dev", aIf, "ibss", "join"}, args...)
			_, _, gcode := giw(t, a, full...)
			_, _, icode := iw(t, a, full...)
			if gcode != 1 || icode != 1 {
				t.Errorf("%v: giw exit %d, iw exit %d", args, gcode, icode)
			}
		}
		// Joining from a managed interface is refused by the kernel.
		ipOK(t, "-n", a, "link", "set", aIf, "down")
		giwOK(t, a, "dev", aIf, "set", "type", "managed")
		sameAsIw(t, a, nil, "dev", aIf, "ibss", "join", "gip-ibss", "2412")
	})
}

// waitPeer waits until the interface lists the peer as a station.
func waitPeer(t *testing.T, ns, dev, peer string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var stas []stationJSON
		giwJSON(t, ns, &stas, "dev", dev, "station", "dump")
		for _, s := range stas {
			if s.MAC == peer {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never saw %s: %+v", dev, peer, stas)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
