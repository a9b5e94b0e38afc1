package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// scanTimeout bounds how long "scan" waits for the kernel to finish.
const scanTimeout = 60 * time.Second

// bssJSON is the JSON view of a scan result (giw -j dev X scan [dump]).
type bssJSON struct {
	BSSID            string       `json:"bssid"`
	Ifname           string       `json:"ifname"`
	Status           string       `json:"status,omitempty"`
	LastSeenBoottime *uint64      `json:"last_seen_boottime_ns,omitempty"`
	TSF              *uint64      `json:"tsf_usec,omitempty"`
	Freq             uint32       `json:"freq"`
	FreqOffset       uint32       `json:"freq_offset_khz,omitempty"`
	Channel          int          `json:"channel"`
	BeaconInterval   *uint16      `json:"beacon_interval_tu,omitempty"`
	Capability       []string     `json:"capability"`
	CapabilityRaw    *uint16      `json:"capability_raw,omitempty"`
	Signal           *float64     `json:"signal_dbm,omitempty"`
	SignalUnspec     *uint8       `json:"signal_unspec,omitempty"`
	LastSeenMs       *uint32      `json:"last_seen_ms_ago,omitempty"`
	SSID             *string      `json:"ssid,omitempty"`
	SSIDHex          *string      `json:"ssid_hex,omitempty"`
	Rates            []bssRate    `json:"rates"`
	DSChannel        *uint8       `json:"ds_channel,omitempty"`
	Country          *string      `json:"country,omitempty"`
	Privacy          bool         `json:"privacy"`
	RSN              *rsnJSON     `json:"rsn,omitempty"`
	WPA              *rsnJSON     `json:"wpa,omitempty"`
	HECapa           *heCapaJSON  `json:"he_capabilities,omitempty"`
	HEOper           *heOperJSON  `json:"he_operation,omitempty"`
	EHTCapa          *ehtCapaJSON `json:"eht_capabilities,omitempty"`
	EHTOper          *ehtOperJSON `json:"eht_operation,omitempty"`
	IEsFrom          string       `json:"ies_from"`
	IEs              []ieJSON     `json:"ies"`
	BeaconIEs        []ieJSON     `json:"beacon_ies,omitempty"`
}

type bssRate struct {
	Mbps     float64 `json:"mbps,omitempty"`
	Selector string  `json:"selector,omitempty"`
	Basic    bool    `json:"basic"`
}

type rsnJSON struct {
	Version         uint16   `json:"version"`
	GroupCipher     string   `json:"group_cipher"`
	PairwiseCiphers []string `json:"pairwise_ciphers"`
	AKMSuites       []string `json:"akm_suites"`
	Capabilities    *uint16  `json:"capabilities,omitempty"`
	PMKIDCount      *uint16  `json:"pmkid_count,omitempty"`
	GroupMgmtCipher *string  `json:"group_mgmt_cipher,omitempty"`
}

type ieJSON struct {
	ID   uint8  `json:"id"`
	Data string `json:"data"` // hex
}

// capaNames name the capability field's bits (non-DMG), in iw's order.
var capaNames = []string{"ESS", "IBSS", "CfPollable", "CfPollReq", "Privacy", "ShortPreamble", "PBCC",
	"ChannelAgility", "SpectrumMgmt", "QoS", "ShortSlotTime", "APSD", "RadioMeasure", "DSSS-OFDM",
	"DelayedBACK", "ImmediateBACK"}

func capabilityNames(c uint16) []string {
	out := []string{}
	for i, n := range capaNames {
		if c&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func statusText(s nl80211.BSSStatus) string {
	switch s {
	case nl80211.BSSAuthenticated:
		return "authenticated"
	case nl80211.BSSAssociated:
		return "associated"
	case nl80211.BSSIBSSJoined:
		return "joined"
	}
	return fmt.Sprintf("unknown status: %d", uint32(s))
}

func rsnView(r nl80211.RSN, wpa bool) *rsnJSON {
	defCipher, defAKM := rsnDefaults(wpa)
	v := &rsnJSON{Version: r.Version, GroupCipher: defCipher.CipherName(), PairwiseCiphers: []string{defCipher.CipherName()},
		AKMSuites: []string{defAKM.AKMName()}, Capabilities: r.Capabilities, PMKIDCount: r.PMKIDCount}
	if r.GroupCipher != nil {
		v.GroupCipher = r.GroupCipher.CipherName()
	}
	if r.PairwiseCiphers != nil {
		v.PairwiseCiphers = []string{}
		for _, s := range r.PairwiseCiphers {
			v.PairwiseCiphers = append(v.PairwiseCiphers, s.CipherName())
		}
	}
	if r.AKMSuites != nil {
		v.AKMSuites = []string{}
		for _, s := range r.AKMSuites {
			v.AKMSuites = append(v.AKMSuites, s.AKMName())
		}
	}
	if r.GroupMgmtCipher != nil {
		n := r.GroupMgmtCipher.CipherName()
		v.GroupMgmtCipher = &n
	}
	return v
}

func iesView(raw []byte) []ieJSON {
	ies, _ := nl80211.ParseIEs(raw)
	out := make([]ieJSON, 0, len(ies))
	for _, ie := range ies {
		out = append(out, ieJSON{ID: ie.ID, Data: hex.EncodeToString(ie.Data)})
	}
	return out
}

func bssView(b nl80211.BSS, ifname string) bssJSON {
	v := bssJSON{BSSID: b.BSSID.String(), Ifname: ifname, LastSeenBoottime: b.LastSeenBoottime, TSF: b.TSF,
		Freq: b.Freq, FreqOffset: b.FreqOffset, Channel: nl80211.FreqToChannel(b.Freq), BeaconInterval: b.BeaconInterval,
		Capability: []string{}, CapabilityRaw: b.Capability, SignalUnspec: b.SignalUnspec, LastSeenMs: b.SeenMsAgo,
		Rates: []bssRate{}, IEsFrom: "beacon"}
	if b.Status != nil {
		v.Status = statusText(*b.Status)
	}
	if b.Capability != nil {
		v.Capability = capabilityNames(*b.Capability)
		v.Privacy = *b.Capability&(1<<4) != 0
	}
	if b.SignalMBM != nil {
		s := float64(*b.SignalMBM) / 100
		v.Signal = &s
	}
	raw := b.IEs
	if raw == nil {
		raw = b.BeaconIEs
	} else if b.ProbeResponse || (b.BeaconIEs != nil && string(b.BeaconIEs) != string(b.IEs)) {
		v.IEsFrom = "probe_response"
	}
	ies, _ := nl80211.ParseIEs(raw)
	for _, ie := range ies {
		switch ie.ID {
		case nl80211.IESSID:
			if v.SSID == nil {
				s, h := ssidJSON(ie.Data)
				v.SSID, v.SSIDHex = &s, &h
			}
		case nl80211.IESupportedRates, nl80211.IEExtRates:
			for _, r := range ie.Data {
				rate := nl80211.Rate(r)
				v.Rates = append(v.Rates, bssRate{Mbps: float64(rate.Kbps()) / 1000, Selector: rate.Selector(), Basic: rate.Basic()})
			}
		case nl80211.IEDSParams:
			if len(ie.Data) == 1 {
				v.DSChannel = ptrTo(ie.Data[0])
			}
		case nl80211.IECountry:
			if c, err := nl80211.ParseCountry(ie.Data); err == nil {
				v.Country = &c.Code
			}
		case nl80211.IERSN:
			if len(ie.Data) >= 2 {
				v.RSN = rsnView(nl80211.ParseRSN(ie.Data), false)
			}
		case nl80211.IEVendor:
			if oui, typ, rest, ok := nl80211.Vendor(ie.Data); ok && oui == nl80211.OUIMicrosoft && typ == 1 && len(rest) >= 2 {
				v.WPA = rsnView(nl80211.ParseRSN(rest), true)
			}
		}
	}
	heElementsView(&v, ies)
	v.IEs = iesView(raw)
	if b.IEs != nil && b.BeaconIEs != nil {
		v.BeaconIEs = iesView(b.BeaconIEs)
	}
	return v
}

// printBSS writes a scan result as iw's print_bss_handler does.
func printBSS(t *tw, b nl80211.BSS, ifname string, unknown bool) {
	t.f("BSS %s", b.BSSID)
	if b.Ifindex != 0 {
		t.f("(on %s)", ifname)
	}
	if b.Status != nil {
		t.f(" -- %s", statusText(*b.Status))
	}
	t.f("\n")
	if b.LastSeenBoottime != nil {
		bt := *b.LastSeenBoottime
		t.f("\tlast seen: %d.%03ds [boottime]\n", bt/1e9, (bt%1e9)/1e6)
	}
	if b.TSF != nil {
		tsf := *b.TSF
		t.f("\tTSF: %d usec (%dd, %02d:%02d:%02d)\n", tsf, tsf/1e6/3600/24, (tsf/1e6/3600)%24, (tsf/1e6/60)%60, (tsf/1e6)%60)
	}
	if b.Freq != 0 {
		t.f("\tfreq: %d\n", b.Freq)
	}
	if b.BeaconInterval != nil {
		t.f("\tbeacon interval: %d TUs\n", *b.BeaconInterval)
	}
	if b.Capability != nil {
		t.f("\tcapability:")
		for _, n := range capabilityNames(*b.Capability) {
			t.f(" %s", n)
		}
		t.f(" (0x%04x)\n", *b.Capability)
	}
	if b.SignalMBM != nil {
		t.f("\tsignal: %s dBm\n", dbm100(*b.SignalMBM))
	}
	if b.SignalUnspec != nil {
		t.f("\tsignal: %d/100\n", *b.SignalUnspec)
	}
	if b.SeenMsAgo != nil {
		t.f("\tlast seen: %d ms ago\n", *b.SeenMsAgo)
	}
	switch {
	case b.IEs != nil:
		if b.ProbeResponse || (b.BeaconIEs != nil && string(b.BeaconIEs) != string(b.IEs)) {
			t.f("\tInformation elements from Probe Response frame:\n")
		}
		printIEs(t, b.IEs, unknown)
	case b.BeaconIEs != nil:
		t.f("\tInformation elements from Beacon frame:\n")
		printIEs(t, b.BeaconIEs, unknown)
	}
}

// scanOptions are the arguments of scan and scan trigger.
type scanOptions struct {
	unknown bool
	req     nl80211.ScanRequest
}

// parseScanArgs reads [-u] [freq F...] [ssid S...|passive] [flush] [lowpri...].
func parseScanArgs(args []string, allowU bool) (scanOptions, error) {
	var o scanOptions
	mode := ""
	for _, a := range args {
		switch {
		case a == "-u" && allowU:
			o.unknown = true
		case a == "freq" || a == "ssid":
			mode = a
		case a == "passive":
			if o.req.SSIDs != nil {
				return o, &usageError{}
			}
			o.req.Passive, mode = true, ""
		case a == "flush":
			o.req.Flush, mode = true, ""
		case mode == "freq":
			f, err := strconv.ParseUint(a, 10, 32)
			if err != nil {
				return o, &usageError{}
			}
			o.req.Freqs = append(o.req.Freqs, uint32(f))
		case mode == "ssid":
			if o.req.Passive {
				return o, &usageError{}
			}
			o.req.SSIDs = append(o.req.SSIDs, []byte(a))
		default:
			return o, &usageError{}
		}
	}
	return o, nil
}

func printScan(e *env, ifname string, bsss []nl80211.BSS, unknown bool) error {
	if e.opts.json {
		out := make([]bssJSON, 0, len(bsss))
		for _, b := range bsss {
			out = append(out, bssView(b, ifname))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, b := range bsss {
		printBSS(t, b, ifname, unknown)
	}
	return t.err
}

func runScan(e *env, tg target, args []string) error {
	o, err := parseScanArgs(args, true)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(e.ctx, scanTimeout)
	defer cancel()
	bsss, err := e.client.Scan(ctx, tg.dev.Index, o.req)
	if err != nil {
		return err
	}
	return printScan(e, tg.dev.Name, bsss, o.unknown)
}

func runScanDump(e *env, tg target, args []string) error {
	o, err := parseScanArgs(args, true)
	if err != nil || o.req.Freqs != nil || o.req.SSIDs != nil || o.req.Passive || o.req.Flush {
		return &usageError{}
	}
	bsss, err := e.client.ScanResults(tg.dev.Index)
	if err != nil {
		return err
	}
	return printScan(e, tg.dev.Name, bsss, o.unknown)
}

func runScanTrigger(e *env, tg target, args []string) error {
	o, err := parseScanArgs(args, false)
	if err != nil {
		return err
	}
	return e.client.TriggerScan(tg.dev.Index, o.req)
}

func runScanAbort(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.AbortScan(tg.dev.Index)
}
