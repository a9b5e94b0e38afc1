package main

// runOCBJoin reads iw's "ocb join <freq in MHz> <5MHz|10MHz>": at least
// two arguments, the channel as iw's frequency grammar reads it; what
// follows the channel is ignored, as iw ignores it.
func runOCBJoin(e *env, tg target, args []string) error {
	if len(args) < 2 {
		return &usageError{}
	}
	ch, _, err := parseFreqChan(args)
	if err != nil {
		return err
	}
	return e.client.JoinOCB(tg.dev.Index, ch)
}

func runOCBLeave(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.LeaveOCB(tg.dev.Index)
}
