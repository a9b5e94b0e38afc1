package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const netkitUsage = `Usage: ... netkit [ mode MODE ] [ POLICY ] [ scrub SCRUB ] [ peer [ POLICY <options> ] ]

MODE: l3 | l2
POLICY: forward | blackhole
SCRUB: default | none
(first values are the defaults if nothing is specified)

To get <options> type 'ip link add help'.
`

// netkit: a veth-like pair whose traffic BPF programs steer. The policy
// and scrub words after `peer` are the peer's; the words after those
// describe the peer as `ip link add` would.
func netkitKind() Kind {
	return newKind("netkit", netkitUsage, parseNetkit, printNetkit)
}

var (
	netkitModes    = map[string]uint32{"l2": rtnl.NetkitL2, "l3": rtnl.NetkitL3}
	netkitPolicies = map[string]uint32{"forward": rtnl.NetkitPass, "blackhole": rtnl.NetkitDrop}
	netkitScrubs   = map[string]uint32{"none": rtnl.NetkitScrubNone, "default": rtnl.NetkitScrubDefault}
)

func parseNetkit(p *kindParser, n *rtnl.Netkit) error {
	peer := false
	for p.More() {
		w := p.Next()
		switch w {
		case "mode":
			v, err := p.Value()
			if err != nil {
				return err
			}
			if n.Mode.Set {
				return fail.Duplicate("mode", v)
			}
			m, ok := netkitModes[v]
			if !ok {
				return fail.Localf(`Error: argument of "mode" must be either "l3" or "l2"`)
			}
			n.Mode = rtnl.Some(m)
		case "forward", "blackhole":
			pol := &n.Policy
			if peer {
				pol = &n.PeerPolicy
			}
			*pol = rtnl.Some(netkitPolicies[w])
		case "scrub":
			v, err := p.Value()
			if err != nil {
				return err
			}
			s, ok := netkitScrubs[v]
			if !ok {
				return fail.Localf(`Error: scrub must be either "none" or "default"`)
			}
			if peer {
				n.PeerScrub = rtnl.Some(s)
			} else {
				n.Scrub = rtnl.Some(s)
			}
		case "peer":
			if peer {
				return fail.Duplicate("peer", p.Peek())
			}
			peer = true
		default:
			if !peer {
				return explained(fmt.Sprintf("netkit: unknown option %q?", w), netkitUsage)
			}
			p.Back()
			return parseNetkitPeer(p, n)
		}
	}
	return nil
}

// parseNetkitPeer reads the rest of the words as the peer's link options.
func parseNetkitPeer(p *kindParser, n *rtnl.Netkit) error {
	pa, err := parseLinkArgs(p.env, p.Args, true)
	if err != nil {
		return err
	}
	p.cleanup = append(p.cleanup, pa.close)
	if pa.Kind != "" {
		return fail.Duplicate("type", pa.Kind)
	}
	spec := pa.spec
	spec.Name = pa.dev
	spec.Group = pa.group
	n.Peer = &spec
	return nil
}

func printNetkit(f *format.Fields, n *rtnl.Netkit, _ *View) {
	name := func(table map[string]uint32, v uint32) string {
		for k, x := range table {
			if x == v {
				return k
			}
		}
		return "UNKNOWN"
	}
	if m, ok := n.Mode.Get(); ok {
		f.String("mode", "mode %s ", name(netkitModes, m))
	}
	if pr, ok := n.Primary.Get(); ok {
		t := "peer"
		if pr != 0 {
			t = "primary"
		}
		f.String("type", "type %s ", t)
	}
	if x, ok := n.Policy.Get(); ok {
		f.String("policy", "policy %s ", name(netkitPolicies, x))
	}
	if x, ok := n.PeerPolicy.Get(); ok {
		f.String("peer_policy", "peer policy %s ", name(netkitPolicies, x))
	}
	if x, ok := n.Scrub.Get(); ok {
		f.String("scrub", "scrub %s ", name(netkitScrubs, x))
	}
	if x, ok := n.PeerScrub.Get(); ok {
		f.String("peer_scrub", "peer scrub %s ", name(netkitScrubs, x))
	}
}
