package main

import (
	"strconv"
	"strings"
)

// runOffchannel reads iw's "offchannel <freq> <duration>" (decimal
// numbers) and asks the radio to visit the channel. The kernel ends the
// visit early when giw exits, as it does for iw.
func runOffchannel(e *env, tg target, args []string) error {
	if len(args) != 2 {
		return &usageError{}
	}
	var v [2]uint32
	for i, s := range args {
		n, whole := cNumber(s)
		if !whole {
			return &usageError{}
		}
		v[i] = uint32(n)
	}
	_, err := e.client.RemainOnChannel(tg.dev.Index, v[0], v[1])
	return err
}

// runROCStart reads iw's "roc start <freq> <time in ms>", whose numbers
// may be hex (0x...) or octal (0...), as C's strtol with base 0 reads them.
func runROCStart(e *env, tg target, args []string) error {
	if len(args) != 2 {
		return &usageError{}
	}
	var v [2]uint32
	for i, s := range args {
		n, ok := cNumberAnyBase(s)
		if !ok {
			return &usageError{}
		}
		v[i] = uint32(n)
	}
	_, err := e.client.RemainOnChannel(tg.dev.Index, v[0], v[1])
	return err
}

// cNumberAnyBase reads a whole string as strtol with base 0 does: decimal,
// 0x hex or 0 octal, after white space and a sign; "" is 0.
func cNumberAnyBase(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	if s == "" {
		return 0, true
	}
	digits := strings.TrimLeft(t, "+-")
	if strings.Contains(digits, "_") || strings.HasPrefix(strings.ToLower(digits), "0b") ||
		strings.HasPrefix(strings.ToLower(digits), "0o") {
		return 0, false
	}
	n, err := strconv.ParseInt(t, 0, 64)
	return n, err == nil
}
