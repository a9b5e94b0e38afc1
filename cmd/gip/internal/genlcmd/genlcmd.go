package genlcmd

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
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

// Require is an object's Options that does what ip does before it reads
// a verb: resolve the family (unless the words ask for help), so that a
// kernel without it answers every command the same way, whatever its
// words.
func Require(family string) func(e *env.Env, words []string) ([]string, bool, error) {
	return func(e *env.Env, words []string) ([]string, bool, error) {
		if len(words) == 0 || grammar.Matches(words[0], "help") {
			return words, false, nil
		}
		c, err := Dial(e, family)
		if err != nil {
			return nil, false, err
		}
		c.Close()
		return words, false, nil
	}
}

// Step is command cmd of family with attrs as a plan step whose refusal
// is Refused (these commands of ip return -1 there).
func Step(family string, version, cmd uint8, attrs []byte) plan.Step {
	r := &Request{Family: family, Version: version, Cmd: cmd, Attrs: func(*env.Env) ([]byte, error) { return attrs, nil }, Report: Refused}
	return r.Step()
}

// Request is one command of a family as a planned step: Build opens the
// socket in the namespace and makes the message from the attributes
// Attrs returns (names resolved then, as an earlier line of a batch may
// have made them), the step sends it there, and Done closes the socket.
type Request struct {
	Family string
	// Version is the header's version; 0 is the family's own.
	Version uint8
	Cmd     uint8
	Attrs   func(e *env.Env) ([]byte, error)
	// Report turns the kernel's refusal into the command's error;
	// nil is fail.Kernel (exit 2).
	Report func(error) error
	// Barrier says the command makes or removes a device (an l2tp
	// session's), so later lines resolve names afresh.
	Barrier bool
	// Complaint, when set, is a line ip prints before sending the
	// request all the same (a check of its own that failed after the
	// words were read); the kernel's answer follows it.
	Complaint string

	conn *genl.Conn
}

// Step is the request as a plan step.
func (r *Request) Step() plan.Step {
	report := r.Report
	if report == nil {
		report = fail.Kernel
	}
	return plan.Step{Build: r.build, Send: r.send, Done: r.done, Report: report, Barrier: r.Barrier,
		Alone: r.Complaint != ""}
}

func (r *Request) build(e *env.Env) (nl.Message, error) {
	if r.Complaint != "" {
		fmt.Fprintln(e.Stderr, r.Complaint)
	}
	var attrs []byte
	if r.Attrs != nil {
		var err error
		if attrs, err = r.Attrs(e); err != nil {
			return nl.Message{}, err
		}
	}
	c, err := Dial(e, r.Family)
	if err != nil {
		return nl.Message{}, err
	}
	r.conn = c
	version := r.Version
	if version == 0 {
		version = uint8(c.Family().Version)
	}
	data := genl.Header{Command: r.Cmd, Version: version}.Append(make([]byte, 0, genl.HeaderLen+len(attrs)))
	return nl.Message{Header: nl.Header{Type: c.Family().ID}, Data: append(data, attrs...)}, nil
}

func (r *Request) send(m nl.Message) ([]nl.Message, error) { return r.conn.NL().Execute(m) }

func (r *Request) done() {
	if r.conn != nil {
		r.conn.Close()
		r.conn = nil
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
