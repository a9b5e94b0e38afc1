package fou

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/nl/fou"
)

// runShow lists the ports. The ports are held until the dump ends, so
// that naming their devices (which asks the kernel) does not interleave
// with it.
func runShow(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Localf("\"%s fou show\" does not take any arguments.", command.Prog)
	}
	c, err := genlcmd.Dial(e, fou.FamilyName)
	if err != nil {
		return err
	}
	defer c.Close()
	var ms []fou.Mapping
	for msg, err := range c.Dump(uint8(fou.CmdGet), nil) {
		if err != nil {
			return fail.Terminated(err, fail.ExitLocal, "Dump terminated")
		}
		m, err := fou.ParseMapping(msg.Attrs)
		if err != nil {
			return err
		}
		ms = append(ms, m)
	}
	p := e.Printer()
	links := e.Links()
	for _, m := range ms {
		if err := p.Print(&view{m: m, links: links}); err != nil {
			return err
		}
	}
	return p.Close()
}
