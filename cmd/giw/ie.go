package main

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// Text forms of information elements, in iw's scan output format. Elements
// giw does not decode are shown only with -u, as iw shows unknown ones.

// ieSpec is an element giw prints, with the payload sizes it accepts.
type ieSpec struct {
	name     string
	min, max int
	print    func(t *tw, data []byte)
}

var ieSpecs = map[uint8]ieSpec{
	nl80211.IESSID:             {"SSID", 0, 32, func(t *tw, d []byte) { t.f(" %s\n", escapeSSID(d)) }},
	nl80211.IESupportedRates:   {"Supported rates", 0, 255, printRates},
	nl80211.IEDSParams:         {"DS Parameter set", 1, 1, func(t *tw, d []byte) { t.f(" channel %d\n", d[0]) }},
	nl80211.IETIM:              {"TIM", 4, 255, printTIM},
	nl80211.IECountry:          {"Country", 3, 255, printCountry},
	nl80211.IEBSSLoad:          {"BSS Load", 5, 5, printBSSLoadIE},
	nl80211.IEPowerConstraint:  {"Power constraint", 1, 1, func(t *tw, d []byte) { t.f(" %d dB\n", d[0]) }},
	nl80211.IETPCReport:        {"TPC report", 2, 2, func(t *tw, d []byte) { t.f(" TX power: %d dBm\n", d[0]) }},
	nl80211.IEHTCapabilities:   {"HT capabilities", 26, 26, printHTCapaIE},
	nl80211.IEHTOperation:      {"HT operation", 22, 22, printHTOperationIE},
	nl80211.IEVHTCapabilities:  {"VHT capabilities", 12, 255, printVHTCapaIE},
	nl80211.IEVHTOperation:     {"VHT operation", 5, 255, printVHTOperationIE},
	nl80211.IEERP:              {"ERP", 1, 255, printERP},
	nl80211.IEOperatingClasses: {"Supported operating classes", 1, 255, printOpClasses},
	nl80211.IERSN:              {"RSN", 2, 255, func(t *tw, d []byte) { printRSN(t, nl80211.ParseRSN(d), false) }},
	nl80211.IEExtRates:         {"Extended supported rates", 0, 255, printRates},
	nl80211.IEMeshID:           {"MESH ID", 0, 32, func(t *tw, d []byte) { t.f(" %s\n", escapeSSID(d)) }},
	nl80211.IEExtCapabilities:  {"Extended capabilities", 0, 255, nil}, // needs all IEs, see printIEs
}

// printIEs writes the elements of a frame as iw's print_ies does.
func printIEs(t *tw, raw []byte, unknown bool) {
	ies, _ := nl80211.ParseIEs(raw) // iw stops silently at a truncated element too
	_, hasVHT := nl80211.FindIE(ies, 191)
	ctx := newIEContext(ies)
	for _, ie := range ies {
		if spec, ok := ieSpecs[ie.ID]; ok {
			t.f("\t%s:", spec.name)
			if !validLen(t, ie.Data, spec.min, spec.max) {
				continue
			}
			if ie.ID == nl80211.IEExtCapabilities {
				printExtCapa(t, ie.Data, hasVHT)
				continue
			}
			spec.print(t, ie.Data)
			continue
		}
		switch {
		case ie.ID == nl80211.IEVendor:
			printVendor(t, ie.Data, unknown)
		case ie.ID == nl80211.IEExtension:
			printExtension(t, ie.Data, ctx, unknown)
		case unknown:
			t.f("\tUnknown IE (%d):", ie.ID)
			hexBytes(t, ie.Data)
			t.f("\n")
		}
	}
}

// printExtension writes an element with an extension ID as iw's
// print_extension does.
func printExtension(t *tw, d []byte, c ieContext, unknown bool) {
	if len(d) == 0 {
		t.f("\tExtension IE: <empty>\n")
		return
	}
	if spec, ok := extSpecs[d[0]]; ok {
		t.f("\t%s:", spec.name)
		if validLen(t, d[1:], spec.min, spec.max) {
			spec.print(t, d[1:], c)
		}
		return
	}
	if unknown {
		t.f("\tUnknown Extension ID (%d):", d[0])
		hexBytes(t, d[1:])
		t.f("\n")
	}
}

// validLen prints iw's "<invalid: ...>" for a payload of the wrong size.
func validLen(t *tw, d []byte, min, max int) bool {
	if len(d) >= min && len(d) <= max {
		return true
	}
	switch {
	case len(d) > 1:
		t.f(" <invalid: %d bytes:", len(d))
		hexBytes(t, d)
		t.f(">\n")
	case len(d) == 1:
		t.f(" <invalid: 1 byte: %02x>\n", d[0])
	default:
		t.f(" <invalid: no data>\n")
	}
	return false
}

func hexBytes(t *tw, d []byte) {
	for _, b := range d {
		t.f(" %02x", b)
	}
}

func rateText(r nl80211.Rate) string {
	s := r.Selector()
	if s == "" {
		v := int(r & 0x7f)
		s = fmt.Sprintf("%d.%d", v/2, 5*(v&1))
	}
	if r.Basic() {
		s += "*"
	}
	return s
}

func printRates(t *tw, d []byte) {
	t.f(" ")
	for _, b := range d {
		t.f("%s ", rateText(nl80211.Rate(b)))
	}
	t.f("\n")
}

func printTIM(t *tw, d []byte) {
	tim, _ := nl80211.ParseTIM(d) // the size was checked
	t.f(" DTIM Count %d DTIM Period %d Bitmap Control 0x%x Bitmap[0] 0x%x", tim.DTIMCount, tim.DTIMPeriod, tim.BitmapControl, tim.Bitmap0)
	if tim.Extra > 0 {
		plural := "s"
		if tim.Extra == 1 {
			plural = ""
		}
		t.f(" (+ %d octet%s)", tim.Extra, plural)
	}
	t.f("\n")
}

func countryEnv(e uint8) string {
	switch e {
	case 'I':
		return "Indoor only"
	case 'O':
		return "Outdoor only"
	case ' ':
		return "Indoor/Outdoor"
	}
	return "bogus"
}

func printCountry(t *tw, d []byte) {
	c, _ := nl80211.ParseCountry(d)
	t.f(" %s\tEnvironment: %s\n", c.Code, countryEnv(c.Environment))
	if len(c.Triplets) == 0 {
		t.f("\t\tNo country IE triplets present\n")
		return
	}
	for _, tr := range c.Triplets {
		if tr.Extension {
			t.f("\t\tExtension ID: %d Regulatory Class: %d Coverage class: %d (up to %dm)\n",
				tr.FirstChannel, tr.NumChannels, tr.CoverageClass, int(tr.CoverageClass)*450)
			continue
		}
		end := int(tr.FirstChannel) + int(tr.NumChannels) - 1
		if tr.FirstChannel > 14 {
			end = int(tr.FirstChannel) + 4*(int(tr.NumChannels)-1)
		}
		t.f("\t\tChannels [%d - %d] @ %d dBm\n", tr.FirstChannel, end, tr.MaxPower)
	}
}

func printERP(t *tw, d []byte) {
	if d[0] == 0 {
		t.f(" <no flags>")
	}
	if d[0]&1 != 0 {
		t.f(" NonERP_Present")
	}
	if d[0]&2 != 0 {
		t.f(" Use_Protection")
	}
	if d[0]&4 != 0 {
		t.f(" Barker_Preamble_Mode")
	}
	t.f("\n")
}

// rsnDefaults returns the suites that apply when the element leaves them
// out: CCMP and 802.1X for RSN, TKIP and 802.1X for WPA.
func rsnDefaults(wpa bool) (cipher, akm nl80211.Suite) {
	if wpa {
		return nl80211.WPADefaultCipher, nl80211.WPADefaultAKM
	}
	return nl80211.RSNDefaultCipher, nl80211.RSNDefaultAKM
}

// printRSN writes an RSN or WPA element as iw's print_rsn_ie does.
func printRSN(t *tw, r nl80211.RSN, wpa bool) {
	defCipher, defAKM := rsnDefaults(wpa)
	first := true
	tab := func() {
		if !first {
			t.f("\t")
		}
		first = false
	}
	tab()
	t.f("\t * Version: %d\n", r.Version)
	if r.GroupCipher == nil {
		tab()
		t.f("\t * Group cipher: %s\n", defCipher.CipherName())
		t.f("\t * Pairwise ciphers: %s\n", defCipher.CipherName())
		return
	}
	tab()
	t.f("\t * Group cipher: %s\n", r.GroupCipher.CipherName())
	if r.PairwiseCiphers == nil {
		if len(r.Tail) > 0 {
			printTail(t, r.Tail)
			return
		}
		tab()
		t.f("\t * Pairwise ciphers: %s\n", defCipher.CipherName())
		return
	}
	tab()
	t.f("\t * Pairwise ciphers:")
	for _, s := range r.PairwiseCiphers {
		t.f(" %s", s.CipherName())
	}
	t.f("\n")
	if r.AKMSuites == nil {
		if len(r.Tail) > 0 {
			printTail(t, r.Tail)
			return
		}
		tab()
		t.f("\t * Authentication suites: %s\n", defAKM.AKMName())
		return
	}
	tab()
	t.f("\t * Authentication suites:")
	for _, s := range r.AKMSuites {
		t.f(" %s", s.AKMName())
	}
	t.f("\n")
	if r.Capabilities != nil {
		tab()
		t.f("\t * Capabilities:")
		for _, n := range rsnCapaNames(*r.Capabilities) {
			t.f(" %s", n)
		}
		t.f(" (0x%04x)\n", *r.Capabilities)
	}
	if r.PMKIDCount != nil {
		tab()
		t.f("\t * %d PMKIDs\n", *r.PMKIDCount)
	}
	if r.GroupMgmtCipher != nil {
		tab()
		t.f("\t * Group mgmt cipher suite: %s\n", r.GroupMgmtCipher.CipherName())
	}
	printTail(t, r.Tail)
}

func printTail(t *tw, tail []byte) {
	if len(tail) == 0 {
		return
	}
	t.f("\t\t * bogus tail data (%d):", len(tail))
	hexBytes(t, tail)
	t.f("\n")
}

var replayCounters = [4]string{"1", "2", "4", "16"}

// rsnCapaNames names the bits of the RSN capabilities field.
func rsnCapaNames(c uint16) []string {
	var out []string
	if c&0x0001 != 0 {
		out = append(out, "PreAuth")
	}
	if c&0x0002 != 0 {
		out = append(out, "NoPairwise")
	}
	out = append(out, replayCounters[(c&0x000c)>>2]+"-PTKSA-RC", replayCounters[(c&0x0030)>>4]+"-GTKSA-RC")
	for _, b := range []struct {
		bit  uint16
		name string
	}{{0x0040, "MFP-required"}, {0x0080, "MFP-capable"}, {0x0200, "Peerkey-enabled"},
		{0x0400, "SPP-AMSDU-capable"}, {0x0800, "SPP-AMSDU-required"}, {0x2000, "Extended-Key-ID"}} {
		if c&b.bit != 0 {
			out = append(out, b.name)
		}
	}
	return out
}

// extCapaNames names the bits of the Extended Capabilities element (IEEE
// 802.11-2016 9.4.2.27) in iw's words; bits 41-43 and 63-64 are fields,
// handled in printExtCapa.
var extCapaNames = map[int]string{
	0: "HT Information Exchange Supported", 1: "reserved (On-demand Beacon)", 2: "Extended Channel Switching",
	3: "reserved (Wave Indication)", 4: "PSMP Capability", 5: "reserved (Service Interval Granularity)",
	6: "S-PSMP Capability", 7: "Event", 8: "Diagnostics", 9: "Multicast Diagnostics", 10: "Location Tracking",
	11: "FMS", 12: "Proxy ARP Service", 13: "Collocated Interference Reporting", 14: "Civic Location",
	15: "Geospatial Location", 16: "TFS", 17: "WNM-Sleep Mode", 18: "TIM Broadcast", 19: "BSS Transition",
	20: "QoS Traffic Capability", 21: "AC Station Count", 22: "Multiple BSSID", 23: "Timing Measurement",
	24: "Channel Usage", 25: "SSID List", 26: "DMS", 27: "UTC TSF Offset",
	28: "TDLS Peer U-APSD Buffer STA Support", 29: "TDLS Peer PSM Support", 30: "TDLS channel switching",
	31: "Interworking", 32: "QoS Map", 33: "EBR", 34: "SSPN Interface", 35: "Reserved", 36: "MSGCF Capability",
	37: "TDLS Support", 38: "TDLS Prohibited", 39: "TDLS Channel Switching Prohibited",
	40: "Reject Unadmitted Frame", 44: "Identifier Location", 45: "U-APSD Coexistence",
	46: "WNM-Notification", 47: "Reserved", 48: "UTF-8 SSID", 49: "QMFActivated",
	50: "QMFReconfigurationActivated", 51: "Robust AV Streaming", 52: "Advanced GCR", 53: "Mesh GCR",
	54: "SCS", 55: "QLoad Report", 56: "Alternate EDCA", 57: "Unprotected TXOP Negotiation",
	58: "Protected TXOP egotiation", 59: "Reserved", 60: "Protected QLoad Report",
	61: "TDLS Wider Bandwidth", 62: "Operating Mode Notification", 65: "Channel Schedule Management",
	66: "Geodatabase Inband Enabling Signal", 67: "Network Channel Control", 68: "White Space Map",
	69: "Channel Availability Query", 70: "FTM Responder", 71: "FTM Initiator", 72: "Reserved",
	73: "Extended Spectrum Management Capable", 74: "Reserved",
}

func printExtCapa(t *tw, d []byte, hasVHT bool) {
	spsmp := len(d) > 0 && d[0]&0x40 != 0
	si, amsdu := 0, 0
	for i, b := range d {
		for bit := 0; bit < 8; bit++ {
			if b&(1<<bit) == 0 {
				continue
			}
			n := i*8 + bit
			t.f("\n\t\t *")
			switch {
			case n >= 41 && n <= 43:
				if !spsmp {
					t.f(" Reserved")
				} else {
					si += 1 << (n - 41)
				}
			case n == 63 || n == 64:
				if !hasVHT {
					t.f(" Reserved")
				} else {
					amsdu += 1 << (n - 63)
				}
			default:
				if name, ok := extCapaNames[n]; ok {
					t.f(" %s", name)
				} else {
					t.f(" %d", bit)
				}
			}
		}
	}
	if spsmp {
		t.f("\n\t\t * Service Interval Granularity is %d ms", (si+1)*5)
	}
	if hasVHT {
		t.f("\n\t\t * Max Number Of MSDUs In A-MSDU is ")
		switch amsdu {
		case 0:
			t.f("unlimited")
		case 1:
			t.f("32")
		case 2:
			t.f("16")
		case 3:
			t.f("8")
		}
	}
	t.f("\n")
}

func printVendor(t *tw, d []byte, unknown bool) {
	oui, typ, rest, ok := nl80211.Vendor(d)
	if len(d) < 3 {
		t.f("\tVendor specific: <too short> data:")
		hexBytes(t, d)
		t.f("\n")
		return
	}
	if ok && oui == nl80211.OUIMicrosoft {
		switch typ {
		case 1:
			t.f("\tWPA:")
			if validLen(t, rest, 2, 255) {
				printRSN(t, nl80211.ParseRSN(rest), true)
			}
			return
		case 2:
			t.f("\tWMM:")
			if validLen(t, rest, 1, 255) {
				printWMM(t, rest)
			}
			return
		case 4:
			t.f("\tWPS:")
			printWPS(t, rest)
			return
		}
		if unknown {
			t.f("\tMS/WiFi %#.2x, data:", typ)
			hexBytes(t, rest)
			t.f("\n")
		}
		return
	}
	if ok && oui == nl80211.OUIWFA {
		if unknown {
			t.f("\tWFA %#.2x, data:", typ)
			hexBytes(t, rest)
			t.f("\n")
		}
		return
	}
	if unknown {
		t.f("\tVendor specific: OUI %02x:%02x:%02x, data:", d[0], d[1], d[2])
		hexBytes(t, d[3:])
		t.f("\n")
	}
}

var acNames = [4]string{"BE", "BK", "VI", "VO"}

func printWMM(t *tw, d []byte) {
	switch d[0] {
	case 0:
		t.f(" information:")
	case 1:
		p, err := nl80211.ParseWMMParams(d)
		if err == nil {
			t.f("\t * Parameter version 1")
			if p.UAPSD {
				t.f("\n\t\t * u-APSD")
			}
			for _, ac := range p.AC {
				t.f("\n\t\t * %s:", acNames[ac.ACI])
				if ac.ACM {
					t.f(" acm")
				}
				t.f(" CW %d-%d, AIFSN %d", ac.CWMin, ac.CWMax, ac.AIFSN)
				if ac.TXOP != 0 {
					t.f(", TXOP %d usec", ac.TXOP)
				}
			}
			t.f("\n")
			return
		}
		if len(d) < 20 {
			t.f("invalid: ")
		} else {
			t.f("Parameter: not version 1: ")
		}
	default:
		t.f(" type %d:", d[0])
	}
	hexBytes(t, d[1:])
	t.f("\n")
}

func printOpClasses(t *tw, d []byte) {
	t.f("\n\t\t * current operating class: %d\n", d[0])
	rest := d[1:]
	for i, c := range rest {
		if c == 130 {
			for _, x := range rest[i+1:] {
				t.f("\t\t * current operating class extension: %d\n", x)
			}
			return
		}
		if c == 0 {
			return
		}
		t.f("\t\t * operating class: %d\n", c)
	}
}
