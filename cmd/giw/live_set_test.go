package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// setReadsBack runs a change with giw and then with iw, reading the state
// back with iw after each: both must succeed and read the same.
func setReadsBack(t *testing.T, ns string, read []string, filter func(string) string, args ...string) string {
	t.Helper()
	apply := func(tool func(*testing.T, string, ...string) (string, string, int), name string) string {
		out, errs, code := tool(t, ns, args...)
		if code != 0 || out != "" {
			t.Errorf("%s %s: exit %d, %q, %q", name, strings.Join(args, " "), code, out, errs)
		}
		got, _, _ := iw(t, ns, read...)
		if filter != nil {
			got = filter(got)
		}
		return got
	}
	g := apply(giw, "giw")
	i := apply(iw, "iw")
	if g != i {
		t.Errorf("%s: iw %s reads\nafter giw:\n%s\nafter iw:\n%s", strings.Join(args, " "), strings.Join(read, " "), g, i)
	}
	return g
}

// sameExit wants giw and iw to fail with the same exit status (for usage
// errors, whose text is each tool's own).
func sameExit(t *testing.T, ns string, want int, args ...string) {
	t.Helper()
	_, _, g := giw(t, ns, args...)
	_, _, i := iw(t, ns, args...)
	if g != want || i != want {
		t.Errorf("%s: giw exit %d, iw exit %d, want %d", strings.Join(args, " "), g, i, want)
	}
}

// keepLines keeps the lines containing one of the words.
func keepLines(words ...string) func(string) string {
	return func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			for _, w := range words {
				if strings.Contains(l, w) {
					out = append(out, l)
					break
				}
			}
		}
		return strings.Join(out, "\n")
	}
}

// TestLiveSet drives the "set", "get", "survey", "phy set", "station
// set/del" and "reg" commands on the station's radio and compares them with
// iw: the state giw leaves reads back in iw as iw's own change does, reads
// print the same, bad input fails with iw's message and exit status.
func TestLiveSet(t *testing.T) {
	f := wifi.Start(t)
	ns, dev, phy := f.StationNetNS, f.StationIface, f.StationPhy
	d := func(args ...string) []string { return append([]string{"dev", dev}, args...) }
	p := func(args ...string) []string { return append([]string{"phy", phy}, args...) }
	info := d("info")

	t.Run("txpower", func(t *testing.T) {
		setReadsBack(t, ns, info, nil, d("set", "txpower", "fixed", "1000")...)
		setReadsBack(t, ns, info, nil, d("set", "txpower", "limit", "1500")...)
		setReadsBack(t, ns, info, nil, d("set", "txpower", "auto")...)
		setReadsBack(t, ns, info, nil, p("set", "txpower", "fixed", "1200")...)
		setReadsBack(t, ns, info, nil, p("set", "txpower", "auto")...)
		for _, a := range [][]string{{"fixed"}, {"fixed", "x"}, {"bogus", "100"}} {
			sameAsIw(t, ns, nil, d(append([]string{"set", "txpower"}, a...)...)...)
		}
		sameExit(t, ns, 1, d("set", "txpower", "auto", "100")...)
	})

	t.Run("power_save", func(t *testing.T) {
		setReadsBack(t, ns, d("get", "power_save"), nil, d("set", "power_save", "on")...)
		if g := sameAsIw(t, ns, nil, d("get", "power_save")...); g != "Power save: on\n" {
			t.Errorf("get power_save: %q", g)
		}
		var ps powerSaveJSON
		giwJSON(t, ns, &ps, d("get", "power_save")...)
		if !ps.PowerSave || ps.Ifname != dev {
			t.Errorf("get power_save JSON: %+v", ps)
		}
		setReadsBack(t, ns, d("get", "power_save"), nil, d("set", "power_save", "off")...)
		sameAsIw(t, ns, nil, d("get", "power_save")...)
		sameAsIw(t, ns, nil, d("set", "power_save", "maybe")...)
		sameExit(t, ns, 1, d("set", "power_save")...)
	})

	t.Run("4addr-noack-meshid-mcast", func(t *testing.T) {
		if g := setReadsBack(t, ns, info, nil, d("set", "4addr", "on")...); !strings.Contains(g, "4addr: on") {
			t.Errorf("4addr on reads back:\n%s", g)
		}
		setReadsBack(t, ns, info, nil, d("set", "4addr", "off")...)
		sameExit(t, ns, 1, d("set", "4addr", "maybe")...)
		setReadsBack(t, ns, info, nil, d("set", "noack_map", "0x0009")...)
		sameExit(t, ns, 1, d("set", "noack_map", "zz")...)
		// A managed interface has no mesh ID and no multicast rate: the
		// kernel refuses both, the same way for both tools.
		sameAsIw(t, ns, nil, d("set", "meshid", "gipmesh")...)
		sameAsIw(t, ns, nil, d("set", "mcast_rate", "6")...)
		sameExit(t, ns, 1, d("set", "mcast_rate", "x")...)
		// A managed interface has no WDS peer either.
		sameAsIw(t, ns, nil, d("set", "peer", "02:00:00:00:00:77")...)
		sameAsIw(t, ns, nil, d("set", "peer", "zz")...)
		sameExit(t, ns, 1, d("set", "peer")...)
	})

	t.Run("survey", func(t *testing.T) {
		giwOK(t, ns, d("scan", "trigger")...)
		time.Sleep(3 * time.Second)
		g := sameAsIw(t, ns, maskNumbers, d("survey", "dump")...)
		if !strings.HasPrefix(g, maskNumbers("Survey data from "+dev+"\n\tfrequency:")) {
			t.Errorf("survey dump:\n%s", g)
		}
		sameAsIw(t, ns, maskNumbers, d("survey", "dump", "--radio")...)
		var ss []surveyJSON
		giwJSON(t, ns, &ss, d("survey", "dump")...)
		if len(ss) == 0 || ss[0].Freq == nil || *ss[0].Freq != 2412 || ss[0].Noise == nil || ss[0].ActiveMs == nil {
			t.Errorf("survey JSON: %+v", ss)
		}
		sameExit(t, ns, 1, d("survey", "dump", "x")...)
	})

	t.Run("bitrates", func(t *testing.T) {
		for _, a := range [][]string{
			{"legacy-2.4", "1", "2", "5.5"},
			{"legacy-2.4", "1", "2", "5.5", "ht-mcs-2.4", "0", "1", "sgi-2.4"},
			{"legacy-5", "6", "vht-mcs-5", "1:0-7", "lgi-5"},
			{"he-mcs-2.4", "1:0-11", "he-gi-2.4", "0.8", "he-ltf-2.4", "1"},
			{},
			{"legacy-2.4", "7"},
			{"ht-mcs-2.4", "99"},
			{"vht-mcs-5", "x"},
		} {
			sameAsIw(t, ns, nil, d(append([]string{"set", "bitrates"}, a...)...)...)
		}
		for _, a := range [][]string{{"bogus"}, {"legacy-2.4", "x"}, {"he-gi-2.4", "9"}} {
			sameExit(t, ns, 1, d(append([]string{"set", "bitrates"}, a...)...)...)
		}
	})

	t.Run("channel", func(t *testing.T) {
		ipOK(t, "-n", ns, "link", "set", dev, "down")
		giwOK(t, ns, d("set", "type", "monitor")...)
		ipOK(t, "-n", ns, "link", "set", dev, "up")
		defer func() {
			ipOK(t, "-n", ns, "link", "set", dev, "down")
			giwOK(t, ns, d("set", "type", "managed")...)
			ipOK(t, "-n", ns, "link", "set", dev, "up")
		}()
		for _, a := range [][]string{
			{"channel", "6"}, {"channel", "6", "HT40+"}, {"channel", "36", "160MHz"}, {"channel", "11", "HT20"},
			{"freq", "2412", "40", "2422"}, {"freq", "2412", "NOHT"}, {"freq", "2412", "10MHz"},
			{"freq", "5180", "80MHz"}, {"freq", "5180", "80", "5210"}, {"freq", "5180", "80+80", "5210", "5530"},
		} {
			g := setReadsBack(t, ns, info, keepLines("channel"), d(append([]string{"set"}, a...)...)...)
			if !strings.Contains(g, "channel") {
				t.Errorf("set %v reads back no channel: %q", a, g)
			}
		}
		for _, a := range [][]string{{"channel", "1", "HT40-"}, {"channel", "999"}, {"freq", "9999"}} {
			sameAsIw(t, ns, nil, d(append([]string{"set"}, a...)...)...)
		}
		for _, a := range [][]string{{"channel", "x"}, {"freq", "2412", "bogus"}, {"freq", "2412", "40"}, {"freq"}} {
			sameExit(t, ns, 1, d(append([]string{"set"}, a...)...)...)
		}
		// monitor flags
		setReadsBack(t, ns, info, nil, d("set", "monitor", "fcsfail", "control", "otherbss")...)
		sameAsIw(t, ns, nil, d("set", "monitor", "active")...) // busy while up
		sameAsIw(t, ns, nil, d("set", "monitor", "bogus")...)
		sameExit(t, ns, 1, d("set", "monitor", "mumimo-groupid", "0011")...)
	})

	t.Run("phy", func(t *testing.T) {
		phyInfo := p("info")
		limits := keepLines("threshold", "limit", "Coverage")
		setReadsBack(t, ns, phyInfo, limits, p("set", "frag", "1000")...)
		setReadsBack(t, ns, phyInfo, limits, p("set", "frag", "off")...)
		setReadsBack(t, ns, phyInfo, limits, p("set", "rts", "500")...)
		setReadsBack(t, ns, phyInfo, limits, p("set", "rts", "off")...)
		if g := setReadsBack(t, ns, phyInfo, limits, p("set", "retry", "short", "5", "long", "3")...); !strings.Contains(g, "Retry short limit: 5") {
			t.Errorf("retry reads back:\n%s", g)
		}
		var pj phyJSON
		giwJSON(t, ns, &pj, p("info")...)
		if pj.RetryShort == nil || *pj.RetryShort != 5 {
			t.Errorf("phy JSON after set retry: %+v", pj.RetryShort)
		}
		for _, a := range [][]string{
			{"frag", "100"}, {"retry", "short", "0"}, {"retry", "short", "300"}, {"coverage", "3"}, {"distance", "1000"},
			{"distance", "auto"}, {"antenna", "1"}, {"antenna", "all"}, {"antenna", "1", "1"}, {"txq", "limit", "100"},
			{"txq", "quantum", "300"}, {"txq", "bogus", "1"}, {"channel", "11"}, {"freq", "2462"}, {"netns", "999999"},
		} {
			sameAsIw(t, ns, nil, p(append([]string{"set"}, a...)...)...)
		}
		for _, a := range [][]string{{"frag", "x"}, {"retry"}, {"retry", "short"}, {"coverage", "300"},
			{"distance", "200000"}, {"antenna", "x"}, {"txq", "limit", "0"}, {"name"}, {"netns", "x"}, {"netns", "name", "gip-no-such-ns"}} {
			sameExit(t, ns, 1, p(append([]string{"set"}, a...)...)...)
		}
		// rename and back
		giwOK(t, ns, p("set", "name", "giwphy")...)
		if out, _, code := iw(t, ns, "phy", "giwphy", "info"); code != 0 || !strings.HasPrefix(out, "Wiphy giwphy\n") {
			t.Errorf("after set name, iw phy giwphy info: exit %d\n%s", code, out)
		}
		giwOK(t, ns, "phy", "giwphy", "set", "name", phy)
		// netns: into a namespace of the test and back
		other := ns + "-b"
		if out, err := exec.Command("ip", "netns", "add", other).CombinedOutput(); err != nil {
			t.Fatalf("ip netns add: %v %s", err, out)
		}
		defer exec.Command("ip", "netns", "del", other).Run()
		giwOK(t, ns, p("set", "netns", "name", other)...)
		if out, _, code := iw(t, other, "phy", phy, "info"); code != 0 || !strings.HasPrefix(out, "Wiphy "+phy) {
			t.Errorf("phy not in %s after set netns: exit %d", other, code)
		}
		giwOK(t, other, "phy", phy, "set", "netns", "name", ns)
		if _, _, code := iw(t, ns, "phy", phy, "info"); code != 0 {
			t.Errorf("phy not back in %s", ns)
		}
		ipOK(t, "-n", ns, "link", "set", dev, "up")
	})

	t.Run("station", func(t *testing.T) {
		const mac = "02:00:00:00:00:99"
		for _, a := range [][]string{
			{"del", mac}, {"del", mac, "subtype", "0xA", "reason-code", "3"}, {"del", "zz"},
			{"set", mac, "plink_action", "open"}, {"set", mac, "plink_action", "bogus"}, {"set", mac, "vlan", "5"},
			{"set", mac, "mesh_power_mode", "light"}, {"set", mac, "mesh_power_mode", "x"},
			{"set", mac, "airtime_weight", "100"}, {"set", mac, "airtime_weight", "x"},
			{"set", mac, "txpwr", "auto"}, {"set", mac, "txpwr", "limit", "10"}, {"set", mac, "txpwr", "limit"},
			{"set", mac, "txpwr", "x"}, {"set", "zz", "plink_action", "open"},
		} {
			sameAsIw(t, ns, nil, d(append([]string{"station"}, a...)...)...)
		}
		for _, a := range [][]string{{"del", mac, "subtype", "x"}, {"del", mac, "subtype"}, {"del", mac, "bogus", "1"}, {"set", mac, "bogus"}} {
			sameExit(t, ns, 1, d(append([]string{"station"}, a...)...)...)
		}
	})

	t.Run("interface-add", func(t *testing.T) {
		for _, c := range []struct {
			name string
			args []string
		}{
			{"gipmon0", []string{"type", "monitor", "flags", "control", "otherbss"}},
			{"gipmp0", []string{"type", "mp", "addr", "02:00:00:00:0d:02", "mesh_id", "gipmesh"}},
			{"gipsta0", []string{"type", "managed", "addr", "02:00:00:00:0d:01", "4addr", "on"}},
		} {
			read := func(tool func(*testing.T, string, ...string) (string, string, int)) string {
				out, errs, code := tool(t, ns, append(p("interface", "add", c.name), c.args...)...)
				if code != 0 || out != "" {
					t.Errorf("interface add %s %v: exit %d %q %q", c.name, c.args, code, out, errs)
				}
				info, _, _ := iw(t, ns, "dev", c.name, "info")
				_, _, _ = iw(t, ns, "dev", c.name, "del")
				return dropLines("ifindex", "wdev")(info)
			}
			if g, i := read(giw), read(iw); g != i || !strings.HasPrefix(g, "Interface "+c.name) {
				t.Errorf("interface add %s %v reads\nafter giw:\n%s\nafter iw:\n%s", c.name, c.args, g, i)
			}
		}
		sameAsIw(t, ns, nil, p("interface", "add", "gipx0", "type", "managed", "4addr", "maybe")...)
		sameAsIw(t, ns, nil, p("interface", "add", "gipx0", "type", "monitor", "flags", "mumimo-groupid", "11")...)
		sameAsIw(t, ns, nil, p("interface", "add", "gipx0", "type", "monitor", "flags", "control", "bogus")...)
		// iw takes one option besides addr: a second is a usage error.
		sameExit(t, ns, 1, p("interface", "add", "gipx0", "type", "mp", "mesh_id", "x", "4addr", "off")...)
		sameExit(t, ns, 1, p("interface", "add", "gipx0", "type", "managed", "4addr", "on", "addr", "02:00:00:00:0d:03")...)
	})

	t.Run("reg", func(t *testing.T) {
		for _, a := range [][]string{{"set", "1A"}, {"set", "de"}, {"set", "D"}, {"set", "DEU"}, {"reload"}, {"set", "00"}} {
			sameAsIw(t, ns, nil, append([]string{"reg"}, a...)...)
		}
		sameAsIw(t, ns, nil, "reg", "get")
		sameAsIw(t, ns, nil, p("reg", "get")...)
		sameExit(t, ns, 1, "reg", "reload", "x")
	})
}
