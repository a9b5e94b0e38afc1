package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// sameChange makes a change with giw and with iw, undoing each with undo
// (run by the same tool), and wants both to answer the same and iw's read
// to show the same state after either.
func sameChange(t *testing.T, ns string, read, change, undo []string) string {
	t.Helper()
	var reads [2]string
	var codes [2]int
	var errs [2]string
	for i, tool := range []func(*testing.T, string, ...string) (string, string, int){giw, iw} {
		_, errs[i], codes[i] = tool(t, ns, change...)
		reads[i], _, _ = iw(t, ns, read...)
		if codes[i] == 0 {
			if _, e, c := tool(t, ns, undo...); c != 0 {
				t.Fatalf("%s (tool %d): exit %d %s", strings.Join(undo, " "), i, c, e)
			}
		}
	}
	if codes[0] != codes[1] || errs[0] != errs[1] || reads[0] != reads[1] {
		t.Errorf("%s: giw exit %d %q, iw exit %d %q; iw %s reads\nafter giw:\n%s\nafter iw:\n%s", strings.Join(change, " "),
			codes[0], errs[0], codes[1], errs[1], strings.Join(read, " "), reads[0], reads[1])
	}
	return reads[0]
}

// TestLiveDevRequests compares the scheduled scan, CAC, OCB, vendor and
// FTM responder commands with iw on the station's radio: what hwsim
// cannot do, the kernel refuses the same way for both; bad input fails
// with iw's message and exit status.
func TestLiveDevRequests(t *testing.T) {
	f := wifi.Start(t)
	ns, dev := f.StationNetNS, f.StationIface
	d := func(args ...string) []string { return append([]string{"dev", dev}, args...) }

	t.Run("sched_scan", func(t *testing.T) {
		for _, a := range [][]string{
			{"interval", "1000"},
			{"scan_plans", "1:2", "3", "delay", "1", "freqs", "2412", "2437", "matches", "ssid", "foo", "active", "ssid", "bar", "randomise", "flush"},
			{"passive", "randomise=02:00:00:00:00:00/ff:ff:ff:00:00:00", "coloc"},
			{"interval", "500", "bogus"},
			{"interval", "0"}, {"interval"}, {"interval", "1", "interval", "2"}, {"scan_plans", "x"}, {"scan_plans", "1:0"},
			{"freqs", "x"}, {"matches", "bogus"}, {"matches", "ssid"}, {"active", "passive"}, {"delay", "1s"},
		} {
			sameAsIw(t, ns, nil, d(append([]string{"scan", "sched_start"}, a...)...)...)
		}
		sameExit(t, ns, 1, d("scan", "sched_start", "randomise=zz")...)
		sameExit(t, ns, 1, d("scan", "sched_start", "randomise=02:00:00:00:00:00")...)
		sameAsIw(t, ns, nil, d("scan", "sched_stop")...)
		sameExit(t, ns, 1, d("scan", "sched_stop", "x")...)
	})

	t.Run("cac", func(t *testing.T) {
		// A station cannot listen for radars: the kernel refuses.
		sameAsIw(t, ns, nil, d("cac", "trigger", "channel", "52")...)
		sameAsIw(t, ns, nil, d("cac", "trigger", "freq", "5260", "HT20")...)
		sameAsIw(t, ns, nil, d("cac", "trigger", "freq", "5250", "80", "5290")...)
		for _, a := range [][]string{{"freq", "x"}, {"foo", "52"}, {"channel", "52", "HT20", "extra"}, {"channel"}} {
			sameExit(t, ns, 1, d(append([]string{"cac", "trigger"}, a...)...)...)
		}
	})

	t.Run("ocb", func(t *testing.T) {
		sameAsIw(t, ns, nil, d("ocb", "join", "2412", "10MHz")...) // a managed interface
		setType := func(typ string) {
			t.Helper()
			for _, c := range [][]string{{"ip", "-n", ns, "link", "set", dev, "down"},
				{"ip", "netns", "exec", ns, "iw", "dev", dev, "set", "type", typ}, {"ip", "-n", ns, "link", "set", dev, "up"}} {
				if out, err := runTool(c...); err != nil {
					t.Fatalf("%v: %v: %s", c, err, out)
				}
			}
		}
		setType("ocb")
		defer setType("managed")
		sameAsIw(t, ns, nil, d("ocb", "join", "5890", "10MHz")...) // disabled in this regulatory domain
		sameAsIw(t, ns, nil, d("ocb", "leave")...)                 // not joined
		g := sameChange(t, ns, d("info"), d("ocb", "join", "2412", "10MHz"), d("ocb", "leave"))
		if !strings.Contains(g, "type outside context of a BSS") {
			t.Errorf("iw info of the OCB interface:\n%s", g)
		}
		sameExit(t, ns, 1, d("ocb", "join", "5890")...)
		sameExit(t, ns, 1, d("ocb", "join", "x", "10MHz")...)
		sameExit(t, ns, 1, d("ocb", "leave", "x")...)
	})

	t.Run("vendor", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "vendor-data")
		if err := os.WriteFile(file, []byte{8, 0, 8, 0, 9, 0, 0, 0}, 0o600); err != nil {
			t.Fatal(err)
		}
		// hwsim's test command (QCA OUI, 1) wants nested data, which
		// neither tool can mark: the kernel refuses both the same way.
		for _, verb := range []string{"send", "recv", "recvbin"} {
			for _, a := range [][]string{
				{"0x001374", "0x1", "0x08", "0x00", "0x08", "0x00", "0x05", "0x00", "0x00", "0x00"},
				{"0x001374", "0x1", file},
				{"0x001374", "0x2", "0x00"},
				{"1374", "0x1", "0x0"}, {"0x001374", "1", "0x0"},
				{"0x001374", "0x1", "0x100"}, {"0x001374", "0x1", "zz"},
			} {
				sameAsIw(t, ns, nil, d(append([]string{"vendor", verb}, a...)...)...)
			}
			sameExit(t, ns, 1, d("vendor", verb, "0x001374", "0x1")...)
		}
	})

	t.Run("hwsim", func(t *testing.T) {
		// The vm tier's kernel has no nl80211 test mode: both tools get
		// the kernel's refusal.
		p := func(args ...string) []string { return append([]string{"phy", f.StationPhy, "hwsim"}, args...) }
		for _, a := range [][]string{{"getps"}, {"getps", "x"}, {"setps", "1"}, {"setps", "0x2"}, {"stopqueues"}, {"wakequeues"}} {
			sameAsIw(t, ns, nil, p(a...)...)
		}
		for _, a := range [][]string{{"setps"}, {"setps", "x"}, {"setps", "1", "2"}, {"stopqueues", "x"}, {"wakequeues", "x"}} {
			sameExit(t, ns, 1, p(a...)...)
		}
	})

	t.Run("mpath-probe", func(t *testing.T) {
		sameAsIw(t, ns, nil, d("mpath", "probe", "02:00:00:00:00:77", "frame", "01:02:03")...) // not a mesh interface
		sameAsIw(t, ns, nil, d("mpath", "probe", "zz", "frame", "01")...)
		sameAsIw(t, ns, nil, d("mpath", "probe", "02:00:00:00:00:77", "frame", "0102")...)
		sameExit(t, ns, 1, d("mpath", "probe", "02:00:00:00:00:77", "frame")...)
		sameExit(t, ns, 1, d("mpath", "probe", "02:00:00:00:00:77", "fr", "01")...)
	})

	t.Run("ftm", func(t *testing.T) {
		sameAsIw(t, ns, nil, d("ftm", "get_stats")...)
		sameAsIw(t, ns, nil, d("ftm", "start_responder")...)
		sameAsIw(t, ns, nil, d("ftm", "start_responder", "lci=0102", "civic=0304")...)
		for _, a := range []string{"lci=zz", "lci=010", "civic=", "bogus"} {
			sameExit(t, ns, 1, d("ftm", "start_responder", a)...)
		}
		sameExit(t, ns, 1, d("ftm", "start_responder", "lci=01", "lci=02")...)
	})
}

// runTool runs a command and returns its combined output.
func runTool(args ...string) ([]byte, error) {
	return exec.Command(args[0], args[1:]...).CombinedOutput()
}
