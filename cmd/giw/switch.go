package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

const switchHelp = "Switch the operating channel by sending a channel switch announcement (CSA)."

func runSwitchFreq(e *env, tg target, args []string) error {
	return channelSwitch(e, tg, args, parseFreqChan)
}

func runSwitchChannel(e *env, tg target, args []string) error {
	return channelSwitch(e, tg, args, parseChannelPrefix)
}

// channelSwitch reads the channel, then iw's "[beacons <count>]
// [block-tx]" in any order, and asks the kernel for the switch.
func channelSwitch(e *env, tg target, args []string, parse func([]string) (nl80211.ChanDef, int, error)) error {
	ch, used, err := parse(args)
	if err != nil {
		return err
	}
	s := nl80211.ChannelSwitch{Channel: ch}
	rest := argList(args[used:])
	for len(rest) > 0 {
		switch {
		case rest.nextIs("beacons"):
			v, ok := rest.next()
			n, whole := cNumber(v)
			if !ok || !whole {
				return &usageError{}
			}
			count := uint32(n)
			s.Count = &count
		case rest.nextIs("block-tx"):
			s.BlockTx = true
		default:
			return &usageError{}
		}
	}
	return e.client.SwitchChannel(tg.dev.Index, s)
}
