package l2tp

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/l2tp"
)

// missing is ip's missarg().
func missing(what string) error {
	return fail.Usagef("Error: argument %q is required", what)
}

// planAdd is add: ip's checks in its order, then a tunnel's request, a
// session's, or both (the tunnel first).
func planAdd(e *env.Env, args []string) ([]plan.Step, error) {
	p, err := parse(e, args)
	if err != nil {
		return nil, err
	}
	t, s := p.t, p.s
	switch {
	case !p.tunnel && !p.session:
		return nil, missing("tunnel or session")
	case t.ID == 0:
		return nil, missing("tunnel_id")
	case p.session && s.PeerID == 0:
		return nil, missing("peer_session_id")
	case p.session && s.ID == 0:
		return nil, missing("session_id")
	case p.tunnel && t.PeerID == 0:
		return nil, missing("peer_tunnel_id")
	case p.tunnel && !t.Local.IsValid():
		return nil, missing("local")
	case p.tunnel && !t.Remote.IsValid():
		return nil, missing("remote")
	case p.tunnel && t.Encap == l2tp.EncapUDP && t.SourcePort == 0:
		return nil, missing("udp_sport")
	case p.tunnel && t.Encap == l2tp.EncapUDP && t.DestPort == 0:
		return nil, missing("udp_dport")
	}
	var steps []plan.Step
	if p.tunnel {
		t.ProtoVersion = 3
		steps = append(steps, request(l2tp.CmdTunnelCreate, t.Attrs))
	}
	if p.session {
		// The session names its tunnel by the tunnel's IDs; ip makes
		// Ethernet pseudowires only.
		s.TunnelID, s.PeerTunnelID, s.PWType = t.ID, t.PeerID, l2tp.PWTypeEth
		steps = append(steps, request(l2tp.CmdSessionCreate, s.Attrs))
	}
	return steps, nil
}

// planDel is del: a session's delete when a session ID was given (even
// with the word tunnel), a tunnel's otherwise.
func planDel(e *env.Env, args []string) ([]plan.Step, error) {
	p, err := parse(e, args)
	if err != nil {
		return nil, err
	}
	switch {
	case !p.tunnel && !p.session:
		return nil, missing("tunnel or session")
	case p.tunnel && p.t.ID == 0:
		return nil, missing("tunnel_id")
	case p.session && p.s.ID == 0:
		return nil, missing("session_id")
	}
	ids := l2tp.IDs{Tunnel: p.t.ID}
	cmd := l2tp.CmdTunnelDelete
	if p.s.ID != 0 {
		ids.Session, cmd = p.s.ID, l2tp.CmdSessionDelete
	}
	return []plan.Step{request(cmd, ids.Attrs)}, nil
}

// request is one command of the family as a step. Every change of l2tp
// makes or removes devices (a session is one; a tunnel takes its
// sessions along), so later lines of a batch look names up afresh.
func request(cmd l2tp.Cmd, attrs func(b []byte) ([]byte, error)) plan.Step {
	r := &genlcmd.Request{Family: l2tp.FamilyName, Cmd: uint8(cmd), Barrier: true,
		Attrs: func(*env.Env) ([]byte, error) { return attrs(nil) }}
	return r.Step()
}
