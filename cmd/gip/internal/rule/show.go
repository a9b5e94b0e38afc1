package rule

import (
	"bufio"
	"encoding/binary"
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// dumpMagic starts a `rule save` stream, in host order, as ip writes it.
const dumpMagic = 0x71706986

// dumpRules reads every rule of the listing family.
func dumpRules(e *env.Env) (*nl.Conn, []nl.Message, error) {
	c, err := e.Conn()
	if err != nil {
		return nil, nil, err
	}
	msgs, err := c.DumpAll(rtnl.RuleDumpRequest(listFamily(e)))
	if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
		// ip returns 1 from here, which it turns into 255.
		err = fail.DumpError(err, "Dump terminated")
		var fe *fail.Error
		if errors.As(err, &fe) {
			fe.Code = fail.ExitUsage
		}
		return nil, nil, err
	}
	return c, msgs, nil
}

// runShow is rule list: the selected rules, printed.
func runShow(e *env.Env, f *filter) error {
	_, msgs, err := dumpRules(e)
	if err != nil {
		return err
	}
	p := e.Printer()
	for _, m := range msgs {
		r, err := rtnl.DecodeRule(m)
		if err != nil {
			return err
		}
		if !f.match(&r, e.G.Family) {
			continue
		}
		if err := p.Print(record{view{Env: e, Rule: &r, Deleted: m.Header.Type == unix.RTM_DELRULE}}); err != nil {
			return err
		}
	}
	return p.Close()
}

// runFlush is rule flush: it deletes the selected rules that have a
// priority (the default rules, which have none, stay).
func runFlush(e *env.Env, f *filter) error {
	c, msgs, err := dumpRules(e)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		r, err := rtnl.DecodeRule(m)
		if err != nil {
			return err
		}
		if !f.match(&r, e.G.Family) || r.Priority == nil {
			continue
		}
		if f.sel.HasProtocol && r.HasProtocol && r.Protocol != f.sel.Protocol {
			continue
		}
		if _, err := c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_DELRULE}, Data: m.Data}); err != nil {
			return err
		}
	}
	return nil
}

// runSave is rule save: every rule, as the kernel dumps them, in binary.
func runSave(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Localf("\"%s rule save\" does not take any arguments.", command.Prog)
	}
	if env.IsTerminal(e.Stdout) {
		return fail.Localf("Not sending a binary stream to stdout")
	}
	_, msgs, err := dumpRules(e)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(e.Stdout, 64<<10)
	out.Write(binary.NativeEndian.AppendUint32(nil, dumpMagic))
	var buf []byte
	for _, m := range msgs {
		if _, err := rtnl.DecodeRule(m); err != nil {
			return err
		}
		buf = nl.AppendMessage(buf[:0], m)
		out.Write(buf)
	}
	return out.Flush()
}
