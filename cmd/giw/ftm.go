package main

import (
	"errors"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseFTMResponder reads iw's "[lci=<hex>] [civic=<hex>]": each at most
// once, an even, non-zero number of hex digits; anything else is a usage
// error with iw's message.
func parseFTMResponder(args []string) (nl80211.FTMResponder, error) {
	var r nl80211.FTMResponder
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "lci="); ok {
			b, err := beaconHex(v)
			if r.LCI != nil || err != nil {
				return r, &usageError{msg: "Illegal LCI buffer!"}
			}
			r.LCI = b
		} else if v, ok := strings.CutPrefix(a, "civic="); ok {
			b, err := beaconHex(v)
			if r.Civic != nil || err != nil {
				return r, &usageError{msg: "Illegal CIVIC buffer!"}
			}
			r.Civic = b
		} else {
			return r, &usageError{msg: "Illegal argument: " + a}
		}
	}
	return r, nil
}

func runFTMStartResponder(e *env, tg target, args []string) error {
	r, err := parseFTMResponder(args)
	if err != nil {
		return err
	}
	return e.client.StartFTMResponder(tg.dev.Index, r)
}

// ftmStatsJSON is the JSON view of "giw -j dev X ftm get_stats".
type ftmStatsJSON struct {
	Ifname          string  `json:"ifname"`
	Success         *uint32 `json:"success,omitempty"`
	Partial         *uint32 `json:"partial_success,omitempty"`
	Failed          *uint32 `json:"failed,omitempty"`
	ASAP            *uint32 `json:"asap_success,omitempty"`
	NonASAP         *uint32 `json:"non_asap,omitempty"`
	TotalDurationMs *uint64 `json:"total_duration_ms,omitempty"`
	UnknownTriggers *uint32 `json:"unknown_triggers,omitempty"`
	Reschedules     *uint32 `json:"rescheduled_requests,omitempty"`
	OutOfWindow     *uint32 `json:"out_of_window,omitempty"`
}

// printFTMStats writes the counters as iw's ftm get_stats does.
func printFTMStats(t *tw, s nl80211.FTMStats) {
	t.f("FTM responder stats:\n")
	u32 := func(v *uint32) *uint64 {
		if v == nil {
			return nil
		}
		w := uint64(*v)
		return &w
	}
	for _, v := range []struct {
		label string
		n     *uint64
	}{
		{"Success num", u32(s.Success)}, {"Partial success num", u32(s.Partial)}, {"Failed num", u32(s.Failed)},
		{"ASAP success num", u32(s.ASAP)}, {"Non ASAP num", u32(s.NonASAP)}, {"Total duration", s.TotalDurationMs},
		{"Unknown triggers num", u32(s.UnknownTriggers)}, {"Rescheduled requests num", u32(s.Reschedules)},
		{"Out of window num", u32(s.OutOfWin)},
	} {
		if v.n != nil {
			t.f("\t%s %d\n", v.label, *v.n)
		}
	}
}

func runFTMGetStats(e *env, tg target, _ []string) error {
	s, err := e.client.FTMResponderStats(tg.dev.Index)
	if errors.Is(err, nl80211.ErrNoFTMStats) {
		// iw says so, without a newline, and succeeds.
		(&tw{w: e.stderr}).f("FTM responder statistics are missing")
		return nil
	}
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, ftmStatsJSON{Ifname: tg.dev.Name, Success: s.Success, Partial: s.Partial, Failed: s.Failed,
			ASAP: s.ASAP, NonASAP: s.NonASAP, TotalDurationMs: s.TotalDurationMs, UnknownTriggers: s.UnknownTriggers,
			Reschedules: s.Reschedules, OutOfWindow: s.OutOfWin})
	}
	t := &tw{w: e.stdout}
	printFTMStats(t, s)
	return t.err
}
