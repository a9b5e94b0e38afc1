package rtnl

import (
	"encoding/binary"
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// The multicast database of bridges (RTM_*MDB, linux/if_bridge.h). Names
// newer than the uapi headers of x/sys are spelled out here.
const (
	// BrPortMsgLen is the size of struct br_port_msg: family, three
	// bytes of padding and the bridge's ifindex.
	BrPortMsgLen = 8
	// MDBEntryLen is the size of struct br_mdb_entry.
	MDBEntryLen = 28

	mdbaMDB    = 1 // MDBA_MDB: the entries, by MDBA_MDB_ENTRY
	mdbaRouter = 2 // MDBA_ROUTER: the router ports, by MDBA_ROUTER_PORT

	mdbaMDBEntry     = 1 // MDBA_MDB_ENTRY
	mdbaMDBEntryInfo = 1 // MDBA_MDB_ENTRY_INFO: br_mdb_entry, then MDBA_MDB_EATTR_*

	mdbaEattrTimer     = 1 // MDBA_MDB_EATTR_TIMER: u32, hundredths of a second
	mdbaEattrSrcList   = 2 // MDBA_MDB_EATTR_SRC_LIST
	mdbaEattrGroupMode = 3 // MDBA_MDB_EATTR_GROUP_MODE: u8, MCAST_EXCLUDE 0 or MCAST_INCLUDE 1
	mdbaEattrSource    = 4 // MDBA_MDB_EATTR_SOURCE: the (S, G) entry's source
	mdbaEattrRtprot    = 5 // MDBA_MDB_EATTR_RTPROT: u8, who added it

	mdbaSrcListEntry  = 1 // MDBA_MDB_SRCLIST_ENTRY
	mdbaSrcAttrAddr   = 1 // MDBA_MDB_SRCATTR_ADDRESS
	mdbaSrcAttrTimer  = 2 // MDBA_MDB_SRCATTR_TIMER
	mdbaRouterPort    = 1 // MDBA_ROUTER_PORT: u32 ifindex, then MDBA_ROUTER_PATTR_*
	mdbaRouterPTimer  = 1 // MDBA_ROUTER_PATTR_TIMER
	mdbaRouterPType   = 2 // MDBA_ROUTER_PATTR_TYPE
	mdbaSetEntry      = 1 // MDBA_SET_ENTRY (and MDBA_GET_ENTRY)
	mdbaSetEntryAttrs = 2 // MDBA_SET_ENTRY_ATTRS (and MDBA_GET_ENTRY_ATTRS)

	mdbeAttrSource    = 1  // MDBE_ATTR_SOURCE
	mdbeAttrSrcList   = 2  // MDBE_ATTR_SRC_LIST
	mdbeAttrGroupMode = 3  // MDBE_ATTR_GROUP_MODE
	mdbeAttrRtprot    = 4  // MDBE_ATTR_RTPROT
	mdbeAttrStateMask = 10 // MDBE_ATTR_STATE_MASK (Linux 6.8)
	mdbeSrcListEntry  = 1  // MDBE_SRC_LIST_ENTRY
	mdbeSrcAttrAddr   = 1  // MDBE_SRCATTR_ADDRESS
)

// MDB entry states and flags (br_mdb_entry's state and flags).
const (
	MDBPermanent = 1 // MDB_PERMANENT

	MDBFlagOffload   = 1 << 0 // MDB_FLAGS_OFFLOAD
	MDBFlagFastLeave = 1 << 1 // MDB_FLAGS_FAST_LEAVE
	MDBFlagStarExcl  = 1 << 2 // MDB_FLAGS_STAR_EXCL
	MDBFlagBlocked   = 1 << 3 // MDB_FLAGS_BLOCKED
)

// MDB router port types (MDBA_ROUTER_PATTR_TYPE).
const (
	MDBRouterDisabled  = 0 // MDB_RTR_TYPE_DISABLED
	MDBRouterTempQuery = 1 // MDB_RTR_TYPE_TEMP_QUERY
	MDBRouterPerm      = 2 // MDB_RTR_TYPE_PERM
	MDBRouterTemp      = 3 // MDB_RTR_TYPE_TEMP
)

// MDBGroup is the group of an entry: an IPv4 or IPv6 address, or, for a
// layer-2 entry (protocol 0), a link-layer address.
type MDBGroup struct {
	Addr netip.Addr
	MAC  HardwareAddr // when Addr is not valid
}

// MDBSource is an entry of a group's source list, with its timer.
type MDBSource struct {
	Addr  netip.Addr
	Timer uint32 // hundredths of a second
}

// MDBEntry is one entry of a bridge's multicast database: a port's
// membership in a group, (*, G) or, with a source, (S, G).
type MDBEntry struct {
	Bridge int32 // the bridge (br_port_msg's ifindex)
	Port   int32 // the port (br_mdb_entry's ifindex)
	State  uint8 // MDBPermanent or 0 (temp)
	Flags  uint8 // MDBFlag*
	VID    uint16
	Group  MDBGroup
	// Source is the (S, G) entry's source (MDBA_MDB_EATTR_SOURCE).
	Source netip.Addr
	// Timer, when HasTimer, is the time left, in hundredths of a second.
	Timer    uint32
	HasTimer bool
	// GroupMode is MDBA_MDB_EATTR_GROUP_MODE (0 exclude, 1 include),
	// when HasGroupMode.
	GroupMode    uint8
	HasGroupMode bool
	Sources      []MDBSource
	// Protocol is who added the entry (MDBA_MDB_EATTR_RTPROT), when
	// HasProtocol.
	Protocol    uint8
	HasProtocol bool
}

// MDBRouterPort is a port of a bridge that leads to a multicast router.
type MDBRouterPort struct {
	Bridge   int32
	Port     int32
	Timer    uint32
	HasTimer bool
	Type     uint8
	HasType  bool
}

// MDBMessage is what one RTM_NEWMDB, RTM_DELMDB or RTM_GETMDB message
// holds: entries and router ports of one bridge.
type MDBMessage struct {
	Bridge  int32
	Deleted bool // RTM_DELMDB
	Entries []MDBEntry
	Routers []MDBRouterPort
}

// ParseMDB decodes an MDB message; the result does not alias m.
func ParseMDB(m nl.Message) (*MDBMessage, error) {
	b := m.Data
	if len(b) < BrPortMsgLen {
		return nil, ErrShortHeader
	}
	msg := &MDBMessage{Bridge: int32(ne.Uint32(b[4:])), Deleted: m.Header.Type == unix.RTM_DELMDB}
	d := nl.NewAttrDecoder(b[BrPortMsgLen:])
	for d.Next() {
		switch d.Type() {
		case mdbaMDB:
			entries := d.Nested()
			for entries.Next() {
				if entries.Type() != mdbaMDBEntry {
					continue
				}
				infos := entries.Nested()
				for infos.Next() {
					if infos.Type() != mdbaMDBEntryInfo {
						continue
					}
					e, err := parseMDBEntry(msg.Bridge, infos.Bytes())
					if err != nil {
						return nil, err
					}
					msg.Entries = append(msg.Entries, e)
				}
				if err := infos.Err(); err != nil {
					return nil, err
				}
			}
			if err := entries.Err(); err != nil {
				return nil, err
			}
		case mdbaRouter:
			ports, err := parseRouterPortList(msg.Bridge, d.Bytes())
			if err != nil {
				return nil, err
			}
			msg.Routers = append(msg.Routers, ports...)
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return msg, nil
}

// parseMDBEntry decodes MDBA_MDB_ENTRY_INFO: a br_mdb_entry and the
// attributes after it.
func parseMDBEntry(bridge int32, b []byte) (MDBEntry, error) {
	if len(b) < MDBEntryLen {
		return MDBEntry{}, ErrShortHeader
	}
	e := MDBEntry{
		Bridge: bridge,
		Port:   int32(ne.Uint32(b)),
		State:  b[4],
		Flags:  b[5],
		VID:    ne.Uint16(b[6:]),
	}
	proto := binary.BigEndian.Uint16(b[24:])
	e.Group = decodeMDBGroup(b[8:24], proto)
	d := nl.NewAttrDecoder(b[MDBEntryLen:])
	for d.Next() {
		switch d.Type() {
		case mdbaEattrTimer:
			e.Timer, e.HasTimer = d.Uint32(), true
		case mdbaEattrGroupMode:
			e.GroupMode, e.HasGroupMode = d.Uint8(), true
		case mdbaEattrSource:
			e.Source = d.Addr()
		case mdbaEattrRtprot:
			e.Protocol, e.HasProtocol = d.Uint8(), true
		case mdbaEattrSrcList:
			list := d.Nested()
			for list.Next() {
				if list.Type() != mdbaSrcListEntry {
					continue
				}
				var s MDBSource
				attrs := list.Nested()
				for attrs.Next() {
					switch attrs.Type() {
					case mdbaSrcAttrAddr:
						s.Addr = attrs.Addr()
					case mdbaSrcAttrTimer:
						s.Timer = attrs.Uint32()
					}
				}
				if err := attrs.Err(); err != nil {
					return MDBEntry{}, err
				}
				e.Sources = append(e.Sources, s)
			}
			if err := list.Err(); err != nil {
				return MDBEntry{}, err
			}
		}
	}
	return e, d.Err()
}

func parseRouterPort(bridge int32, b []byte) (MDBRouterPort, error) {
	r := MDBRouterPort{Bridge: bridge, Port: int32(ne.Uint32(b))}
	d := nl.NewAttrDecoder(b[4:])
	for d.Next() {
		switch d.Type() {
		case mdbaRouterPTimer:
			r.Timer, r.HasTimer = d.Uint32(), true
		case mdbaRouterPType:
			r.Type, r.HasType = d.Uint8(), true
		}
	}
	return r, d.Err()
}

// decodeMDBGroup reads br_mdb_entry's address union by its protocol.
func decodeMDBGroup(u []byte, proto uint16) MDBGroup {
	switch proto {
	case unix.ETH_P_IP:
		return MDBGroup{Addr: netip.AddrFrom4([4]byte(u[:4]))}
	case unix.ETH_P_IPV6:
		return MDBGroup{Addr: netip.AddrFrom16([16]byte(u[:16]))}
	}
	return MDBGroup{MAC: HardwareAddr(clone(u[:6]))}
}

// MDBChange is an add, replace, delete or bulk delete (flush) of entries.
type MDBChange struct {
	Bridge int32
	Port   int32
	State  uint8
	VID    uint16
	Group  MDBGroup
	Source netip.Addr // (S, G): MDBE_ATTR_SOURCE
	// GroupMode and Sources are a (*, G) entry's filter mode and source
	// list (MDBE_ATTR_GROUP_MODE, MDBE_ATTR_SRC_LIST), when
	// HasGroupMode and Sources != nil.
	GroupMode    uint8
	HasGroupMode bool
	Sources      []netip.Addr
	// Protocol is MDBE_ATTR_RTPROT, when HasProtocol.
	Protocol    uint8
	HasProtocol bool
	// StateMask selects the entries a flush removes by State
	// (MDBE_ATTR_STATE_MASK), when not 0.
	StateMask uint8
}

// Message encodes c as a request of type typ (RTM_NEWMDB, RTM_DELMDB, or
// RTM_GETMDB for one entry) with flags, as bridge sends it: the entry,
// then its attributes in a nest when there are any.
func (c *MDBChange) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	h := make([]byte, BrPortMsgLen)
	h[0] = unix.AF_BRIDGE
	ne.PutUint32(h[4:], uint32(c.Bridge))
	entry := make([]byte, MDBEntryLen)
	ne.PutUint32(entry, uint32(c.Port))
	entry[4] = c.State
	ne.PutUint16(entry[6:], c.VID)
	switch a := c.Group.Addr; {
	case a.Is4():
		b := a.As4()
		copy(entry[8:], b[:])
		binary.BigEndian.PutUint16(entry[24:], unix.ETH_P_IP)
	case a.Is6():
		b := a.As16()
		copy(entry[8:], b[:])
		binary.BigEndian.PutUint16(entry[24:], unix.ETH_P_IPV6)
	default:
		copy(entry[8:14], c.Group.MAC)
	}
	e := nl.NewAttrEncoder(nil)
	e.Bytes(mdbaSetEntry, entry)
	if c.Source.IsValid() || c.HasGroupMode || c.Sources != nil || c.HasProtocol || c.StateMask != 0 {
		e.Nest(mdbaSetEntryAttrs)
		if c.Source.IsValid() {
			e.Addr(mdbeAttrSource, c.Source)
		}
		if c.HasGroupMode {
			e.Uint8(mdbeAttrGroupMode, c.GroupMode)
		}
		if c.Sources != nil {
			e.Nest(mdbeAttrSrcList)
			for _, s := range c.Sources {
				e.Nest(mdbeSrcListEntry)
				e.Addr(mdbeSrcAttrAddr, s)
				e.Unnest()
			}
			e.Unnest()
		}
		if c.HasProtocol {
			e.Uint8(mdbeAttrRtprot, c.Protocol)
		}
		if c.StateMask != 0 {
			e.Uint8(mdbeAttrStateMask, c.StateMask)
		}
		e.Unnest()
	}
	return request(typ, flags, h, e)
}

// MDBs streams the multicast database of every bridge, message by
// message.
func MDBs(c *nl.Conn) iter.Seq2[*MDBMessage, error] {
	return func(yield func(*MDBMessage, error) bool) {
		req, _ := request(unix.RTM_GETMDB, 0, []byte{unix.AF_BRIDGE, 0, 0, 0, 0, 0, 0, 0}, nil)
		for r, err := range c.Dump(req) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != unix.RTM_GETMDB && r.Header.Type != unix.RTM_NEWMDB && r.Header.Type != unix.RTM_DELMDB {
				continue
			}
			m, err := ParseMDB(r)
			if !yield(m, err) || err != nil {
				return
			}
		}
	}
}

// String is the group as bridge prints it.
func (g MDBGroup) String() string {
	if g.Addr.IsValid() {
		return g.Addr.String()
	}
	return g.MAC.String()
}
