package nl80211_test

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// captured reads testdata/hwsim/NAME.msgs: messages the kernel sent for
// mac80211_hwsim radios with the wifi fixture (an access point with an open
// and a WPA2 network, a station connected to the open one).
func captured(t testing.TB, name string) []genl.Message {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "hwsim", name+".msgs"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []genl.Message
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmd, hx, ok := strings.Cut(line, " ")
		c, err1 := strconv.ParseUint(cmd, 10, 8)
		b, err2 := hex.DecodeString(hx)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("%s: bad line %q", name, line)
		}
		out = append(out, genl.Message{Header: genl.Header{Command: uint8(c), Version: 1}, Attrs: b})
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCapturedInterfaces(t *testing.T) {
	var aps []nl80211.Interface
	for _, m := range captured(t, "interfaces-ap") {
		ifc, err := nl80211.ParseInterface(m.Attrs)
		if err != nil {
			t.Fatal(err)
		}
		aps = append(aps, ifc)
	}
	if len(aps) != 2 {
		t.Fatalf("%d AP interfaces", len(aps))
	}
	for _, ifc := range aps {
		if ifc.Type != nl80211.IfTypeAP || ifc.Channel == nil || ifc.Channel.Freq != 2412 || ifc.Channel.Width == nil ||
			ifc.Channel.Width.String() != "20 MHz (no HT)" || ifc.TxPower == nil || *ifc.TxPower != 2000 || len(ifc.SSID) == 0 {
			t.Errorf("AP interface %+v", ifc)
		}
	}
	sta := captured(t, "interfaces-sta")
	ifc, err := nl80211.ParseInterface(sta[0].Attrs)
	if err != nil || ifc.Type != nl80211.IfTypeStation || ifc.Name != "wlan1" || ifc.HardwareAddr.String() != "02:00:00:00:01:00" {
		t.Errorf("station interface %+v, %v", ifc, err)
	}
}

func TestCapturedScan(t *testing.T) {
	ssids := map[string]string{}
	for _, m := range captured(t, "scan") {
		b, err := nl80211.ParseBSS(m.Attrs)
		if err != nil {
			t.Fatal(err)
		}
		ssid, ok := b.SSID()
		if !ok || b.Freq != 2412 || b.SignalMBM == nil || b.Capability == nil || b.TSF == nil {
			t.Errorf("BSS %+v", b)
		}
		ssids[b.BSSID.String()] = string(ssid)
		ies, err := nl80211.ParseIEs(b.IEs)
		if err != nil {
			t.Errorf("%s: %v", ssid, err)
		}
		rsn, hasRSN := nl80211.FindIE(ies, nl80211.IERSN)
		switch string(ssid) {
		case "gip-open":
			if hasRSN || b.Status == nil || *b.Status != nl80211.BSSAssociated {
				t.Errorf("open network: RSN %v, status %v", hasRSN, b.Status)
			}
		case "gip-wpa2":
			r := nl80211.ParseRSN(rsn)
			if !hasRSN || len(r.AKMSuites) != 1 || r.AKMSuites[0].AKMName() != "PSK" || r.GroupCipher.CipherName() != "CCMP" {
				t.Errorf("WPA2 network RSN %+v", r)
			}
		}
	}
	if len(ssids) != 2 {
		t.Errorf("scan results %v", ssids)
	}
}

func TestCapturedStations(t *testing.T) {
	for _, name := range []string{"station-ap", "station-sta"} {
		msgs := captured(t, name)
		if len(msgs) != 1 {
			t.Fatalf("%s: %d stations", name, len(msgs))
		}
		s, err := nl80211.ParseStation(msgs[0].Attrs)
		if err != nil {
			t.Fatal(err)
		}
		auth, set := s.Flags.Get(nl80211.StaFlagAuthorized)
		if s.RxBytes == nil || s.TxPackets == nil || s.Signal == nil || s.TxBitrate == nil || s.TxBitrate.Bitrate == 0 ||
			!auth || !set || s.ConnectedTime == nil {
			t.Errorf("%s: %+v", name, s)
		}
		if name == "station-sta" && (s.BSSParam == nil || s.BSSParam.DTIMPeriod == nil || !s.BSSParam.ShortSlotTime) {
			t.Errorf("%s: BSS parameters %+v", name, s.BSSParam)
		}
	}
}

func TestCapturedWiphy(t *testing.T) {
	msgs := captured(t, "wiphy-split")
	var p nl80211.Phy
	for _, m := range msgs {
		if m.Header.Command != unix.NL80211_CMD_NEW_WIPHY {
			t.Fatalf("command %d", m.Header.Command)
		}
		if err := nl80211.MergeWiphy(&p, m.Attrs); err != nil {
			t.Fatal(err)
		}
	}
	if len(msgs) < 2 || p.Name != fmt.Sprintf("phy%d", p.Index) || len(p.Bands) != 4 || p.MaxScanSSIDs == nil || *p.MaxScanSSIDs != 4 {
		t.Fatalf("wiphy %s (#%d) with %d bands from %d messages", p.Name, p.Index, len(p.Bands), len(msgs))
	}
	b := p.Bands[0]
	if b.ID != 0 || len(b.Frequencies) != 14 || len(b.Bitrates) != 12 || b.Frequencies[0].MHz != 2412 || !b.Bitrates[1].ShortPreamble {
		t.Errorf("2.4 GHz band: %d frequencies, %d bitrates", len(b.Frequencies), len(b.Bitrates))
	}
	if len(p.CipherSuites) == 0 || len(p.InterfaceModes) == 0 || len(p.Commands) == 0 {
		t.Errorf("wiphy capabilities: ciphers %v, modes %v, commands %v", p.CipherSuites, p.InterfaceModes, p.Commands)
	}
}

func TestCapturedReg(t *testing.T) {
	msgs := captured(t, "reg")
	rd, err := nl80211.ParseRegDomain(msgs[0].Attrs)
	if err != nil || rd.Alpha2 != "00" || rd.Wiphy != nil || len(rd.Rules) != 8 {
		t.Fatalf("reg %+v, %v", rd, err)
	}
	if r := rd.Rules[0]; r.StartKHz != 2402000 || r.EndKHz != 2472000 || r.MaxBandwidth != 40000 || r.MaxEIRPMBm != 2000 {
		t.Errorf("first rule %+v", r)
	}
}
