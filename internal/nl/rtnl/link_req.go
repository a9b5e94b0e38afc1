package rtnl

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// LinkSpec is what a RTM_NEWLINK / RTM_SETLINK / RTM_DELLINK request says
// about a link. Optional fields are pointers or empty: unset sends nothing.
type LinkSpec struct {
	Family uint8
	Index  int32  // the link to change or delete (0 on add)
	Name   string // IFLA_IFNAME: the new link's name, or the new name on set
	Flags  uint32 // IFF_* values for the bits in Change
	Change uint32

	MTU         *uint32
	TxQLen      *uint32
	Address     net.HardwareAddr
	Broadcast   net.HardwareAddr
	Master      *int32 // 0 detaches (nomaster)
	Link        *int32 // lower device (IFLA_LINK)
	NetNSFD     *int32
	NetNSPID    *uint32
	LinkNetNSID *int32
	Alias       *string
	Group       *uint32
	NumTxQ      *uint32
	NumRxQ      *uint32
	GSOMaxSize  *uint32
	GSOMaxSegs  *uint32
	GROMaxSize  *uint32
	AddrGenMode *uint8
	ProtoDown   *uint8
	Index2      *int32 // IFLA_NEW_IFINDEX: ask for a given index on add

	// Kind is the link type with its data (IFLA_LINKINFO).
	Kind *KindSpec
	// Extra attributes appended as they are (IFLA_AF_SPEC, ...).
	Extra []Attr
}

// KindSpec is a link kind with its IFLA_INFO_DATA, or a port's
// IFLA_INFO_SLAVE_DATA when Slave is set.
type KindSpec struct {
	Name  string
	Slave bool
	Data  []Attr
	// Peer is a veth-style peer (VETH_INFO_PEER and its kin), encoded as
	// a struct ifinfomsg followed by the peer's attributes.
	Peer     *LinkSpec
	PeerAttr uint16
}

func u32p(e *nl.AttrEncoder, t uint16, v *uint32) {
	if v != nil {
		e.Uint32(t, *v)
	}
}

func (s *LinkSpec) encode(e *nl.AttrEncoder) {
	if s.Name != "" {
		e.String(unix.IFLA_IFNAME, s.Name)
	}
	u32p(e, unix.IFLA_MTU, s.MTU)
	u32p(e, unix.IFLA_TXQLEN, s.TxQLen)
	if s.Address != nil {
		e.Bytes(unix.IFLA_ADDRESS, s.Address)
	}
	if s.Broadcast != nil {
		e.Bytes(unix.IFLA_BROADCAST, s.Broadcast)
	}
	if s.Master != nil {
		e.Uint32(unix.IFLA_MASTER, uint32(*s.Master))
	}
	if s.Link != nil {
		e.Uint32(unix.IFLA_LINK, uint32(*s.Link))
	}
	if s.NetNSFD != nil {
		e.Uint32(unix.IFLA_NET_NS_FD, uint32(*s.NetNSFD))
	}
	u32p(e, unix.IFLA_NET_NS_PID, s.NetNSPID)
	if s.LinkNetNSID != nil {
		e.Uint32(unix.IFLA_LINK_NETNSID, uint32(*s.LinkNetNSID))
	}
	if s.Alias != nil {
		e.String(unix.IFLA_IFALIAS, *s.Alias)
	}
	u32p(e, unix.IFLA_GROUP, s.Group)
	u32p(e, unix.IFLA_NUM_TX_QUEUES, s.NumTxQ)
	u32p(e, unix.IFLA_NUM_RX_QUEUES, s.NumRxQ)
	u32p(e, unix.IFLA_GSO_MAX_SIZE, s.GSOMaxSize)
	u32p(e, unix.IFLA_GSO_MAX_SEGS, s.GSOMaxSegs)
	u32p(e, unix.IFLA_GRO_MAX_SIZE, s.GROMaxSize)
	if s.ProtoDown != nil {
		e.Uint8(unix.IFLA_PROTO_DOWN, *s.ProtoDown)
	}
	if s.Index2 != nil {
		e.Uint32(unix.IFLA_NEW_IFINDEX, uint32(*s.Index2))
	}
	if s.AddrGenMode != nil {
		e.Nest(unix.IFLA_AF_SPEC)
		e.Nest(unix.AF_INET6)
		e.Uint8(unix.IFLA_INET6_ADDR_GEN_MODE, *s.AddrGenMode)
		e.Unnest()
		e.Unnest()
	}
	if k := s.Kind; k != nil {
		e.Nest(unix.IFLA_LINKINFO)
		if k.Slave {
			e.String(unix.IFLA_INFO_SLAVE_KIND, k.Name)
		} else {
			e.String(unix.IFLA_INFO_KIND, k.Name)
		}
		if len(k.Data) > 0 || k.Peer != nil {
			if k.Slave {
				e.Nest(unix.IFLA_INFO_SLAVE_DATA)
			} else {
				e.Nest(unix.IFLA_INFO_DATA)
			}
			encodeAttrs(e, k.Data)
			if k.Peer != nil {
				pa := k.PeerAttr
				if pa == 0 {
					pa = vethInfoPeer
				}
				e.Nest(pa)
				e.Raw(ifInfo(unix.AF_UNSPEC, k.Peer.Index, k.Peer.Flags, k.Peer.Change))
				k.Peer.encode(e)
				e.Unnest()
			}
			e.Unnest()
		}
		e.Unnest()
	}
	encodeAttrs(e, s.Extra)
}

// Message builds the request: typ is RTM_NEWLINK, RTM_SETLINK or
// RTM_DELLINK; flags are the NEW modifiers (FlagsAdd, ...).
func (s *LinkSpec) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	s.encode(e)
	return request(typ, flags, ifInfo(s.Family, s.Index, s.Flags, s.Change), e)
}

// Do sends the request and waits for the kernel's answer.
func (s *LinkSpec) Do(c *nl.Conn, typ uint16, flags nl.Flags) error {
	m, err := s.Message(typ, flags)
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}
