package token

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runList is list and get: ip reads the first "dev" and skips every
// other word.
func runList(e *env.Env, args []string) error {
	var index int32
	a := grammar.NewArgs(args)
	for a.More() {
		if a.Next() != "dev" {
			continue
		}
		v, err := a.Value()
		if err != nil {
			return err
		}
		i, err := e.Links().Index(v)
		if err != nil || i == 0 {
			return fail.Invalid("dev is invalid\n", v)
		}
		index = i
		break
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	// The dump names each device: tokens print as they arrive.
	p := e.Printer()
	for t, err := range rtnl.Tokens(conn) {
		if err != nil {
			// ip ends its JSON (an empty list) before it reports.
			if cerr := p.Close(); cerr != nil {
				return cerr
			}
			return fail.Terminated(err, fail.ExitLocal, "Dump terminated")
		}
		if shown(t, index) {
			if err := p.Print(&view{t: t}); err != nil {
				return err
			}
		}
	}
	return p.Close()
}

// shown is ip's choice of devices: one that has IPv6, is neither loopback
// nor NOARP, and is the one asked for, if any.
func shown(t *rtnl.Token, index int32) bool {
	if t.Index == 0 || (index > 0 && t.Index != index) {
		return false
	}
	return t.Flags&(unix.IFF_LOOPBACK|unix.IFF_NOARP) == 0
}
