package main

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// HE (Wi-Fi 6) and EHT (Wi-Fi 7) capability text, shared by "phy" (per band
// and interface type) and the HE Capabilities element of scan results, in
// iw's words and with iw's quirks: text is iw 5.19's, JSON decodes the
// fields as the standard lays them out.

// capBit is a capability flag (width 0) or a field of width bits, at bit
// Bit as the standard numbers them.
type capBit struct {
	bit, width int
	name       string
}

var heMACCaps = []capBit{
	{0, 0, "+HTC HE Supported"}, {1, 0, "TWT Requester"}, {2, 0, "TWT Responder"},
	{3, 2, "Dynamic BA Fragementation Level"}, {5, 3, "Maximum number of MSDUS Fragments"},
	{8, 2, "Minimum Payload size of 128 bytes"}, {10, 2, "Trigger Frame MAC Padding Duration"},
	{12, 3, "Multi-TID Aggregation Support"},
	{17, 0, "All Ack"}, {18, 0, "TRS"}, {19, 0, "BSR"}, {20, 0, "Broadcast TWT"}, {21, 0, "32-bit BA Bitmap"},
	{22, 0, "MU Cascading"}, {23, 0, "Ack-Enabled Aggregation"}, {25, 0, "OM Control"}, {26, 0, "OFDMA RA"},
	{27, 2, "Maximum A-MPDU Length Exponent"}, {29, 0, "A-MSDU Fragmentation"}, {30, 0, "Flexible TWT Scheduling"},
	{31, 0, "RX Control Frame to MultiBSS"},
	{32, 0, "BSRP BQRP A-MPDU Aggregation"}, {33, 0, "QTP"}, {34, 0, "BQR"}, {35, 0, "SRP Responder Role"},
	{36, 0, "NDP Feedback Report"}, {37, 0, "OPS"}, {38, 0, "A-MSDU in A-MPDU"}, {39, 3, "Multi-TID Aggregation TX"},
	{42, 0, "HE Subchannel Selective Transmission"}, {43, 0, "UL 2x996-Tone RU"},
	{44, 0, "OM Control UL MU Data Disable RX"},
}

var hePHYCaps = []capBit{
	{1, 0, "HE40/2.4GHz"}, {2, 0, "HE40/HE80/5GHz"}, {3, 0, "HE160/5GHz"}, {4, 0, "HE160/HE80+80/5GHz"},
	{5, 0, "242 tone RUs/2.4GHz"}, {6, 0, "242 tone RUs/5GHz"},
	{8, 4, "Punctured Preamble RX"}, {12, 1, "Device Class"}, {13, 0, "LDPC Coding in Payload"},
	{14, 0, "HE SU PPDU with 1x HE-LTF and 0.8us GI"}, {15, 2, "Midamble Rx Max NSTS"},
	{17, 0, "NDP with 4x HE-LTF and 3.2us GI"}, {18, 0, "STBC Tx <= 80MHz"}, {19, 0, "STBC Rx <= 80MHz"},
	{20, 0, "Doppler Tx"}, {21, 0, "Doppler Rx"}, {22, 0, "Full Bandwidth UL MU-MIMO"},
	{23, 0, "Partial Bandwidth UL MU-MIMO"},
	{24, 2, "DCM Max Constellation"}, {26, 1, "DCM Max NSS Tx"}, {27, 2, "DCM Max Constellation Rx"},
	{29, 1, "DCM Max NSS Rx"}, {30, 0, "Rx HE MU PPDU from Non-AP STA"}, {31, 0, "SU Beamformer"},
	{32, 0, "SU Beamformee"}, {33, 0, "MU Beamformer"}, {34, 3, "Beamformee STS <= 80MHz"},
	{37, 3, "Beamformee STS > 80MHz"},
	{40, 3, "Sounding Dimensions <= 80MHz"}, {43, 3, "Sounding Dimensions > 80MHz"},
	{46, 0, "Ng = 16 SU Feedback"}, {47, 0, "Ng = 16 MU Feedback"}, {48, 0, "Codebook Size SU Feedback"},
	{49, 0, "Codebook Size MU Feedback"}, {50, 0, "Triggered SU Beamforming Feedback"},
	{51, 0, "Triggered MU Beamforming Feedback"}, {52, 0, "Triggered CQI Feedback"},
	{53, 0, "Partial Bandwidth Extended Range"}, {54, 0, "Partial Bandwidth DL MU-MIMO"},
	{55, 0, "PPE Threshold Present"},
	{56, 0, "SRP-based SR"}, {57, 0, "Power Boost Factor ar"}, {58, 0, "HE SU PPDU & HE PPDU 4x HE-LTF 0.8us GI"},
	{59, 3, "Max NC"}, {62, 0, "STBC Tx > 80MHz"}, {63, 0, "STBC Rx > 80MHz"},
	{64, 0, "HE ER SU PPDU 4x HE-LTF 0.8us GI"}, {65, 0, "20MHz in 40MHz HE PPDU 2.4GHz"},
	{66, 0, "20MHz in 160/80+80MHz HE PPDU"}, {67, 0, "80MHz in 160/80+80MHz HE PPDU"},
	{68, 0, "HE ER SU PPDU 1x HE-LTF 0.8us GI"}, {69, 0, "Midamble Rx 2x & 1x HE-LTF"}, {70, 2, "DCM Max BW"},
	{72, 0, "Longer Than 16HE SIG-B OFDM Symbols"}, {73, 0, "Non-Triggered CQI Feedback"},
	{74, 0, "TX 1024-QAM"}, {75, 0, "RX 1024-QAM"},
	{76, 0, "RX Full BW SU Using HE MU PPDU with Compression SIGB"},
	{77, 0, "RX Full BW SU Using HE MU PPDU with Non-Compression SIGB"},
}

var ehtMACCaps = []capBit{
	{0, 0, "EPCS Priority Access Supported"}, {1, 0, "EHT OM Control Supported"},
	{2, 0, "Triggered TXOP Sharing Mode 1 Supported"}, {3, 0, "Triggered TXOP Sharing Mode 2 Supported"},
	{4, 0, "Restricted TWP Supported"}, {5, 0, "SCS Traffic Description Supported"},
	{6, 2, "Maximum MPDU Length"},
	{9, 0, "Maximum A_MPDU Length Exponent Extension"}, {10, 0, "EHT TRS Supported"},
	{11, 0, "TXOP Return In TXOP Sharing Mode 2 Supported"}, {12, 0, "Two BQRs Supported"},
	{13, 2, "EHT Link Adaptation Supported"},
}

var ehtPHYCaps = []capBit{
	{1, 0, "320MHz in 6GHz Supported"}, {2, 0, "242-tone RU in BW wider than 20MHz Supported"},
	{3, 0, "NDP With  EHT-LTF And 3.2 µs GI"}, // sic, as iw
	{4, 0, "Partial Bandwidth UL MU-MIMO"}, {5, 0, "SU Beamformer"}, {6, 0, "SU Beamformee"},
	{7, 3, "Beamformee SS (80MHz)"}, {10, 3, "Beamformee SS (160MHz)"}, {13, 3, "Beamformee SS (320MHz)"},
	{16, 3, "Number Of Sounding Dimensions (80MHz)"}, {19, 3, "Number Of Sounding Dimensions (160MHz)"},
	{22, 3, "Number Of Sounding Dimensions (320MHz)"},
	{25, 0, "Ng = 16 SU Feedback"}, {26, 0, "Ng = 16 MU Feedback"}, {27, 0, "Codebook size (4, 2) SU Feedback"},
	{28, 0, "Codebook size (7, 5) MU Feedback"}, {29, 0, "Triggered SU Beamforming Feedback"},
	{30, 0, "Triggered MU Beamforming Partial BW Feedback"}, {31, 0, "Triggered CQI Feedback"},
	{32, 0, "Partial Bandwidth DL MU-MIMO"}, {33, 0, "PSR-Based SR Support"}, {34, 0, "Power Boost Factor Support"},
	{35, 0, "EHT MU PPDU With 4 EHT-LTF And 0.8 µs GI"}, {36, 4, "Max Nc"}, {40, 0, "Non-Triggered CQI Feedback"},
	{41, 0, "Tx 1024-QAM And 4096-QAM < 242-tone RU"}, {42, 0, "Rx 1024-QAM And 4096-QAM < 242-tone RU"},
	{43, 0, "PPE Thresholds Present"}, {44, 2, "Common Nominal Packet Padding"},
	{46, 5, "Maximum Number Of Supported EHT-LTFs"}, {51, 4, "Support of MCS 15"},
	{55, 0, "Support Of EHT DUP In 6 GHz"}, {56, 0, "Support For 20MHz Rx NDP With Wider Bandwidth"},
	{57, 0, "Non-OFDMA UL MU-MIMO (80MHz)"}, {58, 0, "Non-OFDMA UL MU-MIMO (160MHz)"},
	{59, 0, "Non-OFDMA UL MU-MIMO (320MHz)"}, {60, 0, "MU Beamformer (80MHz)"},
	{61, 0, "MU Beamformer (160MHz)"}, {62, 0, "MU Beamformer (320MHz)"},
	{63, 0, "TB Sounding Feedback Rate Limit"},
	{64, 0, "Rx 1024-QAM In Wider Bandwidth DL OFDMA Supported"},
	{65, 0, "Rx 4096-QAM In Wider Bandwidth DL OFDMA Supported"},
}

// capNames names the flags set and the fields not zero in a capability
// field, as iw's lines say them ("Max Nc: 15").
func capNames(field []byte, table []capBit) []string {
	out := []string{}
	for _, c := range table {
		switch {
		case c.width == 0 && nl80211.Bit(field, c.bit):
			out = append(out, c.name)
		case c.width > 0:
			if v := nl80211.Bits(field, c.bit, c.width); v != 0 {
				out = append(out, fmt.Sprintf("%s: %d", c.name, v))
			}
		}
	}
	return out
}

// padded returns b cut or zero-filled to n bytes, as iw copies a field into
// a fixed buffer.
func padded(b []byte, n int) []byte {
	out := make([]byte, n)
	copy(out, b)
	return out
}

// heWidths are the HE MCS and NSS sets: the PHY capability bits that say
// one is there, and iw's name for its width.
var heWidths = []struct {
	bits []int
	name string
}{
	{[]int{nl80211.HEPHYWidth40In24GHz, nl80211.HEPHYWidth40And80In5G}, "<= 80"},
	{[]int{nl80211.HEPHYWidth160In5G}, "160"},
	{[]int{nl80211.HEPHYWidth80P80In5G}, "80+80"},
}

func anyBit(field []byte, bits []int) bool {
	for _, b := range bits {
		if nl80211.Bit(field, b) {
			return true
		}
	}
	return false
}

// printHECapa writes HE capabilities as iw's __print_he_capa does, pre
// ("\t" in phy) before every line. mcs is the MCS and NSS set as iw sees
// it; ppe the PPE thresholds, or nil to take whatever follows the sets
// in mcs (the element's form).
func printHECapa(t *tw, pre string, mac, phy, mcs, ppe []byte) {
	mac, phy = padded(mac, 6), padded(phy, 11)
	t.f("%s\t\tHE MAC Capabilities (0x", pre)
	for i := 0; i < 6; i += 2 {
		t.f("%02x%02x", mac[i+1], mac[i])
	}
	t.f("):\n")
	for _, n := range capNames(mac, heMACCaps) {
		t.f("%s\t\t\t%s\n", pre, n)
	}
	t.f("%s\t\tHE PHY Capabilities: (0x%x):\n", pre, phy)
	for _, n := range capNames(phy, hePHYCaps) {
		t.f("%s\t\t\t%s\n", pre, n)
	}
	used := 0
	for i, w := range heWidths {
		if !anyBit(phy, w.bits) {
			continue
		}
		// iw gives up, without the thresholds, when the set would end
		// past the end of what it has.
		if (i*2+2)*2 > len(mcs) {
			return
		}
		for j, dir := range []string{"RX", "TX"} {
			t.f("%s\t\tHE %s MCS and NSS set %s MHz\n", pre, dir, w.name)
			printHEMaxMCS(t, uint16(mcs[(i*2+j)*2])|uint16(mcs[(i*2+j)*2+1])<<8, pre+"\t\t\t")
		}
		used += 4
	}
	if ppe == nil && used < len(mcs) {
		ppe = mcs[used:]
	}
	if len(ppe) > 0 && nl80211.Bit(phy, nl80211.HEPHYPPEThresholds) {
		t.f("%s\t\tPPE Threshold ", pre)
		printNonZero(t, ppe)
		t.f("\n")
	}
}

// printNonZero writes the bytes that are not zero, as iw writes PPE
// thresholds.
func printNonZero(t *tw, b []byte) {
	for _, x := range b {
		if x != 0 {
			t.f("0x%02x ", x)
		}
	}
}

// ehtMCSGroups are the MCS groups of a 20 MHz-only station's EHT NSS
// bytes; ehtWideMCSGroups those of the wider maps.
var (
	ehtMCSGroups     = [4]string{"0-7", "8-9", "10-11", "12-13"}
	ehtWideMCSGroups = [3]string{"0-9", "10-11", "12-13"}
)

// printEHTCapa writes EHT capabilities as iw 6.x's __print_eht_capa does,
// pre ("\t" in phy) before every line: the layout of the MCS and NSS set
// follows the HE PHY capabilities beside it (the HE PHY field, hePHY),
// whether an access point sent it (fromAP) and the band (enum
// nl80211_band; the 320 MHz map only in 6 GHz). mcs is the set as iw sees
// it (in an element, everything after the PHY capabilities).
func printEHTCapa(t *tw, pre string, band int, mac, phy, mcs, ppe, hePHY []byte, fromAP bool) {
	t.f("%s\t\tEHT MAC Capabilities (0x%x):\n", pre, padded(mac, 2))
	for _, n := range capNames(padded(mac, 2), ehtMACCaps) {
		t.f("%s\t\t\t%s\n", pre, n)
	}
	phy = padded(phy, 9)
	t.f("%s\t\tEHT PHY Capabilities (0x%x):\n", pre, phy)
	for _, n := range capNames(phy, ehtPHYCaps) {
		t.f("%s\t\t\t%s\n", pre, n)
	}
	set := reach(mcs, 9) // iw reads the maps it prints whatever the length
	maps := func(name string, b []byte, groups []string) {
		t.f("%s\t\tEHT-MCS Map (%s) (0x%x):\n", pre, name, b)
		for i, g := range groups {
			t.f("%s\t\t\tRx Max NSS for MCS %s: %d\n", pre, g, set[i]&0xf)
			t.f("%s\t\t\tTx Max NSS for MCS %s: %d\n", pre, g, set[i]>>4)
		}
	}
	widths := []int{nl80211.HEPHYWidth40In24GHz, nl80211.HEPHYWidth40And80In5G,
		nl80211.HEPHYWidth160In5G, nl80211.HEPHYWidth80P80In5G}
	switch {
	case !fromAP && !anyBit(hePHY, widths):
		maps("20 MHz Non-AP STA", mcs, ehtMCSGroups[:])
	default:
		if anyBit(hePHY, widths[:2]) || fromAP && !anyBit(hePHY, widths) {
			maps("BW <= 80", set[:3], ehtWideMCSGroups[:])
		}
		set = set[3:]
		if nl80211.Bit(hePHY, nl80211.HEPHYWidth160In5G) {
			maps("BW = 160", set[:3], ehtWideMCSGroups[:])
		}
		set = set[3:]
		if band == nl80211.Band6GHz && nl80211.Bit(phy, nl80211.EHTPHYWidth320In6GHz) {
			maps("BW = 320", set[:3], ehtWideMCSGroups[:])
		}
	}
	if len(ppe) > 0 && nl80211.Bit(phy, nl80211.EHTPHYPPEThresholds) {
		t.f("%s\t\tEHT PPE Thresholds ", pre)
		printNonZero(t, ppe)
		t.f("\n")
	}
}

func ifTypeLine(ts []nl80211.IfType) string {
	names := make([]string, len(ts))
	for i, x := range ts {
		names[i] = x.String()
	}
	return strings.Join(names, ", ")
}

// printBandIfTypeData writes a band's HE and EHT capabilities per set of
// interface types, as iw's print_he_info and print_eht_info do: both for
// every set, zeros for what the kernel left out.
func printBandIfTypeData(t *tw, b nl80211.Band) {
	for _, d := range b.IfTypeData {
		if d.IfTypes == nil {
			continue
		}
		var he nl80211.HECapabilities
		if d.HE != nil {
			he = *d.HE
		}
		t.f("\t\tHE Iftypes: %s\n", ifTypeLine(d.IfTypes))
		mcs, ppe := he.MCSNSS, he.PPE
		if ppe == nil {
			ppe = []byte{} // given, not to be inferred
		}
		printHECapa(t, "\t", he.MAC, he.PHY, mcs[:min(len(mcs), 12)], ppe[:min(len(ppe), 25)])
		// iw 6.x leaves out the EHT part of interface types without EHT
		// MAC capabilities.
		if d.EHT == nil || d.EHT.MAC == nil {
			continue
		}
		eht := d.EHT
		mcs = eht.MCSNSS
		if mcs != nil {
			mcs = padded(mcs, 13) // iw takes the whole set as given
		}
		t.f("\t\tEHT Iftypes: %s\n", ifTypeLine(d.IfTypes))
		printEHTCapa(t, "\t", b.ID, eht.MAC, eht.PHY, mcs, eht.PPE[:min(len(eht.PPE), 31)], he.PHY, false)
	}
}

// heCapaJSON is the JSON view of HE capabilities (phy bands and scan).
type heCapaJSON struct {
	MACCapa string         `json:"mac_capa"` // hex, as sent
	PHYCapa string         `json:"phy_capa"`
	MAC     []string       `json:"mac"` // iw's names of what is set
	PHY     []string       `json:"phy"`
	MCSNSS  []heMCSNSSJSON `json:"mcs_nss"`
	PPE     string         `json:"ppe,omitempty"`
}

// heMCSNSSJSON is one HE MCS and NSS set: per stream count (1..8), the
// highest MCS, or null when that many streams are not supported.
type heMCSNSSJSON struct {
	Width    string `json:"width"` // "<= 80", "160", "80+80" (MHz)
	RXMaxMCS []*int `json:"rx_max_mcs"`
	TXMaxMCS []*int `json:"tx_max_mcs"`
}

func heMaxMCS(m uint16) []*int {
	out := make([]*int, 8)
	for k := range 8 {
		if v := int(m>>(2*k)) & 3; v != 3 {
			mcs := 7 + 2*v
			out[k] = &mcs
		}
	}
	return out
}

func heCapaView(c nl80211.HECapabilities) *heCapaJSON {
	v := &heCapaJSON{MACCapa: hex.EncodeToString(c.MAC), PHYCapa: hex.EncodeToString(c.PHY),
		MAC: capNames(c.MAC, heMACCaps), PHY: capNames(c.PHY, hePHYCaps), MCSNSS: []heMCSNSSJSON{},
		PPE: hex.EncodeToString(c.PPE)}
	off := 0
	for i, w := range heWidths {
		if i > 0 && !anyBit(c.PHY, w.bits) || off+4 > len(c.MCSNSS) {
			continue
		}
		m := c.MCSNSS[off:]
		v.MCSNSS = append(v.MCSNSS, heMCSNSSJSON{Width: w.name,
			RXMaxMCS: heMaxMCS(uint16(m[0]) | uint16(m[1])<<8), TXMaxMCS: heMaxMCS(uint16(m[2]) | uint16(m[3])<<8)})
		off += 4
	}
	return v
}

// ehtCapaJSON is the JSON view of EHT capabilities.
type ehtCapaJSON struct {
	MACCapa string          `json:"mac_capa"`
	PHYCapa string          `json:"phy_capa"`
	MAC     []string        `json:"mac"`
	PHY     []string        `json:"phy"`
	MCSNSS  []ehtMCSNSSJSON `json:"mcs_nss"`
	PPE     string          `json:"ppe,omitempty"`
}

// ehtMCSNSSJSON is the largest number of spatial streams supported for
// receiving and sending a group of MCSs at a width.
type ehtMCSNSSJSON struct {
	Width string `json:"width,omitempty"` // "20" (a 20 MHz-only station), "<= 80", "160", "320" (MHz)
	MCS   string `json:"mcs"`             // "0-7", "8-9", "0-9", "10-11", "12-13"
	RXNSS uint8  `json:"rx_nss"`
	TXNSS uint8  `json:"tx_nss"`
}

// ehtCapaView decodes EHT capabilities; the layout of the MCS and NSS set
// depends on the HE PHY capabilities beside them, and on whether the
// sender is a 20 MHz-only station.
func ehtCapaView(c nl80211.EHTCapabilities, hePHY []byte, twentyOnly bool) *ehtCapaJSON {
	v := &ehtCapaJSON{MACCapa: hex.EncodeToString(c.MAC), PHYCapa: hex.EncodeToString(c.PHY),
		MAC: capNames(c.MAC, ehtMACCaps), PHY: capNames(c.PHY, ehtPHYCaps), MCSNSS: []ehtMCSNSSJSON{},
		PPE: hex.EncodeToString(c.PPE)}
	add := func(width string, b []byte, groups []string) {
		for i, g := range groups {
			if i < len(b) {
				v.MCSNSS = append(v.MCSNSS, ehtMCSNSSJSON{Width: width, MCS: g, RXNSS: b[i] & 0xf, TXNSS: b[i] >> 4})
			}
		}
	}
	m := c.MCSNSS
	if twentyOnly {
		add("20", m, ehtMCSGroups[:])
		return v
	}
	groups := []string{"0-9", "10-11", "12-13"}
	add("<= 80", m, groups)
	if nl80211.Bit(hePHY, nl80211.HEPHYWidth160In5G) && len(m) > 3 {
		m = m[3:]
		add("160", m, groups)
	}
	if nl80211.Bit(c.PHY, nl80211.EHTPHYWidth320In6GHz) && len(m) > 3 {
		add("320", m[3:], groups)
	}
	return v
}

// ifTypeDataJSON is the JSON view of a band's HE and EHT capabilities for
// some interface types.
type ifTypeDataJSON struct {
	IfTypes    []string     `json:"iftypes"`
	HE         *heCapaJSON  `json:"he,omitempty"`
	HE6GHzCapa *uint16      `json:"he_6ghz_capa,omitempty"`
	EHT        *ehtCapaJSON `json:"eht,omitempty"`
}

func ifTypeDataView(ds []nl80211.IfTypeData) []ifTypeDataJSON {
	out := []ifTypeDataJSON{}
	for _, d := range ds {
		v := ifTypeDataJSON{IfTypes: ifTypeNames(d.IfTypes), HE6GHzCapa: d.HE6GHz}
		var hePHY []byte
		if d.HE != nil {
			v.HE = heCapaView(*d.HE)
			hePHY = d.HE.PHY
		}
		if d.EHT != nil {
			// A 20 MHz-only station sets no channel width (B1-B4).
			v.EHT = ehtCapaView(*d.EHT, hePHY, nl80211.Bits(hePHY, nl80211.HEPHYWidth40In24GHz, 4) == 0)
		}
		out = append(out, v)
	}
	return out
}

// heOperJSON is the JSON view of the HE Operation element.
type heOperJSON struct {
	DefaultPE        uint8  `json:"default_pe_duration"`
	TWTRequired      bool   `json:"twt_required"`
	TXOPRTSThreshold uint16 `json:"txop_rts_threshold"` // 1023: disabled
	ERSUDisable      bool   `json:"er_su_disable"`
	BSSColor         uint8  `json:"bss_color"`
	PartialBSSColor  bool   `json:"partial_bss_color"`
	BSSColorDisabled bool   `json:"bss_color_disabled"`
	BasicMaxMCS      []*int `json:"basic_max_mcs"`
	// From the VHT Operation Information, when present.
	VHTChannelWidth *uint8 `json:"vht_channel_width,omitempty"`
	VHTCenterSeg0   *uint8 `json:"vht_center_seg0,omitempty"`
	VHTCenterSeg1   *uint8 `json:"vht_center_seg1,omitempty"`
	MaxCohosted     *uint8 `json:"max_cohosted_bssid,omitempty"`
	// From the 6 GHz Operation Information, when present.
	SixGHzPrimary     *uint8 `json:"six_ghz_primary_channel,omitempty"`
	SixGHzWidthMHz    *int   `json:"six_ghz_width_mhz,omitempty"`
	SixGHzCenterSeg0  *uint8 `json:"six_ghz_center_seg0,omitempty"`
	SixGHzCenterSeg1  *uint8 `json:"six_ghz_center_seg1,omitempty"`
	SixGHzMinRateMbps *uint8 `json:"six_ghz_min_rate_mbps,omitempty"`
}

func heOperView(o nl80211.HEOperation) *heOperJSON {
	v := &heOperJSON{DefaultPE: o.DefaultPE, TWTRequired: o.TWTRequired, TXOPRTSThreshold: o.TXOPDuration,
		ERSUDisable: o.ERSUDisable, BSSColor: o.BSSColor & 0x3f, PartialBSSColor: o.BSSColor&0x40 != 0,
		BSSColorDisabled: o.BSSColor&0x80 != 0, BasicMaxMCS: heMaxMCS(o.BasicMCSNSS), MaxCohosted: o.MaxCohosted}
	if o.VHTInfo != nil {
		v.VHTChannelWidth, v.VHTCenterSeg0, v.VHTCenterSeg1 = &o.VHTInfo[0], &o.VHTInfo[1], &o.VHTInfo[2]
	}
	if s := o.SixGHz; s != nil {
		w := 20 << (s[1] & 3) // 3 is 160 or 80+80 MHz
		v.SixGHzPrimary, v.SixGHzWidthMHz, v.SixGHzCenterSeg0, v.SixGHzCenterSeg1, v.SixGHzMinRateMbps = &s[0], &w, &s[2], &s[3], &s[4]
	}
	return v
}

// ehtOperJSON is the JSON view of the EHT Operation element.
type ehtOperJSON struct {
	BasicMCSNSS         []ehtMCSNSSJSON `json:"basic_mcs_nss"`
	ChannelWidthMHz     *int            `json:"channel_width_mhz,omitempty"`
	CCFS0               *uint8          `json:"ccfs0,omitempty"`
	CCFS1               *uint8          `json:"ccfs1,omitempty"`
	DisabledSubchannels *uint16         `json:"disabled_subchannels,omitempty"`
}

func ehtOperView(o nl80211.EHTOperation) *ehtOperJSON {
	v := &ehtOperJSON{BasicMCSNSS: []ehtMCSNSSJSON{}, DisabledSubchannels: o.DisabledSubchannels}
	for i, g := range ehtMCSGroups {
		v.BasicMCSNSS = append(v.BasicMCSNSS, ehtMCSNSSJSON{MCS: g, RXNSS: o.BasicMCSNSS[i] & 0xf, TXNSS: o.BasicMCSNSS[i] >> 4})
	}
	if o.Info != nil {
		if c := o.Info[0] & 7; c <= 4 {
			w := 20 << c
			v.ChannelWidthMHz = &w
		}
		v.CCFS0, v.CCFS1 = &o.Info[1], &o.Info[2]
	}
	return v
}

// heElementsView decodes the HE and EHT elements of a scan result into
// its JSON view; elements that do not decode are left out (they stay in
// "ies").
func heElementsView(v *bssJSON, ies []nl80211.IE) {
	var he *nl80211.HECapabilities
	for _, ie := range ies {
		if ie.ID != nl80211.IEExtension || len(ie.Data) == 0 {
			continue
		}
		body := ie.Data[1:]
		switch ie.Data[0] {
		case nl80211.IEExtHECapabilities:
			if c, err := nl80211.ParseHECapabilities(body); err == nil && he == nil {
				he = &c
				v.HECapa = heCapaView(c)
			}
		case nl80211.IEExtHEOperation:
			if o, err := nl80211.ParseHEOperation(body); err == nil {
				v.HEOper = heOperView(o)
			}
		case nl80211.IEExtEHTOperation:
			if o, err := nl80211.ParseEHTOperation(body); err == nil {
				v.EHTOper = ehtOperView(o)
			}
		}
	}
	// EHT capabilities need the HE ones, wherever they stand.
	for _, ie := range ies {
		if ie.ID == nl80211.IEExtension && len(ie.Data) > 0 && ie.Data[0] == nl80211.IEExtEHTCapabilities {
			if c, err := nl80211.ParseEHTCapabilities(ie.Data[1:], he, true); err == nil {
				var hePHY []byte
				if he != nil {
					hePHY = he.PHY
				}
				v.EHTCapa = ehtCapaView(c, hePHY, false)
			}
		}
	}
}
