package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the fq_pie qdisc (TCA_FQ_PIE_* in pkt_sched.h).
const (
	tcaFqPieLimit           = 1
	tcaFqPieFlows           = 2
	tcaFqPieTarget          = 3
	tcaFqPieTupdate         = 4
	tcaFqPieAlpha           = 5
	tcaFqPieBeta            = 6
	tcaFqPieQuantum         = 7
	tcaFqPieMemoryLimit     = 8
	tcaFqPieECNProb         = 9
	tcaFqPieECN             = 10
	tcaFqPieBytemode        = 11
	tcaFqPieDQRateEstimator = 12
)

// FqPie is the options of the fq_pie qdisc: times in microseconds, the
// limit in packets, sizes in bytes, the ECN probability in percent.
type FqPie struct {
	Limit, Flows         Opt[uint32]
	Target, Tupdate      Opt[uint32]
	Alpha, Beta          Opt[uint32]
	Quantum, MemoryLimit Opt[uint32]
	ECNProb              Opt[uint32]
	ECN, Bytemode        Opt[uint32]
	DQRateEstimator      Opt[uint32]
}

// Encode implements TCOptions. tc marks fq_pie's TCA_OPTIONS nested.
func (q *FqPie) Encode(e *nl.AttrEncoder) {
	e.Nest(unix.TCA_OPTIONS)
	putU32(e, tcaFqPieLimit, q.Limit)
	putU32(e, tcaFqPieFlows, q.Flows)
	putU32(e, tcaFqPieTarget, q.Target)
	putU32(e, tcaFqPieTupdate, q.Tupdate)
	putU32(e, tcaFqPieAlpha, q.Alpha)
	putU32(e, tcaFqPieBeta, q.Beta)
	putU32(e, tcaFqPieQuantum, q.Quantum)
	putU32(e, tcaFqPieMemoryLimit, q.MemoryLimit)
	putU32(e, tcaFqPieECNProb, q.ECNProb)
	putU32(e, tcaFqPieECN, q.ECN)
	putU32(e, tcaFqPieBytemode, q.Bytemode)
	putU32(e, tcaFqPieDQRateEstimator, q.DQRateEstimator)
	e.Unnest()
}

// Decode implements TCOptions.
func (q *FqPie) Decode(b []byte) error {
	*q = FqPie{}
	fields := map[uint16]*Opt[uint32]{
		tcaFqPieLimit: &q.Limit, tcaFqPieFlows: &q.Flows, tcaFqPieTarget: &q.Target, tcaFqPieTupdate: &q.Tupdate,
		tcaFqPieAlpha: &q.Alpha, tcaFqPieBeta: &q.Beta, tcaFqPieQuantum: &q.Quantum, tcaFqPieMemoryLimit: &q.MemoryLimit,
		tcaFqPieECNProb: &q.ECNProb, tcaFqPieECN: &q.ECN, tcaFqPieBytemode: &q.Bytemode, tcaFqPieDQRateEstimator: &q.DQRateEstimator,
	}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if p, ok := fields[d.Type()]; ok {
			*p = getU32(d.Bytes())
		}
	}
	return d.Err()
}

// FqPieXStats is struct tc_fq_pie_xstats, fq_pie's own statistics.
type FqPieXStats struct {
	PacketsIn, Dropped, Overlimit, Overmemory, ECNMark  uint32
	NewFlowCount, NewFlowsLen, OldFlowsLen, MemoryUsage uint32
}

// DecodeFqPieXStats reads struct tc_fq_pie_xstats; a shorter payload is
// read as if zeros followed it, as tc does.
func DecodeFqPieXStats(b []byte) FqPieXStats {
	u := xstatsU32s(b, 9)
	return FqPieXStats{u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8]}
}
