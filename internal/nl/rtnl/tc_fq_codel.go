package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the fq_codel qdisc (TCA_FQ_CODEL_* in pkt_sched.h).
const (
	tcaFqCodelTarget              = 1
	tcaFqCodelLimit               = 2
	tcaFqCodelInterval            = 3
	tcaFqCodelECN                 = 4
	tcaFqCodelFlows               = 5
	tcaFqCodelQuantum             = 6
	tcaFqCodelCEThreshold         = 7
	tcaFqCodelDropBatchSize       = 8
	tcaFqCodelMemoryLimit         = 9
	tcaFqCodelCEThresholdSelector = 10
	tcaFqCodelCEThresholdMask     = 11
)

// FqCodel is the options of the fq_codel qdisc: times in microseconds,
// the limit in packets, the memory limit in bytes.
type FqCodel struct {
	Target, Limit, Interval Opt[uint32]
	ECN                     Opt[uint32]
	Flows, Quantum          Opt[uint32]
	CEThreshold             Opt[uint32]
	DropBatchSize           Opt[uint32]
	MemoryLimit             Opt[uint32]
	CESelector, CEMask      Opt[uint8]
}

// Encode implements TCOptions, in tc's order.
func (q *FqCodel) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	putU32(e, tcaFqCodelLimit, q.Limit)
	putU32(e, tcaFqCodelFlows, q.Flows)
	putU32(e, tcaFqCodelQuantum, q.Quantum)
	putU32(e, tcaFqCodelInterval, q.Interval)
	putU32(e, tcaFqCodelTarget, q.Target)
	putU32(e, tcaFqCodelECN, q.ECN)
	putU32(e, tcaFqCodelCEThreshold, q.CEThreshold)
	putU8(e, tcaFqCodelCEThresholdMask, q.CEMask)
	putU8(e, tcaFqCodelCEThresholdSelector, q.CESelector)
	putU32(e, tcaFqCodelMemoryLimit, q.MemoryLimit)
	putU32(e, tcaFqCodelDropBatchSize, q.DropBatchSize)
	e.Unnest()
}

// Decode implements TCOptions.
func (q *FqCodel) Decode(b []byte) error {
	*q = FqCodel{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaFqCodelTarget:
			q.Target = getU32(v)
		case tcaFqCodelLimit:
			q.Limit = getU32(v)
		case tcaFqCodelInterval:
			q.Interval = getU32(v)
		case tcaFqCodelECN:
			q.ECN = getU32(v)
		case tcaFqCodelFlows:
			q.Flows = getU32(v)
		case tcaFqCodelQuantum:
			q.Quantum = getU32(v)
		case tcaFqCodelCEThreshold:
			q.CEThreshold = getU32(v)
		case tcaFqCodelDropBatchSize:
			q.DropBatchSize = getU32(v)
		case tcaFqCodelMemoryLimit:
			q.MemoryLimit = getU32(v)
		case tcaFqCodelCEThresholdSelector:
			q.CESelector = getU8(v)
		case tcaFqCodelCEThresholdMask:
			q.CEMask = getU8(v)
		}
	}
	return d.Err()
}

// Types of struct tc_fq_codel_xstats (TCA_FQ_CODEL_XSTATS_*).
const (
	FqCodelXStatsQdisc = 0
	FqCodelXStatsClass = 1
)

// FqCodelXStats is struct tc_fq_codel_xstats: a qdisc's statistics
// (Type FqCodelXStatsQdisc) or a flow's (FqCodelXStatsClass).
type FqCodelXStats struct {
	Type uint32
	// the qdisc's
	MaxPacket, DropOverlimit, ECNMark, NewFlowCount uint32
	NewFlowsLen, OldFlowsLen, CEMark, MemoryUsage   uint32
	DropOvermemory                                  uint32
	// a flow's
	Deficit                  int32
	LDelay, Count, LastCount uint32
	Dropping                 uint32
	DropNext                 int32
}

// DecodeFqCodelXStats reads struct tc_fq_codel_xstats; a shorter payload
// is read as if zeros followed it, as tc does.
func DecodeFqCodelXStats(b []byte) FqCodelXStats {
	u := xstatsU32s(b, 10)
	x := FqCodelXStats{Type: u[0]}
	switch x.Type {
	case FqCodelXStatsQdisc:
		x.MaxPacket, x.DropOverlimit, x.ECNMark, x.NewFlowCount = u[1], u[2], u[3], u[4]
		x.NewFlowsLen, x.OldFlowsLen, x.CEMark, x.MemoryUsage, x.DropOvermemory = u[5], u[6], u[7], u[8], u[9]
	case FqCodelXStatsClass:
		x.Deficit, x.LDelay, x.Count, x.LastCount = int32(u[1]), u[2], u[3], u[4]
		x.Dropping, x.DropNext = u[5], int32(u[6])
	}
	return x
}
