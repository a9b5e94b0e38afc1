package sched

import (
	"math"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Estimator is the rate estimator's setting for a measurement interval
// and an averaging time constant, both in microseconds, as tc computes
// it: the interval as a power of two of a quarter second (-2 to 3) and
// the EWMA's weight as log2. It reports false when either is out of the
// kernel's range.
func Estimator(interval, timeConst uint64) (rtnl.Estimator, bool) {
	var est rtnl.Estimator
	i := 0
	for ; i <= 5; i++ {
		if interval <= uint64(1)<<i*250000 {
			break
		}
	}
	if i > 5 {
		return est, false
	}
	est.Interval = int8(i - 2)
	l := 1
	for ; l < 32; l++ {
		w := 1.0 - 1.0/float64(uint64(1)<<l)
		if float64(interval)/(-math.Log(w)) > float64(timeConst) {
			break
		}
	}
	l--
	if l == 0 || l >= 31 {
		return est, false
	}
	est.EWMALog = uint8(l)
	return est, true
}
