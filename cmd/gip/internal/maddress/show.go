package maddress

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
)

// runShow is show [ [ dev ] DEV ]: ip takes any word but help as the
// device, and a device it does not have shows nothing.
func runShow(e *env.Env, args []string) error {
	dev := ""
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w == "dev" {
			v, err := a.Value()
			if err != nil {
				return err
			}
			w = v
		} else if grammar.Matches(w, "help") {
			return fail.Usagef("%s", usageText())
		}
		if dev != "" {
			return fail.Garbage("dev", w)
		}
		dev = w
	}
	t, err := readTables(e.G.NetNS, e.G.Family)
	if err != nil {
		return err
	}
	p := e.Printer()
	for _, d := range devices(t.groups(dev), p.Options().Mode == format.Oneline) {
		if err := p.Print(d); err != nil {
			return err
		}
	}
	return p.Close()
}
