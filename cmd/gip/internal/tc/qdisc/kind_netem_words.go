package qdisc

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// netem's words. The kernel keeps delays in nanoseconds (tc sends them
// in ticks of 64 ns), caps the jitter at 2³¹-1 ns, reports slot limits
// of 2³¹-1 as none, and never reports distribution tables: a qdisc read
// from the kernel is written without its delay's distribution (which no
// dump shows), and words that name a distribution are refused (they
// could be neither written back nor compared).

// errNetemSlotDist is a slot distribution, whose table the kernel keeps
// to itself.
var errNetemSlotDist = errors.New("netem: the kernel does not report a slot distribution's table")

// errNetemDelayDist is a delay's distribution, whose table the kernel
// keeps to itself.
var errNetemDelayDist = errors.New("netem: the kernel does not report a delay distribution's table")

// netemJitterMax is the kernel's cap on the delay's jitter, in ns.
const netemJitterMax = math.MaxInt32

// netemKept is what the kernel keeps of netem's options: delays in
// nanoseconds, the jitter capped, slot limits of 2³¹-1 as none.
func netemKept(o *rtnl.Netem) {
	if _, ok := o.Latency64.Get(); !ok {
		o.Latency64 = rtnl.Some(int64(o.Qopt.Latency) * 64)
	}
	if _, ok := o.Jitter64.Get(); !ok {
		o.Jitter64 = rtnl.Some(min(int64(o.Qopt.Jitter)*64, netemJitterMax))
	}
	if s, ok := o.Slot.Get(); ok {
		if s.MaxPackets == math.MaxInt32 {
			s.MaxPackets = 0
		}
		if s.MaxBytes == math.MaxInt32 {
			s.MaxBytes = 0
		}
		o.Slot = rtnl.Some(s)
		if s.MinDelay|s.MaxDelay|s.DistJitter == 0 {
			o.Slot = rtnl.Opt[rtnl.NetemSlot]{}
		}
	}
}

func netemWords(o *rtnl.Netem, c sched.Clock) (Words, error) {
	if o.DelayDist != "" {
		return nil, errNetemDelayDist
	}
	q := o.Qopt
	w := Words{{"limit", u32Word(q.Limit)}}
	cor, _ := o.Corr.Get()
	latency, ok := o.Latency64.Get()
	if !ok {
		latency = int64(q.Latency) * 64
	}
	jitter, ok := o.Jitter64.Get()
	if !ok {
		jitter = min(int64(q.Jitter)*64, netemJitterMax)
	}
	if latency != 0 || jitter != 0 {
		d, err := netemDelayWord(c, latency, false)
		if err != nil {
			return nil, err
		}
		g := []string{"delay", d}
		if jitter != 0 {
			j, err := netemDelayWord(c, jitter, true)
			if err != nil {
				return nil, err
			}
			g = append(g, j)
			if cor.Delay != 0 {
				g = append(g, netemPercentWord(cor.Delay))
			}
		}
		w = append(w, g)
	}
	if jitter == 0 && cor.Delay != 0 {
		return nil, errors.New("netem: a delay correlation without jitter cannot be written")
	}
	var err error
	if w, err = netemProbWords(w, []string{"loss", "random"}, q.Loss, cor.Loss); err != nil {
		return nil, err
	}
	if g, ok := o.GI.Get(); ok {
		w = append(w, []string{"loss", "state", netemPercentWord(g.P13), netemPercentWord(g.P31),
			netemPercentWord(g.P32), netemPercentWord(g.P23), netemPercentWord(g.P14)})
	}
	if g, ok := o.GE.Get(); ok {
		w = append(w, []string{"loss", "gemodel", netemPercentWord(g.P), netemPercentWord(g.R),
			netemPercentWord(math.MaxUint32 - g.H), netemPercentWord(g.K1)})
	}
	if v, ok := o.ECN.Get(); ok && v != 0 {
		w = append(w, []string{"ecn"})
	}
	if w, err = netemProbWords(w, []string{"duplicate"}, q.Duplicate, cor.Dup); err != nil {
		return nil, err
	}
	r, _ := o.Reorder.Get()
	if w, err = netemProbWords(w, []string{"reorder"}, r.Probability, r.Correlation); err != nil {
		return nil, err
	}
	if q.Gap != 0 {
		w = append(w, []string{"gap", u32Word(q.Gap)})
	}
	cr, _ := o.Corrupt.Get()
	if w, err = netemProbWords(w, []string{"corrupt"}, cr.Probability, cr.Correlation); err != nil {
		return nil, err
	}
	if g := netemRateWords(o); g != nil {
		w = append(w, g)
	}
	if s, ok := o.Slot.Get(); ok && s.MinDelay|s.MaxDelay|s.DistJitter != 0 {
		if s.DistJitter != 0 || s.DistDelay != 0 {
			return nil, errNetemSlotDist
		}
		g := []string{"slot", nsecWord(s.MinDelay), nsecWord(s.MaxDelay)}
		if s.MaxPackets != 0 && s.MaxPackets != math.MaxInt32 {
			g = append(g, "packets", strconv.FormatInt(int64(s.MaxPackets), 10))
		}
		if s.MaxBytes != 0 && s.MaxBytes != math.MaxInt32 {
			g = append(g, "bytes", strconv.FormatInt(int64(s.MaxBytes), 10))
		}
		w = append(w, g)
	}
	return w, nil
}

// netemProbWords appends KEY... P [CORRELATION] when the probability is
// not 0; a correlation without a probability cannot be written.
func netemProbWords(w Words, key []string, p, corr uint32) (Words, error) {
	if p == 0 {
		if corr != 0 {
			return nil, fmt.Errorf("netem: a %s correlation without a probability cannot be written", key[0])
		}
		return w, nil
	}
	g := append(append([]string(nil), key...), netemPercentWord(p))
	if corr != 0 {
		g = append(g, netemPercentWord(corr))
	}
	return append(w, g), nil
}

// netemRateWords is the rate group: the rate, then its packet overhead,
// cell size and cell overhead as far as one is not 0 (they are
// positional); nil without a rate.
func netemRateWords(o *rtnl.Netem) []string {
	r, ok := o.Rate.Get()
	rate := uint64(r.Rate)
	if v, ok64 := o.Rate64.Get(); ok64 {
		rate = max(rate, v)
	}
	if !ok || rate == 0 {
		return nil
	}
	g := []string{"rate", RateWord(rate)}
	tail := []string{strconv.FormatInt(int64(r.PacketOverhead), 10), u32Word(r.CellSize), strconv.FormatInt(int64(r.CellOverhead), 10)}
	n := 0
	switch {
	case r.CellOverhead != 0:
		n = 3
	case r.CellSize != 0:
		n = 2
	case r.PacketOverhead != 0:
		n = 1
	}
	return append(g, tail[:n]...)
}

// netemPercentWord is the shortest percentage tc's get_percent reads as
// the probability p (a fraction of 2³²-1).
func netemPercentWord(p uint32) string {
	x := 100 * float64(p) / math.MaxUint32
	for prec := 0; prec <= 20; prec++ {
		s := strconv.FormatFloat(x, 'f', prec, 64) + "%"
		if v, ok := netemPercent(s); ok && v == p {
			return s
		}
	}
	return strconv.FormatFloat(x, 'g', -1, 64) + "%"
}

// netemDelayWord is the time in microseconds whose ticks the kernel keeps
// as ns nanoseconds; a jitter at the kernel's cap is any time beyond it.
func netemDelayWord(c sched.Clock, ns int64, jitter bool) (string, error) {
	capped := jitter && ns == netemJitterMax
	if ns < 0 || ns%64 != 0 && !capped {
		return "", fmt.Errorf("netem: a delay of %dns is no whole number of scheduler ticks", ns)
	}
	ticks := (ns + 63) / 64
	if ticks > math.MaxUint32 {
		return "", fmt.Errorf("netem: a delay of %dns does not fit tc's 32-bit ticks", ns)
	}
	us := uint64(c.Ticks2Usec(uint32(ticks)))
	for _, u := range []uint64{us, us + 1, us + 2} {
		if t, ok := c.Usec2Ticks(u); ok && (int64(t) == ticks || capped && int64(t)*64 >= ns) {
			return TimeWord(u), nil
		}
	}
	return "", fmt.Errorf("netem: no time of whole microseconds makes a delay of %dns", ns)
}
