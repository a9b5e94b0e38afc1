package sched

import (
	"errors"
	"math"
	"math/bits"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Clock is the packet scheduler's clock as /proc/net/psched describes it,
// in the four hexadecimal fields tc reads there and under tc's names. This
// kernel writes "000003e8 00000040 000f4240 3b9aca00": 1000 ns per µs, 64
// ns per tick, a resolution of 10⁶ and a timer frequency of 10⁹ Hz, which
// makes 15.625 ticks per microsecond.
//
// The zero Clock is tc's fallback when the file cannot be read: one tick
// per microsecond and 100 Hz.
type Clock struct {
	T2US     uint32 // field 1: nanoseconds per microsecond (NSEC_PER_USEC)
	US2T     uint32 // field 2: nanoseconds per tick (PSCHED_TICKS2NS(1))
	ClockRes uint32 // field 3: 1000000 (10⁹ from some old nanosecond kernels)
	HZ       uint32 // field 4: NSEC_PER_SEC / hrtimer resolution; 0 if absent
}

// PschedPath is where ReadClock reads the clock.
const PschedPath = "/proc/net/psched"

// ReadClock is the clock from /proc/net/psched, read once per process:
// the kernel fixes it at boot. When the file cannot be read or parsed it
// returns the error with the zero Clock, tc's fallback, which callers may
// use as tc does (tc goes on without a word).
//
// Unlike tc, it does not look at the HZ, PROC_NET_PSCHED and PROC_ROOT
// environment variables tc's get_hz honours.
func ReadClock() (Clock, error) { return readClock() }

var readClock = sync.OnceValues(func() (Clock, error) {
	text, err := os.ReadFile(PschedPath)
	if err != nil {
		return Clock{}, err
	}
	return ParseClock(string(text))
})

// ParseClock reads the text of /proc/net/psched as tc does with scanf's
// "%08x": each field is up to eight hexadecimal digits after optional white
// space (so "000003e800000040…" also reads), and what follows the fourth is
// ignored. Three fields are needed; without the fourth, HZ is 0. A zero
// among the three (no ticks, or infinitely many, per microsecond) is an
// error, as is anything else (no "0x" or sign, unlike scanf).
func ParseClock(text string) (Clock, error) {
	var f [4]uint32
	n := 0
	for ; n < len(f); n++ {
		text = strings.TrimLeft(text, " \t\n\v\f\r")
		i := 0
		for i < len(text) && i < 8 && strings.IndexByte("0123456789abcdefABCDEF", text[i]) >= 0 {
			i++
		}
		if i == 0 {
			break
		}
		v, _ := strconv.ParseUint(text[:i], 16, 32)
		f[n], text = uint32(v), text[i:]
	}
	c := Clock{T2US: f[0], US2T: f[1], ClockRes: f[2], HZ: f[3]}
	switch {
	case n < 3:
		return Clock{}, errors.New("psched: fewer than three hexadecimal fields")
	case c.T2US == 0 || c.US2T == 0 || c.ClockRes == 0:
		return Clock{}, errors.New("psched: a zero field")
	}
	return c, nil
}

// TicksPerUsec is tc's tick_in_usec: T2US/US2T·ClockRes/10⁶, with T2US
// taken as US2T when ClockRes is 10⁹ (a compatibility rule of the kernel
// and tc for nanosecond clocks); 15.625 here, 1 for the zero Clock.
func (c Clock) TicksPerUsec() float64 {
	if c.US2T == 0 || c.ClockRes == 0 {
		return 1
	}
	t2us := c.T2US
	if c.ClockRes == 1000000000 {
		t2us = c.US2T
	}
	return float64(t2us) / float64(c.US2T) * (float64(c.ClockRes) / 1000000)
}

// Hz is tc's get_hz: the fourth field when the third is 10⁶ and the fourth
// is not 0, else 100. It is 10⁹ with high-resolution timers, which is why
// htb's default burst, rate/Hz + mtu, is about the mtu.
func (c Clock) Hz() uint32 {
	if c.ClockRes == 1000000 && c.HZ != 0 {
		return c.HZ
	}
	return 100
}

// Usec2Ticks converts microseconds to ticks as tc's tc_core_time2tick
// does (netem's delays in tc 6.1), the fraction dropped; ok is false when
// the ticks do not fit 32 bits (tc_core_time2big).
func (c Clock) Usec2Ticks(usec uint64) (ticks uint32, ok bool) {
	t := float64(usec) * c.TicksPerUsec()
	if t >= 1<<32 {
		return 0, false
	}
	return uint32(t), true
}

// Ticks2Usec converts ticks to microseconds, unrounded, as tc's
// tc_core_tick2time does since 6.15 (tc 6.1 dropped the fraction); tbf's
// latency is computed from it, and tc shows ticks as TimeText of its
// whole part.
func (c Clock) Ticks2Usec(ticks uint32) float64 {
	return float64(ticks) / c.TicksPerUsec()
}

// XmitTime is the ticks needed to send size bytes at rate bytes/s, rounded
// up (tc_calc_xmittime as fixed in iproute2 6.15 and 6.18): ⌈10⁶·size/rate
// µs · TicksPerUsec⌉ in floating point, at most 2³²-1. A zero rate takes
// 2³²-1 ticks for any bytes, and 0 for none. It is what htb's buffer and
// cbuffer and tbf's buffer and mtu hold, and each rate table entry.
//
// tc 6.1 instead dropped the fraction of microseconds before converting
// them (and rounded the ticks down), so at high rates its bursts shrink
// or vanish. With this kernel's clock, htb's default burst (rate/Hz +
// 1600 bytes) at 1gbit is 200 ticks here and 187 in tc 6.1 (shown "burst
// 1375b"); at 4gbit 50 and 46 ("1000b"), at 10gbit (1601 bytes) 21 and 15
// ("0b"), at 40gbit (1605 bytes) 6 and 0. Both agree where the
// microseconds are whole (1600 bytes at 1mbit: 200000 ticks). The floating
// point of the fix sometimes lands a hair above a whole number, which the
// rounding up turns into one tick more: 984 bytes at 1mbit are 123001
// ticks, not 123000, as in tc 6.15 and later.
func (c Clock) XmitTime(rate uint64, size uint64) uint32 {
	t := math.Ceil(1000000 * (float64(size) / float64(rate)) * c.TicksPerUsec())
	switch {
	case math.IsNaN(t):
		return 0
	case t > math.MaxUint32:
		return math.MaxUint32
	}
	return uint32(t)
}

// XmitSize is the bytes sent in ticks at rate bytes/s, the fraction
// dropped (tc_calc_xmitsize as fixed in iproute2 6.15 and 6.18): how tc
// shows the burst behind a buffer of ticks, at most 2⁶⁴-1. It undoes
// XmitTime up to rounding: below the 2³²-1 tick limit, XmitSize(r,
// XmitTime(r, s)) is s or more, or rarely s-1 where the floating point
// falls just short (1095346 bytes at 390625 B/s).
//
// tc 6.1 dropped the fraction of the ticks' microseconds first, so it
// showed 187 ticks at 1gbit as 1375 bytes where this gives 1496, and 15
// ticks at 10gbit as 0 where this gives 1200. It even shows tbf's burst
// 1600 at 1gbit, which the kernel keeps as 200 ticks, as "burst 1500b".
func (c Clock) XmitSize(rate uint64, ticks uint32) uint64 {
	v := float64(rate) * c.Ticks2Usec(ticks) / 1000000
	if v >= 1<<64 {
		return math.MaxUint64
	}
	return uint64(v)
}

// Link layers of a RateSpec, for the kernel's size adjustment and tc's
// rate table.
const (
	LinklayerUnaware  uint8 = 0 // TC_LINKLAYER_UNAWARE
	LinklayerEthernet uint8 = 1 // TC_LINKLAYER_ETHERNET
	LinklayerATM      uint8 = 2 // TC_LINKLAYER_ATM

	LinklayerMask uint8 = 0x0f // TC_LINKLAYER_MASK
)

// RateTable computes the 256-entry rate table tc sends beside a rate
// (tc_calc_rtable and tc_calc_rtable_64): entry i is the XmitTime at rate
// bytes/s of (i+1)<<cellLog bytes, raised to r.MPU and, for
// LinklayerATM, to whole 53-byte cells of 48 payload bytes. A negative
// cellLog is derived from mtu (2047 when 0): the smallest that makes
// mtu>>cellLog at most 255, so 3 for 1600 or 2047, 6 for 9000. Cell logs
// above 23 overflow the sizes as tc's int arithmetic does.
//
// r.Linklayer (masked to its low four bits) and r.MPU are read; r.CellLog
// and r.CellAlign (-1) are set as tc sets them. r.Overhead is not applied:
// the kernel adds it. The kernel has computed transmit times from the rate
// itself since Linux 3.8; it reads the table only to guess the link layer
// when r.Linklayer is LinklayerUnaware. Entries use XmitTime's rounding,
// so at high rates they differ from tc 6.1's (at 10gbit its first 156 are
// 0; here they are 1 and up).
func (c Clock) RateTable(r *rtnl.RateSpec, rate uint64, cellLog int, mtu uint32) rtnl.RateTable {
	return rateTable(r, cellLog, mtu, func(size uint32) uint32 { return c.XmitTime(rate, uint64(size)) })
}

// rateTable is RateTable with the transmit time as a function of the
// adjusted size.
func rateTable(r *rtnl.RateSpec, cellLog int, mtu uint32, xmit func(size uint32) uint32) rtnl.RateTable {
	if mtu == 0 {
		mtu = 2047
	}
	if cellLog < 0 {
		cellLog = 0
		for mtu>>cellLog > 255 {
			cellLog++
		}
	}
	r.Linklayer &= LinklayerMask
	var t rtnl.RateTable
	for i := range t {
		t[i] = xmit(adjustSize(uint32(i+1)<<cellLog, uint32(r.MPU), r.Linklayer))
	}
	r.CellLog, r.CellAlign = uint8(cellLog), -1
	return t
}

// adjustSize is a packet's size as the rate table counts it: at least mpu,
// and on ATM whole cells of 48 payload bytes sent as 53.
func adjustSize(size, mpu uint32, linklayer uint8) uint32 {
	size = max(size, mpu)
	if linklayer == LinklayerATM {
		cells := size / 48
		if size%48 != 0 {
			cells++
		}
		size = cells * 53
	}
	return size
}

// KernelTicks is the bucket of size bytes at rate bytes/s as the kernel
// keeps it when given in bytes (tbf's TCA_TBF_BURST and _PBURST): the
// transmit time of psched_l2t_ns, with r's overhead, MPU and link layer,
// in the scheduler's ticks of 64 ns. The kernel's own arithmetic
// (psched_ratecfg_precompute's multiplier and shift), not tc's.
func KernelTicks(rate uint64, r rtnl.RateSpec, size uint64) uint32 {
	if rate == 0 {
		return 0
	}
	factor, shift := uint64(1_000_000_000), uint(0)
	var mult uint64
	for {
		mult = factor / rate
		if mult&(1<<31) != 0 || factor&(1<<63) != 0 {
			break
		}
		factor <<= 1
		shift++
	}
	size += uint64(r.Overhead)
	if size < uint64(r.MPU) {
		size = uint64(r.MPU)
	}
	if r.Linklayer&LinklayerMask == LinklayerATM {
		size = (size + 47) / 48 * 53
	}
	hi, lo := bits.Mul64(size, mult)
	ns := lo>>shift | hi<<(64-shift)
	if shift == 0 {
		ns = lo
	}
	t := ns >> 6
	if t > math.MaxUint32 {
		return math.MaxUint32
	}
	return uint32(t)
}

// KernelSize is the smallest size whose KernelTicks are ticks, so that
// it is given again as it was; ok false when no size is.
func KernelSize(rate uint64, r rtnl.RateSpec, ticks uint32) (uint64, bool) {
	lo, hi := uint64(0), uint64(math.MaxUint32)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if KernelTicks(rate, r, mid) < ticks {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, KernelTicks(rate, r, lo) == ticks
}
