package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// TestLivePhyForms compares "phy X channels", "get txq", "set sar_specs",
// "wowlan ..." and "coalesce ..." with iw on a mac80211_hwsim radio: the
// same text, messages and exit status for what the radio does and for
// what it refuses (hwsim has no SAR, WoWLAN or coalesce support, and no
// TXQ parameters to report), the same usage errors for bad input, and
// valid JSON.
func TestLivePhyForms(t *testing.T) {
	f := wifi.Start(t)
	ns, phy := f.StationNetNS, f.StationPhy
	p := func(args ...string) []string { return append([]string{"phy", phy}, args...) }

	t.Run("channels", func(t *testing.T) {
		// iw 5.19 numbers sub-GHz channels below zero, giw 0 (see doc.go);
		// the time in a DFS state grows between the two runs.
		dfsTime := regexp.MustCompile(`\(for [0-9]+ sec\)`)
		s1g := func(s string) string {
			return dfsTime.ReplaceAllString(s1gChannel.ReplaceAllString(s, "MHz [0]"), "(for N sec)")
		}
		g := sameAsIw(t, ns, s1g, p("channels")...)
		for _, want := range []string{"Band 1:\n\t* 2412 MHz [1] \n\t  Maximum TX power: 20.0 dBm\n\t  Channel widths: 20MHz HT40+\n",
			"\t  Radar detection\n", "\t  DFS state: usable", "VHT160\n", "(disabled)\n"} {
			if !strings.Contains(g, want) {
				t.Errorf("channels: no %q in\n%s", want, g)
			}
		}
		sameAsIw(t, ns, s1g, phy, "channels")
		var bands []channelsBandJSON
		giwJSON(t, ns, &bands, p("channels")...)
		if len(bands) < 2 || bands[0].Band != 1 || len(bands[0].Channels) == 0 || bands[0].Channels[0].Freq != 2412 ||
			strings.Join(bands[0].Channels[0].Widths, " ") != "20MHz HT40+" {
			t.Fatalf("channels JSON: %+v", bands)
		}
		radar := false
		for _, c := range bands[1].Channels {
			if c.Freq == 5260 {
				radar = c.Radar && c.DFSState == "usable" && c.DFSCACTimeMs != nil && *c.DFSCACTimeMs == 60000
			}
		}
		if !radar {
			t.Errorf("channels JSON: 5260 MHz without its DFS state: %+v", bands[1])
		}
		sameExit(t, ns, 1, p("channels", "x")...)
	})

	t.Run("txq", func(t *testing.T) {
		sameAsIw(t, ns, nil, p("get", "txq")...)
		sameAsIw(t, ns, nil, p("get", "txq", "x")...)
		var q txqJSON
		giwJSON(t, ns, &q, p("get", "txq")...)
		if q.Phy != phy {
			t.Errorf("get txq JSON: %+v", q)
		}
	})

	t.Run("sar_specs", func(t *testing.T) {
		for _, a := range []string{"0 0:10", "0 0:10 1:20 2:5", "1 0:10", "x 0:1", "0 -1:5", "0 1:-5x", "0 +2:+3",
			"", "0", "0 x:1", "0 1:2:3", "0 1", "0 1:", "0 :1", "0 1:x", "0 1x:2"} {
			sameAsIw(t, ns, nil, p(append([]string{"set", "sar_specs"}, words(a)...)...)...)
		}
	})

	tcpOK := writeFile(t, "# wake-up connection\nsource=10.0.0.1:4000\ndest=10.0.0.2:80@02:00:00:00:00:01\n"+
		"data=01:02:03\ndata.interval=10\nwake=aa:-:bb\ndata.seq=4,0,1\ndata.tok=2,4,01:02:03:04\n")
	t.Run("wowlan", func(t *testing.T) {
		for _, a := range []string{"show", "show x", "disable", "disable x", "enable", "enable any", "enable disconnect",
			"enable magic-packet", "enable gtk-rekey-failure", "enable eap-identity-request", "enable 4way-handshake",
			"enable rfkill-release", "enable any disconnect magic-packet",
			"enable patterns 00:11:-:33 8+aa:bb ++cc",
			"enable net-detect interval 5000 delay 30 freqs 2412 2422 matches ssid foo ssid bar",
			"enable net-detect interval 5000 any", "enable net-detect interval 0", "enable net-detect freqs x",
			"enable tcp " + tcpOK} {
			sameAsIw(t, ns, nil, p(append([]string{"wowlan"}, words(a)...)...)...)
		}
		for _, bad := range []string{"", "source=bogus\n", "dest=10.0.0.2:80\n", "dest=10.0.0.2:80@zz\n", "data=zz\n",
			"wake=1:300\n", "data.seq=4\n", "data.tok=1,2\n", "bogus=1\n", "\n"} {
			name := writeFile(t, bad)
			if bad == "" {
				// An empty file is a connection without parameters: iw sends it.
				sameAsIw(t, ns, nil, p("wowlan", "enable", "tcp", name)...)
				continue
			}
			sameExit(t, ns, 1, p("wowlan", "enable", "tcp", name)...)
		}
		for _, a := range []string{"enable bogus", "enable tcp", "enable tcp /nonexistent", "enable net-detect",
			"enable patterns zz", "enable patterns 1x+00", "enable any patterns any:", "enable net-detect randomise=zz"} {
			sameExit(t, ns, 1, p(append([]string{"wowlan"}, words(a)...)...)...)
		}
	})

	t.Run("coalesce", func(t *testing.T) {
		good := writeFile(t, "delay=10\ncondition=1\npatterns=8+00:11:-:33,aa\ndelay=20\ncondition=0\npatterns=bb\n")
		empty := writeFile(t, "")
		for _, a := range []string{"show", "show x", "disable", "disable x", "enable " + good, "enable " + empty} {
			sameAsIw(t, ns, nil, p(append([]string{"coalesce"}, words(a)...)...)...)
		}
		for _, bad := range []string{"# comment\ndelay=1\ncondition=0\npatterns=00\n", "delay=1\n", "delay=1\ncondition=0\n",
			"delay=x\ncondition=0\npatterns=00\n", "condition=0\n", "delay=1\ncondition=0\npatterns=00,\n",
			"delay=1\ncondition=0\npatterns=zz\n", "\n"} {
			sameExit(t, ns, 1, p("coalesce", "enable", writeFile(t, bad))...)
		}
		sameExit(t, ns, 1, p("coalesce", "enable")...)
		sameExit(t, ns, 1, p("coalesce", "enable", "/nonexistent")...)
	})
}
