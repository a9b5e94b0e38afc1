package genlstep

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
)

// noFamily is ip's answer when resolving the family fails: the
// controller's refusal, then its own line (exit 1; a batch ends there,
// as ip exits).
const noFamily = "RTNETLINK answers: No such file or directory\nError talking to the kernel"

// Dial opens a socket of the generic netlink family called family in the
// namespace of -n.
func Dial(e *env.Env, family string) (*genl.Conn, error) {
	c, err := genl.Dial(family, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	if errors.Is(err, genl.ErrFamilyNotFound) {
		return nil, fail.AsFatal(&fail.Error{Code: fail.ExitLocal, Msg: noFamily, Err: err})
	}
	return c, err
}

// Request is one command of a family as a planned step: Build opens the
// socket and makes the message from the attributes Attrs returns (names
// resolved then, as an earlier line of a batch may have made them), the
// step sends it there, and Done closes the socket.
type Request struct {
	Family string
	Cmd    uint8
	Attrs  func(e *env.Env) ([]byte, error)
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
	return plan.Step{Build: r.build, Send: r.send, Done: r.done, Report: fail.Kernel, Barrier: r.Barrier,
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
	fam := c.Family()
	data := genl.Header{Command: r.Cmd, Version: uint8(fam.Version)}.Append(make([]byte, 0, genl.HeaderLen+len(attrs)))
	return nl.Message{Header: nl.Header{Type: fam.ID}, Data: append(data, attrs...)}, nil
}

func (r *Request) send(m nl.Message) ([]nl.Message, error) { return r.conn.NL().Execute(m) }

func (r *Request) done() {
	if r.conn != nil {
		r.conn.Close()
		r.conn = nil
	}
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
