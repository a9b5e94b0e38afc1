package link

import (
	"io"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// veth: a pair of linked devices; the words after `peer` describe the
// other end as `ip link add` would.
func vethKind() Kind {
	return newKind("veth", peerUsage("veth"), parseVeth, nil)
}

// peerUsage is ip's help for veth or vxcan.
func peerUsage(kind string) string {
	return "Usage: ip link <options> type " + kind + " [peer <options>]\n" +
		"To get <options> type 'ip link add help'\n"
}

// parseVeth reads `peer` and the peer's link options as ip does. Any
// other first word (help too) is ip's usage, which it prints on standard
// output, and a failure without a message (exit 1); a type among the
// peer's options is a second one.
func parseVeth(p *kindParser, v *rtnl.Veth) error {
	if !p.More() {
		return nil
	}
	if w := p.Next(); w != "peer" {
		if p.env != nil && p.env.Stdout != nil {
			io.WriteString(p.env.Stdout, peerUsage(p.kind))
		}
		return fail.Localf("")
	}
	pa, err := parseLinkArgs(p.env, p.Args, true)
	if err != nil {
		return err
	}
	p.cleanup = append(p.cleanup, pa.close)
	if pa.Kind != "" {
		return fail.Duplicate("type", pa.Kind)
	}
	peer := pa.spec
	peer.Name = pa.dev
	peer.Group = pa.group
	v.Peer = &peer
	return nil
}
