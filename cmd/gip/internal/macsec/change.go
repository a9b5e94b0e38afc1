package macsec

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

// commands is the family's command for each op on a transmit SA, a
// receive SC and a receive SA (ip's macsec_commands).
var commands = map[op]struct{ txSA, rxSC, rxSA macsec.Cmd }{
	opAdd: {macsec.CmdAddTxSA, macsec.CmdAddRxSC, macsec.CmdAddRxSA},
	opSet: {macsec.CmdUpdTxSA, macsec.CmdUpdRxSC, macsec.CmdUpdRxSA},
	opDel: {macsec.CmdDelTxSA, macsec.CmdDelRxSC, macsec.CmdDelRxSA},
}

// change is a parsed add, set, delete or offload: the request and the
// device it names, looked up again when the step is built.
type change struct {
	dev string
	cmd macsec.Cmd
	req macsec.Change
}

// device is the index of the device a change or show names, with ip's
// complaint (exit 1).
func device(e *env.Env, name string) (int32, error) {
	i, err := e.Links().Index(name)
	if err != nil || i == 0 {
		return 0, fail.Localf("Device %q does not exist.", name)
	}
	return i, nil
}

func (c *change) step() plan.Step {
	r := &genlcmd.Request{Family: macsec.FamilyName, Cmd: uint8(c.cmd), Attrs: func(e *env.Env) ([]byte, error) {
		i, err := device(e, c.dev)
		if err != nil {
			return nil, err
		}
		c.req.IfIndex = uint32(i)
		return c.req.Attrs(nil)
	}}
	return r.Step()
}

// planChange is add, set or delete: ip's do_modify.
func planChange(o op) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		c, err := parseChange(e, o, args)
		if err != nil {
			return nil, err
		}
		return []plan.Step{c.step()}, nil
	}
}

func parseChange(e *env.Env, o op, args []string) (*change, error) {
	a := grammar.NewArgs(args)
	if !a.More() {
		return nil, usageError()
	}
	c := &change{dev: a.Next()}
	if _, err := device(e, c.dev); err != nil {
		return nil, err
	}
	switch a.Next() {
	case "tx":
		return c, c.parseTx(o, a)
	case "rx":
		return c, c.parseRx(o, a)
	}
	return nil, usageError()
}

// parseTx reads `sa AN [ OPTS ]` of a transmit SA (a delete ignores what
// follows the AN, as ip does).
func (c *change) parseTx(o op, a *grammar.Args) error {
	an, ok, err := parseAN(a)
	if err != nil {
		return err
	}
	if !ok {
		return usageError()
	}
	sa := &macsec.SAConfig{AN: an}
	c.cmd, c.req.SA = commands[o].txSA, sa
	if o == opDel {
		return nil
	}
	if err := parseSAOptions(a, sa); err != nil {
		return err
	}
	return checkSA(o, sa)
}

// parseRx reads `SCI [ on | off ]` of a receive SC, or `SCI sa AN [
// OPTS ]` of a receive SA.
func (c *change) parseRx(o op, a *grammar.Args) error {
	if !a.More() {
		return fail.Usagef("expected sci\n%s", usageText)
	}
	sci, err := parseSCI(a)
	if err != nil {
		return err
	}
	sc := &macsec.RxSCConfig{SCI: sci}
	c.req.RxSC = sc
	an, isSA, err := parseAN(a)
	if err != nil {
		return err
	}
	if isSA {
		sa := &macsec.SAConfig{AN: an}
		c.cmd, c.req.SA = commands[o].rxSA, sa
		if o == opDel {
			return nil
		}
		if err := parseSAOptions(a, sa); err != nil {
			return err
		}
		return checkSA(o, sa)
	}
	c.cmd = commands[o].rxSC
	if o == opDel {
		return nil
	}
	activeSet := false
	for a.More() {
		switch w := a.Next(); w {
		case "on", "off":
			if activeSet {
				return fail.Garbage("on/off", w)
			}
			sc.Active, sc.HasActive, activeSet = w == "on", true, true
		default:
			return unknownWord(w)
		}
	}
	return nil
}

// offloads are ip's offload words, by MACSEC_OFFLOAD_* value.
var offloads = []string{"off", "phy", "mac"}

// planOffload is offload DEV { off | phy | mac }.
func planOffload(e *env.Env, args []string) ([]plan.Step, error) {
	a := grammar.NewArgs(args)
	if !a.More() {
		return nil, usageError()
	}
	c := &change{dev: a.Next(), cmd: macsec.CmdUpdOffload}
	if _, err := device(e, c.dev); err != nil {
		return nil, err
	}
	if !a.More() {
		return nil, usageError()
	}
	w := a.Next()
	for i, name := range offloads {
		if grammar.Matches(w, name) {
			v := uint8(i)
			c.req.Offload = &v
			return []plan.Step{c.step()}, nil
		}
	}
	return nil, fail.Usagef("Error: argument of \"offload\" must be one of \"off\", \"phy\", \"mac\", not %q\n%s", w, usageText)
}
