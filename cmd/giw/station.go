package main

import (
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// bitrateJSON is the JSON view of a transmit or receive rate.
type bitrateJSON struct {
	Text       string   `json:"text"`
	Mbps       *float64 `json:"mbps,omitempty"`
	MCS        *uint8   `json:"mcs,omitempty"`
	VHTMCS     *uint8   `json:"vht_mcs,omitempty"`
	VHTNSS     *uint8   `json:"vht_nss,omitempty"`
	HEMCS      *uint8   `json:"he_mcs,omitempty"`
	HENSS      *uint8   `json:"he_nss,omitempty"`
	HEGI       *uint8   `json:"he_gi,omitempty"`
	HEDCM      *uint8   `json:"he_dcm,omitempty"`
	HERUAlloc  *uint8   `json:"he_ru_alloc,omitempty"`
	EHTMCS     *uint8   `json:"eht_mcs,omitempty"`
	EHTNSS     *uint8   `json:"eht_nss,omitempty"`
	EHTGI      *uint8   `json:"eht_gi,omitempty"`
	EHTRUAlloc *uint8   `json:"eht_ru_alloc,omitempty"`
	WidthMHz   int      `json:"width_mhz,omitempty"`
	Width80P80 bool     `json:"width_80p80,omitempty"`
	ShortGI    bool     `json:"short_gi"`
}

// bitrateText formats a rate as iw's parse_bitrate does.
func bitrateText(r *nl80211.RateInfo) string {
	var b strings.Builder
	if r.Bitrate > 0 {
		fmt.Fprintf(&b, "%d.%d MBit/s", r.Bitrate/10, r.Bitrate%10)
	} else {
		b.WriteString("(unknown)")
	}
	opt := func(name string, v *uint8) {
		if v != nil {
			fmt.Fprintf(&b, " %s %d", name, *v)
		}
	}
	opt("MCS", r.MCS)
	opt("VHT-MCS", r.VHTMCS)
	switch {
	case r.Width80P80:
		b.WriteString(" 80P80MHz")
	case r.Width == 40 || r.Width == 80 || r.Width == 160 || r.Width == 320:
		fmt.Fprintf(&b, " %dMHz", r.Width)
	}
	if r.ShortGI {
		b.WriteString(" short GI")
	}
	opt("VHT-NSS", r.VHTNSS)
	opt("HE-MCS", r.HEMCS)
	opt("HE-NSS", r.HENSS)
	opt("HE-GI", r.HEGI)
	opt("HE-DCM", r.HEDCM)
	opt("HE-RU-ALLOC", r.HERUAlloc)
	opt("EHT-MCS", r.EHTMCS)
	opt("EHT-NSS", r.EHTNSS)
	opt("EHT-GI", r.EHTGI)
	opt("EHT-RU-ALLOC", r.EHTRUAlloc)
	return b.String()
}

func bitrateView(r *nl80211.RateInfo) *bitrateJSON {
	if r == nil {
		return nil
	}
	v := &bitrateJSON{Text: bitrateText(r), MCS: r.MCS, VHTMCS: r.VHTMCS, VHTNSS: r.VHTNSS, HEMCS: r.HEMCS, HENSS: r.HENSS,
		HEGI: r.HEGI, HEDCM: r.HEDCM, HERUAlloc: r.HERUAlloc, EHTMCS: r.EHTMCS, EHTNSS: r.EHTNSS, EHTGI: r.EHTGI,
		EHTRUAlloc: r.EHTRUAlloc, WidthMHz: r.Width, Width80P80: r.Width80P80, ShortGI: r.ShortGI}
	if r.Bitrate > 0 {
		m := float64(r.Bitrate) / 10
		v.Mbps = &m
	}
	return v
}

// stationJSON is the JSON view of a station (giw -j dev X station dump|get).
type stationJSON struct {
	MAC                string       `json:"mac"`
	Ifname             string       `json:"ifname"`
	InactiveTime       *uint32      `json:"inactive_time_ms,omitempty"`
	RxBytes            *uint64      `json:"rx_bytes,omitempty"`
	RxPackets          *uint32      `json:"rx_packets,omitempty"`
	TxBytes            *uint64      `json:"tx_bytes,omitempty"`
	TxPackets          *uint32      `json:"tx_packets,omitempty"`
	TxRetries          *uint32      `json:"tx_retries,omitempty"`
	TxFailed           *uint32      `json:"tx_failed,omitempty"`
	BeaconLoss         *uint32      `json:"beacon_loss,omitempty"`
	BeaconRx           *uint64      `json:"beacon_rx,omitempty"`
	RxDropMisc         *uint64      `json:"rx_drop_misc,omitempty"`
	Signal             *int8        `json:"signal_dbm,omitempty"`
	SignalChains       []int8       `json:"signal_chains_dbm,omitempty"`
	SignalAvg          *int8        `json:"signal_avg_dbm,omitempty"`
	SignalAvgChains    []int8       `json:"signal_avg_chains_dbm,omitempty"`
	BeaconSignalAvg    *int8        `json:"beacon_signal_avg_dbm,omitempty"`
	TOffset            *uint64      `json:"t_offset_us,omitempty"`
	TxBitrate          *bitrateJSON `json:"tx_bitrate,omitempty"`
	RxBitrate          *bitrateJSON `json:"rx_bitrate,omitempty"`
	TxDuration         *uint64      `json:"tx_duration_us,omitempty"`
	RxDuration         *uint64      `json:"rx_duration_us,omitempty"`
	AckSignal          *int8        `json:"ack_signal_dbm,omitempty"`
	AckSignalAvg       *int8        `json:"ack_signal_avg_dbm,omitempty"`
	AirtimeWeight      *uint16      `json:"airtime_weight,omitempty"`
	ExpectedThroughput *float64     `json:"expected_throughput_mbps,omitempty"`
	Authorized         *bool        `json:"authorized,omitempty"`
	Authenticated      *bool        `json:"authenticated,omitempty"`
	Associated         *bool        `json:"associated,omitempty"`
	ShortPreamble      *bool        `json:"short_preamble,omitempty"`
	WMM                *bool        `json:"wmm,omitempty"`
	MFP                *bool        `json:"mfp,omitempty"`
	TDLSPeer           *bool        `json:"tdls_peer,omitempty"`
	DTIMPeriod         *uint8       `json:"dtim_period,omitempty"`
	BeaconInterval     *uint16      `json:"beacon_interval,omitempty"`
	CTSProtection      *bool        `json:"cts_protection,omitempty"`
	BSSShortPreamble   *bool        `json:"bss_short_preamble,omitempty"`
	ShortSlotTime      *bool        `json:"short_slot_time,omitempty"`
	ConnectedTime      *uint32      `json:"connected_time_s,omitempty"`
	AssocAtBoottime    *uint64      `json:"associated_at_boottime_ns,omitempty"`
	MeshLLID           *uint16      `json:"mesh_llid,omitempty"`
	MeshPLID           *uint16      `json:"mesh_plid,omitempty"`
	MeshPlink          string       `json:"mesh_plink,omitempty"`
	MeshAirtimeMetric  *uint32      `json:"mesh_airtime_link_metric,omitempty"`
	MeshToGate         *bool        `json:"mesh_connected_to_gate,omitempty"`
	MeshToAS           *bool        `json:"mesh_connected_to_auth_server,omitempty"`
	MeshLocalPS        string       `json:"mesh_local_ps_mode,omitempty"`
	MeshPeerPS         string       `json:"mesh_peer_ps_mode,omitempty"`
	MeshNonPeerPS      string       `json:"mesh_non_peer_ps_mode,omitempty"`
}

func flagPtr(f *nl80211.StaFlags, bit uint) *bool {
	if f == nil {
		return nil
	}
	known, set := f.Get(bit)
	if !known {
		return nil
	}
	return &set
}

func stationView(s nl80211.Station, ifname string) stationJSON {
	v := stationJSON{MAC: s.HardwareAddr.String(), Ifname: ifname, InactiveTime: s.InactiveTime,
		RxBytes: s.RxBytes, RxPackets: s.RxPackets, TxBytes: s.TxBytes, TxPackets: s.TxPackets, TxRetries: s.TxRetries,
		TxFailed: s.TxFailed, BeaconLoss: s.BeaconLoss, BeaconRx: s.BeaconRx, RxDropMisc: s.RxDropMisc,
		Signal: s.Signal, SignalChains: s.ChainSignal, SignalAvg: s.SignalAvg, SignalAvgChains: s.ChainSignalAvg,
		BeaconSignalAvg: s.BeaconSignalAvg, TOffset: s.TOffset, TxBitrate: bitrateView(s.TxBitrate),
		RxBitrate: bitrateView(s.RxBitrate), TxDuration: s.TxDuration, RxDuration: s.RxDuration,
		AckSignal: s.AckSignal, AckSignalAvg: s.AckSignalAvg, AirtimeWeight: s.AirtimeWeight,
		Authorized: flagPtr(s.Flags, nl80211.StaFlagAuthorized), Authenticated: flagPtr(s.Flags, nl80211.StaFlagAuthenticated),
		Associated: flagPtr(s.Flags, nl80211.StaFlagAssociated), ShortPreamble: flagPtr(s.Flags, nl80211.StaFlagShortPreamble),
		WMM: flagPtr(s.Flags, nl80211.StaFlagWME), MFP: flagPtr(s.Flags, nl80211.StaFlagMFP),
		TDLSPeer: flagPtr(s.Flags, nl80211.StaFlagTDLSPeer), ConnectedTime: s.ConnectedTime, AssocAtBoottime: s.AssocAtBoottime}
	if s.ExpectedThroughput != nil {
		m := float64(*s.ExpectedThroughput) / 1024
		v.ExpectedThroughput = &m
	}
	v.MeshLLID, v.MeshPLID, v.MeshAirtimeMetric = s.LLID, s.PLID, s.AirtimeLinkMetric
	if s.PlinkState != nil {
		v.MeshPlink = plinkStateName(*s.PlinkState)
	}
	v.MeshToGate, v.MeshToAS = u8Bool(s.ConnectedToGate), u8Bool(s.ConnectedToAS)
	v.MeshLocalPS, v.MeshPeerPS, v.MeshNonPeerPS = psModeName(s.LocalPM), psModeName(s.PeerPM), psModeName(s.NonPeerPM)
	if p := s.BSSParam; p != nil {
		v.DTIMPeriod, v.BeaconInterval = p.DTIMPeriod, p.BeaconInterval
		v.CTSProtection, v.BSSShortPreamble, v.ShortSlotTime = &p.CTSProtection, &p.ShortPreamble, &p.ShortSlotTime
	}
	return v
}

func chainText(c []int8) string {
	if len(c) == 0 {
		return ""
	}
	parts := make([]string, len(c))
	for i, v := range c {
		parts[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(parts, ", ") + "] "
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// clock gives the wall clock and CLOCK_BOOTTIME for the "associated at"
// and "current time" lines; tests replace it.
type clock struct {
	now      time.Time
	boottime time.Duration
}

func readClock() clock {
	var ts unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts)
	return clock{now: time.Now(), boottime: time.Duration(ts.Nano())}
}

// printStation writes a station block as iw 5.19's print_sta_handler does.
func printStation(t *tw, s nl80211.Station, ifname string, clk clock) {
	t.f("Station %s (on %s)", s.HardwareAddr, ifname)
	u32 := func(label string, v *uint32) {
		if v != nil {
			t.f("\n\t%s\t%d", label, *v)
		}
	}
	u64 := func(label string, v *uint64) {
		if v != nil {
			t.f("\n\t%s\t%d", label, *v)
		}
	}
	if s.InactiveTime != nil {
		t.f("\n\tinactive time:\t%d ms", *s.InactiveTime)
	}
	u64("rx bytes:", s.RxBytes)
	u32("rx packets:", s.RxPackets)
	u64("tx bytes:", s.TxBytes)
	u32("tx packets:", s.TxPackets)
	u32("tx retries:", s.TxRetries)
	u32("tx failed:", s.TxFailed)
	u32("beacon loss:", s.BeaconLoss)
	u64("beacon rx:", s.BeaconRx)
	u64("rx drop misc:", s.RxDropMisc)
	if s.Signal != nil {
		t.f("\n\tsignal:  \t%d %sdBm", *s.Signal, chainText(s.ChainSignal))
	}
	if s.SignalAvg != nil {
		t.f("\n\tsignal avg:\t%d %sdBm", *s.SignalAvg, chainText(s.ChainSignalAvg))
	}
	if s.BeaconSignalAvg != nil {
		t.f("\n\tbeacon signal avg:\t%d dBm", *s.BeaconSignalAvg)
	}
	if s.TOffset != nil {
		t.f("\n\tToffset:\t%d us", *s.TOffset)
	}
	if s.TxBitrate != nil {
		t.f("\n\ttx bitrate:\t%s", bitrateText(s.TxBitrate))
	}
	if s.TxDuration != nil {
		t.f("\n\ttx duration:\t%d us", *s.TxDuration)
	}
	if s.RxBitrate != nil {
		t.f("\n\trx bitrate:\t%s", bitrateText(s.RxBitrate))
	}
	if s.RxDuration != nil {
		t.f("\n\trx duration:\t%d us", *s.RxDuration)
	}
	if s.AckSignal != nil {
		t.f("\n\tlast ack signal:%d dBm", *s.AckSignal)
	}
	if s.AckSignalAvg != nil {
		t.f("\n\tavg ack signal:\t%d dBm", *s.AckSignalAvg)
	}
	if s.AirtimeWeight != nil {
		t.f("\n\tairtime weight: %d", *s.AirtimeWeight)
	}
	if s.ExpectedThroughput != nil {
		thr := uint64(*s.ExpectedThroughput) * 1000 / 1024
		t.f("\n\texpected throughput:\t%d.%dMbps", thr/1000, thr%1000)
	}
	printMeshPeer(t, s)
	if f := s.Flags; f != nil {
		for _, fl := range []struct {
			bit     uint
			label   string
			yes, no string
		}{
			{nl80211.StaFlagAuthorized, "authorized:\t", "yes", "no"},
			{nl80211.StaFlagAuthenticated, "authenticated:\t", "yes", "no"},
			{nl80211.StaFlagAssociated, "associated:\t", "yes", "no"},
			{nl80211.StaFlagShortPreamble, "preamble:\t", "short", "long"},
			{nl80211.StaFlagWME, "WMM/WME:\t", "yes", "no"},
			{nl80211.StaFlagMFP, "MFP:\t\t", "yes", "no"},
			{nl80211.StaFlagTDLSPeer, "TDLS peer:\t", "yes", "no"},
		} {
			if known, set := f.Get(fl.bit); known {
				t.f("\n\t%s%s", fl.label, yesNo(set, fl.yes, fl.no))
			}
		}
	}
	if p := s.BSSParam; p != nil {
		if p.DTIMPeriod != nil {
			t.f("\n\tDTIM period:\t%d", *p.DTIMPeriod)
		}
		if p.BeaconInterval != nil {
			t.f("\n\tbeacon interval:%d", *p.BeaconInterval)
		}
		if p.CTSProtection {
			t.f("\n\tCTS protection:\tyes")
		}
		if p.ShortPreamble {
			t.f("\n\tshort preamble:\tyes")
		}
		if p.ShortSlotTime {
			t.f("\n\tshort slot time:yes")
		}
	}
	if s.ConnectedTime != nil {
		t.f("\n\tconnected time:\t%d seconds", *s.ConnectedTime)
	}
	nowMs := uint64(clk.now.UnixMilli())
	if s.AssocAtBoottime != nil {
		bt := *s.AssocAtBoottime
		t.f("\n\tassociated at [boottime]:\t%d.%03ds", bt/1e9, (bt%1e9)/1e6)
		t.f("\n\tassociated at:\t%d ms", nowMs-(uint64(clk.boottime)-bt)/1e6)
	}
	t.f("\n\tcurrent time:\t%d ms\n", nowMs)
}

func printStations(e *env, ifname string, stas []nl80211.Station) error {
	if e.opts.json {
		out := make([]stationJSON, 0, len(stas))
		for _, s := range stas {
			out = append(out, stationView(s, ifname))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	clk := readClock()
	for _, s := range stas {
		printStation(t, s, ifname, clk)
	}
	return t.err
}

func runStationDump(e *env, tg target, args []string) error {
	if len(args) == 1 && args[0] == "-v" {
		return &exitError{code: 1, msg: "giw: station dump -v (per-TID statistics) is not supported"}
	}
	if err := noArgs(args); err != nil {
		return err
	}
	stas, err := e.client.Stations(tg.dev.Index)
	if err != nil {
		return err
	}
	return printStations(e, tg.dev.Name, stas)
}

func runStationGet(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	mac, err := net.ParseMAC(args[0])
	if err != nil || len(mac) != 6 {
		return &exitError{code: 2, msg: "invalid mac address"}
	}
	s, err := e.client.Station(tg.dev.Index, mac)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, stationView(s, tg.dev.Name))
	}
	return printStations(e, tg.dev.Name, []nl80211.Station{s})
}
