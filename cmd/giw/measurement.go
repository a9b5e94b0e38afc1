package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

const ftmRequestArgs = "<config-file> [timeout=<seconds>] [randomise[=<addr>/<mask>]]"

const ftmRequestHelp = "Send an FTM request to the targets supplied in the config file.\n" +
	"Each line in the file represents a target, with the following format:\n" +
	"<addr> bw=<[20|40|80|80+80|160]> cf=<center_freq> [cf1=<center_freq1>] [cf2=<center_freq2>] " +
	"[ftms_per_burst=<samples per burst>] [ap-tsf] [asap] [bursts_exp=<num of bursts exponent>] " +
	"[burst_period=<burst period>] [retries=<num of retries>] [burst_duration=<burst duration>] " +
	"[preamble=<legacy,ht,vht,dmg>] [lci] [civic] [tb] [non_tb]"

// ftmLineMax is the longest line iw reads at once (fgets into 256 bytes):
// a longer line continues as the next one.
const ftmLineMax = 255

// ftmConfigError is a line of an FTM configuration iw cannot read: iw
// prints why and where on standard output, then the command's usage.
type ftmConfigError struct {
	why  string // "" when iw gives no reason
	line int
}

func (e *ftmConfigError) Error() string {
	s := fmt.Sprintf("Invalid FTM configuration at line %d!", e.line)
	if e.why != "" {
		s = e.why + "\n" + s
	}
	return s
}

// ftmProblem is why iw refuses a configuration line, in iw's words.
type ftmProblem string

func (p ftmProblem) Error() string { return string(p) }

// ftmLines splits a configuration file as repeated fgets calls with iw's
// buffer do: at each newline (kept) or after ftmLineMax bytes.
func ftmLines(data []byte) []string {
	var out []string
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n') + 1
		if n == 0 || n > ftmLineMax {
			n = min(len(data), ftmLineMax)
		}
		out = append(out, string(data[:n]))
		data = data[n:]
	}
	return out
}

// parseFTMConfig reads iw's FTM configuration: a peer per line, the line
// number its index; lines starting with '#' are skipped but counted.
func parseFTMConfig(data []byte) ([]nl80211.PMSRPeer, error) {
	var peers []nl80211.PMSRPeer
	for i, line := range ftmLines(data) {
		if line[0] == '#' {
			continue
		}
		p, err := parseFTMPeer(line)
		if err != nil {
			return nil, &ftmConfigError{why: err.Error(), line: i + 1}
		}
		p.Index = uint16(i + 1)
		peers = append(peers, p)
	}
	return peers, nil
}

// scanMAC reads the "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx" a line starts with.
func scanMAC(s string) (net.HardwareAddr, string, bool) {
	mac := make(net.HardwareAddr, 6)
	for i := range mac {
		if i > 0 {
			if s == "" || s[0] != ':' {
				return nil, s, false
			}
			s = s[1:]
		}
		b, rest, ok := scanHexPrefix(s) // scanf's %hhx: the value as a byte
		if !ok {
			return nil, s, false
		}
		mac[i], s = byte(b), rest
	}
	return mac, s, true
}

var ftmPreambles = map[string]uint32{
	"legacy": nl80211.PreambleLegacy, "ht": nl80211.PreambleHT, "vht": nl80211.PreambleVHT, "dmg": nl80211.PreambleDMG,
}

// ftmWidths are the bw= words, as iw's str_to_bw reads them (anything
// else is 20 MHz without HT).
var ftmWidths = map[string]nl80211.ChanWidth{
	"5": nl80211.Width5, "10": nl80211.Width10, "20": nl80211.Width20, "40": nl80211.Width40,
	"80": nl80211.Width80, "80+80": nl80211.Width80P80, "160": nl80211.Width160,
}

// ftmPreambleFor is the preamble iw picks from the width when none is
// given.
func ftmPreambleFor(w nl80211.ChanWidth) uint32 {
	switch w {
	case nl80211.Width20, nl80211.Width40:
		return nl80211.PreambleHT
	case nl80211.Width80, nl80211.Width80P80, nl80211.Width160:
		return nl80211.PreambleVHT
	}
	return nl80211.PreambleLegacy
}

// ftmNumbers are the "name=<number>" settings: where each value goes.
var ftmNumbers = []struct {
	name string
	set  func(p *nl80211.PMSRPeer, v int64)
}{
	{"cf=", func(p *nl80211.PMSRPeer, v int64) { p.Freq = uint32(v) }},
	{"cf1=", func(p *nl80211.PMSRPeer, v int64) { p.Center1 = uint32(v) }},
	{"cf2=", func(p *nl80211.PMSRPeer, v int64) { p.Center2 = uint32(v) }},
	{"bursts_exp=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.BurstsExp = ptrTo(uint8(v)) }},
	{"burst_period=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.BurstPeriod = ptrTo(uint16(v)) }},
	{"retries=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.Retries = ptrTo(uint8(v)) }},
	{"burst_duration=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.BurstDuration = ptrTo(uint8(v)) }},
	{"ftms_per_burst=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.PerBurst = ptrTo(uint8(v)) }},
	{"bss_color=", func(p *nl80211.PMSRPeer, v int64) { p.FTM.BSSColor = ptrTo(uint8(v)) }},
}

// parseFTMPeer reads one line: the peer's address, then its settings
// separated by blanks, with iw's messages for what it refuses. iw crashes
// on a line with neither bw= nor a preamble; giw refuses it.
func parseFTMPeer(line string) (nl80211.PMSRPeer, error) {
	var p nl80211.PMSRPeer
	if i := strings.IndexByte(line, 0); i >= 0 {
		line = line[:i] // a C string ends there
	}
	mac, rest, ok := scanMAC(line)
	if !ok {
		return p, ftmProblem("Invalid MAC address")
	}
	p.Addr = mac
	var bw *string
	havePreamble := false
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
		if v, ok := strings.CutPrefix(w, "bw="); ok {
			bw = &v
			continue
		}
		if n, ok := ftmNumber(&p, w); ok {
			if n != "" {
				return p, ftmProblem("Invalid " + n + " value!")
			}
			continue
		}
		switch {
		case w == "asap":
			p.FTM.ASAP = true
		case w == "ap-tsf":
			p.GetAPTSF = true
		case w == "civic":
			p.FTM.Civic = true
		case w == "lci":
			p.FTM.LCI = true
		case strings.HasPrefix(w, "preamble="):
			v, ok := ftmPreambles[strings.ToLower(w[len("preamble="):])]
			if !ok {
				return p, ftmProblem("Invalid preamble " + w[len("preamble="):])
			}
			p.FTM.Preamble, havePreamble = v, true
		case strings.HasPrefix(w, "tb"):
			p.FTM.TriggerBased, p.FTM.Preamble, havePreamble = true, nl80211.PreambleHE, true
		case strings.HasPrefix(w, "non_tb"):
			p.FTM.NonTB, p.FTM.Preamble, havePreamble = true, nl80211.PreambleHE, true
		case strings.HasPrefix(w, "lmr_feedback"):
			p.FTM.LMR = true
		default:
			return p, ftmProblem("Unknown parameter " + w)
		}
	}
	if bw != nil {
		w, ok := ftmWidths[strings.ToLower(*bw)]
		if !ok {
			w = nl80211.Width20NoHT
		}
		p.Width = &w
	}
	if !havePreamble {
		if p.Width == nil {
			return p, ftmProblem("")
		}
		p.FTM.Preamble = ftmPreambleFor(*p.Width)
	}
	return p, nil
}

// ftmNumber applies a "name=<number>" setting. ok says w was one; a value
// iw cannot read returns the setting's name (without '=').
func ftmNumber(p *nl80211.PMSRPeer, w string) (bad string, ok bool) {
	for _, n := range ftmNumbers {
		v, found := strings.CutPrefix(w, n.name)
		if !found {
			continue
		}
		num, whole := cNumberAnyBase(v)
		if !whole {
			return strings.TrimSuffix(n.name, "="), true
		}
		n.set(p, num)
		return "", true
	}
	return "", false
}

// parseFTMOptions reads what follows the file name: timeout=<seconds> and
// randomise[=<addr>/<mask>] (or randomize), each a usage error when iw
// cannot read it.
func parseFTMOptions(args []string) (nl80211.PMSRRequest, error) {
	var r nl80211.PMSRRequest
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "randomise") || strings.HasPrefix(a, "randomize"):
			addr, mask, err := parseRandomMAC(a[len("randomise"):])
			if err != nil {
				return r, err
			}
			r.RandomMAC, r.RandomMask = addr, mask
		case strings.HasPrefix(a, "timeout="):
			v, ok := cNumberAnyBase(a[len("timeout="):])
			if !ok {
				return r, &usageError{}
			}
			r.Timeout = ptrTo(uint32(v))
		default:
			return r, &usageError{}
		}
	}
	return r, nil
}

func runFTMRequest(e *env, tg target, args []string) error {
	if len(args) < 1 {
		return &usageError{}
	}
	r, err := parseFTMOptions(args[1:])
	if err != nil {
		return err
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		var errno unix.Errno
		if errors.As(err, &errno) {
			fmt.Fprintf(e.stdout, "Failed to open file: %s\n", strerror(errno))
		}
		return err
	}
	if r.Peers, err = parseFTMConfig(data); err != nil {
		fmt.Fprintln(e.stdout, err)
		return &usageError{}
	}
	out := &ftmOutput{e: e, tg: tg}
	if err := e.client.MeasurePeers(e.ctx, tg.dev.Index, r, out.result); err != nil {
		return err
	}
	return out.finish()
}

// ftmOutput prints the measurement results as they come, as iw does, or
// gathers them for one JSON document.
type ftmOutput struct {
	e       *env
	tg      target
	results []pmsrJSON
	err     error
}

func (o *ftmOutput) result(r nl80211.PMSRResult) {
	if o.e.opts.json {
		if !r.Complete {
			o.results = append(o.results, pmsrView(r))
		}
		return
	}
	t := &tw{w: o.e.stdout}
	ev := nl80211.Event{Wiphy: r.Wiphy, Ifindex: r.Ifindex, WDev: r.WDev}
	t.f("%s", (&eventPrinter{}).prefix(ev, o.tg.dev.Name, r.Ifindex != nil && *r.Ifindex == o.tg.dev.Index))
	printPMSRResult(t, r)
	if o.err == nil {
		o.err = t.err
	}
}

func (o *ftmOutput) finish() error {
	if o.e.opts.json {
		if o.results == nil {
			o.results = []pmsrJSON{}
		}
		return printJSON(o.e, ftmRequestJSON{Ifname: o.tg.dev.Name, Results: o.results})
	}
	return o.err
}

// printPMSRResult writes a peer measurement notification as iw's event
// printer does (after the device prefix).
func printPMSRResult(t *tw, r nl80211.PMSRResult) {
	switch {
	case r.Complete:
		t.f("peer measurement complete\n")
		return
	case r.Cookie == nil:
		t.f("Peer measurements: no cookie!\n")
		return
	case !r.HasMeasurements:
		t.f("Peer measurements: no measurement data!\n")
		return
	case !r.HasPeers:
		t.f("Peer measurements: no peer data!\n")
		return
	}
	t.f("Peer measurements (cookie %d):\n", *r.Cookie)
	for _, p := range r.Peers {
		printPMSRPeer(t, p)
	}
}

var pmsrStatusNames = map[uint32]string{
	unix.NL80211_PMSR_STATUS_SUCCESS: "SUCCESS", unix.NL80211_PMSR_STATUS_REFUSED: "REFUSED",
	unix.NL80211_PMSR_STATUS_TIMEOUT: "TIMEOUT", unix.NL80211_PMSR_STATUS_FAILURE: "FAILURE",
}

func pmsrStatus(s uint32) string { return nameOr(pmsrStatusNames, s) }

// nameOr returns v's name in names, or iw's "unknown".
func nameOr(names map[uint32]string, v uint32) string {
	if n, ok := names[v]; ok {
		return n
	}
	return "unknown"
}

var ftmFailReasons = map[uint32]string{
	unix.NL80211_PMSR_FTM_FAILURE_UNSPECIFIED: "UNSPECIFIED", unix.NL80211_PMSR_FTM_FAILURE_NO_RESPONSE: "NO_RESPONSE",
	unix.NL80211_PMSR_FTM_FAILURE_REJECTED: "REJECTED", unix.NL80211_PMSR_FTM_FAILURE_WRONG_CHANNEL: "WRONG_CHANNEL",
	unix.NL80211_PMSR_FTM_FAILURE_PEER_NOT_CAPABLE: "PEER_NOT_CAPABLE", unix.NL80211_PMSR_FTM_FAILURE_INVALID_TIMESTAMP: "INVALID_TIMESTAMP",
	unix.NL80211_PMSR_FTM_FAILURE_PEER_BUSY: "PEER_BUSY", unix.NL80211_PMSR_FTM_FAILURE_BAD_CHANGED_PARAMS: "BAD_CHANGED_PARAMS",
}

func ftmFailReason(r uint32) string { return nameOr(ftmFailReasons, r) }

func printPMSRPeer(t *tw, p nl80211.PMSRPeerResult) {
	if p.Addr == nil {
		t.f("  Peer: no MAC address\n")
		return
	}
	t.f("  Peer %s:", p.Addr)
	if !p.HasResp {
		t.f(" no response!\n")
		return
	}
	if p.Status != nil {
		t.f(" status=%d (%s)", *p.Status, pmsrStatus(*p.Status))
	}
	if p.HostTime != nil {
		t.f(" @%d", *p.HostTime)
	}
	if p.APTSF != nil {
		t.f(" tsf=%d", *p.APTSF)
	}
	if p.Final {
		t.f(" (final)")
	}
	if !p.HasData {
		t.f(" - no data!\n")
		return
	}
	t.f("\n")
	if p.FTM != nil {
		printFTMResult(t, *p.FTM)
	}
}

// printFTMResult writes an FTM measurement as iw does; the signed values
// (RSSI_AVG, RTT_AVG, DIST_AVG) print with their sign, where iw 5.19
// prints a negative RSSI as a large positive number.
func printFTMResult(t *tw, f nl80211.FTMResult) {
	t.f("    FTM")
	if f.FailReason != nil {
		t.f(" failed: %s (%d)", ftmFailReason(*f.FailReason), *f.FailReason)
		if f.BusyRetryTime != nil {
			t.f(" retry after %ds", *f.BusyRetryTime)
		}
		t.f("\n")
		return
	}
	t.f("\n")
	for _, v := range []struct {
		name string
		v    any
	}{
		{"BURST_INDEX", deref(f.BurstIndex)}, {"NUM_FTMR_ATTEMPTS", deref(f.Attempts)}, {"NUM_FTMR_SUCCESSES", deref(f.Successes)},
		{"NUM_BURSTS_EXP", deref(f.BurstsExp)}, {"BURST_DURATION", deref(f.BurstDuration)}, {"FTMS_PER_BURST", deref(f.PerBurst)},
		{"RSSI_AVG", deref(f.RSSIAvg)}, {"RSSI_SPREAD", deref(f.RSSISpread)},
		{"RTT_AVG", deref(f.RTTAvg)}, {"RTT_VARIANCE", deref(f.RTTVariance)}, {"RTT_SPREAD", deref(f.RTTSpread)},
		{"DIST_AVG", deref(f.DistAvg)}, {"DIST_VARIANCE", deref(f.DistVariance)}, {"DIST_SPREAD", deref(f.DistSpread)},
	} {
		if v.v != nil {
			t.f("      %s: %d\n", v.name, v.v)
		}
	}
	if f.TxRate != nil {
		t.f("      TX bitrate: %s\n", bitrateText(f.TxRate))
	}
	if f.RxRate != nil {
		t.f("      RX bitrate: %s\n", bitrateText(f.RxRate))
	}
	if f.LCI != nil {
		hexdumpLines(t, "      LCI", f.LCI)
	}
	if f.Civic != nil {
		hexdumpLines(t, "      civic location", f.Civic)
	}
}

// deref returns *p as an any, or nil (not a typed nil) when p is nil.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// ftmRequestJSON is the JSON view of "giw -j dev X measurement
// ftm_request": the results, as they came, once the request completed.
type ftmRequestJSON struct {
	Ifname  string     `json:"ifname"`
	Results []pmsrJSON `json:"results"`
}

type pmsrJSON struct {
	Cookie *uint64        `json:"cookie,omitempty"`
	Peers  []pmsrPeerJSON `json:"peers"`
}

type pmsrPeerJSON struct {
	Addr     string   `json:"addr,omitempty"`
	Status   *string  `json:"status,omitempty"`
	HostTime *uint64  `json:"host_time,omitempty"`
	APTSF    *uint64  `json:"ap_tsf,omitempty"`
	Final    bool     `json:"final"`
	FTM      *ftmJSON `json:"ftm,omitempty"`
	Response bool     `json:"response"`
}

type ftmJSON struct {
	FailReason    *string `json:"fail_reason,omitempty"`
	BusyRetryTime *uint32 `json:"busy_retry_s,omitempty"`
	BurstIndex    *uint32 `json:"burst_index,omitempty"`
	Attempts      *uint32 `json:"ftmr_attempts,omitempty"`
	Successes     *uint32 `json:"ftmr_successes,omitempty"`
	BurstsExp     *uint8  `json:"bursts_exp,omitempty"`
	BurstDuration *uint8  `json:"burst_duration,omitempty"`
	PerBurst      *uint8  `json:"ftms_per_burst,omitempty"`
	RSSIAvg       *int32  `json:"rssi_avg,omitempty"`
	RSSISpread    *uint32 `json:"rssi_spread,omitempty"`
	RTTAvg        *int64  `json:"rtt_avg_ps,omitempty"`
	RTTVariance   *uint64 `json:"rtt_variance,omitempty"`
	RTTSpread     *uint64 `json:"rtt_spread_ps,omitempty"`
	DistAvg       *int64  `json:"dist_avg_mm,omitempty"`
	DistVariance  *uint64 `json:"dist_variance,omitempty"`
	DistSpread    *uint64 `json:"dist_spread_mm,omitempty"`
	TxRate        string  `json:"tx_bitrate,omitempty"`
	RxRate        string  `json:"rx_bitrate,omitempty"`
	LCI           string  `json:"lci,omitempty"`
	Civic         string  `json:"civic,omitempty"`
}

func pmsrView(r nl80211.PMSRResult) pmsrJSON {
	v := pmsrJSON{Cookie: r.Cookie, Peers: []pmsrPeerJSON{}}
	for _, p := range r.Peers {
		pv := pmsrPeerJSON{HostTime: p.HostTime, APTSF: p.APTSF, Final: p.Final, Response: p.HasResp}
		if p.Addr != nil {
			pv.Addr = p.Addr.String()
		}
		if p.Status != nil {
			pv.Status = ptrTo(strings.ToLower(pmsrStatus(*p.Status)))
		}
		if f := p.FTM; f != nil {
			fv := &ftmJSON{BusyRetryTime: f.BusyRetryTime, BurstIndex: f.BurstIndex, Attempts: f.Attempts,
				Successes: f.Successes, BurstsExp: f.BurstsExp, BurstDuration: f.BurstDuration, PerBurst: f.PerBurst,
				RSSIAvg: f.RSSIAvg, RSSISpread: f.RSSISpread, RTTAvg: f.RTTAvg, RTTVariance: f.RTTVariance,
				RTTSpread: f.RTTSpread, DistAvg: f.DistAvg, DistVariance: f.DistVariance, DistSpread: f.DistSpread,
				LCI: hex.EncodeToString(f.LCI), Civic: hex.EncodeToString(f.Civic)}
			if f.FailReason != nil {
				fv.FailReason = ptrTo(strings.ToLower(ftmFailReason(*f.FailReason)))
			}
			if f.TxRate != nil {
				fv.TxRate = bitrateText(f.TxRate)
			}
			if f.RxRate != nil {
				fv.RxRate = bitrateText(f.RxRate)
			}
			pv.FTM = fv
		}
		v.Peers = append(v.Peers, pv)
	}
	return v
}
