package main

import "golang.org/x/sys/unix"

// runCQMRSSI reads iw's "cqm rssi <threshold|off> [<hysteresis>]": the
// numbers as C's atoi reads them, a threshold of 0 refused with EINVAL
// before anything is sent, as iw does.
func runCQMRSSI(e *env, tg target, args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return &usageError{}
	}
	var threshold int32
	var hysteresis uint32
	if args[0] != "off" {
		if threshold = cAtoi(args[0]); threshold == 0 {
			return unix.EINVAL
		}
		if len(args) == 2 {
			hysteresis = uint32(cAtoi(args[1]))
		}
	}
	return e.client.SetCQMRSSI(tg.dev.Index, threshold, hysteresis)
}
