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

	vlanDBDumpFlags = 1 // BRIDGE_VLANDB_DUMP_FLAGS
	// VlanDBDumpStats and VlanDBDumpGlobal ask a dump for each vlan's
	// counters, or for the global options instead of the port entries.
	VlanDBDumpStats  = 1 << 0 // BRIDGE_VLANDB_DUMPF_STATS
	VlanDBDumpGlobal = 1 << 1 // BRIDGE_VLANDB_DUMPF_GLOBAL
	vlanDBEntry      = 1      // BRIDGE_VLANDB_ENTRY
	vlanDBGlobal     = 2      // BRIDGE_VLANDB_GLOBAL_OPTIONS
)

// Attributes of BRIDGE_VLANDB_ENTRY (a port's vlan).
const (
	VlanDBEntryInfo        = 1 // BRIDGE_VLANDB_ENTRY_INFO: struct bridge_vlan_info
	VlanDBEntryRange       = 2 // BRIDGE_VLANDB_ENTRY_RANGE: u16, the last vlan
	VlanDBEntryState       = 3 // BRIDGE_VLANDB_ENTRY_STATE: u8, an STP state
	VlanDBEntryStats       = 5 // BRIDGE_VLANDB_ENTRY_STATS: nested BRIDGE_VLANDB_STATS_*
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
	// Opts holds the value of each option the kernel sent, by
	// attribute type.
	Opts        map[uint16]uint64
	RouterPorts []MDBRouterPort
}

// VlanEntry is a vlan of a port, or a range of them with the same
// settings, as the vlan database dump brings it.
type VlanEntry struct {
	Flags          uint16 // VlanInfo*: PVID, UNTAGGED
	VID, VIDEnd    uint16 // VIDEnd == VID for one vlan
	State          uint8  // an STP state
	McastRouter    uint8
	HasMcastRouter bool
	// Stats, when the dump asked for them: rx bytes, rx packets, tx
	// bytes, tx packets.
	Stats *[4]uint64
}

// VlanDBMessage is one RTM_NEWVLAN message of a vlan database dump: a
// port's vlan entries, or a bridge's global vlan options.
type VlanDBMessage struct {
	Index   int32
	Entries []VlanEntry
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
		switch d.Type() {
		case vlanDBEntry:
			out.Entries = append(out.Entries, parseVlanEntry(d.Bytes()))
		case vlanDBGlobal:
			g, err := parseVlanGlobal(out.Index, d.Bytes())
			if err != nil {
				return out, err
			}
			out.Globals = append(out.Globals, g)
		}
	}
	return out, d.Err()
}

func parseVlanEntry(b []byte) VlanEntry {
	var v VlanEntry
	hasRange := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case VlanDBEntryInfo:
			if x := d.Bytes(); len(x) >= 4 {
				v.Flags, v.VID = ne.Uint16(x), ne.Uint16(x[2:])
			}
		case VlanDBEntryRange:
			v.VIDEnd, hasRange = d.Uint16(), true
		case VlanDBEntryState:
			v.State = d.Uint8()
		case VlanDBEntryMcastRouter:
			v.McastRouter, v.HasMcastRouter = d.Uint8(), true
		case VlanDBEntryStats:
			var st [4]uint64
			sd := nl.NewAttrDecoder(d.Bytes())
			for sd.Next() {
				if t := sd.Type(); t >= 1 && t <= 4 {
					st[t-1] = sd.Uint64()
				}
			}
			// The kernel's order is rx bytes, rx packets, tx bytes, tx packets.
			v.Stats = &st
		}
	}
	if !hasRange {
		v.VIDEnd = v.VID
	}
	return v
}

func parseVlanGlobal(bridge int32, b []byte) (VlanGlobal, error) {
	g := VlanGlobal{Opts: map[uint16]uint64{}}
	hasRange := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch t := d.Type(); t {
		case VlanGOptID:
			g.VID = d.Uint16()
		case VlanGOptRange:
			g.VIDEnd, hasRange = d.Uint16(), true
		case VlanGOptMcastRouterPorts:
			ports, err := parseRouterPorts(bridge, d.Bytes())
			if err != nil {
				return g, err
			}
			g.RouterPorts = append(g.RouterPorts, ports...)
		default:
			if n := len(d.Bytes()); n == 1 || n == 2 || n == 4 || n == 8 {
				g.Opts[t] = d.Uint()
			}
		}
	}
	if !hasRange {
		g.VIDEnd = g.VID
	}
	return g, d.Err()
}

// VlanDB streams the vlan database of every bridge and port: the port
// vlan entries, or with VlanDBDumpGlobal in flags the global options.
func VlanDB(c *nl.Conn, flags uint32) iter.Seq2[*VlanDBMessage, error] {
	return func(yield func(*VlanDBMessage, error) bool) {
		e := nl.NewAttrEncoder(nil)
		if flags != 0 {
			e.Uint32(vlanDBDumpFlags, flags)
		}
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

// parseRouterPorts reads what the kernel nests a vlan's router ports
// in: an MDBA_ROUTER.
func parseRouterPorts(bridge int32, b []byte) ([]MDBRouterPort, error) {
	var out []MDBRouterPort
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != mdbaRouter {
			continue
		}
		ports, err := parseRouterPortList(bridge, d.Bytes())
		if err != nil {
			return out, err
		}
		out = append(out, ports...)
	}
	return out, d.Err()
}

// parseRouterPortList reads the payload of an MDBA_ROUTER: an
// MDBA_ROUTER_PORT a port.
func parseRouterPortList(bridge int32, b []byte) ([]MDBRouterPort, error) {
	var out []MDBRouterPort
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != mdbaRouterPort || d.Len() < 4 {
			continue
		}
		r, err := parseRouterPort(bridge, d.Bytes())
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, d.Err()
}
