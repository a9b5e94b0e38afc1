package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the pie qdisc (TCA_PIE_* in pkt_sched.h).
const (
	tcaPieTarget          = 1
	tcaPieLimit           = 2
	tcaPieTupdate         = 3
	tcaPieAlpha           = 4
	tcaPieBeta            = 5
	tcaPieECN             = 6
	tcaPieBytemode        = 7
	tcaPieDQRateEstimator = 8
)

// Pie is the options of the pie qdisc: times in microseconds, the limit
// in packets, the switches as the 0 or 1 tc sends.
type Pie struct {
	Target, Limit, Tupdate Opt[uint32]
	Alpha, Beta            Opt[uint32]
	ECN, Bytemode          Opt[uint32]
	DQRateEstimator        Opt[uint32]
}

// Encode implements TCOptions, in tc's order.
func (q *Pie) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	putU32(e, tcaPieLimit, q.Limit)
	putU32(e, tcaPieTupdate, q.Tupdate)
	putU32(e, tcaPieTarget, q.Target)
	putU32(e, tcaPieAlpha, q.Alpha)
	putU32(e, tcaPieBeta, q.Beta)
	putU32(e, tcaPieECN, q.ECN)
	putU32(e, tcaPieBytemode, q.Bytemode)
	putU32(e, tcaPieDQRateEstimator, q.DQRateEstimator)
	e.Unnest()
}

// Decode implements TCOptions.
func (q *Pie) Decode(b []byte) error {
	*q = Pie{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaPieTarget:
			q.Target = getU32(v)
		case tcaPieLimit:
			q.Limit = getU32(v)
		case tcaPieTupdate:
			q.Tupdate = getU32(v)
		case tcaPieAlpha:
			q.Alpha = getU32(v)
		case tcaPieBeta:
			q.Beta = getU32(v)
		case tcaPieECN:
			q.ECN = getU32(v)
		case tcaPieBytemode:
			q.Bytemode = getU32(v)
		case tcaPieDQRateEstimator:
			q.DQRateEstimator = getU32(v)
		}
	}
	return d.Err()
}

// PieXStats is struct tc_pie_xstats, pie's own statistics.
type PieXStats struct {
	Prob                                uint64 // a fraction of 2⁶⁴-1
	Delay, AvgDQRate, DQRateEstimating  uint32
	PacketsIn, Dropped, Overlimit, MaxQ uint32
	ECNMark                             uint32
}

// DecodePieXStats reads struct tc_pie_xstats; false when the payload is
// shorter, which tc does not print.
func DecodePieXStats(b []byte) (PieXStats, bool) {
	if len(b) < 40 {
		return PieXStats{}, false
	}
	u := xstatsU32s(b[8:], 8)
	return PieXStats{ne.Uint64(b), u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7]}, true
}
