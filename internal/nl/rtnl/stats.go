package rtnl

import (
	"encoding/binary"
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Statistics message types (rtnetlink.h).
const (
	RTMNewStats = 92 // RTM_NEWSTATS
	RTMGetStats = 94 // RTM_GETSTATS
	RTMSetStats = 95 // RTM_SETSTATS
)

// StatsGroup is a top-level attribute of a statistics message
// (IFLA_STATS_*); its bit in a filter mask is 1 << (group - 1).
type StatsGroup uint16

// The groups.
const (
	StatsLink64      StatsGroup = 1 // IFLA_STATS_LINK_64: struct rtnl_link_stats64
	StatsXStats      StatsGroup = 2 // IFLA_STATS_LINK_XSTATS: the device's kind's own
	StatsXStatsSlave StatsGroup = 3 // IFLA_STATS_LINK_XSTATS_SLAVE: its master's kind's, of the port
	StatsOffload     StatsGroup = 4 // IFLA_STATS_LINK_OFFLOAD_XSTATS
	StatsAFSpec      StatsGroup = 5 // IFLA_STATS_AF_SPEC
	statsGroupMax               = StatsAFSpec
)

// Subgroups of StatsOffload (IFLA_OFFLOAD_XSTATS_*).
const (
	OffloadCPUHit  = 1 // struct rtnl_link_stats64
	OffloadHWSInfo = 2 // nest: per hardware statistics suite, a nest of request and used
	OffloadL3Stats = 3 // struct rtnl_hw_stats64
	offloadMax     = OffloadL3Stats
)

// Attributes of a GET or SET request (IFLA_STATS_GETSET_*) and below.
const (
	statsGetFilters   = 1 // IFLA_STATS_GET_FILTERS: nest of u32 masks by group
	statsSetL3Stats   = 2 // IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS: u8
	hwsInfoRequest    = 1 // IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST: u8
	hwsInfoUsed       = 2 // IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED: u8
	xstatsTypeBridge  = 1 // LINK_XSTATS_TYPE_BRIDGE
	xstatsTypeBond    = 2 // LINK_XSTATS_TYPE_BOND
	xstatsTypeMax     = xstatsTypeBond
	bridgeXStatsMcast = 2 // BRIDGE_XSTATS_MCAST: struct br_mcast_stats
	bridgeXStatsSTP   = 4 // BRIDGE_XSTATS_STP: struct bridge_stp_xstats
	bondXStats3AD     = 1 // BOND_XSTATS_3AD: nest of BOND_3AD_STAT_*
	mplsStatsLink     = 1 // MPLS_STATS_LINK: struct mpls_link_stats
	ifStatsMsgLen     = 12
)

// StatsFilter says which statistics a request asks for: the groups, and
// within a group with subgroups, which of those (no mask: all of them).
type StatsFilter struct {
	Groups uint32                    // bit 1 << (group - 1)
	Subs   [statsGroupMax + 1]uint32 // by group: bit 1 << (subgroup - 1)
}

// Enable asks for a group and, when sub is not 0, that subgroup of it.
func (f *StatsFilter) Enable(g StatsGroup, sub uint16) {
	f.Groups |= 1 << (g - 1)
	if sub != 0 {
		f.Subs[g] |= 1 << (sub - 1)
	}
}

// subsMax is the last subgroup of each group that has subgroups.
var subsMax = [statsGroupMax + 1]uint16{
	StatsXStats: xstatsTypeMax, StatsXStatsSlave: xstatsTypeMax, StatsOffload: offloadMax, StatsAFSpec: unix.AF_MAX - 1,
}

// narrows reports whether the subgroup mask of g asks for less than the
// whole group.
func (f *StatsFilter) narrows(g StatsGroup) bool {
	m := f.Subs[g]
	return m != 0 && m != 1<<subsMax[g]-1
}

// StatsRequest is an RTM_GETSTATS of one device (index), or the dump of
// every device (index 0), for what f asks.
func StatsRequest(index int32, f *StatsFilter) (nl.Message, error) {
	hdr := make([]byte, ifStatsMsgLen)
	ne.PutUint32(hdr[4:], uint32(index))
	ne.PutUint32(hdr[8:], f.Groups)
	var e *nl.AttrEncoder
	for g := StatsLink64; g <= statsGroupMax; g++ {
		if !f.narrows(g) {
			continue
		}
		if e == nil {
			e = nl.NewAttrEncoder(nil)
			e.Nest(statsGetFilters)
		}
		e.Uint32(uint16(g), f.Subs[g])
	}
	if e != nil {
		e.Unnest()
	}
	flags := nl.Flags(0)
	if index == 0 {
		flags = nl.Dump
	}
	return request(RTMGetStats, flags, hdr, e)
}

// SetL3StatsRequest is the RTM_SETSTATS that turns the L3 hardware
// statistics of a device on or off.
func SetL3StatsRequest(index int32, on bool) (nl.Message, error) {
	hdr := make([]byte, ifStatsMsgLen)
	ne.PutUint32(hdr[4:], uint32(index))
	e := nl.NewAttrEncoder(nil)
	var v uint8
	if on {
		v = 1
	}
	e.Uint8(statsSetL3Stats, v)
	return request(RTMSetStats, 0, hdr, e)
}

// IfStats is one device's statistics as RTM_NEWSTATS carries them. A nil
// field was not sent.
type IfStats struct {
	Index int32

	Link64      *LinkStats // IFLA_STATS_LINK_64
	XStats      *XStats    // IFLA_STATS_LINK_XSTATS
	XStatsSlave *XStats    // IFLA_STATS_LINK_XSTATS_SLAVE
	Offload     *OffloadStats
	AFSpec      *AFStats
}

// XStats is a kind's own statistics: of a bridge or bond (XStats), or of
// a bridge's or bond's port (XStatsSlave).
type XStats struct {
	Bridge *BridgeXStats // LINK_XSTATS_TYPE_BRIDGE
	Bond   *BondXStats   // LINK_XSTATS_TYPE_BOND
}

// BridgeXStats is a bridge's (or port's) statistics.
type BridgeXStats struct {
	Mcast *BridgeMcastStats
	STP   *BridgeSTPStats
}

// BridgeMcastStats is struct br_mcast_stats; each pair is [rx, tx].
type BridgeMcastStats struct {
	IGMPv1Queries, IGMPv2Queries, IGMPv3Queries, IGMPLeaves [2]uint64
	IGMPv1Reports, IGMPv2Reports, IGMPv3Reports             [2]uint64
	IGMPParseErrors                                         uint64
	MLDv1Queries, MLDv2Queries, MLDLeaves, MLDv1Reports     [2]uint64
	MLDv2Reports                                            [2]uint64
	MLDParseErrors                                          uint64
	McastBytes, McastPackets                                [2]uint64
}

// BridgeSTPStats is struct bridge_stp_xstats.
type BridgeSTPStats struct {
	TransitionBlk, TransitionFwd, RxBPDU, TxBPDU, RxTCN, TxTCN uint64
}

// BondXStats is a bond's (or port's) statistics.
type BondXStats struct {
	// LACP holds the 802.3ad counters the kernel sent, by index
	// (BOND_XSTATS_3AD); nil when it sent none.
	LACP map[Bond3AD]uint64
}

// Bond3AD is the index of an 802.3ad counter (BOND_3AD_STAT_*).
type Bond3AD uint16

// The 802.3ad counters.
const (
	Bond3ADLACPDURx Bond3AD = iota
	Bond3ADLACPDUTx
	Bond3ADLACPDUUnknownRx
	Bond3ADLACPDUIllegalRx
	Bond3ADMarkerRx
	Bond3ADMarkerTx
	Bond3ADMarkerRespRx
	Bond3ADMarkerRespTx
	Bond3ADMarkerUnknownRx
	Bond3ADMax = Bond3ADMarkerUnknownRx
)

// OffloadStats is IFLA_STATS_LINK_OFFLOAD_XSTATS: what the hardware
// counts of the device.
type OffloadStats struct {
	CPUHit  *LinkStats   // traffic the hardware sent to the CPU
	HWSInfo *HWStatsInfo // the L3 suite's state; nil without IFLA_OFFLOAD_XSTATS_HW_S_INFO
	L3Stats *HWStats     // the L3 counters, when in use
}

// HWStatsInfo is the state of the hardware statistics suites; L3 is nil
// when the kernel did not report that suite.
type HWStatsInfo struct {
	L3 *HWSuiteState
}

// HWSuiteState is one suite's state: whether statistics were asked for
// and whether the hardware counts them. A nil field was not sent.
type HWSuiteState struct {
	Request, Used *uint8
}

// HWStats is struct rtnl_hw_stats64.
type HWStats struct {
	RxPackets, TxPackets, RxBytes, TxBytes, RxErrors, TxErrors, RxDropped, TxDropped, Multicast uint64
}

// AFStats is IFLA_STATS_AF_SPEC: statistics of address families.
type AFStats struct {
	// MPLS is the AF_MPLS nest; nil when absent.
	MPLS *MPLSStats
}

// MPLSStats is the AF_MPLS nest; Link is nil without MPLS_STATS_LINK.
type MPLSStats struct {
	Link *MPLSLinkStats
}

// MPLSLinkStats is struct mpls_link_stats.
type MPLSLinkStats struct {
	RxPackets, TxPackets, RxBytes, TxBytes, RxErrors, TxErrors, RxDropped, TxDropped, RxNoroute uint64
}

// counters reads a C struct of u64 counters from b as the kernel sends
// it; a shorter payload leaves the counters past it zero, a longer one
// (a newer kernel's) is cut.
func counters[T any](b []byte) *T {
	v := new(T)
	buf := make([]byte, binary.Size(v))
	copy(buf, b)
	if _, err := binary.Decode(buf, ne, v); err != nil {
		panic(err) // a struct of u64s always decodes from a buffer of its size
	}
	return v
}

// appendCounters is the inverse of counters.
func appendCounters(e *nl.AttrEncoder, typ uint16, v any) {
	b, err := binary.Append(nil, ne, v)
	if err != nil {
		panic(err)
	}
	e.Bytes(typ, b)
}

// ParseIfStats decodes an RTM_NEWSTATS message.
func ParseIfStats(m nl.Message) (*IfStats, error) {
	b := m.Data
	if len(b) < ifStatsMsgLen {
		return nil, ErrShortHeader
	}
	s := &IfStats{Index: int32(ne.Uint32(b[4:]))}
	d := nl.NewAttrDecoder(b[ifStatsMsgLen:])
	for d.Next() {
		switch StatsGroup(d.Type()) {
		case StatsLink64:
			s.Link64 = counters[LinkStats](d.Bytes())
		case StatsXStats:
			s.XStats = parseXStats(d.Nested())
		case StatsXStatsSlave:
			s.XStatsSlave = parseXStats(d.Nested())
		case StatsOffload:
			s.Offload = parseOffload(d.Nested())
		case StatsAFSpec:
			s.AFSpec = parseAFStats(d.Nested())
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func parseXStats(d nl.AttrDecoder) *XStats {
	x := &XStats{}
	for d.Next() {
		switch d.Type() {
		case xstatsTypeBridge:
			br := &BridgeXStats{}
			n := d.Nested()
			for n.Next() {
				switch n.Type() {
				case bridgeXStatsMcast:
					br.Mcast = counters[BridgeMcastStats](n.Bytes())
				case bridgeXStatsSTP:
					br.STP = counters[BridgeSTPStats](n.Bytes())
				}
			}
			x.Bridge = br
		case xstatsTypeBond:
			bond := &BondXStats{}
			n := d.Nested()
			for n.Next() {
				if n.Type() != bondXStats3AD {
					continue
				}
				bond.LACP = map[Bond3AD]uint64{}
				c := n.Nested()
				for c.Next() {
					if i := Bond3AD(c.Type()); i <= Bond3ADMax && c.Len() == 8 {
						bond.LACP[i] = c.Uint64()
					}
				}
			}
			x.Bond = bond
		}
	}
	return x
}

func parseOffload(d nl.AttrDecoder) *OffloadStats {
	o := &OffloadStats{}
	for d.Next() {
		switch d.Type() {
		case OffloadCPUHit:
			o.CPUHit = counters[LinkStats](d.Bytes())
		case OffloadL3Stats:
			o.L3Stats = counters[HWStats](d.Bytes())
		case OffloadHWSInfo:
			info := &HWStatsInfo{}
			n := d.Nested()
			for n.Next() {
				if n.Type() != OffloadL3Stats {
					continue
				}
				st := &HWSuiteState{}
				c := n.Nested()
				for c.Next() {
					if c.Len() != 1 {
						continue
					}
					v := c.Uint8()
					switch c.Type() {
					case hwsInfoRequest:
						st.Request = &v
					case hwsInfoUsed:
						st.Used = &v
					}
				}
				info.L3 = st
			}
			o.HWSInfo = info
		}
	}
	return o
}

func parseAFStats(d nl.AttrDecoder) *AFStats {
	a := &AFStats{}
	for d.Next() {
		if d.Type() != unix.AF_MPLS {
			continue
		}
		m := &MPLSStats{}
		n := d.Nested()
		for n.Next() {
			if n.Type() == mplsStatsLink {
				m.Link = counters[MPLSLinkStats](n.Bytes())
			}
		}
		a.MPLS = m
	}
	return a
}

// Message encodes s as the kernel sends it, for fakes and round trips.
func (s *IfStats) Message() (nl.Message, error) {
	hdr := make([]byte, ifStatsMsgLen)
	ne.PutUint32(hdr[4:], uint32(s.Index))
	e := nl.NewAttrEncoder(nil)
	if s.Link64 != nil {
		appendCounters(e, uint16(StatsLink64), s.Link64)
	}
	for _, x := range []struct {
		g StatsGroup
		x *XStats
	}{{StatsXStats, s.XStats}, {StatsXStatsSlave, s.XStatsSlave}} {
		if x.x != nil {
			e.Nest(uint16(x.g))
			x.x.encode(e)
			e.Unnest()
		}
	}
	if o := s.Offload; o != nil {
		e.Nest(uint16(StatsOffload))
		o.encode(e)
		e.Unnest()
	}
	if a := s.AFSpec; a != nil {
		e.Nest(uint16(StatsAFSpec))
		if a.MPLS != nil {
			e.Nest(unix.AF_MPLS)
			if a.MPLS.Link != nil {
				appendCounters(e, mplsStatsLink, a.MPLS.Link)
			}
			e.Unnest()
		}
		e.Unnest()
	}
	return request(RTMNewStats, 0, hdr, e)
}

func (x *XStats) encode(e *nl.AttrEncoder) {
	if br := x.Bridge; br != nil {
		e.Nest(xstatsTypeBridge)
		if br.Mcast != nil {
			appendCounters(e, bridgeXStatsMcast, br.Mcast)
		}
		if br.STP != nil {
			appendCounters(e, bridgeXStatsSTP, br.STP)
		}
		e.Unnest()
	}
	if bond := x.Bond; bond != nil {
		e.Nest(xstatsTypeBond)
		if bond.LACP != nil {
			e.Nest(bondXStats3AD)
			for i := Bond3AD(0); i <= Bond3ADMax; i++ {
				if v, ok := bond.LACP[i]; ok {
					e.Uint64(uint16(i), v)
				}
			}
			e.Unnest()
		}
		e.Unnest()
	}
}

func (o *OffloadStats) encode(e *nl.AttrEncoder) {
	if o.CPUHit != nil {
		appendCounters(e, OffloadCPUHit, o.CPUHit)
	}
	if info := o.HWSInfo; info != nil {
		e.Nest(OffloadHWSInfo)
		if st := info.L3; st != nil {
			e.Nest(OffloadL3Stats)
			if st.Request != nil {
				e.Uint8(hwsInfoRequest, *st.Request)
			}
			if st.Used != nil {
				e.Uint8(hwsInfoUsed, *st.Used)
			}
			e.Unnest()
		}
		e.Unnest()
	}
	if o.L3Stats != nil {
		appendCounters(e, OffloadL3Stats, o.L3Stats)
	}
}

// GetStats asks for the statistics of one device.
func GetStats(c *nl.Conn, index int32, f *StatsFilter) (*IfStats, error) {
	m, err := StatsRequest(index, f)
	if err != nil {
		return nil, err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return nil, err
	}
	for _, r := range replies {
		if r.Header.Type == RTMNewStats {
			return ParseIfStats(r)
		}
	}
	return nil, unix.ENOENT
}

// DumpStats streams the statistics of every device.
func DumpStats(c *nl.Conn, f *StatsFilter) iter.Seq2[*IfStats, error] {
	return func(yield func(*IfStats, error) bool) {
		m, err := StatsRequest(0, f)
		if err != nil {
			yield(nil, err)
			return
		}
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != RTMNewStats {
				continue
			}
			s, err := ParseIfStats(r)
			if !yield(s, err) || err != nil {
				return
			}
		}
	}
}
