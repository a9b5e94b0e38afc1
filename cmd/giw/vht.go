package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

// VHT (802.11ac) capability text, shared by "phy" (per band) and the VHT
// Capabilities element of scan results, in iw's words.

// nssRatio gives, for a supported channel width setting and an extended
// NSS bandwidth setting, the spatial streams usable at each width relative
// to the maximum, in quarters (4 is all, 2 half, 8 twice; 0 not at all), as
// IEEE 802.11-2016 Table 9-250 defines them. ok is false for reserved
// combinations.
type nssRatio struct {
	ok                              bool
	bw20, bw40, bw80, bw160, bw8080 int
}

var nssRatios = [3][4]nssRatio{
	{{true, 4, 4, 4, 0, 0}, {true, 4, 4, 4, 2, 0}, {true, 4, 4, 4, 2, 2}, {true, 4, 4, 4, 3, 3}},
	{{true, 4, 4, 4, 4, 0}, {true, 4, 4, 4, 4, 2}, {true, 4, 4, 4, 4, 3}, {true, 8, 8, 8, 8, 1}},
	{{true, 4, 4, 4, 4, 4}, {}, {}, {true, 8, 8, 8, 4, 4}},
}

func nssRatioText(name string, r int) string {
	if r == 0 || r == 4 {
		return ""
	}
	v := map[int]string{3: "3/4", 2: "1/2", 8: "x2"}[r]
	if v == "" {
		v = "undef"
	}
	return name + " (" + v + " NSS) "
}

// printVHTInfo writes VHT capabilities and MCS sets as iw's print_vht_info
// does.
func printVHTInfo(t *tw, capa uint32, mcs []byte) {
	t.f("\t\tVHT Capabilities (0x%08x):\n", capa)
	t.f("\t\t\tMax MPDU length: %s\n", [4]string{"3895", "7991", "11454", "(reserved)"}[capa&3])
	t.f("\t\t\tSupported Channel Width: ")
	width, ext := (capa>>2)&3, (capa>>30)&3
	var r nssRatio
	if width < 3 {
		r = nssRatios[width][ext]
	}
	switch {
	case !r.ok:
		t.f("(reserved)\n")
	case r.bw20 == 4 && r.bw40 == 4 && r.bw80 == 4 && (r.bw160 == 0 || r.bw160 == 4) && (r.bw8080 == 0 || r.bw8080 == 4):
		t.f("%s\n", [3]string{"neither 160 nor 80+80", "160 MHz", "160 MHz, 80+80 MHz"}[width])
	default:
		t.f("%s%s%s%s%s\n", nssRatioText("20Mhz", r.bw20), nssRatioText("40Mhz", r.bw40), nssRatioText("80Mhz", r.bw80),
			nssRatioText("160Mhz", r.bw160), nssRatioText("80+80Mhz", r.bw8080))
	}
	for _, f := range []struct {
		bit  uint
		name string
	}{{4, "RX LDPC"}, {5, "short GI (80 MHz)"}, {6, "short GI (160/80+80 MHz)"}, {7, "TX STBC"},
		{11, "SU Beamformer"}, {12, "SU Beamformee"}, {19, "MU Beamformer"}, {20, "MU Beamformee"},
		{21, "VHT TXOP PS"}, {22, "+HTC-VHT"}, {28, "RX antenna pattern consistency"}, {29, "TX antenna pattern consistency"}} {
		if capa&(1<<f.bit) != 0 {
			t.f("\t\t\t%s\n", f.name)
		}
	}
	set := func(dir string, m, hi uint16) {
		t.f("\t\tVHT %s MCS set:\n", dir)
		for i := 1; i <= 8; i++ {
			t.f("\t\t\t%d streams: %s\n", i, [4]string{"MCS 0-7", "MCS 0-8", "MCS 0-9", "not supported"}[(m>>((i-1)*2))&3])
		}
		t.f("\t\tVHT %s highest supported: %d Mbps\n", dir, hi&0x1fff)
	}
	le := func(i int) uint16 { return uint16(mcs[i]) | uint16(mcs[i+1])<<8 }
	set("RX", le(0), le(2))
	set("TX", le(4), le(6))
	ext2 := "not "
	if le(6)&(1<<13) != 0 {
		ext2 = ""
	}
	t.f("\t\tVHT extended NSS: %ssupported\n", ext2)
}

func printBandVHT(t *tw, b nl80211.Band) {
	if b.VHTCapa != nil && len(b.VHTMCSSet) >= 8 {
		printVHTInfo(t, *b.VHTCapa, b.VHTMCSSet)
	}
}

// printVHTCapaIE writes the VHT Capabilities element (12 bytes or more).
func printVHTCapaIE(t *tw, d []byte) {
	t.f("\n")
	printVHTInfo(t, uint32(d[0])|uint32(d[1])<<8|uint32(d[2])<<16|uint32(d[3])<<24, d[4:])
}

// printVHTOperationIE writes the VHT Operation element (5 bytes or more).
func printVHTOperationIE(t *tw, d []byte) {
	widths := map[byte]string{0: "20 or 40 MHz", 1: "80 MHz", 2: "160 MHz", 3: "80+80 MHz"}
	w, ok := widths[d[0]]
	if !ok {
		w = "unknown"
	}
	t.f("\n")
	t.f("\t\t * channel width: %d (%s)\n", d[0], w)
	t.f("\t\t * center freq segment 1: %d\n", d[1])
	t.f("\t\t * center freq segment 2: %d\n", d[2])
	t.f("\t\t * VHT basic MCS set: 0x%02x%02x\n", d[4], d[3])
}
