package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// maskCounters hides the numbers of a station dump that move between two
// runs, but keeps the rate lines whole.
func maskCounters(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if !rateLine.MatchString(l) {
			lines[i] = maskNumbers(l)
		}
	}
	return strings.Join(lines, "\n")
}

var rateLine = regexp.MustCompile(`^\t(tx|rx) bitrate:`)

// rateLines are the rate lines of a station dump.
func rateLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if rateLine.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// TestLiveHE runs an 802.11ax access point (hostapd ieee80211ax=1; the
// hostapd of Debian 12 has no 802.11be) and compares giw's scan and
// station output with iw's: the HE elements are decoded in text as iw
// 6.x does, and HE and EHT elements in JSON.
func TestLiveHE(t *testing.T) {
	f := wifi.Start(t, wifi.HE())
	sta, ap := f.StationNetNS, f.APNetNS

	var open bssJSON
	for try := 1; try <= 4; try++ {
		out, errs, code := giw(t, sta, "-j", "dev", f.StationIface, "scan")
		if code != 0 {
			t.Logf("scan %d: exit %d: %s", try, code, errs)
			time.Sleep(time.Second)
			continue
		}
		var bsss []bssJSON
		if err := json.Unmarshal([]byte(out), &bsss); err != nil {
			t.Fatalf("scan JSON: %v\n%s", err, out)
		}
		i := slices.IndexFunc(bsss, func(b bssJSON) bool { return b.BSSID == f.Open.BSSID.String() })
		if i >= 0 {
			open = bsss[i]
			break
		}
	}
	if open.BSSID == "" {
		t.Fatalf("the scan did not see %s", f.Open.SSID)
	}
	he, op := open.HECapa, open.HEOper
	if he == nil || op == nil || len(he.MCSNSS) == 0 || he.MCSNSS[0].Width != "<= 80" || len(he.MAC) == 0 ||
		!slices.Contains(he.MAC, "+HTC HE Supported") || len(op.BasicMaxMCS) != 8 {
		t.Errorf("HE elements in JSON: capabilities %+v, operation %+v", he, op)
	}
	if open.EHTCapa != nil || open.EHTOper != nil {
		t.Errorf("EHT elements from an 802.11ax access point: %+v %+v", open.EHTCapa, open.EHTOper)
	}
	// The HE elements are iw 6.x's, the rest iw 5.19's, with -u too
	// (where iw 5.19 shows the HE Operation element as bytes).
	for _, u := range [][]string{nil, {"-u"}} {
		text := sameAsIwHE(t, sta, dropLines("last seen: "), append([]string{"dev", f.StationIface, "scan", "dump"}, u...)...)
		if !strings.Contains(text, "\tHE capabilities:\n\t\tHE MAC Capabilities (0x") ||
			!strings.Contains(text, "\tHE Operation:\n\t\tHE Operation Parameters: (0x") {
			t.Errorf("scan dump %v without HE capabilities and operation:\n%s", u, text)
		}
	}

	var res connectJSON
	giwJSON(t, sta, &res, "dev", f.StationIface, "connect", "-w", f.Open.SSID, "2412")
	if !res.Connected {
		t.Fatalf("connect -w: %+v", res)
	}
	var stas []stationJSON
	for try := 0; try < 20; try++ {
		giwJSON(t, ap, &stas, "dev", f.Open.Iface, "station", "dump")
		if len(stas) == 1 && stas[0].TxBitrate != nil {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	if len(stas) != 1 || stas[0].MAC != f.StationAddr.String() || stas[0].TxBitrate == nil {
		t.Fatalf("station dump on the access point: %+v", stas)
	}
	// mac80211_hwsim (Linux 6.1) reports legacy, HT and VHT rates only,
	// never HE ones, even on an HE link: the HE and EHT rate text is
	// covered by TestStationHERates and, as iw 6.x prints it, by
	// TestHERateTextAsIw6.
	for _, c := range []struct{ ns, dev string }{{ap, f.Open.Iface}, {sta, f.StationIface}} {
		text := sameAsIw(t, c.ns, maskCounters, "dev", c.dev, "station", "dump")
		t.Logf("%s: %s", c.dev, strings.Join(rateLines(text), "; "))
	}
}
