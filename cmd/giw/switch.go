package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

const switchHelp = "Switch the operating channel by sending a channel switch announcement (CSA)."

func runSwitchFreq(e *env, tg target, args []string) error {
	return channelSwitch(e, tg, args, parseFreqChan)
}

func runSwitchChannel(e *env, tg target, args []string) error {
	return channelSwitch(e, tg, args, parseChannelPrefix)
}

// chanParser reads a channel at the start of the arguments and says how
// many it used.
type chanParser func([]string) (nl80211.ChanDef, int, error)

// parseSwitch reads the channel, then iw's "[beacons <count>] [block-tx]"
// in any order; anything else is a usage error.
func parseSwitch(args []string, parse chanParser) (nl80211.ChannelSwitch, error) {
	ch, used, err := parse(args)
	if err != nil {
		return nl80211.ChannelSwitch{}, err
	}
	s := nl80211.ChannelSwitch{Channel: ch}
	rest := argList(args[used:])
	for len(rest) > 0 {
		switch {
		case rest.nextIs("beacons"):
			v, ok := rest.next()
			n, whole := cNumber(v)
			if !ok || !whole {
				return s, &usageError{}
			}
			count := uint32(n)
			s.Count = &count
		case rest.nextIs("block-tx"):
			s.BlockTx = true
		default:
			return s, &usageError{}
		}
	}
	return s, nil
}

func channelSwitch(e *env, tg target, args []string, parse chanParser) error {
	s, err := parseSwitch(args, parse)
	if err != nil {
		return err
	}
	return e.client.SwitchChannel(tg.dev.Index, s)
}
