package main

import (
	"bytes"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// heMAC is the HE MAC capabilities field mac80211_hwsim gives stations,
// and heMACText what iw prints for it.
var (
	heMAC     = []byte{0x01, 0x78, 0xc8, 0x1a, 0x40, 0x00}
	heMACText = "\t\tHE MAC Capabilities (0x78011ac80040):\n" +
		"\t\t\t+HTC HE Supported\n\t\t\tTrigger Frame MAC Padding Duration: 2\n\t\t\tMulti-TID Aggregation Support: 7\n" +
		"\t\t\tBSR\n\t\t\tMU Cascading\n\t\t\tAck-Enabled Aggregation\n\t\t\tOM Control\n" +
		"\t\t\tMaximum A-MPDU Length Exponent: 3\n\t\t\tA-MSDU in A-MPDU\n"
	hePHYText = "\t\t\tPunctured Preamble RX: 15\n\t\t\tDevice Class: 1\n\t\t\tLDPC Coding in Payload\n" +
		"\t\t\tMidamble Rx Max NSTS: 1\n\t\t\tNDP with 4x HE-LTF and 3.2us GI\n\t\t\tSTBC Tx <= 80MHz\n" +
		"\t\t\tSTBC Rx <= 80MHz\n\t\t\tFull Bandwidth UL MU-MIMO\n\t\t\tPartial Bandwidth UL MU-MIMO\n"
)

// heElement builds an element with an extension ID.
func heElement(ext byte, parts ...[]byte) []byte {
	body := []byte{ext}
	for _, p := range parts {
		body = append(body, p...)
	}
	return append([]byte{255, byte(len(body))}, body...)
}

// mcsSet is iw's text for the map 0xfffa: MCS 0-11 on one and two
// streams.
const mcsSet = "\t\t\t1 streams: MCS 0-11\n\t\t\t2 streams: MCS 0-11\n" +
	"\t\t\t3 streams: not supported\n\t\t\t4 streams: not supported\n\t\t\t5 streams: not supported\n" +
	"\t\t\t6 streams: not supported\n\t\t\t7 streams: not supported\n\t\t\t8 streams: not supported\n"

// TestPrintHEIEs covers the HE Capabilities element as iw 5.19 prints it,
// its quirks included, and the extension elements it does not decode.
func TestPrintHEIEs(t *testing.T) {
	phy80 := []byte{0x04, 0xbf, 0xce, 0, 0, 0, 0, 0, 0, 0, 0}
	phy160 := []byte{0x0c, 0xbf, 0xce, 0, 0, 0, 0x80, 0, 0, 0, 0}
	mcs := []byte{0xfa, 0xff, 0xfa, 0xff}
	ies := bytes.Join([][]byte{
		// 80 MHz, one set: iw stops before it (the set would end at
		// the end of the element).
		heElement(nl80211.IEExtHECapabilities, heMAC, phy80, mcs),
		// 160 MHz with PPE thresholds: two sets, then the thresholds.
		heElement(nl80211.IEExtHECapabilities, heMAC, phy160, mcs, mcs, []byte{0x7b, 0x1c, 0x00, 0x71}),
		heElement(nl80211.IEExtHECapabilities, heMAC),
		heElement(nl80211.IEExtHEOperation, []byte{0xf4, 0xff, 0x00, 0x01, 0xfc, 0xff}),
		{255, 0},
	}, nil)
	set := func(dir, width string) string {
		return "\t\tHE " + dir + " MCS and NSS set " + width + " MHz\n" + mcsSet
	}
	want := "\tHE capabilities:\n" + heMACText + "\t\tHE PHY Capabilities: (0x04bfce0000000000000000):\n" +
		"\t\t\tHE40/HE80/5GHz\n" + hePHYText +
		"\tHE capabilities:\n" + heMACText + "\t\tHE PHY Capabilities: (0x0cbfce0000008000000000):\n" +
		"\t\t\tHE40/HE80/5GHz\n\t\t\tHE160/5GHz\n" + hePHYText + "\t\t\tPPE Threshold Present\n" +
		set("RX", "<= 80") + set("TX", "<= 80") + set("RX", "160") + set("TX", "160") +
		"\t\tPPE Threshold 0x7b 0x1c 0x71 \n" +
		"\tHE capabilities: <invalid: 6 bytes: 01 78 c8 1a 40 00>\n" +
		"\tExtension IE: <empty>\n"
	var b bytes.Buffer
	printIEs(&tw{w: &b}, ies, false)
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s\n%s", b.String(), want, lineDiff(b.String(), want))
	}
	b.Reset()
	printIEs(&tw{w: &b}, ies, true)
	if !strings.Contains(b.String(), "\tUnknown Extension ID (36): f4 ff 00 01 fc ff\n") {
		t.Errorf("with -u:\n%s", b.String())
	}
}

// TestHEScanJSON checks the JSON view of HE and EHT elements.
func TestHEScanJSON(t *testing.T) {
	phy160 := []byte{0x0c, 0xbf, 0xce, 0, 0, 0, 0x80, 0, 0, 0, 0}
	ies := bytes.Join([][]byte{
		heElement(nl80211.IEExtEHTCapabilities, []byte{0x07, 0x00}, []byte{0x7e, 0, 0, 0, 0, 0, 0, 0, 0},
			[]byte{0x22, 0x22, 0x11, 0x44, 0x44, 0x00}),
		heElement(nl80211.IEExtHECapabilities, heMAC, phy160, []byte{0xfa, 0xff, 0xfd, 0xff, 0xfa, 0xff, 0xff, 0xff}, []byte{0x7b}),
		heElement(nl80211.IEExtHEOperation, []byte{0xf4, 0x3f, 0x00, 0x41, 0xfc, 0xff}),
		heElement(nl80211.IEExtEHTOperation, []byte{0x01, 0x11, 0x11, 0x11, 0x00, 0x03, 50, 0}),
	}, nil)
	v := bssView(nl80211.BSS{BSSID: net.HardwareAddr{2, 0, 0, 0, 0, 1}, Freq: 5180, IEs: ies}, "wlan0")
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		HE      heCapaJSON  `json:"he_capabilities"`
		HEOper  heOperJSON  `json:"he_operation"`
		EHT     ehtCapaJSON `json:"eht_capabilities"`
		EHTOper ehtOperJSON `json:"eht_operation"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	he := got.HE
	if he.MACCapa != "0178c81a4000" || he.PPE != "7b" || len(he.MCSNSS) != 2 || he.MCSNSS[1].Width != "160" ||
		*he.MCSNSS[0].RXMaxMCS[1] != 11 || he.MCSNSS[0].RXMaxMCS[2] != nil || *he.MCSNSS[0].TXMaxMCS[0] != 9 ||
		he.PHY[0] != "HE40/HE80/5GHz" || he.MAC[1] != "Trigger Frame MAC Padding Duration: 2" {
		t.Errorf("HE capabilities %s", out)
	}
	if o := got.HEOper; o.DefaultPE != 4 || o.TXOPRTSThreshold != 1023 || o.BSSColor != 1 || !o.PartialBSSColor ||
		o.BSSColorDisabled || *o.BasicMaxMCS[0] != 7 || o.BasicMaxMCS[1] != nil {
		t.Errorf("HE operation %+v", o)
	}
	// The EHT capabilities come before the HE ones but are read with
	// them: <= 80 and 160 MHz sets.
	if e := got.EHT; len(e.MCSNSS) != 6 || e.MCSNSS[0] != (ehtMCSNSSJSON{"<= 80", "0-9", 2, 2}) ||
		e.MCSNSS[3] != (ehtMCSNSSJSON{"160", "0-9", 4, 4}) || e.MCSNSS[5].TXNSS != 0 || e.PPE != "" ||
		e.MAC[2] != "Triggered TXOP Sharing Supported" {
		t.Errorf("EHT capabilities %s", out)
	}
	if o := got.EHTOper; len(o.BasicMCSNSS) != 4 || o.BasicMCSNSS[3].RXNSS != 0 || o.BasicMCSNSS[0].TXNSS != 1 ||
		o.ChannelWidthMHz == nil || *o.ChannelWidthMHz != 160 || *o.CCFS0 != 50 || o.DisabledSubchannels != nil {
		t.Errorf("EHT operation %+v", o)
	}
}

// TestStationHERates covers HE and EHT rates as iw prints them.
func TestStationHERates(t *testing.T) {
	u8 := func(v uint8) *uint8 { return &v }
	s := nl80211.Station{HardwareAddr: net.HardwareAddr{2, 0, 0, 0, 1, 0},
		TxBitrate: &nl80211.RateInfo{Bitrate: 2402, HEMCS: u8(11), HENSS: u8(2), HEGI: u8(0), HEDCM: u8(0), Width: 80},
		RxBitrate: &nl80211.RateInfo{Bitrate: 57647, EHTMCS: u8(13), EHTNSS: u8(4), EHTGI: u8(1), EHTRUAlloc: u8(5), Width: 320}}
	var b bytes.Buffer
	printStation(&tw{w: &b}, s, "wlan0", clock{now: time.UnixMilli(1000)})
	want := "Station 02:00:00:00:01:00 (on wlan0)\n" +
		"\ttx bitrate:\t240.2 MBit/s 80MHz HE-MCS 11 HE-NSS 2 HE-GI 0 HE-DCM 0\n" +
		"\trx bitrate:\t5764.7 MBit/s 320MHz EHT-MCS 13 EHT-NSS 4 EHT-GI 1 EHT-RU-ALLOC 5\n" +
		"\tcurrent time:\t1000 ms\n"
	if b.String() != want {
		t.Errorf("got:\n%q\nwant:\n%q", b.String(), want)
	}
	v := stationView(s, "wlan0")
	if v.TxBitrate == nil || *v.TxBitrate.HEMCS != 11 || v.TxBitrate.WidthMHz != 80 || *v.RxBitrate.EHTNSS != 4 ||
		v.RxBitrate.Text != "5764.7 MBit/s 320MHz EHT-MCS 13 EHT-NSS 4 EHT-GI 1 EHT-RU-ALLOC 5" {
		t.Errorf("JSON view: %+v %+v", v.TxBitrate, v.RxBitrate)
	}
}
