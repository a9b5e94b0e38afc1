package l2tp

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/l2tp"
)

// runShow is show tunnel or show session: a dump, with the IDs ip puts
// in its request (the kernel's dump answers every object all the same).
func runShow(e *env.Env, args []string) error {
	p, err := parse(e, args)
	if err != nil {
		return err
	}
	if !p.tunnel && !p.session {
		return missing("tunnel or session")
	}
	cmd, filter := l2tp.CmdTunnelGet, l2tp.IDs{Tunnel: p.t.ID}
	var attrs []byte
	if p.session {
		cmd, filter.Session = l2tp.CmdSessionGet, p.s.ID
		if filter.Tunnel != 0 && filter.Session != 0 {
			attrs, _ = filter.Attrs(nil)
		}
	} else if filter.Tunnel != 0 {
		attrs, _ = filter.Attrs(nil)
	}
	c, err := genlcmd.Dial(e, l2tp.FamilyName)
	if err != nil {
		return err
	}
	defer c.Close()
	pr := e.Printer()
	for m, err := range c.Dump(uint8(cmd), attrs) {
		if err != nil {
			pr.Abandon()
			return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
		}
		var v format.FieldRecord
		if p.session {
			s, err := l2tp.ParseSession(m.Attrs)
			if err != nil {
				return err
			}
			v = &sessionView{s}
		} else {
			t, err := l2tp.ParseTunnel(m.Attrs)
			if err != nil {
				return err
			}
			v = &tunnelView{t}
		}
		if err := pr.Print(v); err != nil {
			return err
		}
	}
	return pr.Close()
}
