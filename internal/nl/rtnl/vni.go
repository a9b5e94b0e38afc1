package rtnl

import (
	"fmt"
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// The vni filter of vxlan devices made with vnifilter (RTM_*TUNNEL,
// linux/if_link.h and linux/rtnetlink.h), spelled out here: x/sys lacks
// them.
const (
	RTMNewTunnel = 120 // RTM_NEWTUNNEL
	RTMDelTunnel = 121 // RTM_DELTUNNEL
	RTMGetTunnel = 122 // RTM_GETTUNNEL

	// TunnelMsgLen is the size of struct tunnel_msg: family, flags, two
	// reserved bytes and the device's ifindex.
	TunnelMsgLen = 8
	// TunnelMsgFlagStats asks a dump for each vni's counters.
	TunnelMsgFlagStats = 1

	vniEntry       = 1 // VXLAN_VNIFILTER_ENTRY
	vniEntryStart  = 1 // VXLAN_VNIFILTER_ENTRY_START
	vniEntryEnd    = 2 // VXLAN_VNIFILTER_ENTRY_END
	vniEntryGroup  = 3 // VXLAN_VNIFILTER_ENTRY_GROUP
	vniEntryGroup6 = 4 // VXLAN_VNIFILTER_ENTRY_GROUP6
	vniEntryStats  = 5 // VXLAN_VNIFILTER_ENTRY_STATS
)

// VNIStats are one vni's counters (VNIFILTER_ENTRY_STATS_*, in that
// order: rx bytes, packets, drops, errors, then the same for tx).
type VNIStats struct {
	RxBytes, RxPkts, RxDrops, RxErrors uint64
	TxBytes, TxPkts, TxDrops, TxErrors uint64
}

// VNIEntry is a vni, or a range of them (End > 0), of a vxlan device's
// filter, with the group or remote its traffic goes to when set.
type VNIEntry struct {
	Start, End uint32
	// Group is the multicast group or the unicast remote (bridge tells
	// them apart by the address); not valid when unset.
	Group netip.Addr
	Stats *VNIStats
}

// VNIMessage is one RTM_NEWTUNNEL (or DEL, GET) message: a device and
// its vni entries.
type VNIMessage struct {
	Index   int32
	Entries []VNIEntry
}

// ParseVNI decodes a vni filter message.
func ParseVNI(m nl.Message) (*VNIMessage, error) {
	if len(m.Data) < TunnelMsgLen {
		return nil, fmt.Errorf("rtnl: tunnel message of %d bytes", len(m.Data))
	}
	out := &VNIMessage{Index: int32(ne.Uint32(m.Data[4:]))}
	d := nl.NewAttrDecoder(m.Data[TunnelMsgLen:])
	for d.Next() {
		if d.Type() != vniEntry {
			continue
		}
		e, err := parseVNIEntry(d.Bytes())
		if err != nil {
			return out, err
		}
		out.Entries = append(out.Entries, e)
	}
	return out, d.Err()
}

func parseVNIEntry(b []byte) (VNIEntry, error) {
	var e VNIEntry
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case vniEntryStart:
			e.Start = d.Uint32()
		case vniEntryEnd:
			e.End = d.Uint32()
		case vniEntryGroup, vniEntryGroup6:
			e.Group = d.Addr()
		case vniEntryStats:
			e.Stats = parseVNIStats(d.Bytes())
		}
	}
	return e, d.Err()
}

func parseVNIStats(b []byte) *VNIStats {
	s := &VNIStats{}
	fields := []*uint64{&s.RxBytes, &s.RxPkts, &s.RxDrops, &s.RxErrors, &s.TxBytes, &s.TxPkts, &s.TxDrops, &s.TxErrors}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if t := int(d.Type()); t >= 1 && t <= len(fields) {
			*fields[t-1] = d.Uint64()
		}
	}
	return s
}

// VNIChange adds (RTM_NEWTUNNEL) or deletes (RTM_DELTUNNEL) vnis of a
// vxlan device's filter.
type VNIChange struct {
	Index   int32
	Entries []VNIEntry
}

// Message encodes the request: an entry a vni or range, each with the
// group when one is given.
func (c *VNIChange) Message(typ uint16) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	for _, x := range c.Entries {
		e.Nest(vniEntry)
		e.Uint32(vniEntryStart, x.Start)
		if x.End != 0 {
			e.Uint32(vniEntryEnd, x.End)
		}
		switch {
		case x.Group.Is4():
			e.Addr(vniEntryGroup, x.Group)
		case x.Group.Is6():
			e.Addr(vniEntryGroup6, x.Group)
		}
		e.Unnest()
	}
	return request(typ, 0, tunnelMsg(c.Index, 0), e)
}

func tunnelMsg(index int32, flags uint8) []byte {
	h := make([]byte, TunnelMsgLen)
	h[0], h[1] = unix.AF_BRIDGE, flags
	ne.PutUint32(h[4:], uint32(index))
	return h
}

// VNIs streams the vni filters of the vxlan devices (of one device when
// index is not 0), with counters when stats is set.
func VNIs(c *nl.Conn, index int32, stats bool) iter.Seq2[*VNIMessage, error] {
	return func(yield func(*VNIMessage, error) bool) {
		var flags uint8
		if stats {
			flags = TunnelMsgFlagStats
		}
		req, _ := request(RTMGetTunnel, 0, tunnelMsg(index, flags), nil)
		for r, err := range c.Dump(req) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type < RTMNewTunnel || r.Header.Type > RTMGetTunnel {
				continue
			}
			m, err := ParseVNI(r)
			if !yield(m, err) || err != nil {
				return
			}
		}
	}
}
