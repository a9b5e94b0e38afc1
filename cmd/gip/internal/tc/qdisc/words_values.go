package qdisc

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Exact spellings of the values the AQM kinds and netem keep, and the
// arithmetic by which the kernel keeps them.

// nsecWord is a time of nanoseconds as tc's get_time64 reads it.
func nsecWord(ns int64) string {
	if ns > 0 && ns%1000 == 0 {
		return TimeWord(uint64(ns) / 1000)
	}
	return strconv.FormatInt(ns, 10) + "ns"
}

// keptUsec is a time in microseconds the kernel keeps in other units and
// reports back in microseconds: the word whose report is r, tried from r
// outwards (0 excluded: the grammar does not send it); false when no
// word near r reports as r.
func keptUsec(r uint32, kept func(uint32) uint32) (uint32, bool) {
	for _, d := range []int64{0, 1, -1, 2, -2, 3} {
		w := int64(r) + d
		if w > 0 && w <= 1<<32-1 && kept(uint32(w)) == r {
			return uint32(w), true
		}
	}
	return 0, false
}

// codelKept is a time as codel and fq_codel report it: kept in units of
// 1024 ns, reported in microseconds, rounded down both ways.
func codelKept(us uint32) uint32 {
	t := uint64(us) * 1000 >> 10
	return uint32(t << 10 / 1000)
}

// codelDisabled is codel's ce_threshold that means none (kept units).
const codelDisabled = 1<<31 - 1

// pieKept is a time as pie and fq_pie report their target: kept in
// scheduler ticks of 64 ns, reported in microseconds from 32 bits of
// nanoseconds.
func pieKept(us uint32) uint32 {
	ticks := uint64(us) * 1000 >> 6
	return uint32(ticks<<6) / 1000
}

// keptTimeWords appends KEY TIME for a reported time, or fails when no
// word makes the kernel report it.
func keptTimeWords(w Words, kind, key string, o rtnl.Opt[uint32], kept func(uint32) uint32) (Words, error) {
	r, ok := o.Get()
	if !ok {
		return w, nil
	}
	us, ok := keptUsec(r, kept)
	if !ok {
		return nil, fmt.Errorf("%s: no %s the kernel takes is reported as %dus", kind, key, r)
	}
	return append(w, []string{key, TimeWord(uint64(us))}), nil
}

// keep applies kept to a time the grammar set.
func keep(o *rtnl.Opt[uint32], kept func(uint32) uint32) {
	if v, ok := o.Get(); ok {
		*o = rtnl.Some(kept(v))
	}
}

// plainWords appends KEY N when the attribute is there.
func plainWords(w Words, key string, o rtnl.Opt[uint32]) Words {
	if v, ok := o.Get(); ok {
		w = append(w, []string{key, u32Word(v)})
	}
	return w
}

// countWords appends KEY N when the attribute is there, or fails when N
// is 0, which the grammar takes as "not given", or above max.
func countWords(w Words, kind, key string, o rtnl.Opt[uint32], max uint32) (Words, error) {
	v, ok := o.Get()
	switch {
	case !ok:
		return w, nil
	case v == 0:
		return nil, fmt.Errorf("%s: a %s of 0 cannot be written (tc sends none)", kind, key)
	case v > max:
		return nil, fmt.Errorf("%s: %s %d is above the %d tc takes", kind, key, v, max)
	}
	return append(w, []string{key, u32Word(v)}), nil
}

// sizeWords appends KEY SIZE when the attribute is there, or fails when
// it is 0, which the grammar takes as "not given".
func sizeWords(w Words, kind, key string, o rtnl.Opt[uint32]) (Words, error) {
	v, ok := o.Get()
	if !ok {
		return w, nil
	}
	if v == 0 {
		return nil, fmt.Errorf("%s: a %s of 0 cannot be written (tc sends none)", kind, key)
	}
	return append(w, []string{key, SizeWord(uint64(v))}), nil
}

// switchWords appends on or off for a switch the attribute holds (0 or
// 1), or fails on another value, which no word sends.
func switchWords(w Words, kind string, o rtnl.Opt[uint32], on, off string) (Words, error) {
	v, ok := o.Get()
	switch {
	case !ok:
		return w, nil
	case v == 0:
		return append(w, []string{off}), nil
	case v == 1:
		return append(w, []string{on}), nil
	}
	return nil, fmt.Errorf("%s: %s is %d, which no word sends", kind, on, v)
}
