package rtnl

import (
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// NdMsgLen is the size of struct ndmsg.
const NdMsgLen = unix.SizeofNdMsg

// Neigh is a neighbour (ARP/NDP) or bridge forwarding entry (RTM_NEWNEIGH).
type Neigh struct {
	Family uint8
	Index  int32
	State  uint16 // NUD_*
	Flags  uint8  // NTF_*
	Type   uint8

	Dst      netip.Addr
	LLAddr   HardwareAddr
	HasLL    bool
	Probes   uint32
	HasProbe bool
	VLAN     uint16
	HasVLAN  bool
	Master   int32
	Port     uint16
	VNI      uint32
	HasVNI   bool
	Via      int32 // NDA_IFINDEX
	NHID     uint32
	FlagsExt uint32

	HasCacheInfo                       bool
	Confirmed, Used, Updated, RefCount uint32
}

// ParseNeigh decodes an RTM_NEWNEIGH message; the result does not alias m.
func ParseNeigh(m nl.Message) (*Neigh, error) {
	b := m.Data
	if len(b) < NdMsgLen {
		return nil, ErrShortHeader
	}
	n := &Neigh{
		Family: b[0],
		Index:  int32(ne.Uint32(b[4:])),
		State:  ne.Uint16(b[8:]),
		Flags:  b[10],
		Type:   b[11],
	}
	d := nl.NewAttrDecoder(b[NdMsgLen:])
	for d.Next() {
		switch d.Type() {
		case unix.NDA_DST:
			if d.Len() == 4 || d.Len() == 16 {
				n.Dst = d.Addr()
			}
		case unix.NDA_LLADDR:
			n.LLAddr, n.HasLL = clone(d.Bytes()), true
		case unix.NDA_PROBES:
			n.Probes, n.HasProbe = d.Uint32(), true
		case unix.NDA_VLAN:
			n.VLAN, n.HasVLAN = d.Uint16(), true
		case unix.NDA_MASTER:
			n.Master = int32(d.Uint32())
		case unix.NDA_PORT:
			n.Port = d.Uint16BE()
		case unix.NDA_VNI:
			n.VNI, n.HasVNI = d.Uint32(), true
		case unix.NDA_IFINDEX:
			n.Via = int32(d.Uint32())
		case 13: // NDA_NH_ID
			n.NHID = d.Uint32()
		case 15: // NDA_FLAGS_EXT
			n.FlagsExt = d.Uint32()
		case unix.NDA_CACHEINFO:
			c := d.Bytes()
			if len(c) >= 16 {
				n.HasCacheInfo = true
				n.Confirmed = ne.Uint32(c[0:])
				n.Used = ne.Uint32(c[4:])
				n.Updated = ne.Uint32(c[8:])
				n.RefCount = ne.Uint32(c[12:])
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return n, nil
}

func ndMsg(family uint8, index int32, state uint16, flags, typ uint8) []byte {
	h := make([]byte, NdMsgLen)
	h[0] = family
	ne.PutUint32(h[4:], uint32(index))
	ne.PutUint16(h[8:], state)
	h[10] = flags
	h[11] = typ
	return h
}

// NeighDump describes a neighbour dump: family, and the kernel-side
// filters a strict socket honours (device, master, proxy entries).
type NeighDump struct {
	Family uint8
	Index  int32
	Master int32
	Proxy  bool
}

// Neighs streams neighbour entries.
func Neighs(c *nl.Conn, q NeighDump) iter.Seq2[*Neigh, error] {
	return func(yield func(*Neigh, error) bool) {
		var flags uint8
		if q.Proxy {
			flags = unix.NTF_PROXY
		}
		e := nl.NewAttrEncoder(nil)
		if q.Index != 0 {
			e.Uint32(unix.NDA_IFINDEX, uint32(q.Index))
		}
		if q.Master != 0 {
			e.Uint32(unix.NDA_MASTER, uint32(q.Master))
		}
		m, err := request(unix.RTM_GETNEIGH, 0, ndMsg(q.Family, 0, 0, flags, 0), e)
		if err != nil {
			yield(nil, err)
			return
		}
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != unix.RTM_NEWNEIGH {
				continue
			}
			n, err := ParseNeigh(r)
			if !yield(n, err) || err != nil {
				return
			}
		}
	}
}

// NeighSpec is an RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH request.
type NeighSpec struct {
	Family uint8
	Index  int32
	State  uint16
	Flags  uint8
	Type   uint8

	Dst      netip.Addr
	LLAddr   []byte
	VLAN     *uint16
	Master   *int32
	Port     *uint16
	VNI      *uint32
	Via      *int32
	FlagsExt uint32
	Protocol *uint8
	// StateMask and FlagsMask say which bits of State and Flags a bulk
	// delete (NLM_F_BULK) matches on; 0 leaves them out.
	StateMask uint16
	FlagsMask uint8
}

// Message builds the request.
func (s *NeighSpec) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if s.Dst.IsValid() {
		e.Addr(unix.NDA_DST, s.Dst)
	}
	if s.LLAddr != nil {
		e.Bytes(unix.NDA_LLADDR, s.LLAddr)
	}
	if s.VLAN != nil {
		e.Uint16(unix.NDA_VLAN, *s.VLAN)
	}
	if s.Master != nil {
		e.Uint32(unix.NDA_MASTER, uint32(*s.Master))
	}
	if s.Port != nil {
		e.Uint16BE(unix.NDA_PORT, *s.Port)
	}
	if s.VNI != nil {
		e.Uint32(unix.NDA_VNI, *s.VNI)
	}
	if s.Via != nil {
		e.Uint32(unix.NDA_IFINDEX, uint32(*s.Via))
	}
	if s.FlagsExt != 0 {
		e.Uint32(15, s.FlagsExt)
	}
	if s.Protocol != nil {
		e.Uint8(12, *s.Protocol) // NDA_PROTOCOL
	}
	if s.FlagsMask != 0 {
		e.Uint8(17, s.FlagsMask) // NDA_NDM_FLAGS_MASK
	}
	if s.StateMask != 0 {
		e.Uint16(16, s.StateMask) // NDA_NDM_STATE_MASK
	}
	return request(typ, flags, ndMsg(s.Family, s.Index, s.State, s.Flags, s.Type), e)
}

// Do sends a NEW or DEL request and waits for the answer.
func (s *NeighSpec) Do(c *nl.Conn, typ uint16, flags nl.Flags) error {
	m, err := s.Message(typ, flags)
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}

// Get asks for one entry (RTM_GETNEIGH without NLM_F_DUMP).
func (s *NeighSpec) Get(c *nl.Conn) (*Neigh, error) {
	m, err := s.Message(unix.RTM_GETNEIGH, 0)
	if err != nil {
		return nil, err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return nil, err
	}
	for _, r := range replies {
		if r.Header.Type == unix.RTM_NEWNEIGH {
			return ParseNeigh(r)
		}
	}
	return nil, &nl.OpError{Op: "request", Err: unix.ENOENT}
}
