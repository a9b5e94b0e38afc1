package qdisc

import (
	"math"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// The printing of netem's options as tc prints them.

// netemPercentText is a probability as netem's text shows it, in percent.
func netemPercentText(v uint32) string {
	return strconv.FormatFloat(100*float64(v)/math.MaxUint32, 'g', 6, 64)
}

// printPercent prints " LABEL P%" in text and the fraction under key in
// JSON.
func printPercent(f *format.Fields, key, label string, v uint32) {
	f.Float(key, "", float64(v)/math.MaxUint32)
	f.Literal(label + " " + netemPercentText(v) + "%")
}

// printCorr prints a correlation: in text when present, in JSON always.
func printCorr(f *format.Fields, present bool, v uint32) {
	if f.JSON() {
		f.Float("correlation", "", float64(v)/math.MaxUint32)
	} else if present {
		f.Literal(" " + netemPercentText(v) + "%")
	}
}

func printNetem(f *format.Fields, o *rtnl.Netem, v *View) {
	q := o.Qopt
	f.Uint("limit", "", uint64(q.Limit))
	f.Literal("limit " + strconv.FormatInt(int64(int32(q.Limit)), 10))
	cor, hasCor := o.Corr.Get()
	usec := func(t uint32) uint32 { return uint32(v.Clock.Ticks2Usec(t)) }
	if q.Latency != 0 {
		f.Open("delay")
		if f.JSON() {
			f.Float("delay", "", float64(usec(q.Latency))/1e6)
			f.Float("jitter", "", float64(usec(q.Jitter))/1e6)
		} else {
			f.Literal(" delay " + sched.TimeText(uint64(usec(q.Latency))))
			if q.Jitter != 0 {
				f.Literal("  " + sched.TimeText(uint64(usec(q.Jitter))))
			}
		}
		printCorr(f, q.Jitter != 0 && hasCor && cor.Delay != 0, cor.Delay)
		f.Close()
	}
	if q.Loss != 0 {
		f.Open("loss-random")
		printPercent(f, "loss", " loss", q.Loss)
		printCorr(f, hasCor && cor.Loss != 0, cor.Loss)
		f.Close()
	}
	if g, ok := o.GI.Get(); ok {
		f.Open("loss-state")
		printPercent(f, "p13", " loss state p13", g.P13)
		printPercent(f, "p31", " p31", g.P31)
		printPercent(f, "p32", " p32", g.P32)
		printPercent(f, "p23", " p23", g.P23)
		printPercent(f, "p14", " p14", g.P14)
		f.Close()
	}
	if g, ok := o.GE.Get(); ok {
		f.Open("loss-gemodel")
		printPercent(f, "p", " loss gemodel p", g.P)
		printPercent(f, "r", " r", g.R)
		printPercent(f, "1-h", " 1-h", math.MaxUint32-g.H)
		printPercent(f, "1-k", " 1-k", g.K1)
		f.Close()
	}
	if q.Duplicate != 0 {
		f.Open("duplicate")
		printPercent(f, "duplicate", " duplicate", q.Duplicate)
		printCorr(f, hasCor && cor.Dup != 0, cor.Dup)
		f.Close()
	}
	for _, x := range []struct {
		key string
		o   rtnl.Opt[rtnl.NetemProb]
	}{{"reorder", o.Reorder}, {"corrupt", o.Corrupt}} {
		if r, ok := x.o.Get(); ok && r.Probability != 0 {
			f.Open(x.key)
			printPercent(f, x.key, " "+x.key, r.Probability)
			printCorr(f, r.Correlation != 0, r.Correlation)
			f.Close()
		}
	}
	if r, ok := o.Rate.Get(); ok && r.Rate != 0 {
		f.Open("rate")
		rate, _ := o.Rate64.Get()
		if rate == 0 {
			rate = uint64(r.Rate)
		}
		f.Uint("rate", "", rate)
		f.Literal(" rate " + v.Rate(rate))
		printIntOpt(f, "packetoverhead", r.PacketOverhead)
		f.Uint("cellsize", "", uint64(r.CellSize))
		if r.CellSize != 0 {
			f.Literal(" cellsize " + utoa(uint64(r.CellSize)))
		}
		printIntOpt(f, "celloverhead", r.CellOverhead)
		f.Close()
	}
	if s, ok := o.Slot.Get(); ok {
		f.Open("slot")
		if s.DistJitter > 0 {
			printTime64(f, "distribution", " slot distribution", s.DistDelay)
			printTime64(f, "jitter", "", s.DistJitter)
		} else {
			printTime64(f, "min-delay", " slot", s.MinDelay)
			printTime64(f, "max-delay", "", s.MaxDelay)
		}
		printIntOpt(f, "packets", s.MaxPackets)
		printIntOpt(f, "bytes", s.MaxBytes)
		f.Close()
	}
	_, ecn := o.ECN.Get()
	f.Bool("ecn", " ecn ", ecn)
	f.Uint("gap", "", uint64(q.Gap))
	if q.Gap != 0 {
		f.Literal(" gap " + utoa(uint64(q.Gap)))
	}
}

// printIntOpt prints " KEY N" in text when N is not 0, and N in JSON.
func printIntOpt(f *format.Fields, key string, v int32) {
	f.Int(key, "", int64(v))
	if v != 0 {
		f.Literal(" " + key + " " + strconv.FormatInt(int64(v), 10))
	}
}

// printTime64 prints "LABEL TIME" in text and seconds in JSON.
func printTime64(f *format.Fields, key, label string, ns int64) {
	f.Literal(label + " " + time64Text(ns))
	f.Float(key, "", float64(ns)/1e9)
}
