package main

import "golang.org/x/sys/unix"

// parseCQMRSSI reads iw's "cqm rssi <threshold|off> [<hysteresis>]": the
// numbers as C's atoi reads them, a threshold of 0 refused with EINVAL
// before anything is sent, as iw does; "off" is threshold 0.
func parseCQMRSSI(args []string) (threshold int32, hysteresis uint32, err error) {
	if len(args) < 1 || len(args) > 2 {
		return 0, 0, &usageError{}
	}
	if args[0] == "off" {
		return 0, 0, nil
	}
	if threshold = cAtoi(args[0]); threshold == 0 {
		return 0, 0, unix.EINVAL
	}
	if len(args) == 2 {
		hysteresis = uint32(cAtoi(args[1]))
	}
	return threshold, hysteresis, nil
}

func runCQMRSSI(e *env, tg target, args []string) error {
	threshold, hysteresis, err := parseCQMRSSI(args)
	if err != nil {
		return err
	}
	return e.client.SetCQMRSSI(tg.dev.Index, threshold, hysteresis)
}
