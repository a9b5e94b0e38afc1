package main

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// phyJSON is the JSON view of a wiphy (giw -j phy, giw -j phy X info).
type phyJSON struct {
	Wiphy             int        `json:"wiphy"`
	Name              string     `json:"name"`
	Bands             []bandJSON `json:"bands"`
	MaxScanSSIDs      *uint8     `json:"max_scan_ssids,omitempty"`
	MaxScanIELen      *uint16    `json:"max_scan_ie_len,omitempty"`
	MaxSchedScanSSIDs *uint8     `json:"max_sched_scan_ssids,omitempty"`
	MaxMatchSets      *uint8     `json:"max_match_sets,omitempty"`
	FragThreshold     *uint32    `json:"frag_threshold,omitempty"`
	RTSThreshold      *uint32    `json:"rts_threshold,omitempty"`
	RetryShort        *uint8     `json:"retry_short,omitempty"`
	RetryLong         *uint8     `json:"retry_long,omitempty"`
	CoverageClass     *uint8     `json:"coverage_class,omitempty"`
	Ciphers           []string   `json:"ciphers"`
	AntennaAvailTX    *uint32    `json:"antenna_avail_tx,omitempty"`
	AntennaAvailRX    *uint32    `json:"antenna_avail_rx,omitempty"`
	AntennaTX         *uint32    `json:"antenna_tx,omitempty"`
	AntennaRX         *uint32    `json:"antenna_rx,omitempty"`
	InterfaceModes    []string   `json:"interface_modes"`
	SoftwareModes     []string   `json:"software_modes"`
	Commands          []string   `json:"commands"`
	SelfManagedReg    bool       `json:"self_managed_reg"`
}

type bandJSON struct {
	Band        int              `json:"band"` // iw's "Band N": the nl80211 band + 1
	HTCapa      *uint16          `json:"ht_capa,omitempty"`
	IfTypeData  []ifTypeDataJSON `json:"iftype_data"`
	Frequencies []freqJSON       `json:"frequencies"`
	Bitrates    []rateJSON       `json:"bitrates"`
}

type freqJSON struct {
	Freq       uint32   `json:"freq"`
	OffsetKHz  uint32   `json:"freq_offset_khz,omitempty"`
	Channel    int      `json:"channel"`
	MaxTxPower *float64 `json:"max_tx_power_dbm,omitempty"`
	Disabled   bool     `json:"disabled"`
	NoIR       bool     `json:"no_ir"`
	Radar      bool     `json:"radar"`
	IndoorOnly bool     `json:"indoor_only"`
}

type rateJSON struct {
	Mbps          float64 `json:"mbps"`
	ShortPreamble bool    `json:"short_preamble"`
}

func ifTypeNames(ts []nl80211.IfType) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.String())
	}
	return out
}

func phyView(p nl80211.Phy) phyJSON {
	v := phyJSON{
		Wiphy: p.Index, Name: p.Name, Bands: []bandJSON{},
		MaxScanSSIDs: p.MaxScanSSIDs, MaxScanIELen: p.MaxScanIELen, MaxSchedScanSSIDs: p.MaxSchedScanSSIDs,
		MaxMatchSets: p.MaxMatchSets, FragThreshold: p.FragThreshold, RTSThreshold: p.RTSThreshold,
		RetryShort: p.RetryShort, RetryLong: p.RetryLong, CoverageClass: p.CoverageClass,
		Ciphers:        []string{},
		AntennaAvailTX: p.AntennaAvailTX, AntennaAvailRX: p.AntennaAvailRX, AntennaTX: p.AntennaTX, AntennaRX: p.AntennaRX,
		InterfaceModes: ifTypeNames(p.InterfaceModes), SoftwareModes: ifTypeNames(p.SoftwareModes),
		Commands: []string{}, SelfManagedReg: p.SelfManagedReg,
	}
	for _, b := range p.Bands {
		bv := bandJSON{Band: b.ID + 1, HTCapa: b.HTCapa, IfTypeData: ifTypeDataView(b.IfTypeData),
			Frequencies: []freqJSON{}, Bitrates: []rateJSON{}}
		for _, f := range b.Frequencies {
			fv := freqJSON{Freq: f.MHz, OffsetKHz: f.OffsetKHz, Channel: nl80211.FreqToChannel(f.MHz),
				Disabled: f.Disabled, NoIR: f.NoIR, Radar: f.Radar, IndoorOnly: f.IndoorOnly}
			if f.MaxTxPower != nil && !f.Disabled {
				p := float64(*f.MaxTxPower) / 100
				fv.MaxTxPower = &p
			}
			bv.Frequencies = append(bv.Frequencies, fv)
		}
		for _, r := range b.Bitrates {
			bv.Bitrates = append(bv.Bitrates, rateJSON{Mbps: float64(r.Rate) / 10, ShortPreamble: r.ShortPreamble})
		}
		v.Bands = append(v.Bands, bv)
	}
	for _, c := range p.CipherSuites {
		v.Ciphers = append(v.Ciphers, nl80211.CipherName(c))
	}
	for _, c := range p.Commands {
		v.Commands = append(v.Commands, nl80211.CommandName(c))
	}
	return v
}

// printPhy writes the summary of a wiphy in iw's words and order. The
// capability blocks iw also prints (HT/VHT/HE details, interface
// combinations, frame types, WoWLAN, feature flags) are left out.
func printPhy(t *tw, p nl80211.Phy) {
	// The order is the kernel's split dump order, which iw follows:
	// limits, ciphers, antennas and modes first, then the bands, then the
	// commands and software modes.
	t.f("Wiphy %s\n", p.Name)
	t.f("\twiphy index: %d\n", p.Index)
	if p.MaxScanSSIDs != nil {
		t.f("\tmax # scan SSIDs: %d\n", *p.MaxScanSSIDs)
	}
	if p.MaxScanIELen != nil {
		t.f("\tmax scan IEs length: %d bytes\n", *p.MaxScanIELen)
	}
	if p.MaxSchedScanSSIDs != nil {
		t.f("\tmax # sched scan SSIDs: %d\n", *p.MaxSchedScanSSIDs)
	}
	if p.MaxMatchSets != nil {
		t.f("\tmax # match sets: %d\n", *p.MaxMatchSets)
	}
	if p.FragThreshold != nil {
		t.f("\tFragmentation threshold: %d\n", *p.FragThreshold)
	}
	if p.RTSThreshold != nil {
		t.f("\tRTS threshold: %d\n", *p.RTSThreshold)
	}
	if p.RetryShort != nil || p.RetryLong != nil {
		var s, l uint8
		if p.RetryShort != nil {
			s = *p.RetryShort
		}
		if p.RetryLong != nil {
			l = *p.RetryLong
		}
		if s == l {
			t.f("\tRetry short long limit: %d\n", s)
		} else {
			t.f("\tRetry short limit: %d\n\tRetry long limit: %d\n", s, l)
		}
	}
	if p.CoverageClass != nil {
		t.f("\tCoverage class: %d (up to %dm)\n", *p.CoverageClass, 450*int(*p.CoverageClass))
	}
	if len(p.CipherSuites) > 0 {
		t.f("\tSupported Ciphers:\n")
		for _, c := range p.CipherSuites {
			t.f("\t\t* %s\n", nl80211.CipherName(c))
		}
	}
	if p.AntennaAvailTX != nil && p.AntennaAvailRX != nil {
		t.f("\tAvailable Antennas: TX %s RX %s\n", hexC(*p.AntennaAvailTX), hexC(*p.AntennaAvailRX))
	}
	if p.AntennaTX != nil && p.AntennaRX != nil {
		t.f("\tConfigured Antennas: TX %s RX %s\n", hexC(*p.AntennaTX), hexC(*p.AntennaRX))
	}
	if p.InterfaceModes != nil {
		t.f("\tSupported interface modes:\n")
		for _, m := range p.InterfaceModes {
			t.f("\t\t * %s\n", m)
		}
	}
	for _, b := range p.Bands {
		printBand(t, b)
	}
	if p.Commands != nil {
		t.f("\tSupported commands:\n")
		for _, c := range p.Commands {
			t.f("\t\t * %s\n", nl80211.CommandName(c))
		}
	}
	if p.SoftwareModes != nil {
		t.f("\tsoftware interface modes (can always be added):\n")
		for _, m := range p.SoftwareModes {
			t.f("\t\t * %s\n", m)
		}
	}
}

// printBand writes a band in the split dump's order, as iw shows it: the
// capabilities, the bitrates, then the frequencies.
func printBand(t *tw, b nl80211.Band) {
	t.f("\tBand %d:\n", b.ID+1)
	printBandHT(t, b)
	printBandVHT(t, b)
	printBandIfTypeData(t, b)
	if b.Bitrates != nil {
		t.f("\t\tBitrates (non-HT):\n")
	}
	for _, r := range b.Bitrates {
		t.f("\t\t\t* %2.1f Mbps", 0.1*float64(r.Rate))
		if r.ShortPreamble {
			t.f(" (short preamble supported)")
		}
		t.f("\n")
	}
	if b.Frequencies != nil {
		t.f("\t\tFrequencies:\n")
	}
	for _, f := range b.Frequencies {
		t.f("\t\t\t* %d MHz [%d]", f.MHz, nl80211.FreqToChannel(f.MHz))
		if f.MaxTxPower != nil && !f.Disabled {
			t.f(" (%.1f dBm)", 0.01*float64(*f.MaxTxPower))
		}
		var flags []string
		if f.Disabled {
			flags = append(flags, "disabled")
		} else {
			switch {
			case f.NoIR && f.NoIBSS:
				flags = append(flags, "no IR")
			case f.NoIR:
				flags = append(flags, "passive scan")
			case f.NoIBSS:
				flags = append(flags, "no ibss")
			}
			if f.Radar {
				flags = append(flags, "radar detection")
			}
		}
		if len(flags) > 0 {
			t.f(" (%s)", joinComma(flags))
		}
		t.f("\n")
	}
}

// hexC formats like C's %#x: "0" for zero, else "0x..".
func hexC(v uint32) string {
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%#x", v)
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func printPhys(e *env, phys []nl80211.Phy) error {
	if e.opts.json {
		out := make([]phyJSON, 0, len(phys))
		for _, p := range phys {
			out = append(out, phyView(p))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, p := range phys {
		printPhy(t, p)
	}
	return t.err
}

func runPhyList(e *env, _ target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	phys, err := e.client.Phys()
	if err != nil {
		return err
	}
	return printPhys(e, phys)
}

func runPhyInfo(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, phyView(tg.phy))
	}
	t := &tw{w: e.stdout}
	printPhy(t, tg.phy)
	return t.err
}
