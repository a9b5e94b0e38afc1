package rtnl

import (
	"errors"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// TCMsgLen is the size of struct tcmsg, the fixed header of every
// traffic-control message (qdisc, class, filter, chain).
const TCMsgLen = 20

// TCMsg is struct tcmsg. Handle and Parent are MAJ:MIN pairs (16 bits
// each); for a filter, Info holds its priority (high 16 bits) and its
// protocol in network order (low 16 bits); for a qdisc the kernel reports
// its reference count there.
type TCMsg struct {
	Family  uint8
	Ifindex int32
	Handle  uint32
	Parent  uint32
	Info    uint32
}

// Handles with a meaning of their own (TC_H_* in pkt_sched.h).
const (
	HandleRoot    = 0xFFFFFFFF // TC_H_ROOT: the device's root
	HandleIngress = 0xFFFFFFF1 // TC_H_INGRESS, also TC_H_CLSACT
	// The minor numbers of clsact's two hooks (TC_H_MIN_INGRESS,
	// TC_H_MIN_EGRESS): filter parents ffff:fff2 and ffff:fff3.
	MinIngress = 0xFFF2
	MinEgress  = 0xFFF3
	// IfindexBlock is the ifindex of a request about a shared block
	// (TCM_IFINDEX_MAGIC_BLOCK); Parent then holds the block's index.
	IfindexBlock = -1
)

// Major and Minor split a handle (TC_H_MAJ, TC_H_MIN); MakeHandle joins
// them, major first as 16 bits.
func Major(h uint32) uint32             { return h >> 16 }
func Minor(h uint32) uint32             { return h & 0xFFFF }
func MakeHandle(maj, min uint32) uint32 { return maj<<16 | min&0xFFFF }

// AppendTCMsg appends h as struct tcmsg.
func AppendTCMsg(b []byte, h TCMsg) []byte {
	b = append(b, h.Family, 0, 0, 0)
	b = ne.AppendUint32(b, uint32(h.Ifindex))
	b = ne.AppendUint32(b, h.Handle)
	b = ne.AppendUint32(b, h.Parent)
	return ne.AppendUint32(b, h.Info)
}

// DecodeTCMsg reads struct tcmsg from the front of b.
func DecodeTCMsg(b []byte) (TCMsg, error) {
	if len(b) < TCMsgLen {
		return TCMsg{}, ErrShortHeader
	}
	return TCMsg{
		Family:  b[0],
		Ifindex: int32(ne.Uint32(b[4:])),
		Handle:  ne.Uint32(b[8:]),
		Parent:  ne.Uint32(b[12:]),
		Info:    ne.Uint32(b[16:]),
	}, nil
}

// TCOptions is a traffic-control kind's typed options (a qdisc's, a
// class's or a filter's): what it sends as TCA_OPTIONS and reads back.
// Each kind is one tc_<kind>.go file; the kinds are listed by the command
// that configures them, not here.
type TCOptions interface {
	// Encode writes the whole TCA_OPTIONS attribute: nested attributes,
	// or the C struct some kinds (fifos, prio) send.
	Encode(e *nl.AttrEncoder)
	// Decode reads the payload of TCA_OPTIONS, ignoring attributes it
	// does not know.
	Decode(b []byte) error
}

// OptionsPayload is the payload of the TCA_OPTIONS attribute o writes:
// what Decode reads, as the kernel reports it back.
func OptionsPayload(o TCOptions) []byte {
	e := nl.NewAttrEncoder(nil)
	o.Encode(e)
	b, _ := e.Encode()
	var payload []byte
	for d := nl.NewAttrDecoder(b); d.Next(); {
		payload = d.Bytes()
	}
	return payload
}

// TC is a qdisc, class or filter as the kernel describes it: the header,
// the kind, its raw options (decoded by the kind's own code) and the
// attributes every kind shares.
type TC struct {
	TCMsg
	Kind    string
	Options []byte // TCA_OPTIONS payload; nil when absent
	// HasOptions tells an empty TCA_OPTIONS from none.
	HasOptions   bool
	Chain        Opt[uint32]
	IngressBlock Opt[uint32]
	EgressBlock  Opt[uint32]
	HWOffload    Opt[uint8]
	Stats        *TCStats      // TCA_STATS2 (or the legacy TCA_STATS)
	XStats       []byte        // TCA_XSTATS or TCA_STATS_APP: the kind's own statistics
	Stab         Opt[SizeSpec] // TCA_STAB's spec
}

// TCStats are the generic statistics of a qdisc or class (struct
// gnet_stats_basic, gnet_stats_queue and the rate estimator's).
type TCStats struct {
	// Legacy is set when the kernel sent only struct tc_stats
	// (TCA_STATS), which tc prints in a format of its own.
	Legacy     bool
	HasBasic   bool
	Bytes      uint64
	Packets    uint64
	HasPkt64   bool // the packet count came from TCA_STATS_PKT64
	HasQueue   bool
	Qlen       uint32
	Backlog    uint32
	Drops      uint32
	Requeues   uint32
	Overlimits uint32
	// The rate estimator's reading: HasRate32 for TCA_STATS_RATE_EST,
	// HasRate64 for TCA_STATS_RATE_EST64 (which wins when both came).
	HasRate32 bool
	HasRate64 bool
	RateBps   uint64 // bytes per second
	RatePps   uint64
	HasHW     bool // TCA_STATS_BASIC_HW
	HWBytes   uint64
	HWPackets uint64
}

// Attributes nested in TCA_STATS2 (TCA_STATS_* in gen_stats.h).
const (
	tcaStatsBasic     = 1
	tcaStatsRateEst   = 2
	tcaStatsQueue     = 3
	tcaStatsApp       = 4
	tcaStatsRateEst64 = 5
	tcaStatsBasicHW   = 7
	tcaStatsPkt64     = 8
)

// DecodeTC reads an RTM_NEWQDISC, RTM_NEWTCLASS or RTM_NEWTFILTER message.
func DecodeTC(m nl.Message, t *TC) error { return decodeTC(m, t, clone) }

// DecodeTCAliased is DecodeTC for a listing that prints each message
// before it reads the next: the options and statistics alias m's bytes,
// which a dump reuses, instead of being copied.
func DecodeTCAliased(m nl.Message, t *TC) error {
	return decodeTC(m, t, func(b []byte) []byte { return b })
}

func decodeTC(m nl.Message, t *TC, clone func([]byte) []byte) error {
	h, err := DecodeTCMsg(m.Data)
	if err != nil {
		return err
	}
	*t = TC{TCMsg: h}
	d := nl.NewAttrDecoder(m.Data[TCMsgLen:])
	for d.Next() {
		switch d.Type() {
		case unix.TCA_KIND:
			t.Kind = d.String()
		case unix.TCA_OPTIONS:
			t.Options, t.HasOptions = clone(d.Bytes()), true
		case unix.TCA_CHAIN:
			t.Chain = Some(d.Uint32())
		case unix.TCA_INGRESS_BLOCK:
			t.IngressBlock = Some(d.Uint32())
		case unix.TCA_EGRESS_BLOCK:
			t.EgressBlock = Some(d.Uint32())
		case unix.TCA_HW_OFFLOAD:
			t.HWOffload = Some(d.Uint8())
		case unix.TCA_STATS2:
			t.Stats = decodeStats2(d.Bytes(), t, clone)
		case unix.TCA_STATS:
			if t.Stats == nil {
				t.Stats = decodeLegacyStats(d.Bytes())
			}
		case unix.TCA_XSTATS:
			t.XStats = clone(d.Bytes())
		case unix.TCA_STAB:
			t.Stab = decodeStab(d.Bytes())
		}
	}
	return d.Err()
}

func decodeStats2(b []byte, t *TC, clone func([]byte) []byte) *TCStats {
	s := &TCStats{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaStatsBasic:
			if len(v) >= 12 {
				s.HasBasic = true
				s.Bytes = ne.Uint64(v)
				if !s.HasPkt64 {
					s.Packets = uint64(ne.Uint32(v[8:]))
				}
			}
		case tcaStatsPkt64:
			if len(v) >= 8 && ne.Uint64(v) != 0 {
				s.HasPkt64, s.Packets = true, ne.Uint64(v)
			}
		case tcaStatsBasicHW:
			if len(v) >= 12 {
				s.HasHW, s.HWBytes, s.HWPackets = true, ne.Uint64(v), uint64(ne.Uint32(v[8:]))
			}
		case tcaStatsQueue:
			if len(v) >= 20 {
				s.HasQueue = true
				s.Qlen, s.Backlog, s.Drops = ne.Uint32(v), ne.Uint32(v[4:]), ne.Uint32(v[8:])
				s.Requeues, s.Overlimits = ne.Uint32(v[12:]), ne.Uint32(v[16:])
			}
		case tcaStatsRateEst64:
			if len(v) >= 16 {
				s.HasRate64, s.RateBps, s.RatePps = true, ne.Uint64(v), ne.Uint64(v[8:])
			}
		case tcaStatsRateEst:
			if len(v) >= 8 {
				s.HasRate32 = true
				if !s.HasRate64 {
					s.RateBps, s.RatePps = uint64(ne.Uint32(v)), uint64(ne.Uint32(v[4:]))
				}
			}
		case tcaStatsApp:
			t.XStats = clone(v)
		}
	}
	return s
}

// decodeLegacyStats reads struct tc_stats (TCA_STATS), sent by kernels
// that have no TCA_STATS2 for the object.
func decodeLegacyStats(v []byte) *TCStats {
	if len(v) < 36 {
		return nil
	}
	return &TCStats{
		Legacy: true, HasBasic: true,
		Bytes: ne.Uint64(v), Packets: uint64(ne.Uint32(v[8:])),
		HasQueue: true, Drops: ne.Uint32(v[12:]), Overlimits: ne.Uint32(v[16:]),
		HasRate32: true, RateBps: uint64(ne.Uint32(v[20:])), RatePps: uint64(ne.Uint32(v[24:])),
		Qlen: ne.Uint32(v[28:]), Backlog: ne.Uint32(v[32:]),
	}
}

// TCSpec is a qdisc, class or filter to send: the header, the kind and its
// typed options, and the shared attributes that are set.
type TCSpec struct {
	TCMsg
	Kind         string
	Options      TCOptions // nil sends no TCA_OPTIONS
	Chain        Opt[uint32]
	IngressBlock Opt[uint32]
	EgressBlock  Opt[uint32]
	// Estimator is the rate estimator (TCA_RATE: struct tc_estimator).
	Estimator Opt[Estimator]
	// Stab is the size table (TCA_STAB); nil sends none.
	Stab *SizeTable
}

// Estimator is struct tc_estimator: the interval and time constant as the
// kernel takes them (log2 of a quarter second, from -2 to 3, and of the
// EWMA's time constant).
type Estimator struct {
	Interval int8
	EWMALog  uint8
}

// Message builds the request of type typ (RTM_NEWQDISC, RTM_DELTCLASS, ...)
// with flags.
func (s *TCSpec) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if s.Kind != "" {
		e.String(unix.TCA_KIND, s.Kind)
	}
	if s.Options != nil {
		s.Options.Encode(e)
	}
	if est, ok := s.Estimator.Get(); ok {
		e.Bytes(unix.TCA_RATE, []byte{byte(est.Interval), est.EWMALog})
	}
	if v, ok := s.Chain.Get(); ok {
		e.Uint32(unix.TCA_CHAIN, v)
	}
	if v, ok := s.IngressBlock.Get(); ok {
		e.Uint32(unix.TCA_INGRESS_BLOCK, v)
	}
	if v, ok := s.EgressBlock.Get(); ok {
		e.Uint32(unix.TCA_EGRESS_BLOCK, v)
	}
	if s.Stab != nil {
		s.Stab.Encode(e)
	}
	return request(typ, flags, AppendTCMsg(make([]byte, 0, TCMsgLen), s.TCMsg), e)
}

// TCDumpRequest asks for every qdisc (RTM_GETQDISC), class or filter of
// h.Ifindex (0: all devices) under h.Parent, as tc's show does; a filter
// dump may select a chain.
func TCDumpRequest(typ uint16, h TCMsg, chain Opt[uint32]) nl.Message {
	return tcDump(typ, h, chain, false)
}

// TCTerseDumpRequest is TCDumpRequest for filters asking the kernel for a
// terse dump (TCA_DUMP_FLAGS_TERSE), as tc -br does: each filter with its
// handle, flags and its actions' kinds, indexes and statistics, from the
// classifiers that can say so (flower, matchall); others refuse.
func TCTerseDumpRequest(h TCMsg, chain Opt[uint32]) nl.Message {
	return tcDump(unix.RTM_GETTFILTER, h, chain, true)
}

func tcDump(typ uint16, h TCMsg, chain Opt[uint32], terse bool) nl.Message {
	e := nl.NewAttrEncoder(nil)
	if v, ok := chain.Get(); ok {
		e.Uint32(unix.TCA_CHAIN, v)
	}
	if terse {
		// struct nla_bitfield32: the value, then the selector.
		e.Bytes(tcaDumpFlags, ne.AppendUint32(ne.AppendUint32(nil, tcaDumpFlagsTerse), tcaDumpFlagsTerse))
	}
	m, _ := request(typ, nl.Dump, AppendTCMsg(make([]byte, 0, TCMsgLen), h), e)
	return m
}

// TCA_DUMP_FLAGS and its terse bit (rtnetlink.h).
const (
	tcaDumpFlags      = 15
	tcaDumpFlagsTerse = 1
)

// ErrNoKind is returned for a TC message without TCA_KIND where one is
// required.
var ErrNoKind = errors.New("rtnetlink: traffic-control message without a kind")

// RateSpec is struct tc_ratespec: a rate in bytes per second and how the
// kernel accounts packet sizes against it.
type RateSpec struct {
	CellLog   uint8
	Linklayer uint8 // TC_LINKLAYER_*
	Overhead  uint16
	CellAlign int16
	MPU       uint16
	Rate      uint32 // bytes per second, saturated at 2^32-1 (the 64-bit rate goes in its own attribute)
}

// RateSpecLen is the size of struct tc_ratespec.
const RateSpecLen = 12

// Append appends r as struct tc_ratespec.
func (r RateSpec) Append(b []byte) []byte {
	b = append(b, r.CellLog, r.Linklayer)
	b = ne.AppendUint16(b, r.Overhead)
	b = ne.AppendUint16(b, uint16(r.CellAlign))
	b = ne.AppendUint16(b, r.MPU)
	return ne.AppendUint32(b, r.Rate)
}

// DecodeRateSpec reads struct tc_ratespec from the front of b.
func DecodeRateSpec(b []byte) (RateSpec, bool) {
	if len(b) < RateSpecLen {
		return RateSpec{}, false
	}
	return RateSpec{
		CellLog: b[0], Linklayer: b[1], Overhead: ne.Uint16(b[2:]),
		CellAlign: int16(ne.Uint16(b[4:])), MPU: ne.Uint16(b[6:]), Rate: ne.Uint32(b[8:]),
	}, true
}

// UnknownOptions is what is kept of the options of a kind nobody knows:
// their length, which is what tc prints of them. It sends nothing.
type UnknownOptions struct{ Len int }

// Encode implements TCOptions: nothing.
func (*UnknownOptions) Encode(*nl.AttrEncoder) {}

// Decode implements TCOptions.
func (u *UnknownOptions) Decode(b []byte) error { u.Len = len(b); return nil }
