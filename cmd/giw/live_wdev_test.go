package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// inNS runs a tool in a namespace and fails the test on error.
func inNS(t *testing.T, ns string, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command("ip", append([]string{"netns", "exec", ns, tool}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v: %s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

var p2pWdev = regexp.MustCompile(`Unnamed/non-netdev interface\n\t\twdev (0x[0-9a-f]+)\n`)

// addP2PDevice adds a P2P device (a wdev without a netdev) to phy with iw
// and returns its wdev id as iw prints it.
func addP2PDevice(t *testing.T, ns, phy, name string) string {
	t.Helper()
	inNS(t, ns, "iw", "phy", phy, "interface", "add", name, "type", "__p2pdev")
	m := p2pWdev.FindStringSubmatch(inNS(t, ns, "iw", "dev"))
	if m == nil {
		t.Fatalf("no P2P device after adding one:\n%s", inNS(t, ns, "iw", "dev"))
	}
	return m[1]
}

// TestLiveWdev addresses a P2P device (which has no network interface) by
// its wdev id, as iw does: p2p start and stop, NAN commands (which the
// kernel refuses on it, as it refuses them to iw), netdev commands through
// a wdev id, and del; each compared with iw on the same device.
func TestLiveWdev(t *testing.T) {
	f := wifi.Start(t)
	ns, phy := f.StationNetNS, f.StationPhy
	before := inNS(t, ns, "iw", "dev")
	w := addP2PDevice(t, ns, phy, "gipp2p0")
	wd := func(args ...string) []string { return append([]string{"wdev", w}, args...) }

	t.Run("list", func(t *testing.T) {
		sameAsIw(t, ns, nil, "dev")
		var ifs []ifaceJSON
		giwJSON(t, ns, &ifs, "dev")
		found := false
		for _, i := range ifs {
			found = found || (i.Ifname == "" && i.Type == "P2P-device" && fmt.Sprintf("0x%x", i.Wdev) == w)
		}
		if !found {
			t.Errorf("giw -j dev has no P2P device %s: %+v", w, ifs)
		}
	})

	t.Run("info", func(t *testing.T) {
		// iw 5.19 answers "wdev X info" with its usage (its section
		// lookup finds "phy info" first); giw shows the device, as
		// "iw dev" lists it.
		out := giwOK(t, ns, wd("info")...)
		block := inNS(t, ns, "iw", "dev")
		i := strings.Index(block, "\tUnnamed/non-netdev interface\n\t\twdev "+w+"\n")
		if i < 0 {
			t.Fatalf("iw dev lacks %s", w)
		}
		var want []string
		for _, l := range strings.Split(block[i:], "\n")[:5] {
			want = append(want, strings.TrimPrefix(l, "\t"))
		}
		if got := strings.Split(out, "\n"); len(got) < 5 || strings.Join(got[:4], "\n") != strings.Join(want[:4], "\n") ||
			!strings.Contains(out, "\twiphy ") {
			t.Errorf("giw wdev %s info:\n%s\niw dev lists:\n%s", w, out, strings.Join(want, "\n"))
		}
		var v ifaceJSON
		giwJSON(t, ns, &v, wd("info")...)
		if v.Type != "P2P-device" || fmt.Sprintf("0x%x", v.Wdev) != w || v.Ifindex != 0 {
			t.Errorf("giw -j wdev %s info: %+v", w, v)
		}
	})

	t.Run("p2p", func(t *testing.T) {
		for _, step := range []struct {
			tool func(*testing.T, string, ...string) (string, string, int)
			args []string
		}{
			{giw, wd("p2p", "start")}, {iw, wd("p2p", "stop")}, {iw, wd("p2p", "start", "extra")}, {giw, wd("p2p", "stop", "extra")},
		} {
			if out, errs, code := step.tool(t, ns, step.args...); code != 0 || out != "" || errs != "" {
				t.Errorf("%s: exit %d, %q, %q", strings.Join(step.args, " "), code, out, errs)
			}
		}
		// Stopped already: the kernel says the device is down.
		sameAsIw(t, ns, nil, wd("p2p", "stop")...)
		sameAsIw(t, ns, nil, "wdev", "0x999", "p2p", "start")
		// An unknown wdev: the arguments are read first, as with iw.
		sameAsIw(t, ns, nil, "wdev", "0x999", "nan", "start")
		sameAsIw(t, ns, nil, "wdev", "0x999", "set", "tidconf", "tids", "1", "ampdu", "maybe")
		sameAsIw(t, ns, nil, "wdev", "0x999", "set", "tidconf", "tids", "1", "ampdu", "off")
		sameExit(t, ns, 1, "wdev", "zz", "p2p", "start")
		sameExit(t, ns, 1, "wdev", w)
		sameExit(t, ns, 1, "wdev", w, "p2p")
	})

	t.Run("nan", func(t *testing.T) {
		for _, a := range [][]string{
			{"nan", "start", "pref", "5"}, {"nan", "start", "pref", "5", "bands", "2GHz", "5ghz"}, {"nan", "start"},
			{"nan", "start", "pref", "5", "bands"}, {"nan", "start", "pref", "5", "bands", "6GHz"}, {"nan", "start", "foo", "5"},
			{"nan", "stop"}, {"nan", "config", "pref", "3", "bands", "2GHz"}, {"nan", "config"}, {"nan", "config", "bands", "x"},
			{"nan", "rm_func", "cookie", "5"}, {"nan", "rm_func", "5"},
			{"nan", "add_func", "type", "publish", "name", "foo"}, {"nan", "add_func", "type", "subscribe", "active", "name", "x", "ttl", "3"},
			{"nan", "add_func", "type", "publish", "solicited", "bcast", "name", "s", "srf", "include", "bf", "1", "16", "02:00:00:00:00:01;02:00:00:00:00:02", "rx_filter", "a:*:b"},
			{"nan", "add_func", "type", "publish", "name", "s", "srf", "include", "bf", "1", "16", "zz"},
			{"nan", "add_func", "type", "publish", "name", "s", "srf", "exclude", "list", "02:00:00:00:00:01", "tx_filter", "q"},
			{"nan", "add_func", "type", "followup", "name", "f", "flw_up_id", "1", "flw_up_req_id", "2", "flw_up_dest", "02:00:00:00:00:03"},
			{"nan", "add_func", "type", "publish", "bcast", "name", "foo"}, {"nan", "add_func", "type", "x", "name", "foo"},
			{"nan", "add_func", "name", "foo"}, {"nan", "add_func", "type", "publish", "name", "foo", "extra"},
		} {
			sameAsIw(t, ns, nil, wd(a...)...)
		}
		// NAN commands are wdev commands only.
		sameExit(t, ns, 1, "dev", f.StationIface, "nan", "stop")
	})

	t.Run("netdev commands", func(t *testing.T) {
		sameAsIw(t, ns, nil, wd("link")...)
		// A started P2P device scans; its events carry the wdev, not an
		// interface index, and its results no "(on IF)".
		giwOK(t, ns, wd("p2p", "start")...)
		out := sameAsIw(t, ns, dropLines("last seen: ", "TSF: "), wd("scan")...)
		if !strings.Contains(out, "SSID: "+f.Open.SSID) || strings.Contains(out, "(on ") {
			t.Errorf("giw wdev %s scan:\n%s", w, out)
		}
		giwOK(t, ns, wd("p2p", "stop")...)
		sameAsIw(t, ns, nil, "wdev", "0x999", "p2p", "stop")
		// Where the kernel refuses a dump, iw 5.19 (libnl) drops the
		// error the kernel puts in the dump's end and exits 0; giw reports
		// it: a P2P device has no stations (EINVAL), wdev 1 is the other
		// radio's, in another namespace (ENODEV).
		for _, c := range []struct {
			args    []string
			giw, iw string
			giwCode int
		}{
			{wd("station", "dump"), "command failed: Invalid argument (-22)\n", "", 234},
			{[]string{"wdev", "1", "link"}, "command failed: No such device (-19)\n", "Not connected.\n", 237},
			{[]string{"wdev", "0x999", "station", "dump"}, "command failed: No such device (-19)\n", "", 237},
		} {
			gout, gerr, gcode := giw(t, ns, c.args...)
			iout, ierr, icode := iw(t, ns, c.args...)
			if gout != "" || gerr != c.giw || gcode != c.giwCode || iout != c.iw || ierr != "" || icode != 0 {
				t.Errorf("%s: giw (exit %d) %q %q, iw (exit %d) %q %q", strings.Join(c.args, " "), gcode, gout, gerr, icode, iout, ierr)
			}
		}
	})

	t.Run("del", func(t *testing.T) {
		if out, errs, code := giw(t, ns, wd("del")...); code != 0 || out != "" || errs != "" {
			t.Fatalf("giw wdev %s del: exit %d, %q, %q", w, code, out, errs)
		}
		if got := inNS(t, ns, "iw", "dev"); got != before {
			t.Errorf("after giw wdev %s del iw dev lists\n%s\nwant\n%s", w, got, before)
		}
		w2 := addP2PDevice(t, ns, phy, "gipp2p1")
		if out, errs, code := iw(t, ns, "wdev", w2, "del"); code != 0 {
			t.Fatalf("iw wdev %s del: exit %d, %q, %q", w2, code, out, errs)
		}
		if got := inNS(t, ns, "iw", "dev"); got != before {
			t.Errorf("after iw wdev %s del iw dev lists\n%s\nwant\n%s", w2, got, before)
		}
		sameAsIw(t, ns, nil, "wdev", w2, "del")
	})
}

// TestLiveDFS runs channel availability checks on a DFS channel (the US
// domain's channel 52, with the regulatory database) with giw and with
// iw: "cac trigger", "cac" that waits and prints how the check ended
// (here aborted by taking the interface down), and what the kernel refuses.
func TestLiveDFS(t *testing.T) {
	f := wifi.Start(t)
	if _, err := os.Stat("/lib/firmware/regulatory.db"); err != nil {
		msg := fmt.Sprintf("no regulatory database (wireless-regdb, scripts/deps vm installs it): %v", err)
		if testenv.Strict() {
			t.Fatal(msg)
		}
		t.Skip("skipped: " + msg)
	}
	ns, dev := f.StationNetNS, f.StationIface
	inNS(t, ns, "iw", "reg", "set", "US")
	t.Cleanup(func() { _, _ = exec.Command("ip", "netns", "exec", ns, "iw", "reg", "set", "00").CombinedOutput() })
	waitFor(t, 20*time.Second, func() bool { return strings.Contains(inNS(t, ns, "iw", "reg", "get"), "country US") })
	ipLink := func(state string) { inNS(t, ns, "ip", "link", "set", dev, state) }
	ipLink("down")
	inNS(t, ns, "iw", "dev", dev, "set", "type", "__ap")
	ipLink("up")
	d := func(args ...string) []string { return append([]string{"dev", dev}, args...) }

	t.Run("trigger", func(t *testing.T) {
		// Each tool starts a check on the idle interface; the interface
		// reads the same after either, and a second check is refused
		// while one runs. Taking the interface down ends the check.
		var after []string
		for _, tool := range []func(*testing.T, string, ...string) (string, string, int){giw, iw} {
			if out, errs, code := tool(t, ns, d("cac", "trigger", "channel", "52")...); code != 0 || out != "" || errs != "" {
				t.Errorf("cac trigger: exit %d, %q, %q", code, out, errs)
			}
			after = append(after, inNS(t, ns, "iw", "dev", dev, "info"))
			sameAsIw(t, ns, nil, d("cac", "trigger", "freq", "5260")...)
			sameAsIw(t, ns, nil, d("cac", "channel", "52")...)
			ipLink("down")
			ipLink("up")
		}
		if after[0] != after[1] || !strings.Contains(after[0], "channel 52 (5260 MHz)") {
			t.Errorf("after cac trigger: giw's\n%s\niw's\n%s", after[0], after[1])
		}
	})

	// The check runs for a minute; taking the interface down aborts it,
	// which both tools print and then end.
	aborted := func(t *testing.T, tool string, args ...string) (string, string, int) {
		t.Helper()
		type result struct {
			out, errs string
			code      int
		}
		done := make(chan result, 1)
		go func() {
			var r result
			if tool == "giw" {
				r.out, r.errs, r.code = giw(t, ns, args...)
			} else {
				r.out, r.errs, r.code = iw(t, ns, args...)
			}
			done <- r
		}()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(inNS(t, ns, "iw", "dev", dev, "info"), "5260 MHz") && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		ipLink("down")
		r := <-done
		ipLink("up")
		return r.out, r.errs, r.code
	}
	t.Run("wait", func(t *testing.T) {
		for _, args := range [][]string{d("cac", "channel", "52"), d("cac", "freq", "5260", "HT20")} {
			gout, gerr, gcode := aborted(t, "giw", args...)
			iout, ierr, icode := aborted(t, "iw", args...)
			if gout != iout || gerr != ierr || gcode != icode || iout != "5260 MHz: CAC was aborted\n" {
				t.Errorf("%s: giw (exit %d) %q %q, iw (exit %d) %q %q", strings.Join(args, " "), gcode, gout, gerr, icode, iout, ierr)
			}
		}
		out, _, code := aborted(t, "giw", append([]string{"-j"}, d("cac", "channel", "52")...)...)
		var v cacJSON
		if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || v != (cacJSON{Ifname: dev, Freq: 5260, Event: "cac_aborted"}) {
			t.Errorf("giw -j cac: exit %d, %q (%v)", code, out, err)
		}
	})

	// Run to its end, a check takes the domain's CAC time (60 s in the
	// US): giw and iw wait side by side, each on an AP interface of its
	// own on the same channel.
	t.Run("finished", func(t *testing.T) {
		const second = "gipcac1"
		inNS(t, ns, "iw", "phy", f.StationPhy, "interface", "add", second, "type", "__ap")
		defer inNS(t, ns, "iw", "dev", second, "del")
		inNS(t, ns, "ip", "link", "set", second, "up")
		type result struct {
			out, errs string
			code      int
		}
		gdone, idone := make(chan result, 1), make(chan result, 1)
		go func() {
			var r result
			r.out, r.errs, r.code = giw(t, ns, d("cac", "channel", "52")...)
			gdone <- r
		}()
		go func() {
			var r result
			r.out, r.errs, r.code = iw(t, ns, "dev", second, "cac", "channel", "52")
			idone <- r
		}()
		g, i := <-gdone, <-idone
		if g != i || g.out != "5260 MHz: CAC finished\n" {
			t.Errorf("giw %+v, iw %+v", g, i)
		}
	})

	t.Run("refused", func(t *testing.T) {
		for _, a := range [][]string{
			{"cac", "freq", "5180"}, {"cac", "channel", "1"}, {"cac", "trigger", "freq", "5180"}, {"cac", "freq", "5260", "80", "5000"},
		} {
			sameAsIw(t, ns, nil, d(a...)...)
		}
		for _, a := range [][]string{{"cac"}, {"cac", "bogus", "1"}, {"cac", "channel"}, {"cac", "channel", "52", "HT20", "x"}, {"cac", "trigger"}} {
			sameExit(t, ns, 1, d(a...)...)
		}
	})
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(limit); !cond(); {
		if time.Now().After(end) {
			t.Fatalf("condition not met within %v", limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestLiveTIDConfFTM compares "set tidconf" and "measurement ftm_request"
// with iw: mac80211_hwsim has neither per-TID settings nor peer
// measurements, so the kernel refuses both, to giw as to iw; what the
// tools refuse themselves (bad words, values, files) is compared too.
func TestLiveTIDConfFTM(t *testing.T) {
	f := wifi.Start(t)
	ns, dev := f.StationNetNS, f.StationIface
	d := func(args ...string) []string { return append([]string{"dev", dev}, args...) }

	t.Run("tidconf", func(t *testing.T) {
		for _, a := range []string{
			"tids 1 ampdu off", "tids 0x5 ampdu off amsdu off rtscts on", "tids 0x3 override ampdu on noack on rtscts on sretry 3 lretry 4",
			"peer 02:00:00:00:00:09 tids 0x1 ampdu off tids 0x3 amsdu off", "tids 0x2 bitrates auto",
			"tids 0x2 bitrates limit legacy-2.4 12 18", "", "peer 02:00:00:00:00:09",
			"tids 1 ampdu maybe", "tids x", "tids 1 sretry x", "tids 1 lretry 1x", "tids 1 bitrates bogus", "peer zz tids 1",
		} {
			sameAsIw(t, ns, nil, d(append([]string{"set", "tidconf"}, words(a)...)...)...)
		}
		for _, a := range []string{"foo", "tids", "peer", "tids 1 foo", "tids 1 ampdu", "peer 02:00:00:00:00:09 foo", "tids 1 bitrates fixed", "tids 1 bitrates fixed legacy-2.4 x"} {
			sameExit(t, ns, 1, d(append([]string{"set", "tidconf"}, words(a)...)...)...)
		}
	})

	t.Run("ftm_request", func(t *testing.T) {
		good := writeFile(t, "# peers\n02:00:00:00:01:00 bw=20 cf=2412\n02:00:00:00:01:01 bw=80 cf=5180 cf1=5210 asap ap-tsf lci civic ftms_per_burst=4 bursts_exp=1 burst_period=5 retries=2 burst_duration=9\n")
		for _, a := range [][]string{
			{good}, {good, "timeout=5"}, {good, "randomise"}, {good, "randomize=02:00:00:00:00:00/ff:00:00:00:00:00"},
			{filepath.Join(t.TempDir(), "missing")},
		} {
			sameAsIw(t, ns, nil, d(append([]string{"measurement", "ftm_request"}, a...)...)...)
		}
		// What iw cannot read it explains on standard output before its
		// usage (giw puts the usage on standard error).
		for _, c := range []struct{ text, why string }{
			{"zz bw=20 cf=2412\n", "Invalid MAC address\nInvalid FTM configuration at line 1!\n"},
			{"#\n02:00:00:00:01:00 bw=20 cf=x\n", "Invalid cf value!\nInvalid FTM configuration at line 2!\n"},
			{"02:00:00:00:01:00 bw=20 cf=2412 bogus\n", "Unknown parameter bogus\nInvalid FTM configuration at line 1!\n"},
			{"02:00:00:00:01:00 bw=20 cf=2412 preamble=xx\n", "Invalid preamble xx\nInvalid FTM configuration at line 1!\n"},
			{"02:00:00:00:01:00 bw=20 cf=2412\n\n", "Invalid MAC address\nInvalid FTM configuration at line 2!\n"},
		} {
			p := writeFile(t, c.text)
			args := d("measurement", "ftm_request", p)
			gout, _, gcode := giw(t, ns, args...)
			iout, _, icode := iw(t, ns, args...)
			if gout != c.why || !strings.HasPrefix(iout, c.why) || gcode != 1 || icode != 1 {
				t.Errorf("%q: giw (exit %d) %q, iw (exit %d) %q", c.text, gcode, gout, icode, iout)
			}
		}
		for _, a := range [][]string{{}, {good, "timeout=x"}, {good, "bogus"}, {good, "randomise=zz"}} {
			sameExit(t, ns, 1, d(append([]string{"measurement", "ftm_request"}, a...)...)...)
		}
		// With the interface down the kernel says so first.
		inNS(t, ns, "ip", "link", "set", dev, "down")
		defer inNS(t, ns, "ip", "link", "set", dev, "up")
		sameAsIw(t, ns, nil, d("measurement", "ftm_request", good)...)
	})
}
