package main

import (
	"net"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// The HE and EHT elements of scan results in text, as iw 6.x prints them:
// HE Capabilities and Operation, EHT Capabilities and Operation, and the
// Multi-Link element. Some of iw's decoders read a fixed number of bytes
// whatever the element's length; where they do, giw reads on into the
// elements that follow (its payloads are slices of the frame), and zeros
// past the frame's end.

// ieContext is what an element's text needs from the other elements of
// the same frame.
type ieContext struct {
	hePHY []byte // the HE PHY capabilities of the frame's HE Capabilities element
}

// newIEContext gathers the context of a frame's elements; the last HE
// Capabilities element counts, as in iw.
func newIEContext(ies []nl80211.IE) ieContext {
	var c ieContext
	for _, ie := range ies {
		if ie.ID == nl80211.IEExtension && len(ie.Data) > 0 && ie.Data[0] == nl80211.IEExtHECapabilities {
			c.hePHY = reach(ie.Data[1:], 17)[6:]
		}
	}
	return c
}

// reach returns n bytes from the start of d, read on past its end into
// the frame it was cut from and zero-filled after that.
func reach(d []byte, n int) []byte { return padded(d[:cap(d)], max(n, len(d))) }

// extSpec is an extension element giw prints, with the payload sizes it
// accepts.
type extSpec struct {
	name     string
	min, max int
	print    func(t *tw, data []byte, c ieContext)
}

// extSpecs are the extension elements giw prints, by extension ID (the
// others show with -u).
var extSpecs = map[uint8]extSpec{
	nl80211.IEExtHECapabilities:  {"HE capabilities", 21, 54, func(t *tw, d []byte, _ ieContext) { printHECapaIE(t, d) }},
	nl80211.IEExtHEOperation:     {"HE Operation", 6, 15, printHEOperIE},
	nl80211.IEExtEHTCapabilities: {"EHT capabilities", 13, 30, printEHTCapaIE},
	nl80211.IEExtMultiLink:       {"Multi-Link", 5, 23, printMultiLinkIE},
	nl80211.IEExtEHTOperation:    {"EHT Operation", 5, 10, printEHTOperIE},
}

// printHECapaIE writes the HE Capabilities element (its payload after the
// extension ID).
func printHECapaIE(t *tw, d []byte) {
	t.f("\n")
	printHECapa(t, "", d[:6], d[6:17], d[17:], nil)
}

// printEHTCapaIE writes the EHT Capabilities element; its MCS and NSS set
// is laid out by the HE capabilities of the same frame. Scan results come
// from access points.
func printEHTCapaIE(t *tw, d []byte, c ieContext) {
	t.f("\n")
	mcs := d[11:]
	printEHTCapa(t, "", nl80211.Band6GHz, d[:2], d[2:11], mcs, nil, c.hePHY, true)
}

// printHEMaxMCS writes a HE-MCS map, a line per stream count.
func printHEMaxMCS(t *tw, m uint16, pre string) {
	for k := range 8 {
		t.f("%s%d streams: ", pre, k+1)
		if v := (m >> (2 * k)) & 3; v == 3 {
			t.f("not supported\n")
		} else {
			t.f("MCS 0-%d\n", 7+2*v)
		}
	}
}

// printHEOperIE writes the HE Operation element.
func printHEOperIE(t *tw, d []byte, _ ieContext) {
	t.f("\n")
	p := d[:3]
	t.f("\t\tHE Operation Parameters: (0x%02x%02x%02x)\n", p[2], p[1], p[0])
	t.f("\t\t\tDefault PE Duration: %d\n", p[0]&7)
	flag := func(on bool, text string) {
		if on {
			t.f("%s\n", text)
		}
	}
	flag(p[0]&0x08 != 0, "\t\t\tTWT Required")
	t.f("\t\t\tTXOP Duration RTS Threshold: %d\n", (uint16(p[0])|uint16(p[1])<<8)>>4&0x3ff)
	flag(p[1]&0x40 != 0, "\t\t\tVHT Operation Information Present")
	flag(p[1]&0x80 != 0, "\t\t\tCo-Hosted BSS")
	flag(p[2]&0x01 != 0, "\t\t\tER SU Disable")
	flag(p[2]&0x02 != 0, "\t\t\t6 GHz Operation Information Present")
	t.f("\t\tBSS Color: %d\n", d[3]&0x3f)
	flag(d[3]&0x40 != 0, "\t\tPartial BSS Color")
	flag(d[3]&0x80 != 0, "\t\tBSS Color Disabled")
	m := uint16(d[4]) | uint16(d[5])<<8
	t.f("\t\tBasic HE-MCS NSS Set: 0x%04x\n", m)
	printHEMaxMCS(t, m, "\t\t\t")
	rest := d[6:]
	if p[1]&0x40 != 0 {
		if len(rest) < 3 {
			t.f("\t\tVHT Operation Info: Invalid\n")
			return
		}
		t.f("\t\tVHT Operation Info: 0x%02x%02x%02x\n", rest[2], rest[1], rest[0])
		rest = rest[3:]
	}
	if p[1]&0x80 != 0 {
		if len(rest) < 1 {
			t.f("\t\tMax Co-Hosted BSSID: Invalid\n")
			return
		}
		t.f("\t\tMax Co-Hosted BSSID: %d\n", rest[0])
		rest = rest[1:]
	}
	if p[2]&0x02 != 0 {
		if len(rest) < 5 {
			t.f("\t\t6 GHz Operation Info: Invalid\n")
			return
		}
		s := rest[:5]
		t.f("\t\t6 GHz Operation Information: 0x%x\n", s)
		t.f("\t\t\tPrimary Channel: %d\n", s[0])
		t.f("\t\t\tChannel Width: %s\n", [4]string{"20 MHz", "40 MHz", "80 MHz", "80+80 or 160 MHz"}[s[1]&3])
		flag(s[1]&0x04 != 0, "\t\t\tDuplicate Beacon: True")
		t.f("\t\t\tRegulatory Info: %d\n", s[1]>>3&0xf)
		t.f("\t\t\tCenter Frequency Segment 0: %d\n", s[2])
		t.f("\t\t\tCenter Frequency Segment 1: %d\n", s[3])
		t.f("\t\t\tMinimum Rate: %d\n", s[4])
	}
}

// printEHTOperIE writes the EHT Operation element.
func printEHTOperIE(t *tw, d []byte, _ ieContext) {
	t.f("\n")
	p := d[0]
	t.f("\t\tEHT Operation Parameters: (0x%02x)\n", p)
	if p&0x04 != 0 {
		t.f("\t\t\tEHT Default PE Duration\n")
	}
	if p&0x08 != 0 {
		t.f("\t\t\tGroup Addressed BU Indication Limit\n")
	}
	t.f("\t\t\tGroup Addressed BU Indication Exponent: 0x%x\n", p>>4&3)
	t.f("\t\tBasic EHT-MCS And Nss Set: 0x%x\n", d[1:5])
	if p&0x01 == 0 {
		return
	}
	n := 3
	if p&0x02 != 0 {
		n += 2 // the disabled subchannel bitmap
	}
	info := d[5:]
	if len(info) < n {
		t.f("\t\tEHT Operation Info: Invalid\n")
		return
	}
	t.f("\t\tEHT Operation Info: 0x%x\n", info[:n])
	t.f("\t\t\tChannel Width: ")
	if w := info[0] & 7; w <= 4 {
		t.f("%d MHz\n", 20<<w)
	} else {
		t.f("invalid bandwidth (%d)\n", w)
	}
	t.f("\t\t\tCenter Frequency Segment 0: %d\n", info[1])
	t.f("\t\t\tCenter Frequency Segment 1: %d\n", info[2])
	if n == 5 {
		t.f("\t\t\tDisabled Subchannel Bitmap: 0x%02x%02x\n", info[3], info[4])
	}
}

// printMultiLinkIE writes the Multi-Link element's common information as
// iw 6.x does: the MLD address always, the rest while what iw takes for
// the common information's end (its length field, less one, counted from
// the element's control field) is not reached.
func printMultiLinkIE(t *tw, d []byte, _ ieContext) {
	t.f("\n")
	r := reach(d, 255+2) // fields start before end, a byte, and are at most 2 long
	present := uint16(r[0]) | uint16(r[1])<<8
	end := int(r[2] - 1) // a byte, as in iw: 0 wraps to 255
	t.f("\t\tMLD MAC: %s\n", net.HardwareAddr(r[3:9]))
	off := 9
	field := func(bit uint16) bool { return off < end && present&bit != 0 }
	if field(0x0010) {
		t.f("\t\tLink ID: %d\n", r[off]&0xf)
		off++
	}
	if field(0x0020) { // BSS Parameters Change Count
		off++
	}
	if field(0x0040) { // Medium Synchronization Delay Information
		off += 2
	}
	if field(0x0080) {
		eml := uint16(r[off]) | uint16(r[off+1])<<8
		t.f("\t\t\tEML Capabilities: 0x%04x\n", eml)
		if eml&0x0001 != 0 {
			t.f("\t\t\t\tEMLSR Support\n")
		}
		if eml&0x0080 != 0 {
			t.f("\t\t\t\tEMLMR Support\n")
		}
		off += 2
	}
	if field(0x0100) {
		mld := uint16(r[off]) | uint16(r[off+1])<<8
		t.f("\t\t\tMLD Capabilities and Operations: 0x%04x\n", mld)
		t.f("\t\t\t\tMaximum Number of Simultaneous Links: %d\n", mld&0xf)
	}
}
