package mptcp

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

// dial opens the family's socket in the namespace of -n.
func dial(e *env.Env) (*genl.Conn, error) {
	c, err := genl.Dial(mptcp.FamilyName, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	if errors.Is(err, genl.ErrFamilyNotFound) {
		return nil, &fail.Error{Code: fail.ExitLocal, Err: err, Msg: "Error: The kernel has no mptcp_pm family (it needs CONFIG_MPTCP)."}
	}
	return c, err
}

// request is a planned request of the family: Build opens the socket in
// the namespace and makes the message, the step sends it there, and Done
// closes the socket.
type request struct {
	conn  *genl.Conn
	cmd   mptcp.Cmd
	attrs func(e *env.Env) ([]byte, error)
}

func (r *request) step() plan.Step {
	return plan.Step{Build: r.build, Send: r.send, Done: r.done, Report: fail.Kernel}
}

func (r *request) build(e *env.Env) (nl.Message, error) {
	attrs, err := r.attrs(e)
	if err != nil {
		return nl.Message{}, err
	}
	if r.conn, err = dial(e); err != nil {
		return nl.Message{}, err
	}
	return mptcp.Request(r.conn.Family(), r.cmd, 0, attrs), nil
}

func (r *request) send(m nl.Message) ([]nl.Message, error) { return r.conn.NL().Execute(m) }

func (r *request) done() {
	if r.conn != nil {
		r.conn.Close()
		r.conn = nil
	}
}
