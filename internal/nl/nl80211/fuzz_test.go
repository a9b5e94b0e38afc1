package nl80211_test

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// seed adds the captured messages of the named files to a fuzz corpus.
func seed(f *testing.F, names ...string) {
	for _, n := range names {
		for _, m := range captured(f, n) {
			f.Add(m.Attrs)
		}
	}
	f.Add([]byte{})
}

// FuzzParseBSS decodes arbitrary scan results and everything in their
// information elements: errors are fine, panics are not.
func FuzzParseBSS(f *testing.F) {
	seed(f, "scan")
	f.Fuzz(func(t *testing.T, b []byte) {
		bss, err := nl80211.ParseBSS(b)
		if err != nil {
			return
		}
		walkIEs(t, bss.IEs)
		walkIEs(t, bss.BeaconIEs)
	})
}

// FuzzIEs feeds arbitrary element buffers to every element decoder.
func FuzzIEs(f *testing.F) {
	for _, m := range captured(f, "scan") {
		if bss, err := nl80211.ParseBSS(m.Attrs); err == nil {
			f.Add(bss.IEs)
		}
	}
	f.Add([]byte{48, 2, 1, 0})
	f.Add([]byte{221, 7, 0x00, 0x50, 0xf2, 1, 1, 0, 0})
	f.Add([]byte{7, 6, 'D', 'E', ' ', 1, 13, 20})
	f.Fuzz(walkIEs)
}

func walkIEs(t *testing.T, b []byte) {
	ies, err := nl80211.ParseIEs(b)
	n := 0
	for _, ie := range ies {
		n += 2 + len(ie.Data)
	}
	if n > len(b) || (err == nil && n != len(b)) {
		t.Fatalf("elements cover %d of %d bytes (err %v)", n, len(b), err)
	}
	for _, ie := range ies {
		switch ie.ID {
		case nl80211.IERSN:
			checkRSN(t, ie.Data, nl80211.ParseRSN(ie.Data))
		case nl80211.IETIM:
			_, _ = nl80211.ParseTIM(ie.Data)
		case nl80211.IECountry:
			_, _ = nl80211.ParseCountry(ie.Data)
		case nl80211.IESupportedRates, nl80211.IEExtRates:
			for _, r := range ie.Data {
				_ = nl80211.Rate(r).Kbps()
			}
		case nl80211.IEExtension:
			checkExtension(t, ie.Data)
		case nl80211.IEVendor:
			if oui, typ, rest, ok := nl80211.Vendor(ie.Data); ok && oui == nl80211.OUIMicrosoft {
				switch typ {
				case 1:
					checkRSN(t, rest, nl80211.ParseRSN(rest))
				case 2:
					_, _ = nl80211.ParseWMMParams(rest)
				}
			}
		}
	}
}

// checkExtension decodes the HE and EHT elements and checks the parts
// stay within the payload.
func checkExtension(t *testing.T, data []byte) {
	if len(data) == 0 {
		return
	}
	body := data[1:]
	switch data[0] {
	case nl80211.IEExtHECapabilities:
		he, err := nl80211.ParseHECapabilities(body)
		if err != nil {
			return
		}
		if n := len(he.MAC) + len(he.PHY) + len(he.MCSNSS) + len(he.PPE); n != len(body) {
			t.Fatalf("HE capabilities parts cover %d of %d bytes", n, len(body))
		}
		for _, ap := range []bool{false, true} {
			if eht, err := nl80211.ParseEHTCapabilities(body, &he, ap); err == nil && len(eht.MCSNSS)+len(eht.PPE)+11 != len(body) {
				t.Fatalf("EHT capabilities parts do not cover %d bytes", len(body))
			}
		}
	case nl80211.IEExtEHTCapabilities:
		_, _ = nl80211.ParseEHTCapabilities(body, nil, true)
	case nl80211.IEExtHEOperation:
		if o, err := nl80211.ParseHEOperation(body); err == nil && 6+len(o.VHTInfo)+len(o.SixGHz) > len(body) {
			t.Fatalf("HE operation parts past %d bytes", len(body))
		}
	case nl80211.IEExtEHTOperation:
		if o, err := nl80211.ParseEHTOperation(body); err == nil && 5+len(o.Info) > len(body) {
			t.Fatalf("EHT operation parts past %d bytes", len(body))
		}
	}
}

// FuzzHEElements feeds arbitrary payloads to the HE and EHT element
// decoders, behind each extension ID.
func FuzzHEElements(f *testing.F) {
	for _, s := range heSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, id := range []byte{nl80211.IEExtHECapabilities, nl80211.IEExtHEOperation, nl80211.IEExtEHTCapabilities, nl80211.IEExtEHTOperation} {
			checkExtension(t, append([]byte{id}, b...))
		}
	})
}

// checkRSN checks what the decoder returns is consistent with its input.
func checkRSN(t *testing.T, data []byte, r nl80211.RSN) {
	if len(r.Tail) > len(data) {
		t.Fatalf("RSN tail of %d bytes from %d", len(r.Tail), len(data))
	}
	for _, s := range append(append([]nl80211.Suite{}, r.PairwiseCiphers...), r.AKMSuites...) {
		if s.CipherName() == "" || s.AKMName() == "" {
			t.Fatalf("suite %v without a name", s)
		}
	}
	need := 0
	if r.PairwiseCiphers != nil {
		need = 2 + 4 + 2 + 4*len(r.PairwiseCiphers) // version, group, count, suites
	}
	if r.AKMSuites != nil {
		need += 2 + 4*len(r.AKMSuites)
	}
	if need > len(data) {
		t.Fatalf("RSN with %d+%d suites from %d bytes", len(r.PairwiseCiphers), len(r.AKMSuites), len(data))
	}
}

// FuzzParseStation decodes arbitrary station messages.
func FuzzParseStation(f *testing.F) {
	seed(f, "station-ap", "station-sta")
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := nl80211.ParseStation(b)
		if err != nil {
			return
		}
		if s.TxBitrate != nil && s.TxBitrate.Width80P80 && s.TxBitrate.Width != 160 {
			t.Fatalf("80+80 rate with width %d", s.TxBitrate.Width)
		}
	})
}

// FuzzMergeWiphy merges arbitrary wiphy messages into one Phy.
func FuzzMergeWiphy(f *testing.F) {
	for i, m := range captured(f, "wiphy-split") {
		if i%16 == 0 {
			f.Add(m.Attrs)
		}
	}
	// The messages with the bands' HE and EHT capabilities.
	for _, m := range captured(f, "wiphy-split") {
		var p nl80211.Phy
		if nl80211.MergeWiphy(&p, m.Attrs) == nil && len(p.Bands) > 0 && p.Bands[0].IfTypeData != nil {
			f.Add(m.Attrs)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p nl80211.Phy
		if err := nl80211.MergeWiphy(&p, b); err != nil {
			return
		}
		// Merging the same message again must not fail either.
		if err := nl80211.MergeWiphy(&p, b); err != nil {
			t.Fatalf("second merge: %v", err)
		}
	})
}

// FuzzParseInterfaceAndReg decodes arbitrary interface, regulatory and
// event messages.
func FuzzParseInterfaceAndReg(f *testing.F) {
	seed(f, "interfaces-ap", "interfaces-sta", "reg")
	f.Fuzz(func(t *testing.T, b []byte) {
		if ifc, err := nl80211.ParseInterface(b); err == nil {
			_ = ifc.Type.String()
		}
		if rd, err := nl80211.ParseRegDomain(b); err == nil {
			for _, r := range rd.Rules {
				_ = r.FlagNames()
			}
		}
		_, _ = nl80211.ParseConnectResult(b)
		if ev, err := nl80211.ParseEvent(genl.Message{Header: genl.Header{Command: unix.NL80211_CMD_CONNECT}, Attrs: b}); err == nil && ev.Cmd != unix.NL80211_CMD_CONNECT {
			t.Fatalf("event command %d", ev.Cmd)
		}
	})
}
