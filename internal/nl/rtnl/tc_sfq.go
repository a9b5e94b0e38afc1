package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// SFQQopt is struct tc_sfq_qopt, the options every sfq has.
type SFQQopt struct {
	Quantum       uint32 // bytes
	PerturbPeriod int32  // seconds
	Limit         uint32 // packets
	Divisor       uint32
	Flows         uint32
}

// SFQRedStats is struct tc_sfqred_stats.
type SFQRedStats struct {
	ProbDrop, ForcedDrop, ProbMark, ForcedMark, ProbMarkHead, ForcedMarkHead uint32
}

// SFQV1 is what struct tc_sfq_qopt_v1 adds: the depth per flow, head
// drop, and the RED parameters and statistics.
type SFQV1 struct {
	Depth, Headdrop       uint32
	Limit, QthMin, QthMax uint32 // bytes
	Wlog, Plog, ScellLog  uint8
	Flags                 uint8 // TC_RED_ECN, TC_RED_HARDDROP
	MaxP                  uint32
	Stats                 SFQRedStats
}

const (
	sfqQoptLen   = 20
	sfqQoptV1Len = 72
)

// SFQ is the options of the sfq qdisc, sent and reported as a C struct:
// nothing when Qopt is unset (tc sends no options when none was given),
// struct tc_sfq_qopt_v1 when V1 is set.
type SFQ struct {
	Qopt Opt[SFQQopt]
	V1   Opt[SFQV1]
}

// Encode implements TCOptions.
func (s *SFQ) Encode(e *nl.AttrEncoder) {
	q, ok := s.Qopt.Get()
	if !ok {
		return
	}
	b := make([]byte, 0, sfqQoptV1Len)
	for _, v := range []uint32{q.Quantum, uint32(q.PerturbPeriod), q.Limit, q.Divisor, q.Flows} {
		b = ne.AppendUint32(b, v)
	}
	if v, ok := s.V1.Get(); ok {
		for _, u := range []uint32{v.Depth, v.Headdrop, v.Limit, v.QthMin, v.QthMax} {
			b = ne.AppendUint32(b, u)
		}
		b = append(b, v.Wlog, v.Plog, v.ScellLog, v.Flags)
		b = ne.AppendUint32(b, v.MaxP)
		st := v.Stats
		for _, u := range []uint32{st.ProbDrop, st.ForcedDrop, st.ProbMark, st.ForcedMark, st.ProbMarkHead, st.ForcedMarkHead} {
			b = ne.AppendUint32(b, u)
		}
	}
	e.Bytes(unix.TCA_OPTIONS, b)
}

// Decode implements TCOptions.
func (s *SFQ) Decode(b []byte) error {
	*s = SFQ{}
	if len(b) < sfqQoptLen {
		return ErrShortHeader
	}
	u := xstatsU32s(b, 5)
	s.Qopt = Some(SFQQopt{u[0], int32(u[1]), u[2], u[3], u[4]})
	if len(b) >= sfqQoptV1Len {
		w := xstatsU32s(b[sfqQoptLen:], 5)
		st := xstatsU32s(b[48:], 6)
		s.V1 = Some(SFQV1{
			Depth: w[0], Headdrop: w[1], Limit: w[2], QthMin: w[3], QthMax: w[4],
			Wlog: b[40], Plog: b[41], ScellLog: b[42], Flags: b[43], MaxP: ne.Uint32(b[44:]),
			Stats: SFQRedStats{st[0], st[1], st[2], st[3], st[4], st[5]},
		})
	}
	return nil
}

// DecodeSFQXStats reads struct tc_sfq_xstats (the allotment); false when
// the payload is shorter.
func DecodeSFQXStats(b []byte) (allot int32, ok bool) {
	if len(b) < 4 {
		return 0, false
	}
	return int32(ne.Uint32(b)), true
}
