package macsec

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

// runShow is show [ DEV ]: the dump of every device, or of the one
// named. The devices are held until the dump ends, so that naming them
// (which asks the kernel) does not interleave with it.
func runShow(e *env.Env, args []string) error {
	var only int32
	if len(args) > 0 {
		i, err := device(e, args[0])
		if err != nil {
			return err
		}
		if len(args) > 1 {
			return usageError()
		}
		only = i
	}
	c, err := genlcmd.Dial(e, macsec.FamilyName)
	if err != nil {
		return err
	}
	defer c.Close()
	var devs []macsec.SecY
	for m, err := range c.Dump(uint8(macsec.CmdGetTxSC), nil) {
		if err != nil {
			return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
		}
		if m.Header.Command != uint8(macsec.CmdGetTxSC) {
			continue
		}
		y, err := macsec.ParseSecY(m.Attrs)
		if macsec.ErrIncomplete(err) {
			return fail.AsFatal(&fail.Error{Code: fail.ExitLocal, Msg: "incomplete dump message\nDump terminated", Err: err})
		}
		if err != nil {
			return err
		}
		if only == 0 || int32(y.IfIndex) == only {
			devs = append(devs, y)
		}
	}
	p := e.Printer()
	links := e.Links()
	for i := range devs {
		if err := p.Print(&secyView{y: &devs[i], name: links.Name(int32(devs[i].IfIndex)), stats: e.G.Stats > 0}); err != nil {
			return err
		}
	}
	return p.Close()
}
