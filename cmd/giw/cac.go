package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

const cacTriggerArgs = "channel <channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] | " +
	"freq <frequency> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] | " +
	"freq <frequency> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]]"

const cacTriggerHelp = "Start or trigger a channel availability check (CAC) looking to look for\n" +
	"radars on the given channel."

// parseCACTrigger reads "channel <channel> [mode]" or "freq <freq> ...",
// every argument used, as iw does.
func parseCACTrigger(args []string) (nl80211.ChanDef, error) {
	if len(args) < 2 {
		return nl80211.ChanDef{}, &usageError{}
	}
	switch args[0] {
	case "channel":
		return parseChannel(args[1:])
	case "freq":
		return parseFreq(args[1:])
	}
	return nl80211.ChanDef{}, &usageError{}
}

func runCACTrigger(e *env, tg target, args []string) error {
	ch, err := parseCACTrigger(args)
	if err != nil {
		return err
	}
	return e.client.StartRadarDetection(tg.dev.Index, ch)
}

const cacArgs = "channel <channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] | " +
	"freq <freq> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] | " +
	"freq <control freq> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]]"

const cacHelp = "Start a channel availability check (CAC) on the given channel and wait\n" +
	"for its end: print whether it finished, was aborted or found a radar."

// cacJSON is the JSON view of "giw -j dev X cac ...".
type cacJSON struct {
	Ifname string `json:"ifname"`
	Freq   uint32 `json:"freq"`
	Event  string `json:"event"`
}

// runCAC starts a CAC and waits for the first radar event on its control
// frequency, which it prints as iw does ("5260 MHz: CAC finished").
func runCAC(e *env, tg target, args []string) error {
	ch, err := parseCACTrigger(args)
	if err != nil {
		return err
	}
	ev, err := e.client.CAC(e.ctx, tg.dev.Index, ch)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, cacJSON{Ifname: tg.dev.Name, Freq: ch.Freq, Event: ev.Name()})
	}
	t := &tw{w: e.stdout}
	t.f("%d MHz: %s\n", ch.Freq, ev)
	return t.err
}
