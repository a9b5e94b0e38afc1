package nl80211_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// Element payloads after the extension ID, as access points send them.
var (
	// HE capabilities of an 80/160/80+80 MHz radio with PPE thresholds.
	heCapa160 = []byte{
		0x01, 0x78, 0xc8, 0x1a, 0x40, 0x00, // MAC
		0x1c, 0xbf, 0xce, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, // PHY, PPE present
		0xfa, 0xff, 0xfa, 0xff, 0xfa, 0xff, 0xfa, 0xff, 0xfa, 0xff, 0xfa, 0xff, // <=80, 160, 80+80
		0x7b, 0x1c, 0xc7, 0x71, // PPE
	}
	// HE capabilities of a 40 MHz 2.4 GHz radio.
	heCapa40 = []byte{0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x20, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0xfe, 0xff}
	// HE operation: default PE 4, TXOP RTS threshold 1023 (disabled),
	// BSS color 1, a VHT operation information and a co-hosted BSSID.
	heOper = []byte{0xf4, 0xff, 0x00, 0x01, 0xfc, 0xff, 0x01, 0x2a, 0x00, 0x03}
	// EHT capabilities: a <= 80 MHz set and a PPE byte, or a 20 MHz-only
	// set.
	ehtCapa = []byte{0x07, 0x00, 0x7c, 0x00, 0x00, 0xfe, 0xff, 0xff, 0x7f, 0x01, 0x00, 0x44, 0x44, 0x44, 0x44}
	// EHT operation with its information and disabled subchannels.
	ehtOper = []byte{0x03, 0x11, 0x11, 0x11, 0x11, 0x02, 0x2a, 0x00, 0x04, 0x00}
)

var heSeeds = [][]byte{heCapa160, heCapa40, heOper, ehtCapa, ehtOper, {}}

func TestParseHECapabilities(t *testing.T) {
	c, err := nl80211.ParseHECapabilities(heCapa160)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.MAC) != 6 || len(c.PHY) != 11 || len(c.MCSNSS) != 12 || !bytes.Equal(c.PPE, []byte{0x7b, 0x1c, 0xc7, 0x71}) {
		t.Errorf("parts %x %x %x %x", c.MAC, c.PHY, c.MCSNSS, c.PPE)
	}
	if !nl80211.Bit(c.PHY, nl80211.HEPHYWidth160In5G) || !nl80211.Bit(c.PHY, nl80211.HEPHYPPEThresholds) || nl80211.Bits(c.PHY, 8, 4) != 15 {
		t.Errorf("PHY bits of %x", c.PHY)
	}
	c, err = nl80211.ParseHECapabilities(heCapa40)
	if err != nil || len(c.MCSNSS) != 4 || c.PPE != nil {
		t.Errorf("40 MHz: %+v, %v", c, err)
	}
	if _, err := nl80211.ParseHECapabilities(heCapa40[:20]); !errors.Is(err, nl80211.ErrIETruncated) {
		t.Errorf("short element: %v", err)
	}
	// The sets the PHY announces but the element lacks are cut short.
	if c, err := nl80211.ParseHECapabilities(heCapa160[:23]); err != nil || len(c.MCSNSS) != 6 || c.PPE != nil {
		t.Errorf("truncated sets: %+v, %v", c, err)
	}
}

func TestParseEHTCapabilities(t *testing.T) {
	he, _ := nl80211.ParseHECapabilities(heCapa40)
	for _, tc := range []struct {
		he       *nl80211.HECapabilities
		ap       bool
		mcs, ppe int
	}{
		{nil, true, 3, 1},  // an access point: the <= 80 MHz set
		{&he, false, 3, 1}, // 40 MHz in 2.4 GHz: not 20 MHz-only
		{nil, false, 4, 0}, // 20 MHz-only: a byte per MCS group
	} {
		c, err := nl80211.ParseEHTCapabilities(ehtCapa, tc.he, tc.ap)
		if err != nil || len(c.MAC) != 2 || len(c.PHY) != 9 || len(c.MCSNSS) != tc.mcs || len(c.PPE) != tc.ppe {
			t.Errorf("%+v: %x %x %x %x, %v", tc, c.MAC, c.PHY, c.MCSNSS, c.PPE, err)
		}
	}
	if _, err := nl80211.ParseEHTCapabilities(ehtCapa[:10], nil, true); !errors.Is(err, nl80211.ErrIETruncated) {
		t.Errorf("short element: %v", err)
	}
}

func TestParseHEOperation(t *testing.T) {
	o, err := nl80211.ParseHEOperation(heOper)
	if err != nil {
		t.Fatal(err)
	}
	if o.DefaultPE != 4 || o.TXOPDuration != 1023 || o.TWTRequired || o.BSSColor != 1 || o.BasicMCSNSS != 0xfffc ||
		!bytes.Equal(o.VHTInfo, []byte{1, 42, 0}) || o.MaxCohosted == nil || *o.MaxCohosted != 3 || o.SixGHz != nil {
		t.Errorf("%+v", o)
	}
	if _, err := nl80211.ParseHEOperation(heOper[:8]); !errors.Is(err, nl80211.ErrIETruncated) {
		t.Errorf("cut VHT information: %v", err)
	}
	if _, err := nl80211.ParseHEOperation(heOper[:5]); !errors.Is(err, nl80211.ErrIETruncated) {
		t.Errorf("short element: %v", err)
	}
}

func TestParseEHTOperation(t *testing.T) {
	o, err := nl80211.ParseEHTOperation(ehtOper)
	if err != nil {
		t.Fatal(err)
	}
	if o.BasicMCSNSS != [4]byte{0x11, 0x11, 0x11, 0x11} || !bytes.Equal(o.Info, []byte{2, 42, 0}) ||
		o.DisabledSubchannels == nil || *o.DisabledSubchannels != 4 {
		t.Errorf("%+v", o)
	}
	if o, err := nl80211.ParseEHTOperation(ehtOper[:5]); err == nil || o.Info != nil {
		t.Errorf("information announced but missing: %+v, %v", o, err)
	}
	if o, err := nl80211.ParseEHTOperation([]byte{0, 1, 1, 1, 1}); err != nil || o.Info != nil {
		t.Errorf("without information: %+v, %v", o, err)
	}
}

// TestCapturedIfTypeData checks the HE and EHT capabilities mac80211_hwsim
// (Linux 6.1) gives its 2.4 GHz band.
func TestCapturedIfTypeData(t *testing.T) {
	var p nl80211.Phy
	for _, m := range captured(t, "wiphy-split") {
		if err := nl80211.MergeWiphy(&p, m.Attrs); err != nil {
			t.Fatal(err)
		}
	}
	d := p.Bands[0].IfTypeData
	if len(d) != 3 {
		t.Fatalf("%d iftype data entries", len(d))
	}
	got := fmt.Sprint(d[0].IfTypes, d[1].IfTypes, d[2].IfTypes)
	if got != "[managed] [AP] [mesh point]" {
		t.Errorf("iftypes %s", got)
	}
	sta := d[0]
	if sta.HE == nil || fmt.Sprintf("%x", sta.HE.MAC) != "0178c81a4000" || len(sta.HE.PHY) != 11 ||
		len(sta.HE.MCSNSS) != 12 || sta.EHT == nil || fmt.Sprintf("%x", sta.EHT.MAC) != "0700" || len(sta.EHT.MCSNSS) == 0 {
		t.Errorf("station entry: HE %+v, EHT %+v", sta.HE, sta.EHT)
	}
	if mesh := d[2]; mesh.EHT != nil && mesh.EHT.MCSNSS != nil {
		t.Errorf("mesh entry has an EHT MCS set: %+v", mesh.EHT)
	}
}
