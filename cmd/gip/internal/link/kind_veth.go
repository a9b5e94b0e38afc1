package link

import "github.com/gip-suite/gip/internal/nl/rtnl"

// veth: a pair of linked devices; the words after `peer` describe the
// other end as `ip link add` would.
func vethKind() Kind {
	return newKind("veth", "Usage: ip link <options> type veth [peer <options>]\n"+
		"To get <options> type 'ip link add help'", parseVeth, nil)
}

func parseVeth(p *kindParser, v *rtnl.Veth) error {
	if !p.More() {
		return nil
	}
	if w := p.Next(); w != "peer" {
		return p.unknown(w)
	}
	pa, err := parseLinkArgs(p.env, p.Args, true)
	if err != nil {
		return err
	}
	p.cleanup = append(p.cleanup, pa.close)
	if pa.Kind != "" {
		return p.unknown("type")
	}
	peer := pa.spec
	peer.Name = pa.dev
	peer.Group = pa.group
	v.Peer = &peer
	return nil
}
