package mptcp

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/mptcp"
	"golang.org/x/sys/unix"
)

// flagWords are the words of a FLAG-LIST and a CHANGE-OPT, in ip's order
// (no- words set nothing: leaving a flag out of a change clears it).
var flagWords = []struct {
	word string
	flag mptcp.Flags
}{
	{"signal", mptcp.FlagSignal}, {"subflow", mptcp.FlagSubflow}, {"backup", mptcp.FlagBackup},
	{"fullmesh", mptcp.FlagFullmesh}, {"nobackup", 0}, {"nofullmesh", 0},
}

// endpointArgs is a parsed add, delete, change or show: the endpoint and
// the device it names, looked up again when the step is built.
type endpointArgs struct {
	ep  mptcp.Endpoint
	dev string
}

// parseEndpoint reads the words as ip's mptcp_parse_opt does, with its
// checks for command cmd, in its order.
func parseEndpoint(e *env.Env, cmd mptcp.Cmd, args []string) (*endpointArgs, error) {
	adding, deleting, setting := cmd == mptcp.CmdAddAddr, cmd == mptcp.CmdDelAddr, cmd == mptcp.CmdSetFlags
	p := &endpointArgs{}
	ep := &p.ep
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if f, ok := flagOf(w); ok {
			ep.Flags |= f
			if adding && ep.Flags&mptcp.FlagSignal != 0 && ep.Flags&mptcp.FlagFullmesh != 0 {
				return nil, fail.Invalid("flags mustn't have both signal and fullmesh", w)
			}
			if setting && ep.Flags&^(mptcp.FlagBackup|mptcp.FlagFullmesh) != 0 {
				return nil, fail.Invalid("invalid flags, backup and fullmesh only", w)
			}
			continue
		}
		switch {
		case grammar.Matches(w, "id"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			id, ok := grammar.CUint(v, 0, math.MaxUint8)
			if !ok {
				return nil, fail.Invalid("invalid ID\n", v)
			}
			ep.ID, ep.HasID = uint8(id), true
		case grammar.Matches(w, "dev"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if !grammar.ValidIfName(v) {
				return nil, fail.Invalid("invalid interface name\n", v)
			}
			i, err := e.Links().Index(v)
			if err != nil || i == 0 {
				return nil, fail.Invalid("device does not exist\n", v)
			}
			p.dev, ep.IfIndex = v, i
		case grammar.Matches(w, "port"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			port, ok := grammar.CUint(v, 0, math.MaxUint16)
			if !ok {
				return nil, fail.Invalid("expected port", v)
			}
			ep.Port = uint16(port)
		default:
			addr, err := grammar.ParseAddr(w, unix.AF_UNSPEC)
			if err != nil {
				return nil, err
			}
			ep.Addr = addr.Addr
		}
	}
	switch {
	case adding && !ep.Addr.IsValid():
		return nil, missing("ADDRESS")
	case deleting && !ep.HasID:
		return nil, missing("ID")
	case deleting && ep.ID != 0 && ep.Addr.IsValid():
		return nil, fail.Invalid("invalid for non-zero id address\n", "ADDRESS")
	case deleting && ep.ID == 0 && !ep.Addr.IsValid():
		return nil, fail.Invalid("address is needed for deleting id 0 address\n", "ID")
	case adding && ep.Port != 0 && ep.Flags&mptcp.FlagSignal == 0:
		return nil, fail.Invalid("flags must have signal when using port", "port")
	case setting && ep.HasID && ep.Port != 0:
		return nil, fail.Invalid("port can't be used with id", "port")
	}
	return p, nil
}

// flagOf is the flag a word of a FLAG-LIST names (exactly, as ip
// compares them).
func flagOf(w string) (mptcp.Flags, bool) {
	for _, f := range flagWords {
		if f.word == w {
			return f.flag, true
		}
	}
	return 0, false
}

// missing is ip's missarg().
func missing(what string) error {
	return fail.Usagef("Error: argument %q is required", what)
}

// attrs makes the request's attributes; a device named in a batch is
// looked up again, as an earlier line may have renamed it.
func (p *endpointArgs) attrs(e *env.Env) ([]byte, error) {
	ep := p.ep
	if p.dev != "" {
		i, err := e.Links().Index(p.dev)
		if err != nil || i == 0 {
			return nil, fail.Invalid("device does not exist\n", p.dev)
		}
		ep.IfIndex = i
	}
	return ep.Attrs(nil)
}

// planEndpoint is add, delete or change: one request of the family.
func planEndpoint(cmd mptcp.Cmd) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		p, err := parseEndpoint(e, cmd, args)
		if err != nil {
			return nil, err
		}
		r := &request{cmd: cmd, attrs: p.attrs}
		return []plan.Step{r.step()}, nil
	}
}
