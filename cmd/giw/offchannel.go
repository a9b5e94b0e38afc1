package main

import (
	"strconv"
	"strings"
)

// parseOffchannel reads iw's "offchannel <freq> <duration>" (decimal
// numbers, as strtoul reads them).
func parseOffchannel(args []string) (freq, duration uint32, err error) {
	return parseTwoNumbers(args, cNumber)
}

// parseROCStart reads iw's "roc start <freq> <time in ms>", whose numbers
// may be hex (0x...) or octal (0...), as strtol with base 0 reads them.
func parseROCStart(args []string) (freq, duration uint32, err error) {
	return parseTwoNumbers(args, cNumberAnyBase)
}

func parseTwoNumbers(args []string, number func(string) (int64, bool)) (a, b uint32, err error) {
	if len(args) != 2 {
		return 0, 0, &usageError{}
	}
	var v [2]uint32
	for i, s := range args {
		n, whole := number(s)
		if !whole {
			return 0, 0, &usageError{}
		}
		v[i] = uint32(n)
	}
	return v[0], v[1], nil
}

// runOffchannel asks the radio to visit the channel. The kernel ends the
// visit early when giw exits, as it does for iw.
func runOffchannel(e *env, tg target, args []string) error {
	return remainOnChannel(e, tg, args, parseOffchannel)
}

func runROCStart(e *env, tg target, args []string) error {
	return remainOnChannel(e, tg, args, parseROCStart)
}

func remainOnChannel(e *env, tg target, args []string, parse func([]string) (uint32, uint32, error)) error {
	freq, duration, err := parse(args)
	if err != nil {
		return err
	}
	_, err = e.client.RemainOnChannel(tg.dev.Index, freq, duration)
	return err
}

// cNumberAnyBase reads a whole string as strtol with base 0 does: decimal,
// 0x hex or 0 octal, after white space and a sign; "" is 0.
func cNumberAnyBase(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	digits := strings.ToLower(strings.TrimLeft(t, "+-"))
	if strings.Contains(digits, "_") || strings.HasPrefix(digits, "0b") || strings.HasPrefix(digits, "0o") {
		return 0, false
	}
	n, err := strconv.ParseInt(t, 0, 64)
	return n, err == nil
}
