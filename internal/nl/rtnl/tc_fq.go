package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the fq qdisc (TCA_FQ_* in pkt_sched.h).
const (
	tcaFqPlimit           = 1
	tcaFqFlowPlimit       = 2
	tcaFqQuantum          = 3
	tcaFqInitialQuantum   = 4
	tcaFqRateEnable       = 5
	tcaFqFlowDefaultRate  = 6
	tcaFqFlowMaxRate      = 7
	tcaFqBucketsLog       = 8
	tcaFqFlowRefillDelay  = 9
	tcaFqOrphanMask       = 10
	tcaFqLowRateThreshold = 11
	tcaFqCEThreshold      = 12
	tcaFqTimerSlack       = 13
	tcaFqHorizon          = 14
	tcaFqHorizonDrop      = 15
)

// Fq is the options of the fq qdisc: limits in packets, quanta in bytes,
// rates in bytes per second, times in microseconds (the timer slack in
// nanoseconds).
type Fq struct {
	Plimit, FlowPlimit      Opt[uint32]
	Quantum, InitialQuantum Opt[uint32]
	RateEnable              Opt[uint32]
	DefaultRate, MaxRate    Opt[uint32]
	BucketsLog              Opt[uint32]
	RefillDelay             Opt[uint32]
	OrphanMask              Opt[uint32]
	LowRateThreshold        Opt[uint32]
	CEThreshold             Opt[uint32]
	TimerSlack              Opt[uint32]
	Horizon                 Opt[uint32]
	HorizonDrop             Opt[uint8]
}

// Encode implements TCOptions, in tc's order.
func (q *Fq) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	putU32(e, tcaFqBucketsLog, q.BucketsLog)
	putU32(e, tcaFqPlimit, q.Plimit)
	putU32(e, tcaFqFlowPlimit, q.FlowPlimit)
	putU32(e, tcaFqQuantum, q.Quantum)
	putU32(e, tcaFqInitialQuantum, q.InitialQuantum)
	putU32(e, tcaFqRateEnable, q.RateEnable)
	putU32(e, tcaFqFlowMaxRate, q.MaxRate)
	putU32(e, tcaFqLowRateThreshold, q.LowRateThreshold)
	putU32(e, tcaFqFlowDefaultRate, q.DefaultRate)
	putU32(e, tcaFqFlowRefillDelay, q.RefillDelay)
	putU32(e, tcaFqOrphanMask, q.OrphanMask)
	putU32(e, tcaFqCEThreshold, q.CEThreshold)
	putU32(e, tcaFqTimerSlack, q.TimerSlack)
	putU32(e, tcaFqHorizon, q.Horizon)
	putU8(e, tcaFqHorizonDrop, q.HorizonDrop)
	e.Unnest()
}

// Decode implements TCOptions.
func (q *Fq) Decode(b []byte) error {
	*q = Fq{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaFqPlimit:
			q.Plimit = getU32(v)
		case tcaFqFlowPlimit:
			q.FlowPlimit = getU32(v)
		case tcaFqQuantum:
			q.Quantum = getU32(v)
		case tcaFqInitialQuantum:
			q.InitialQuantum = getU32(v)
		case tcaFqRateEnable:
			q.RateEnable = getU32(v)
		case tcaFqFlowDefaultRate:
			q.DefaultRate = getU32(v)
		case tcaFqFlowMaxRate:
			q.MaxRate = getU32(v)
		case tcaFqBucketsLog:
			q.BucketsLog = getU32(v)
		case tcaFqFlowRefillDelay:
			q.RefillDelay = getU32(v)
		case tcaFqOrphanMask:
			q.OrphanMask = getU32(v)
		case tcaFqLowRateThreshold:
			q.LowRateThreshold = getU32(v)
		case tcaFqCEThreshold:
			q.CEThreshold = getU32(v)
		case tcaFqTimerSlack:
			q.TimerSlack = getU32(v)
		case tcaFqHorizon:
			q.Horizon = getU32(v)
		case tcaFqHorizonDrop:
			q.HorizonDrop = getU8(v)
		}
	}
	return d.Err()
}

// FqXStats is struct tc_fq_qd_stats, fq's own statistics.
type FqXStats struct {
	GCFlows, HighprioPackets, TCPRetrans, Throttled uint64
	FlowsPlimit, PktsTooLong, AllocationErrors      uint64
	TimeNextDelayedFlow                             int64 // ns
	Flows, InactiveFlows, ThrottledFlows            uint32
	UnthrottleLatencyNs                             uint32
	CEMark, HorizonDrops, HorizonCaps               uint64
}

// fqXStatsLen is the size of struct tc_fq_qd_stats.
const fqXStatsLen = 104

// DecodeFqXStats reads struct tc_fq_qd_stats; a shorter payload is read
// as if zeros followed it, as tc does.
func DecodeFqXStats(b []byte) FqXStats {
	var p [fqXStatsLen]byte
	copy(p[:], b)
	u64 := func(off int) uint64 { return ne.Uint64(p[off:]) }
	u32 := func(off int) uint32 { return ne.Uint32(p[off:]) }
	return FqXStats{
		GCFlows: u64(0), HighprioPackets: u64(8), TCPRetrans: u64(16), Throttled: u64(24),
		FlowsPlimit: u64(32), PktsTooLong: u64(40), AllocationErrors: u64(48),
		TimeNextDelayedFlow: int64(u64(56)),
		Flows:               u32(64), InactiveFlows: u32(68), ThrottledFlows: u32(72), UnthrottleLatencyNs: u32(76),
		CEMark: u64(80), HorizonDrops: u64(88), HorizonCaps: u64(96),
	}
}
