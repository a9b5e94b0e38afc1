package rtnl

import (
	"fmt"
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// The bridge's vlan database (RTM_*VLAN, linux/if_bridge.h): per-vlan
// options of ports and global options of a bridge's vlans.
const (
	RTMNewVlan = 112 // RTM_NEWVLAN
	RTMGetVlan = 114 // RTM_GETVLAN

	// BrVlanMsgLen is the size of struct br_vlan_msg: family, three
	// reserved bytes and the ifindex.
	BrVlanMsgLen = 8

	// VlanInfoOnlyOpts is BRIDGE_VLAN_INFO_ONLY_OPTS: change a vlan's
	// options, never create or delete it.
	VlanInfoOnlyOpts = 1 << 6

	vlanDBDumpFlags  = 1      // BRIDGE_VLANDB_DUMP_FLAGS
	vlanDBDumpGlobal = 1 << 1 // BRIDGE_VLANDB_DUMPF_GLOBAL
	vlanDBEntry      = 1      // BRIDGE_VLANDB_ENTRY
	vlanDBGlobal     = 2      // BRIDGE_VLANDB_GLOBAL_OPTIONS
)

// Attributes of BRIDGE_VLANDB_ENTRY (a port's vlan).
const (
	VlanDBEntryInfo        = 1 // BRIDGE_VLANDB_ENTRY_INFO: struct bridge_vlan_info
	VlanDBEntryRange       = 2 // BRIDGE_VLANDB_ENTRY_RANGE: u16, the last vlan
	VlanDBEntryState       = 3 // BRIDGE_VLANDB_ENTRY_STATE: u8, an STP state
	VlanDBEntryMcastRouter = 6 // BRIDGE_VLANDB_ENTRY_MCAST_ROUTER: u8
)

// Attributes of BRIDGE_VLANDB_GLOBAL_OPTIONS (a bridge's vlan).
const (
	VlanGOptID                         = 1  // u16
	VlanGOptRange                      = 2  // u16
	VlanGOptMcastSnooping              = 3  // u8
	VlanGOptMcastIGMPVersion           = 4  // u8
	VlanGOptMcastMLDVersion            = 5  // u8
	VlanGOptMcastLastMemberCount       = 6  // u32
	VlanGOptMcastStartupQueryCount     = 7  // u32
	VlanGOptMcastLastMemberInterval    = 8  // u64
	VlanGOptMcastMembershipInterval    = 10 // u64
	VlanGOptMcastQuerierInterval       = 11 // u64
	VlanGOptMcastQueryInterval         = 12 // u64
	VlanGOptMcastQueryResponseInterval = 13 // u64
	VlanGOptMcastStartupQueryInterval  = 14 // u64
	VlanGOptMcastQuerier               = 15 // u8
	VlanGOptMcastRouterPorts           = 16 // nested MDBA_ROUTER_PORT entries
)

// BridgeVlanOptions is an RTM_NEWVLAN request: the attributes of one
// port vlan entry (bridge vlan set) or of one bridge vlan's global
// options (bridge vlan global set), in the order given.
type BridgeVlanOptions struct {
	Index  int32
	Global bool
	Attrs  []Attr
}

// Message encodes the request.
func (o *BridgeVlanOptions) Message() (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	nest := uint16(vlanDBEntry)
	if o.Global {
		nest = vlanDBGlobal
	}
	e.Nest(nest)
	encodeAttrs(e, o.Attrs)
	e.Unnest()
	return request(RTMNewVlan, 0, brVlanMsg(o.Index), e)
}

func brVlanMsg(index int32) []byte {
	h := make([]byte, BrVlanMsgLen)
	h[0] = unix.AF_BRIDGE
	ne.PutUint32(h[4:], uint32(index))
	return h
}

// VlanGlobal is the global options of one vlan, or a range of vlans
// with the same options, of a bridge.
type VlanGlobal struct {
	VID, VIDEnd uint16 // VIDEnd == VID for one vlan
	// Opts holds the payload of each option the kernel sent, by
	// attribute type.
	Opts        map[uint16][]byte
	RouterPorts []MDBRouterPort
}

// VlanDBMessage is one RTM_NEWVLAN message of a dump of global options.
type VlanDBMessage struct {
	Index   int32
	Globals []VlanGlobal
}

// ParseVlanDB decodes the global options of a vlan database message.
func ParseVlanDB(m nl.Message) (*VlanDBMessage, error) {
	if len(m.Data) < BrVlanMsgLen {
		return nil, fmt.Errorf("rtnl: vlan message of %d bytes", len(m.Data))
	}
	out := &VlanDBMessage{Index: int32(ne.Uint32(m.Data[4:]))}
	d := nl.NewAttrDecoder(m.Data[BrVlanMsgLen:])
	for d.Next() {
		if d.Type() != vlanDBGlobal {
			continue
		}
		g, err := parseVlanGlobal(out.Index, d.Bytes())
		if err != nil {
			return out, err
		}
		out.Globals = append(out.Globals, g)
	}
	return out, d.Err()
}

func parseVlanGlobal(bridge int32, b []byte) (VlanGlobal, error) {
	g := VlanGlobal{Opts: map[uint16][]byte{}}
	hasRange := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch t := d.Type(); t {
		case VlanGOptID:
			g.VID = d.Uint16()
		case VlanGOptRange:
			g.VIDEnd, hasRange = d.Uint16(), true
		case VlanGOptMcastRouterPorts:
			rd := nl.NewAttrDecoder(d.Bytes())
			for rd.Next() {
				if rd.Type() != mdbaRouterPort || len(rd.Bytes()) < 4 {
					continue
				}
				r, err := parseRouterPort(bridge, rd.Bytes())
				if err != nil {
					return g, err
				}
				g.RouterPorts = append(g.RouterPorts, r)
			}
		default:
			g.Opts[t] = d.Bytes()
		}
	}
	if !hasRange {
		g.VIDEnd = g.VID
	}
	return g, d.Err()
}

// VlanGlobals streams the global vlan options of every bridge.
func VlanGlobals(c *nl.Conn) iter.Seq2[*VlanDBMessage, error] {
	return func(yield func(*VlanDBMessage, error) bool) {
		e := nl.NewAttrEncoder(nil)
		e.Uint32(vlanDBDumpFlags, vlanDBDumpGlobal)
		req, err := request(RTMGetVlan, 0, brVlanMsg(0), e)
		if err != nil {
			yield(nil, err)
			return
		}
		for r, err := range c.Dump(req) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != RTMNewVlan {
				continue
			}
			m, err := ParseVlanDB(r)
			if !yield(m, err) || err != nil {
				return
			}
		}
	}
}
