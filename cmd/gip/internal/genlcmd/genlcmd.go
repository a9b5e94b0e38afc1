// Package genlcmd is what the objects over a generic netlink family share
// (sr, ioam, ila): the family's socket in the command's namespace, and a
// command of the family as a plan step.
package genlcmd

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
)

// Dial opens the socket of family in the namespace of -n; a kernel
// without the family is ip's "Error talking to the kernel".
func Dial(e *env.Env, family string) (*genl.Conn, error) {
	c, err := genl.Dial(family, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	if errors.Is(err, genl.ErrFamilyNotFound) {
		return nil, fail.NoFamily(err)
	}
	return c, err
}

// Step is command cmd of family with attrs as a plan step: Build opens
// the socket in the namespace, the step sends the command there and Done
// closes it. A refusal prints as ip's (exit 1: these commands of ip
// return -1 there).
func Step(family string, version, cmd uint8, attrs []byte) plan.Step {
	s := &step{family: family, version: version, cmd: cmd, attrs: attrs}
	return plan.Step{Build: s.build, Send: s.send, Done: s.done, Report: Refused}
}

type step struct {
	family       string
	version, cmd uint8
	attrs        []byte
	conn         *genl.Conn
}

func (s *step) build(e *env.Env) (nl.Message, error) {
	c, err := Dial(e, s.family)
	if err != nil {
		return nl.Message{}, err
	}
	s.conn = c
	b := genl.Header{Command: s.cmd, Version: s.version}.Append(make([]byte, 0, genl.HeaderLen+len(s.attrs)))
	return nl.Message{Header: nl.Header{Type: c.Family().ID}, Data: append(b, s.attrs...)}, nil
}

func (s *step) send(m nl.Message) ([]nl.Message, error) { return s.conn.NL().Execute(m) }

func (s *step) done() {
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
}

// Refused is the kernel's refusal of a change: its message, exit 1.
func Refused(err error) error {
	return &fail.Error{Code: fail.ExitLocal, Msg: (&fail.KernelError{Err: err}).Error(), Err: err}
}

// DumpFailed is ip's end of a dump the kernel refused: its message and
// "Dump terminated", exit 1 at once.
func DumpFailed(err error) error {
	return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
}

// List dumps command cmd of family and prints each answer, read by
// parse, through the record view makes of it: ip's listings of these
// families. A refused dump is ip's "Dump terminated" (exit 1 at once).
func List[T any](e *env.Env, family string, cmd uint8, parse func(attrs []byte) (T, error), view func(T) format.FieldRecord) error {
	c, err := Dial(e, family)
	if err != nil {
		return err
	}
	defer c.Close()
	p := e.Printer()
	for m, err := range c.Dump(cmd, nil) {
		if err != nil {
			return DumpFailed(err)
		}
		v, err := parse(m.Attrs)
		if err != nil {
			return DumpFailed(err)
		}
		if err := p.Print(view(v)); err != nil {
			return err
		}
	}
	return p.Close()
}
