package main

import (
	"encoding/hex"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// ehtTail is a beacon tail for an 802.11be access point on channel 1:
// HE Capabilities (40 MHz in 2.4 GHz, MCS 0-11 on two streams) and HE
// Operation, EHT Capabilities and EHT Operation (20 MHz), and a basic
// Multi-Link element (link ID and MLD capabilities).
var ehtTail = strings.Join([]string{
	"ff16" + "23" + "0178c81a4000" + "0220000000000000000000" + "fafffaff",
	"ff07" + "24" + "f43f0001fcff",
	"ff0f" + "6c" + "0700" + "000000000000000000" + "222211",
	"ff09" + "6a" + "01" + "11111100" + "000101",
	"ff0d" + "6b" + "1001" + "0a" + "020000000a01" + "03" + "4400",
}, "")

// TestLiveEHTBeacon starts an access point whose beacon carries EHT and
// Multi-Link elements (the hostapd of Debian 12 has no 802.11be, so giw
// starts it with the elements in the beacon's tail) and compares the
// station's scan listing with iw's: the HE, EHT and Multi-Link elements
// as iw 6.x prints them, the rest as iw 5.19 does; JSON decodes the EHT
// elements.
func TestLiveEHTBeacon(t *testing.T) {
	f := wifi.Start(t)
	ap, sta := f.APNetNS, f.StationNetNS
	const apIf, ssid = "gipeht0", "gip-eht"
	for _, c := range [][]string{
		{"ip", "netns", "exec", ap, "iw", "phy", f.APPhy, "interface", "add", apIf, "type", "__ap"},
		{"ip", "-n", ap, "link", "set", apIf, "up"},
	} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", strings.Join(c, " "), err, out)
		}
	}
	if _, err := hex.DecodeString(ehtTail); err != nil {
		t.Fatalf("tail: %v", err)
	}
	addr := linkAddrIn(t, ap, apIf)
	giwOK(t, ap, "dev", apIf, "ap", "start", ssid, "2412", "100", "2", "head", beaconHead(addr, ssid), "tail", ehtTail)
	defer giw(t, ap, "dev", apIf, "ap", "stop")

	var seen bssJSON
	for deadline := time.Now().Add(60 * time.Second); seen.BSSID == ""; {
		var bs []bssJSON
		giwJSON(t, sta, &bs, "dev", f.StationIface, "scan", "freq", "2412")
		if i := slices.IndexFunc(bs, func(b bssJSON) bool { return b.BSSID == addr.String() }); i >= 0 {
			seen = bs[i]
		} else if time.Now().After(deadline) {
			t.Fatalf("the station never saw %s (%s)", ssid, addr)
		}
	}
	if seen.EHTCapa == nil || seen.EHTOper == nil || len(seen.EHTCapa.MCSNSS) != 3 ||
		seen.EHTCapa.MCSNSS[2] != (ehtMCSNSSJSON{"<= 80", "12-13", 1, 1}) || *seen.EHTOper.ChannelWidthMHz != 20 {
		t.Errorf("EHT elements in JSON: %+v %+v", seen.EHTCapa, seen.EHTOper)
	}
	for _, u := range [][]string{nil, {"-u"}} {
		text := sameAsIwHE(t, sta, dropLines("last seen: "), append([]string{"dev", f.StationIface, "scan", "dump"}, u...)...)
		for _, want := range []string{"\tEHT capabilities:\n\t\tEHT MAC Capabilities (0x0700):\n",
			"\tEHT Operation:\n", "\tMulti-Link:\n\t\tMLD MAC: 02:00:00:00:0a:01\n", "\t\tEHT-MCS Map (BW <= 80) (0x222211):\n"} {
			if !strings.Contains(text, want) {
				t.Errorf("scan dump %v: no %q in\n%s", u, want, text)
			}
		}
	}
}
