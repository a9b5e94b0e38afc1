package rtnl

import (
	"fmt"

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
	Address     HardwareAddr
	Broadcast   HardwareAddr
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

// KindSpec is a link kind with its options (IFLA_INFO_KIND and
// IFLA_INFO_DATA), or a port's (IFLA_INFO_SLAVE_KIND and
// IFLA_INFO_SLAVE_DATA) when Slave is set. Data may be nil.
type KindSpec struct {
	Name  string
	Slave bool
	Data  LinkData
}

func u32p(e *nl.AttrEncoder, t uint16, v *uint32) {
	if v != nil {
		e.Uint32(t, *v)
	}
}

func (s *LinkSpec) encode(e *nl.AttrEncoder) error {
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
		if err := k.encode(e); err != nil {
			return err
		}
	}
	encodeAttrs(e, s.Extra)
	return nil
}

// Message builds the request: typ is RTM_NEWLINK, RTM_SETLINK or
// RTM_DELLINK; flags are the NEW modifiers (FlagsAdd, ...).
func (s *LinkSpec) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if err := s.encode(e); err != nil {
		return nl.Message{}, err
	}
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

func (k *KindSpec) encode(e *nl.AttrEncoder) error {
	kind, data := uint16(unix.IFLA_INFO_KIND), uint16(unix.IFLA_INFO_DATA)
	if k.Slave {
		kind, data = unix.IFLA_INFO_SLAVE_KIND, unix.IFLA_INFO_SLAVE_DATA
	}
	e.Nest(unix.IFLA_LINKINFO)
	e.String(kind, k.Name)
	if k.Data != nil {
		// Options that encode to nothing send no IFLA_INFO_DATA at all.
		sub := nl.NewAttrEncoder(nil)
		k.Data.Encode(sub)
		b, err := sub.Encode()
		if err != nil {
			return fmt.Errorf("%s options: %w", k.Name, err)
		}
		if len(b) > 0 {
			e.Nest(data)
			e.Raw(b)
			e.Unnest()
		}
	}
	e.Unnest()
	return nil
}
