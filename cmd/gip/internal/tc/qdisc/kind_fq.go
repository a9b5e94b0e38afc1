package qdisc

import (
	"fmt"
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const fqUsage = "Usage: ... fq\t[ limit PACKETS ] [ flow_limit PACKETS ]\n" +
	"\t\t[ quantum BYTES ] [ initial_quantum BYTES ]\n" +
	"\t\t[ maxrate RATE  ] [ buckets NUMBER ]\n" +
	"\t\t[ [no]pacing ] [ refill_delay TIME ]\n" +
	"\t\t[ low_rate_threshold RATE ]\n" +
	"\t\t[ orphan_mask MASK]\n" +
	"\t\t[ timer_slack TIME]\n" +
	"\t\t[ ce_threshold TIME ]\n" +
	"\t\t[ horizon TIME ]\n" +
	"\t\t[ horizon_{cap|drop} ]"

// fqKind is fq, fair queueing with pacing.
func fqKind() *Kind {
	k := &Kind{Name: "fq", Usage: fqUsage, XStats: printFqXStats}
	k.New, k.Parse, k.Print = typed(parseFq, printFq)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return fqWords(o.(*rtnl.Fq)) }
	k.Kept = func(o rtnl.TCOptions) { o.(*rtnl.Fq).DefaultRate = rtnl.Opt[uint32]{} } // ignored since Linux 4.7
	return k
}

// fqWords are an fq's words. A maxrate or ce_threshold of 2³²-1 is
// none (the kernel reports them so), and the refill delay, which the
// kernel keeps in jiffies, is written as reported.
func fqWords(o *rtnl.Fq) (Words, error) {
	w := plainWords(nil, "limit", o.Plimit)
	w = plainWords(w, "flow_limit", o.FlowPlimit)
	if n, ok := o.BucketsLog.Get(); ok {
		if n > 31 {
			return nil, fmt.Errorf("fq: %d buckets' log is more than 32 bits hold", n)
		}
		w = append(w, []string{"buckets", u32Word(1 << n)})
	}
	w = plainWords(w, "orphan_mask", o.OrphanMask)
	w, err := switchWords(w, "fq", o.RateEnable, "pacing", "nopacing")
	if err != nil {
		return nil, err
	}
	w = plainWords(w, "quantum", o.Quantum)
	w = plainWords(w, "initial_quantum", o.InitialQuantum)
	if r, ok := o.MaxRate.Get(); ok && r != math.MaxUint32 {
		w = append(w, []string{"maxrate", RateWord(uint64(r))})
	}
	if r, ok := o.LowRateThreshold.Get(); ok {
		w = append(w, []string{"low_rate_threshold", RateWord(uint64(r))})
	}
	for _, t := range []struct {
		key string
		o   rtnl.Opt[uint32]
	}{{"refill_delay", o.RefillDelay}, {"ce_threshold", o.CEThreshold}, {"horizon", o.Horizon}} {
		if v, ok := t.o.Get(); ok && (v != math.MaxUint32 || t.key != "ce_threshold") {
			w = append(w, []string{t.key, TimeWord(uint64(v))})
		}
	}
	if v, ok := o.TimerSlack.Get(); ok {
		w = append(w, []string{"timer_slack", nsecWord(int64(v))})
	}
	if d, ok := o.HorizonDrop.Get(); ok {
		if d == 0 {
			w = append(w, []string{"horizon_cap"})
		} else {
			w = append(w, []string{"horizon_drop"})
		}
	}
	return w, nil
}

func parseFq(p *Parser, o *rtnl.Fq) error {
	var buckets uint32
	*o = rtnl.Fq{}
	u32 := func(key string, dst *rtnl.Opt[uint32]) error {
		var v uint32
		if err := p.unsignedArg(key, &v); err != nil {
			return err
		}
		*dst = rtnl.Some(v)
		return nil
	}
	time := func(key string, dst *rtnl.Opt[uint32]) error {
		var v uint32
		if err := p.timeArg(key, &v); err != nil {
			return err
		}
		*dst = rtnl.Some(v)
		return nil
	}
	rate := func(key string, dst *rtnl.Opt[uint32], percent bool) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		var r uint32
		ok := false
		if percent {
			r, ok = p.rate32(v)
		} else {
			r, err = grammar.ParseRate32(v)
			ok = err == nil
		}
		if !ok {
			return p.Fail(false, `Illegal "`+key+`"`)
		}
		*dst = rtnl.Some(r)
		return nil
	}
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "limit":
			err = u32(w, &o.Plimit)
		case "flow_limit":
			err = u32(w, &o.FlowPlimit)
		case "buckets":
			err = p.unsignedArg(w, &buckets)
		case "maxrate":
			err = rate(w, &o.MaxRate, true)
		case "low_rate_threshold":
			err = rate(w, &o.LowRateThreshold, false)
		case "ce_threshold":
			err = time(w, &o.CEThreshold)
		case "timer_slack":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			t, terr := grammar.ParseTime64(v)
			if terr != nil {
				return p.Fail(false, `Illegal "timer_slack"`)
			}
			if t < 0 || t > math.MaxUint32 {
				return p.Fail(false, `Illegal (out of range) "timer_slack"`)
			}
			o.TimerSlack = rtnl.Some(uint32(t))
		case "horizon_drop":
			o.HorizonDrop = rtnl.Some[uint8](1)
		case "horizon_cap":
			o.HorizonDrop = rtnl.Some[uint8](0)
		case "horizon":
			err = time(w, &o.Horizon)
		case "defrate":
			err = rate(w, &o.DefaultRate, true)
		case "quantum":
			err = u32(w, &o.Quantum)
		case "initial_quantum":
			err = u32(w, &o.InitialQuantum)
		case "orphan_mask":
			// tc names the wrong keyword here.
			var v uint32
			if err = p.unsignedArg("initial_quantum", &v); err == nil {
				o.OrphanMask = rtnl.Some(v)
			}
		case "refill_delay":
			err = time(w, &o.RefillDelay)
		case "pacing":
			o.RateEnable = rtnl.Some[uint32](1)
		case "nopacing":
			o.RateEnable = rtnl.Some[uint32](0)
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if buckets != 0 {
		log := uint32(0)
		for v := buckets - 1; v != 0; v >>= 1 {
			log++
		}
		o.BucketsLog = rtnl.Some(log)
	}
	return nil
}

func printFq(f *format.Fields, o *rtnl.Fq, v *View) {
	if n, ok := o.Plimit.Get(); ok {
		f.Uint("limit", "limit %up ", uint64(n))
	}
	if n, ok := o.FlowPlimit.Get(); ok {
		f.Uint("flow_limit", "flow_limit %up ", uint64(n))
	}
	if n, ok := o.BucketsLog.Get(); ok {
		f.Uint("buckets", "buckets %u ", uint64(uint32(1)<<(n&31)))
	}
	if n, ok := o.OrphanMask.Get(); ok {
		f.Uint("orphan_mask", "orphan_mask %u ", uint64(n))
	}
	if n, ok := o.RateEnable.Get(); ok && n == 0 {
		f.Bool("pacing", "", false)
		f.Literal("nopacing ")
	}
	if n, ok := o.Quantum.Get(); ok {
		printSize(f, "quantum", n)
	}
	if n, ok := o.InitialQuantum.Get(); ok {
		printSize(f, "initial_quantum", n)
	}
	rate := func(key string, r uint32) {
		f.Uint(key, "", uint64(r))
		f.Literal(key + " " + v.Rate(uint64(r)) + " ")
	}
	if r, ok := o.MaxRate.Get(); ok && r != math.MaxUint32 {
		rate("maxrate", r)
	}
	if r, ok := o.DefaultRate.Get(); ok && r != 0 {
		rate("defrate", r)
	}
	if r, ok := o.LowRateThreshold.Get(); ok && r != 0 {
		rate("low_rate_threshold", r)
	}
	printTimeOpt(f, "refill_delay", o.RefillDelay)
	if t, ok := o.CEThreshold.Get(); ok && t != math.MaxUint32 {
		printTimeOpt(f, "ce_threshold", o.CEThreshold)
	}
	if t, ok := o.TimerSlack.Get(); ok {
		f.Uint("timer_slack", "", uint64(t))
		f.Literal("timer_slack " + time64Text(int64(t)) + " ")
	}
	printTimeOpt(f, "horizon", o.Horizon)
	if d, ok := o.HorizonDrop.Get(); ok {
		if d == 0 {
			f.Null("horizon_cap", "horizon_cap ")
		} else {
			f.Null("horizon_drop", "horizon_drop ")
		}
	}
}

// printFqXStats prints fq's statistics. Its JSON has "throttled" twice,
// the throttled flows and the throttled count, as tc's.
func printFqXStats(f *format.Fields, b []byte, _ *View) {
	x := rtnl.DecodeFqXStats(b)
	f.Uint("flows", "  flows %u", uint64(x.Flows))
	f.Uint("inactive", " (inactive %u", uint64(x.InactiveFlows))
	f.Uint("throttled", " throttled %u)", uint64(x.ThrottledFlows))
	if x.TimeNextDelayedFlow > 0 {
		f.Uint("next_packet_delay", "", uint64(x.TimeNextDelayedFlow))
		f.Literal(" next_packet_delay " + time64Text(x.TimeNextDelayedFlow))
	}
	f.Line()
	f.Uint("gc", "  gc %u", x.GCFlows)
	f.Uint("highprio", " highprio %u", x.HighprioPackets)
	if x.TCPRetrans != 0 {
		f.Uint("retrans", " retrans %u", x.TCPRetrans)
	}
	f.Uint("throttled", " throttled %u", x.Throttled)
	if x.UnthrottleLatencyNs != 0 {
		f.Uint("latency", "", uint64(x.UnthrottleLatencyNs))
		f.Literal(" latency " + time64Text(int64(x.UnthrottleLatencyNs)))
	}
	if x.CEMark != 0 {
		f.Uint("ce_mark", " ce_mark %u", x.CEMark)
	}
	if x.FlowsPlimit != 0 {
		f.Uint("flows_plimit", " flows_plimit %u", x.FlowsPlimit)
	}
	if x.PktsTooLong != 0 || x.AllocationErrors != 0 || x.HorizonDrops != 0 || x.HorizonCaps != 0 {
		f.Line()
		if x.PktsTooLong != 0 {
			f.Uint("pkts_too_long", " pkts_too_long %u", x.PktsTooLong)
		}
		if x.AllocationErrors != 0 {
			f.Uint("alloc_errors", " alloc_errors %u", x.AllocationErrors)
		}
		if x.HorizonDrops != 0 {
			f.Uint("horizon_drops", " horizon_drops %u", x.HorizonDrops)
		}
		if x.HorizonCaps != 0 {
			f.Uint("horizon_caps", "  horizon_caps %u", x.HorizonCaps)
		}
	}
}
