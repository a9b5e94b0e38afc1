package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// beaconHead is the head of an open network's beacon on channel 1 from
// bssid: the header, the fixed fields (beacon interval 100 TU, ESS), the
// SSID, the rates and the DS parameter set.
func beaconHead(bssid net.HardwareAddr, ssid string) string {
	var b []byte
	b = append(b, 0x80, 0, 0, 0)
	b = append(b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	b = append(b, bssid...)
	b = append(b, bssid...)
	b = append(b, 0, 0)               // sequence control
	b = append(b, make([]byte, 8)...) // timestamp
	b = append(b, 100, 0, 1, 0)       // beacon interval, capability
	b = append(b, 0, byte(len(ssid)))
	b = append(b, ssid...)
	b = append(b, 1, 8, 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24)
	b = append(b, 3, 1, 1)
	return hex.EncodeToString(b)
}

// TestLiveAP starts an access point with giw and with iw on an interface
// added to the access point's radio (beside hostapd's), compares what each
// leaves behind, checks the station sees it, and compares channel switch
// and the requests that work on any interface (features, commands, cqm,
// offchannel, roc, auth) with iw's answers.
func TestLiveAP(t *testing.T) {
	f := wifi.Start(t)
	ap, sta := f.APNetNS, f.StationNetNS
	const apIf, ssid = "gipap0", "gip-beacon"
	if out, err := exec.Command("ip", "netns", "exec", ap, "iw", "phy", f.APPhy, "interface", "add", apIf, "type", "__ap").CombinedOutput(); err != nil {
		t.Fatalf("adding %s: %v: %s", apIf, err, out)
	}
	if out, err := exec.Command("ip", "-n", ap, "link", "set", apIf, "up").CombinedOutput(); err != nil {
		t.Fatalf("%s up: %v: %s", apIf, err, out)
	}
	a := func(args ...string) []string { return append([]string{"dev", apIf}, args...) }
	s := func(args ...string) []string { return append([]string{"dev", f.StationIface}, args...) }

	t.Run("features", func(t *testing.T) {
		g := sameAsIw(t, sta, nil, "features")
		sameAsIw(t, sta, nil, "features", "-q")
		var fj featuresJSON
		giwJSON(t, sta, &fj, "features")
		if g != fmt.Sprintf("nl80211 features: 0x%x\n\t* split wiphy dump\n", fj.ProtocolFeatures) || !fj.SplitWiphyDump {
			t.Errorf("features JSON %+v for\n%s", fj, g)
		}
	})

	t.Run("commands", func(t *testing.T) {
		g := sameAsIw(t, sta, nil, "commands")
		// iw exits 2 after listing them (its "done, nothing sent"); giw
		// does the same, with -j too.
		var cj []commandJSON
		out, errs, code := giw(t, sta, "-j", "commands")
		if err := json.Unmarshal([]byte(out), &cj); err != nil || code != 2 || errs != "" {
			t.Fatalf("giw -j commands: exit %d, %v, %q", code, err, errs)
		}
		lines := strings.Split(strings.TrimSuffix(g, "\n"), "\n")
		if len(cj) != len(lines) || len(cj) != iwCommandMax {
			t.Fatalf("commands: %d JSON entries, %d lines", len(cj), len(lines))
		}
		for i, c := range cj {
			if want := fmt.Sprintf("%d (0x%x): %s", c.ID, c.ID, c.Name); lines[i] != want {
				t.Errorf("JSON entry %+v, line %q", c, lines[i])
			}
		}
	})

	start := a("ap", "start", ssid, "2412", "100", "2", "head", "")
	t.Run("ap", func(t *testing.T) {
		addr := linkAddrIn(t, ap, apIf)
		start[len(start)-1] = beaconHead(addr, ssid)
		info := a("info")
		maskTx := dropLines("txpower")
		// Each tool starts it on the same interface, stopped in between:
		// iw reads the same state back after either.
		var g string
		for i, tool := range []func(*testing.T, string, ...string) (string, string, int){giw, iw} {
			if out, errs, code := tool(t, ap, start...); code != 0 || out != "" || errs != "" {
				t.Fatalf("ap start (tool %d): exit %d, %q, %q", i, code, out, errs)
			}
			got, _, _ := iw(t, ap, info...)
			if got = maskTx(got); i == 0 {
				g = got
				giwOK(t, ap, a("ap", "stop")...)
			} else if got != g {
				t.Errorf("iw info after giw ap start:\n%s\nafter iw ap start:\n%s", g, got)
			}
		}
		if !strings.Contains(g, "\tssid "+ssid+"\n") || !strings.Contains(g, "\ttype AP\n") || !strings.Contains(g, "channel 1 (2412 MHz)") {
			t.Errorf("after ap start, iw info says:\n%s", g)
		}
		// The station sees the network the beacon describes.
		deadline := time.Now().Add(60 * time.Second)
		for {
			var bs []bssJSON
			giwJSON(t, sta, &bs, s("scan", "freq", "2412")...)
			found := false
			for _, b := range bs {
				found = found || (b.BSSID == addr.String() && b.SSID != nil && *b.SSID == ssid)
			}
			if found {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the station never saw %s (%s): %+v", ssid, addr, bs)
			}
		}
		// A switch needs the beacons to send after it, which neither tool
		// gives: the kernel refuses both the same way.
		sameAsIw(t, ap, nil, a("switch", "channel", "6", "beacons", "3")...)
		sameAsIw(t, ap, nil, a("switch", "freq", "2437", "HT20", "block-tx")...)
		sameExit(t, ap, 1, a("switch", "freq", "2437", "x")...)
		sameExit(t, ap, 1, a("switch", "channel", "6", "beacons", "x")...)
		sameExit(t, ap, 1, a("switch", "channel", "6", "beacons")...)
		// Starting twice: the kernel says it is already beaconing.
		sameAsIw(t, ap, nil, start...)

		// iw started it last; giw stops it.
		giwOK(t, ap, a("ap", "stop")...)
		if stopped, _, _ := iw(t, ap, info...); strings.Contains(stopped, "ssid") || !strings.Contains(stopped, "\ttype AP\n") {
			t.Errorf("after ap stop, iw info says:\n%s", stopped)
		}
		sameAsIw(t, ap, nil, a("ap", "stop")...) // nothing to stop: ENOENT

		// Bad input: iw's usage errors and EINVAL, and the kernel's
		// answers to what it refuses.
		for _, bad := range [][]string{
			{ssid, "2412", "100", "2", "head", "80"}, // the kernel: malformed beacon head
			{ssid, "2412", "100", "2", "head", "8"},  // odd length
			{ssid, "2412", "100", "2", "head", "zz"}, // not hex
			{ssid, "2412", "x", "2", "head", "80"},   // beacon interval
			{ssid, "2412", "100", "y", "head", "80"}, // DTIM period
			{ssid, "2412", "100", "2", "head", start[len(start)-1], "tail"},
			{ssid, "2412", "100", "2", "head", start[len(start)-1], "inactivity-time", "x"},
			{ssid, "2412", "HT20", "100", "2", "head", start[len(start)-1], "tail", "dd0400000000", "inactivity-time", "30"},
		} {
			sameAsIw(t, ap, nil, a(append([]string{"ap", "start"}, bad...)...)...)
		}
		for _, bad := range [][]string{
			{ssid, "2412", "100", "2"},
			{ssid, "2412", "100", "2", "tail", "80"},
			{ssid, "x", "100", "2", "head", "80"},
			{ssid, "2412", "100", "2", "head", start[len(start)-1], "bogus"},
		} {
			sameExit(t, ap, 1, a(append([]string{"ap", "start"}, bad...)...)...)
		}
	})

	t.Run("cqm", func(t *testing.T) {
		for _, c := range [][]string{{"-50", "2"}, {"-60"}, {"off"}, {"0"}, {"x"}, {"-50dBm", "x"}} {
			sameAsIw(t, sta, nil, s(append([]string{"cqm", "rssi"}, c...)...)...)
		}
		sameExit(t, sta, 1, s("cqm", "rssi")...)
		sameExit(t, sta, 1, s("cqm", "rssi", "-50", "2", "3")...)
	})

	t.Run("offchannel-roc", func(t *testing.T) {
		for _, c := range [][]string{
			{"offchannel", "2437", "100"},
			{"offchannel", "9999", "100"},    // the kernel: channel is disabled
			{"offchannel", "2437", "100000"}, // longer than the radio allows
			{"roc", "start", "2437", "100"},
			{"roc", "start", "0x985", "0144"},
		} {
			sameAsIw(t, sta, nil, s(c...)...)
		}
		sameExit(t, sta, 1, s("offchannel", "2437", "x")...)
		sameExit(t, sta, 1, s("offchannel", "2437")...)
		sameExit(t, sta, 1, s("roc", "start", "2437")...)
		sameExit(t, sta, 1, s("roc", "start", "2437", "1x")...)
		// A station interface cannot announce a channel switch.
		sameAsIw(t, sta, nil, s("switch", "channel", "6")...)
	})

	t.Run("auth", func(t *testing.T) {
		var evOut, evErr lockedBuffer
		ev := exec.Command("ip", "netns", "exec", sta, "iw", "event")
		ev.Stdout, ev.Stderr = &evOut, &evErr
		if err := ev.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			_ = ev.Process.Signal(syscall.SIGTERM)
			_ = ev.Wait()
		}()
		// iw event starts slowly under emulation: scan until it has seen
		// a scan end, so it listens before the first authentication.
		deadline := time.Now().Add(60 * time.Second)
		for !strings.Contains(evOut.String(), ": scan finished:") {
			if time.Now().After(deadline) {
				t.Fatalf("iw event never saw a scan:\n%s%s", evOut.String(), evErr.String())
			}
			_, _, _ = giw(t, sta, s("scan", "freq", "2412")...)
			time.Sleep(200 * time.Millisecond)
		}
		okLine := fmt.Sprintf(": auth %s -> %s status: 0: Successful", f.Open.BSSID, f.StationAddr)
		auth := s("auth", f.Open.SSID, f.Open.BSSID.String(), "open", strconv.Itoa(f.Freq))
		for i, tool := range []func(*testing.T, string, ...string) (string, string, int){giw, iw} {
			giwOK(t, sta, s("scan", "freq", "2412")...)
			if out, errs, code := tool(t, sta, auth...); code != 0 || out != "" || errs != "" {
				t.Fatalf("auth (tool %d): exit %d, %q, %q", i, code, out, errs)
			}
			deadline := time.Now().Add(30 * time.Second)
			for strings.Count(evOut.String(), okLine) < i+1 {
				if time.Now().After(deadline) {
					t.Fatalf("iw event never saw authentication %d (%q):\n%s%s", i+1, okLine, evOut.String(), evErr.String())
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
		// A BSS the station has not seen: the kernel has nothing to
		// authenticate with.
		sameAsIw(t, sta, nil, s("auth", f.Open.SSID, "02:00:00:00:99:99", "open", "2412")...)
		for _, bad := range [][]string{
			{f.Open.SSID, "zz", "open", "2412"},
			{f.Open.SSID, f.Open.BSSID.String(), "wpa", "2412"},
			{f.Open.SSID, f.Open.BSSID.String(), "shared", "2412"},
			{f.Open.SSID, f.Open.BSSID.String(), "open", "2412", "key", "d:0:abcde"},
			{f.Open.SSID, f.Open.BSSID.String(), "open", "x"},
			{f.Open.SSID, f.Open.BSSID.String(), "open"},
		} {
			sameExit(t, sta, 1, s(append([]string{"auth"}, bad...)...)...)
		}
		sameAsIw(t, sta, nil, s("auth", f.Open.SSID, f.Open.BSSID.String(), "shared", "2412", "key", "d:0:abc")...)
	})
}

// linkAddrIn reads an interface's address in a namespace through iw.
func linkAddrIn(t *testing.T, ns, dev string) net.HardwareAddr {
	t.Helper()
	out, _, code := iw(t, ns, "dev", dev, "info")
	for _, l := range strings.Split(out, "\n") {
		if a, ok := strings.CutPrefix(strings.TrimSpace(l), "addr "); ok && code == 0 {
			mac, err := net.ParseMAC(a)
			if err != nil {
				t.Fatal(err)
			}
			return mac
		}
	}
	t.Fatalf("iw dev %s info: exit %d\n%s", dev, code, out)
	return nil
}
