package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

// surveyJSON is the JSON view of one survey entry (giw -j dev X survey
// dump).
type surveyJSON struct {
	Ifname       string  `json:"ifname"`
	Freq         *uint32 `json:"freq,omitempty"`
	FreqOffset   uint32  `json:"freq_offset_khz,omitempty"`
	InUse        bool    `json:"in_use"`
	Noise        *int8   `json:"noise_dbm,omitempty"`
	ActiveMs     *uint64 `json:"active_ms,omitempty"`
	BusyMs       *uint64 `json:"busy_ms,omitempty"`
	ExtBusyMs    *uint64 `json:"ext_busy_ms,omitempty"`
	ReceiveMs    *uint64 `json:"receive_ms,omitempty"`
	TransmitMs   *uint64 `json:"transmit_ms,omitempty"`
	ScanMs       *uint64 `json:"scan_ms,omitempty"`
	BSSReceiveMs *uint64 `json:"bss_receive_ms,omitempty"`
}

func surveyView(s nl80211.Survey, ifname string) surveyJSON {
	return surveyJSON{Ifname: ifname, Freq: s.Freq, FreqOffset: s.FreqOffset, InUse: s.InUse, Noise: s.Noise,
		ActiveMs: s.Time, BusyMs: s.TimeBusy, ExtBusyMs: s.TimeExtBusy, ReceiveMs: s.TimeRx, TransmitMs: s.TimeTx,
		ScanMs: s.TimeScan, BSSReceiveMs: s.TimeBSSRx}
}

// printSurvey writes one entry as iw's print_survey_handler does.
func printSurvey(t *tw, s nl80211.Survey, ifname string) {
	t.f("Survey data from %s\n", ifname)
	if s.Freq != nil {
		inUse := ""
		if s.InUse {
			inUse = " [in use]"
		}
		if s.FreqOffset != 0 {
			t.f("\tfrequency:\t\t\t%d.%d MHz%s\n", *s.Freq, s.FreqOffset, inUse)
		} else {
			t.f("\tfrequency:\t\t\t%d MHz%s\n", *s.Freq, inUse)
		}
	}
	if s.Noise != nil {
		t.f("\tnoise:\t\t\t\t%d dBm\n", *s.Noise)
	}
	for _, v := range []struct {
		label string
		ms    *uint64
	}{
		{"channel active time:\t\t", s.Time},
		{"channel busy time:\t\t", s.TimeBusy},
		{"extension channel busy time:\t", s.TimeExtBusy},
		{"channel receive time:\t\t", s.TimeRx},
		{"channel transmit time:\t\t", s.TimeTx},
		{"channel scan time:\t\t", s.TimeScan},
		{"channel BSS receive time:\t", s.TimeBSSRx},
	} {
		if v.ms != nil {
			t.f("\t%s%d ms\n", v.label, *v.ms)
		}
	}
}

func runSurveyDump(e *env, tg target, args []string) error {
	radio := false
	switch {
	case len(args) == 1 && args[0] == "--radio":
		radio = true
	case len(args) > 0:
		return &usageError{}
	}
	ss, err := e.client.Surveys(tg.dev.Index, radio)
	if err != nil {
		return err
	}
	if e.opts.json {
		out := make([]surveyJSON, 0, len(ss))
		for _, s := range ss {
			out = append(out, surveyView(s, tg.dev.Name))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, s := range ss {
		printSurvey(t, s, tg.dev.Name)
	}
	return t.err
}
