package sr

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/seg6"
	"golang.org/x/sys/unix"
)

// tunsrcView prints the tunnel source as ip's print_tunsrc does.
type tunsrcView struct{ a netip.Addr }

func (v *tunsrcView) Fields(f *format.Fields) {
	f.String("tunsrc", "tunsrc addr %s\n", v.a.String())
}

// runTunSrcShow is tunsrc show: ip reads nothing after it.
func runTunSrcShow(e *env.Env, _ []string) error {
	c, err := genlcmd.Dial(e, seg6.FamilyName)
	if err != nil {
		return err
	}
	defer c.Close()
	msgs, err := c.Execute(seg6.CmdGetTunSrc, 0, nil)
	if err != nil {
		return fail.Kernel(err)
	}
	p := e.Printer()
	for _, m := range msgs {
		if m.Header.Command != seg6.CmdGetTunSrc {
			continue
		}
		a, err := seg6.ParseTunSrc(m.Attrs)
		if err != nil || !a.IsValid() {
			return fail.AsFatal(fail.Localf("Error parsing reply"))
		}
		if err := p.Print(&tunsrcView{a: a}); err != nil {
			return err
		}
	}
	return p.Close()
}

// planTunSrcSet is tunsrc set ADDRESS: an IPv6 address, or ip's words for
// none ("default", "any"), which set ::.
func planTunSrcSet(_ *env.Env, args []string) ([]plan.Step, error) {
	if len(args) == 0 {
		return nil, fail.Incomplete()
	}
	p, err := grammar.ParseAddr(args[0], unix.AF_INET6)
	if err != nil {
		return nil, err
	}
	a := netip.IPv6Unspecified()
	if p.Addr.IsValid() {
		a = p.Addr
	}
	attrs, err := seg6.TunSrcAttrs(a)
	if err != nil {
		return nil, err
	}
	return []plan.Step{genlcmd.Step(seg6.FamilyName, seg6.Version, seg6.CmdSetTunSrc, attrs)}, nil
}
