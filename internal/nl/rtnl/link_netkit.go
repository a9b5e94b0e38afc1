package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Netkit attributes beyond those golang.org/x/sys knows, and the values
// of its options (linux/if_link.h).
const (
	netkitScrub     = 6 // IFLA_NETKIT_SCRUB
	netkitPeerScrub = 7 // IFLA_NETKIT_PEER_SCRUB

	NetkitL2 = 0 // NETKIT_L2
	NetkitL3 = 1 // NETKIT_L3

	NetkitPass = 0 // NETKIT_PASS, "forward"
	NetkitDrop = 2 // NETKIT_DROP, "blackhole"

	NetkitScrubNone    = 0
	NetkitScrubDefault = 1
)

// Netkit is the options of a netkit pair (IFLA_NETKIT_*): a veth-like
// pair whose traffic BPF programs steer. The policies and scrubbing of
// the peer end are sent by the primary; Peer describes the other end as
// a link of its own. Primary is reported by the kernel only.
type Netkit struct {
	Mode       Opt[uint32]
	Policy     Opt[uint32]
	PeerPolicy Opt[uint32]
	Scrub      Opt[uint32]
	PeerScrub  Opt[uint32]
	Primary    Opt[uint8]
	Peer       *LinkSpec
}

func (n *Netkit) fields() []field {
	return []field{
		u32Field(unix.IFLA_NETKIT_MODE, &n.Mode),
		u32Field(unix.IFLA_NETKIT_POLICY, &n.Policy),
		u32Field(unix.IFLA_NETKIT_PEER_POLICY, &n.PeerPolicy),
		u32Field(netkitScrub, &n.Scrub),
		u32Field(netkitPeerScrub, &n.PeerScrub),
		u8Field(unix.IFLA_NETKIT_PRIMARY, &n.Primary),
	}
}

// Encode implements LinkData.
func (n *Netkit) Encode(e *nl.AttrEncoder) {
	encodeFields(e, n.fields())
	if n.Peer != nil {
		encodePeer(e, unix.IFLA_NETKIT_PEER_INFO, n.Peer)
	}
}

// Decode implements LinkData.
func (n *Netkit) Decode(data []byte) error {
	if err := decodeFields(data, n.fields()); err != nil {
		return err
	}
	d := nl.NewAttrDecoder(data)
	for d.Next() {
		if d.Type() != unix.IFLA_NETKIT_PEER_INFO {
			continue
		}
		p, err := decodeLinkSpec(d.Bytes())
		if err != nil {
			return err
		}
		n.Peer = p
	}
	return d.Err()
}
