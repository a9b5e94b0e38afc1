package main

// Live tests drive real radios: mac80211_hwsim with an access point
// (hostapd, an open and a WPA2 network) and a station, made by the wifi
// fixture, and compare giw with the stock iw on the same radios. The host
// kernel of the netns tier has no nl80211, so they skip there (the fixture
// says why) and run in the vm tier, which must have them.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// giw runs the command in a namespace and returns stdout, stderr and the
// exit status.
func giw(t *testing.T, ns string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code := runContext(ctx, append([]string{"-n", ns}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// giwOK runs giw and fails the test unless it succeeds.
func giwOK(t *testing.T, ns string, args ...string) string {
	t.Helper()
	out, errs, code := giw(t, ns, args...)
	if code != 0 {
		t.Fatalf("giw %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// giwJSON runs giw -j and decodes its output into v.
func giwJSON(t *testing.T, ns string, v any, args ...string) {
	t.Helper()
	out := giwOK(t, ns, append([]string{"-j"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("giw -j %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// iw runs the stock iw in a namespace.
func iw(t *testing.T, ns string, args ...string) (string, string, int) {
	t.Helper()
	return runIn(t, ns, "iw", args...)
}

// runIn runs a program in a namespace and returns stdout, stderr and the
// exit status.
func runIn(t *testing.T, ns, bin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", ns, bin}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

// sameAsIw runs a command with giw and iw and wants the same output, after
// filter (which may be nil) has been applied to both.
//
// The radios live on between the two runs (a first data frame adds a
// receive bitrate to a link, say), so a difference is looked at again a
// few times before it counts: one that stays is a real one.
func sameAsIw(t *testing.T, ns string, filter func(string) string, args ...string) string {
	t.Helper()
	var g, i, gerr, ierr string
	var gcode, icode int
	for try := 0; try < 4; try++ {
		if try > 0 {
			time.Sleep(300 * time.Millisecond)
		}
		g, gerr, gcode = giw(t, ns, args...)
		i, ierr, icode = iw(t, ns, args...)
		if filter != nil {
			g, i = filter(g), filter(i)
		}
		if g == i && gerr == ierr && gcode == icode {
			return g
		}
	}
	t.Errorf("%s: giw and iw differ\ngiw (exit %d):\n%s%s\niw (exit %d):\n%s%s", strings.Join(args, " "),
		gcode, g, gerr, icode, i, ierr)
	return g
}

var s1gChannel = regexp.MustCompile(`MHz \[-[0-9]+\]`)

var numbers = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// maskNumbers hides counters and times that change between two runs.
func maskNumbers(s string) string { return numbers.ReplaceAllString(s, "N") }

// dropLines removes the lines starting with one of the prefixes (after
// leading tabs).
func dropLines(prefixes ...string) func(string) string {
	return func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(strings.TrimLeft(l, "\t"), p) }) {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
}

// phyBands cuts the band sections out of phy output: from the first
// "Band" line to the command list.
func phyBands(s string) string {
	start := strings.Index(s, "\tBand ")
	end := strings.Index(s, "\tSupported commands:")
	if start < 0 || end < start {
		return ""
	}
	return s[start:end]
}

// lineDiff shows the first line where two texts part.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d: giw %q, iw %q", i+1, gl, wl)
		}
	}
	return "same lines"
}

// isSubsequence reports whether every line of sub appears in full, in order.
func isSubsequence(sub, full string) (bool, string) {
	fl := strings.Split(full, "\n")
	i := 0
	for _, l := range strings.Split(sub, "\n") {
		for i < len(fl) && fl[i] != l {
			i++
		}
		if i == len(fl) {
			return false, l
		}
		i++
	}
	return true, ""
}

func TestLive(t *testing.T) {
	f := wifi.Start(t)
	sta, ap := f.StationNetNS, f.APNetNS

	t.Run("dev", func(t *testing.T) {
		sameAsIw(t, sta, nil, "dev")
		sameAsIw(t, ap, nil, "dev")
		var ifs []ifaceJSON
		giwJSON(t, sta, &ifs, "dev")
		if len(ifs) != 1 || ifs[0].Ifname != f.StationIface || ifs[0].Type != "managed" || ifs[0].Addr != f.StationAddr.String() {
			t.Errorf("station namespace: %+v", ifs)
		}
		giwJSON(t, ap, &ifs, "dev")
		ssids := map[string]string{}
		for _, i := range ifs {
			if i.Type != "AP" || i.SSID == nil || i.Channel == nil || i.Channel.Freq != uint32(f.Freq) {
				t.Errorf("access point interface %+v", i)
				continue
			}
			ssids[i.Ifname] = *i.SSID
		}
		if ssids[f.Open.Iface] != f.Open.SSID || ssids[f.WPA2.Iface] != f.WPA2.SSID {
			t.Errorf("access point namespace serves %v", ssids)
		}
	})

	t.Run("completion", func(t *testing.T) {
		for _, c := range []struct{ words, want string }{
			{"-n " + sta + " dev ", f.StationIface},
			{"-n " + sta + " phy ", f.StationPhy},
		} {
			var out, errb bytes.Buffer
			code := runContext(context.Background(), append([]string{"__complete"}, strings.Split(c.words, " ")...), &out, &errb)
			if code != 0 || !slices.Contains(strings.Fields(out.String()), c.want) {
				t.Errorf("__complete %q: %q (exit %d %s), want %s among them", c.words, out.String(), code, errb.String(), c.want)
			}
		}
	})

	t.Run("info", func(t *testing.T) {
		sameAsIw(t, sta, nil, "dev", f.StationIface, "info")
		sameAsIw(t, ap, nil, "dev", f.Open.Iface, "info")
		sameAsIw(t, sta, nil, f.StationIface, "info") // the device without "dev"
		g := giwOK(t, sta, "phy#"+strings.TrimPrefix(f.StationPhy, "phy"), "info")
		if !strings.HasPrefix(g, "Wiphy "+f.StationPhy+"\n") {
			t.Errorf("phy#N info:\n%s", g)
		}
		var i ifaceJSON
		giwJSON(t, ap, &i, "dev", f.WPA2.Iface, "info")
		if i.Ifname != f.WPA2.Iface || i.SSID == nil || *i.SSID != f.WPA2.SSID || i.Addr != f.WPA2.BSSID.String() {
			t.Errorf("info: %+v", i)
		}
	})

	t.Run("reg", func(t *testing.T) {
		sameAsIw(t, sta, nil, "reg", "get")
		var rds []regJSON
		giwJSON(t, sta, &rds, "reg", "get")
		if len(rds) == 0 || rds[0].Phy != nil || rds[0].Country == "" || len(rds[0].Rules) == 0 {
			t.Errorf("reg get: %+v", rds)
		}
	})

	t.Run("phy", func(t *testing.T) {
		// giw prints a summary: every line of it is in iw's output, in
		// the same order, and the bands are whole.
		for _, args := range [][]string{{"phy"}, {"list"}, {"phy", f.StationPhy, "info"}} {
			g := giwOK(t, sta, args...)
			i, _, _ := iw(t, sta, args...)
			i6, _, _ := iw6(t, sta, args...)
			// HE and EHT capabilities are iw 6.x's to the byte, the
			// rest is compared with iw 5.19.
			gHE, g := phyHEEHT(g)
			i6HE, _ := phyHEEHT(i6)
			_, i = phyHEEHT(i)
			if gHE != i6HE || !strings.Contains(gHE, "\t\tEHT Iftypes: ") {
				t.Errorf("giw %s: HE and EHT capabilities differ from iw 6.x's: %s\ngiw:\n%s", strings.Join(args, " "), lineDiff(gHE, i6HE), gHE)
			}
			// iw 5.19 numbers sub-GHz (S1G) channels with negative
			// numbers; giw says 0, as later iw does.
			i = s1gChannel.ReplaceAllString(i, "MHz [0]")
			if ok, line := isSubsequence(g, i); !ok || !strings.HasPrefix(g, "Wiphy "+f.StationPhy+"\n") {
				t.Errorf("giw %s: line %q is not in iw's output (in order)\ngiw:\n%s", strings.Join(args, " "), line, g)
			}
			// The bands, HT and VHT capabilities included, are iw's to
			// the byte.
			if gb, ib := phyBands(g), phyBands(i); gb != ib || !strings.Contains(gb, "\t\tFrequencies:\n") {
				t.Errorf("giw %s: the bands differ from iw's: %s", strings.Join(args, " "), lineDiff(gb, ib))
			}
		}
		var phys []phyJSON
		giwJSON(t, sta, &phys, "phy")
		if len(phys) != 1 || phys[0].Name != f.StationPhy {
			t.Fatalf("phys: %+v", phys)
		}
		p := phys[0]
		found := false
		for _, b := range p.Bands {
			for _, fr := range b.Frequencies {
				if b.Band == 1 && fr.Freq == uint32(f.Freq) && fr.Channel == 1 && !fr.Disabled {
					found = true
				}
			}
		}
		if !found || !slices.Contains(p.InterfaceModes, "managed") || !slices.Contains(p.Ciphers, "CCMP-128 (00-0f-ac:4)") ||
			!slices.Contains(p.Commands, "connect") {
			t.Errorf("phy %s lacks what hwsim has: %+v", p.Name, p)
		}
	})

	t.Run("scan", func(t *testing.T) {
		var found map[string]bssJSON
		for try := 1; try <= 4; try++ {
			var bsss []bssJSON
			out, errs, code := giw(t, sta, "-j", "dev", f.StationIface, "scan")
			if code != 0 {
				t.Logf("scan %d: exit %d: %s", try, code, errs) // busy while the radio settles
				time.Sleep(time.Second)
				continue
			}
			if err := json.Unmarshal([]byte(out), &bsss); err != nil {
				t.Fatalf("scan JSON: %v\n%s", err, out)
			}
			found = map[string]bssJSON{}
			for _, b := range bsss {
				found[b.BSSID] = b
			}
			if _, ok := found[f.Open.BSSID.String()]; ok {
				if _, ok := found[f.WPA2.BSSID.String()]; ok {
					break
				}
			}
		}
		open, ok1 := found[f.Open.BSSID.String()]
		wpa2, ok2 := found[f.WPA2.BSSID.String()]
		if !ok1 || !ok2 {
			t.Fatalf("the scan did not see both networks: %+v", found)
		}
		for _, c := range []struct {
			b    bssJSON
			ssid string
			wpa  bool
		}{{open, f.Open.SSID, false}, {wpa2, f.WPA2.SSID, true}} {
			b := c.b
			if b.SSID == nil || *b.SSID != c.ssid || b.Freq != uint32(f.Freq) || b.Channel != 1 || b.Signal == nil ||
				b.Ifname != f.StationIface || len(b.IEs) == 0 || b.Privacy != c.wpa {
				t.Errorf("%s: %+v", c.ssid, b)
			}
			switch {
			case c.wpa && (b.RSN == nil || !slices.Equal(b.RSN.AKMSuites, []string{"PSK"}) ||
				!slices.Equal(b.RSN.PairwiseCiphers, []string{"CCMP"}) || b.RSN.GroupCipher != "CCMP"):
				t.Errorf("%s: RSN %+v", c.ssid, b.RSN)
			case !c.wpa && b.RSN != nil:
				t.Errorf("%s: the open network has RSN %+v", c.ssid, b.RSN)
			}
		}
		// The text of the cached results is iw's, but for the age of
		// each entry, which moves between the two runs.
		sameAsIw(t, sta, dropLines("last seen: "), "dev", f.StationIface, "scan", "dump")
	})

	t.Run("connect", func(t *testing.T) {
		var res connectJSON
		giwJSON(t, sta, &res, "dev", f.StationIface, "connect", "-w", f.Open.SSID, "2412")
		if !res.Connected || res.BSSID != f.Open.BSSID.String() || res.Ifname != f.StationIface {
			t.Fatalf("connect -w: %+v", res)
		}
		var l linkJSON
		giwJSON(t, sta, &l, "dev", f.StationIface, "link")
		if !l.Connected || l.BSSID != f.Open.BSSID.String() || l.SSID == nil || *l.SSID != f.Open.SSID ||
			l.Freq != uint32(f.Freq) || l.RxBytes == nil || l.TxBitrate == nil {
			t.Errorf("link: %+v", l)
		}
		text := sameAsIw(t, sta, maskNumbers, "dev", f.StationIface, "link")
		if !strings.HasPrefix(text, "Connected to "+maskNumbers(f.Open.BSSID.String())) {
			t.Errorf("link:\n%s", text)
		}

		// The access point lists the station.
		var stas []stationJSON
		deadline := time.Now().Add(30 * time.Second)
		for {
			giwJSON(t, ap, &stas, "dev", f.Open.Iface, "station", "dump")
			if len(stas) == 1 || time.Now().After(deadline) {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
		if len(stas) != 1 || stas[0].MAC != f.StationAddr.String() || stas[0].Associated == nil || !*stas[0].Associated ||
			stas[0].Authorized == nil || !*stas[0].Authorized || stas[0].RxPackets == nil {
			t.Errorf("station dump on %s: %+v", f.Open.Iface, stas)
		}
		sameAsIw(t, ap, maskNumbers, "dev", f.Open.Iface, "station", "dump")
		sameAsIw(t, sta, maskNumbers, "dev", f.StationIface, "station", "dump")
		var one stationJSON
		giwJSON(t, ap, &one, "dev", f.Open.Iface, "station", "get", f.StationAddr.String())
		if one.MAC != f.StationAddr.String() || one.Ifname != f.Open.Iface {
			t.Errorf("station get: %+v", one)
		}
		// Connecting again while connected is refused, as with iw.
		sameAsIw(t, sta, nil, "dev", f.StationIface, "connect", f.Open.SSID)
	})

	t.Run("disconnect", func(t *testing.T) {
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		deadline := time.Now().Add(30 * time.Second)
		for {
			out := giwOK(t, sta, "dev", f.StationIface, "link")
			if out == "Not connected.\n" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("still connected after disconnect:\n%s", out)
			}
			time.Sleep(250 * time.Millisecond)
		}
		var l linkJSON
		giwJSON(t, sta, &l, "dev", f.StationIface, "link")
		if l.Connected || l.BSSID != "" {
			t.Errorf("link after disconnect: %+v", l)
		}
		sameAsIw(t, sta, nil, "dev", f.StationIface, "link")
	})

	t.Run("connect-bssid", func(t *testing.T) {
		// Without -w giw returns once the kernel took the request; the
		// frequency and BSSID pin the network.
		giwOK(t, sta, "dev", f.StationIface, "connect", f.Open.SSID, "2412", f.Open.BSSID.String())
		waitLink(t, sta, f.StationIface, f.Open.BSSID.String())
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		waitLink(t, sta, f.StationIface, "")
	})

	t.Run("scan-trigger", func(t *testing.T) {
		// trigger returns at once; a second trigger while the first
		// runs is refused as with iw, or the first already ended.
		giwOK(t, sta, "dev", f.StationIface, "scan", "trigger", "freq", "2412", "ssid", f.WPA2.SSID)
		_, errs, code := giw(t, sta, "dev", f.StationIface, "scan", "trigger")
		if code != 0 && (code != 240 || errs != "command failed: Device or resource busy (-16)\n") {
			t.Errorf("second trigger: exit %d, %q", code, errs)
		}
		_, errs, code = giw(t, sta, "dev", f.StationIface, "scan", "abort")
		if code != 0 && code != 254 { // ENOENT: nothing left to abort
			t.Errorf("abort: exit %d, %q", code, errs)
		}
		time.Sleep(2 * time.Second)
		var bsss []bssJSON
		giwJSON(t, sta, &bsss, "dev", f.StationIface, "scan", "dump")
		if len(bsss) == 0 {
			t.Errorf("no scan results after trigger")
		}
		// A fresh scan prints what iw prints for the results, but for the
		// numbers that move (ages, timestamps). iw's own "scan" is not run
		// here: it starts listening only after its trigger and waits
		// forever when a fast scan ends first (giw listens before).
		g := giwOK(t, sta, "dev", f.StationIface, "scan", "freq", "2412")
		i, _, _ := iw(t, sta, "dev", f.StationIface, "scan", "dump")
		if maskNumbers(g) != maskNumbers(i) {
			t.Errorf("giw scan and iw scan dump differ:\ngiw:\n%s\niw:\n%s", g, i)
		}
	})

	t.Run("wpa2-link", func(t *testing.T) {
		// giw does not do WPA; with wpa_supplicant connected, link and
		// station dump still describe the protected network.
		stop := startSupplicant(t, f)
		defer stop()
		waitLink(t, sta, f.StationIface, f.WPA2.BSSID.String())
		var l linkJSON
		giwJSON(t, sta, &l, "dev", f.StationIface, "link")
		if !l.Connected || l.SSID == nil || *l.SSID != f.WPA2.SSID {
			t.Errorf("link: %+v", l)
		}
		sameAsIw(t, sta, maskNumbers, "dev", f.StationIface, "link")
		var stas []stationJSON
		deadline := time.Now().Add(30 * time.Second)
		for {
			giwJSON(t, ap, &stas, "dev", f.WPA2.Iface, "station", "dump")
			if (len(stas) == 1 && stas[0].Authorized != nil && *stas[0].Authorized) || time.Now().After(deadline) {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
		if len(stas) != 1 || stas[0].MAC != f.StationAddr.String() || stas[0].Authorized == nil || !*stas[0].Authorized {
			t.Errorf("station dump on %s after the 4-way handshake: %+v", f.WPA2.Iface, stas)
		}
	})

	t.Run("event", func(t *testing.T) {
		// giw event and iw event watch the same actions side by side and
		// must print the same lines.
		var iwOut, iwErr, gOut, gErr, jOut lockedBuffer
		iwCmd := exec.Command("ip", "netns", "exec", sta, "iw", "event")
		iwCmd.Stdout, iwCmd.Stderr = &iwOut, &iwErr
		if err := iwCmd.Start(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 2)
		go func() { done <- runContext(ctx, []string{"-n", sta, "event"}, &gOut, &gErr) }()
		go func() { done <- runContext(ctx, []string{"-n", sta, "-j", "event"}, &jOut, &gErr) }()
		// iw starts slowly under emulation: scan until both listeners
		// have seen a scan end, then compare what follows that line.
		const marker = ": scan finished: 2412,"
		deadline := time.Now().Add(60 * time.Second)
		for !strings.Contains(iwOut.String(), marker) || !strings.Contains(gOut.String(), marker) || !strings.Contains(jOut.String(), `"new_scan_results"`) {
			if time.Now().After(deadline) {
				t.Fatalf("the listeners never saw a scan:\ngiw:\n%s\niw:\n%s%s", gOut.String(), iwOut.String(), iwErr.String())
			}
			_, _, _ = giw(t, sta, "dev", f.StationIface, "scan", "freq", "2412")
			time.Sleep(200 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond)
		iwMark, gMark, jMark := len(iwOut.String()), len(gOut.String()), len(jOut.String())
		giwOK(t, sta, "dev", f.StationIface, "connect", "-w", f.Open.SSID)
		giwOK(t, sta, "dev", f.StationIface, "disconnect")
		waitLink(t, sta, f.StationIface, "")
		giwOK(t, sta, "dev", f.StationIface, "scan", "freq", "2412")
		time.Sleep(time.Second)
		cancel()
		for range 2 {
			if code := <-done; code != 0 {
				t.Errorf("giw event exited %d: %s", code, gErr.String())
			}
		}
		_ = iwCmd.Process.Signal(syscall.SIGTERM)
		_ = iwCmd.Wait()
		gEv, iwEv := gOut.String()[gMark:], iwOut.String()[iwMark:]
		if gEv != iwEv || !strings.Contains(gEv, ": connected to "+f.Open.BSSID.String()) {
			t.Errorf("events differ\ngiw:\n%s\niw:\n%s%s", gEv, iwEv, iwErr.String())
		}
		lines := strings.Split(strings.TrimSpace(jOut.String()[jMark:]), "\n")
		var sawConnect bool
		for _, l := range lines {
			var ev eventJSON
			if err := json.Unmarshal([]byte(l), &ev); err != nil {
				t.Fatalf("event JSON line %q: %v", l, err)
			}
			if ev.Event == "connect" && ev.MAC == f.Open.BSSID.String() && ev.Status != nil && *ev.Status == 0 && ev.Ifname == f.StationIface {
				sawConnect = true
			}
		}
		if !sawConnect || len(lines) != strings.Count(gEv, "\n") {
			t.Errorf("JSON events (%d lines) lack the connection:\n%s", len(lines), jOut.String())
		}
	})

	t.Run("errors", func(t *testing.T) {
		sameAsIw(t, sta, nil, "dev", "nosuch", "info")
		sameAsIw(t, sta, nil, "dev", f.StationIface, "set", "type", "monitor") // busy: the interface is up
		sameAsIw(t, sta, nil, "dev", f.StationIface, "station", "get", "02:00:00:00:99:99")
		// iw prints nothing and exits 0 for a wiphy index that does
		// not exist; giw says so.
		if _, errs, code := giw(t, sta, "phy#99", "info"); code != 237 || errs != "command failed: No such device (-19)\n" {
			t.Errorf("phy#99 info: exit %d, %q", code, errs)
		}
		sameAsIw(t, sta, nil, "phy", "phy99", "info")
		_, errs, code := giw(t, sta, "dev", f.StationIface, "set", "type", "frobnicate")
		if code != 2 || errs != "invalid interface type frobnicate\n" {
			t.Errorf("bad type: exit %d, %q", code, errs)
		}
	})

	t.Run("interface", func(t *testing.T) {
		giwOK(t, sta, "phy", f.StationPhy, "interface", "add", "gipmon0", "type", "monitor")
		var ifs []ifaceJSON
		giwJSON(t, sta, &ifs, "dev")
		var mon *ifaceJSON
		for i := range ifs {
			if ifs[i].Ifname == "gipmon0" {
				mon = &ifs[i]
			}
		}
		if mon == nil || mon.Type != "monitor" {
			t.Fatalf("added monitor interface not listed: %+v", ifs)
		}
		sameAsIw(t, sta, nil, "dev")
		giwOK(t, sta, "dev", "gipmon0", "set", "type", "managed")
		var i ifaceJSON
		giwJSON(t, sta, &i, "dev", "gipmon0", "info")
		if i.Type != "managed" {
			t.Errorf("after set type managed: %+v", i)
		}
		giwOK(t, sta, "dev", "gipmon0", "del")
		giwJSON(t, sta, &ifs, "dev")
		if len(ifs) != 1 || ifs[0].Ifname != f.StationIface {
			t.Errorf("after del: %+v", ifs)
		}
	})
}

// waitLink polls giw's link until it shows a connection to bssid, or none
// for "".
func waitLink(t *testing.T, ns, dev, bssid string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var l linkJSON
		giwJSON(t, ns, &l, "dev", dev, "link")
		if (bssid == "" && !l.Connected) || (l.Connected && l.BSSID == bssid) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("link never showed %q: %+v", bssid, l)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// startSupplicant runs wpa_supplicant for the WPA2 network on the station
// and returns a function that stops it.
func startSupplicant(t *testing.T, f *wifi.Fixture) func() {
	t.Helper()
	testenv.NeedTools(t, "wpa_supplicant")
	conf := filepath.Join(t.TempDir(), "wpa_supplicant.conf")
	network := fmt.Sprintf("network={\n\tssid=%q\n\tpsk=%q\n\tkey_mgmt=WPA-PSK\n\tproto=RSN\n\tscan_freq=%d\n}\n",
		f.WPA2.SSID, f.WPA2.PSK, f.Freq)
	if err := os.WriteFile(conf, []byte(network), 0o600); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := f.StationCommand(context.Background(), "wpa_supplicant", "-D", "nl80211", "-i", f.StationIface, "-c", conf)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting wpa_supplicant: %v", err)
	}
	return func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Logf("wpa_supplicant: %v; it said:\n%s", err, log.String())
		}
	}
}

// lockedBuffer collects output written by another goroutine while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
