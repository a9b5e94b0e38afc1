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
