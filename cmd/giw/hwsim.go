package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

// hwsimPSJSON is the JSON view of "giw -j phy X hwsim getps|setps".
type hwsimPSJSON struct {
	Phy string `json:"phy"`
	PS  uint32 `json:"ps"`
}

// hwsim sends a test mode command and prints the power save mode the
// answer reports, as iw does ("HWSIM PS: N").
func hwsim(e *env, tg target, cmd uint32, ps *uint32) error {
	got, err := e.client.HwsimTestmode(tg.phy.Index, cmd, ps)
	if err != nil || got == nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, hwsimPSJSON{Phy: tg.phy.Name, PS: *got})
	}
	t := &tw{w: e.stdout}
	t.f("HWSIM PS: %d\n", int32(*got))
	return t.err
}

// runHwsimGetPS ignores what follows getps, as iw does.
func runHwsimGetPS(e *env, tg target, _ []string) error {
	return hwsim(e, tg, nl80211.HwsimGetPS, nil)
}

// runHwsimSetPS reads "<value>" as strtoul with base 0 does.
func runHwsimSetPS(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	v, ok := cNumberAnyBase(args[0])
	if !ok {
		return &usageError{}
	}
	ps := uint32(v)
	return hwsim(e, tg, nl80211.HwsimSetPS, &ps)
}

func runHwsimStopQueues(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return hwsim(e, tg, nl80211.HwsimStopQueues, nil)
}

func runHwsimWakeQueues(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return hwsim(e, tg, nl80211.HwsimWakeQueues, nil)
}
