package qdisc

import (
	"fmt"
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const pieUsage = "Usage: ... pie [ limit PACKETS ] [ target TIME ]\n" +
	"               [ tupdate TIME ] [ alpha ALPHA ] [ beta BETA ]\n" +
	"               [ bytemode | nobytemode ] [ ecn | noecn ]\n" +
	"               [ dq_rate_estimator | no_dq_rate_estimator ]"

// pieAlphaBetaMax is the largest alpha and beta tc takes.
const pieAlphaBetaMax = 32

// pieKind is pie, proportional integral controller enhanced.
func pieKind() *Kind {
	k := &Kind{Name: "pie", Usage: pieUsage, XStats: printPieXStats}
	k.New, k.Parse, k.Print = typed(parsePie, printPie)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		p := o.(*rtnl.Pie)
		return pieWords("pie", p.Limit, p.Target, p.Tupdate, p.Alpha, p.Beta, nil, p.ECN, p.Bytemode, p.DQRateEstimator)
	}
	k.Kept = func(o rtnl.TCOptions) { keep(&o.(*rtnl.Pie).Target, pieKept) }
	return k
}

// pieWords are the words pie and fq_pie share, with fq_pie's own (its
// flows, quantum, memory limit and ECN probability) after beta. The
// target is one the kernel, which keeps it in scheduler ticks, reports
// as it is; tupdate, which it keeps in jiffies, is written as reported.
func pieWords(kind string, limit, target, tupdate, alpha, beta rtnl.Opt[uint32], more func(Words) (Words, error),
	ecn, bytemode, dq rtnl.Opt[uint32]) (Words, error) {
	w, err := countWords(nil, kind, "limit", limit, math.MaxUint32)
	if err != nil {
		return nil, err
	}
	if w, err = keptTimeWords(w, kind, "target", target, pieKept); err != nil {
		return nil, err
	}
	if v, ok := tupdate.Get(); ok {
		if v == 0 {
			return nil, fmt.Errorf("%s: a tupdate of 0 cannot be written (tc sends none)", kind)
		}
		w = append(w, []string{"tupdate", TimeWord(uint64(v))})
	}
	if w, err = countWords(w, kind, "alpha", alpha, pieAlphaBetaMax); err != nil {
		return nil, err
	}
	if w, err = countWords(w, kind, "beta", beta, pieAlphaBetaMax); err != nil {
		return nil, err
	}
	if more != nil {
		if w, err = more(w); err != nil {
			return nil, err
		}
	}
	if w, err = switchWords(w, kind, ecn, "ecn", "noecn"); err != nil {
		return nil, err
	}
	if w, err = switchWords(w, kind, bytemode, "bytemode", "nobytemode"); err != nil {
		return nil, err
	}
	return switchWords(w, kind, dq, "dq_rate_estimator", "no_dq_rate_estimator")
}

func parsePie(p *Parser, o *rtnl.Pie) error {
	var limit, target, tupdate, alpha, beta uint32
	*o = rtnl.Pie{}
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "limit":
			err = p.unsignedArg(w, &limit)
		case "target":
			err = p.timeArg(w, &target)
		case "tupdate":
			err = p.timeArg(w, &tupdate)
		case "alpha":
			err = p.boundedArg(w, &alpha, pieAlphaBetaMax)
		case "beta":
			err = p.boundedArg(w, &beta, pieAlphaBetaMax)
		case "ecn", "noecn":
			o.ECN = onOff(w == "ecn")
		case "bytemode", "nobytemode":
			o.Bytemode = onOff(w == "bytemode")
		case "dq_rate_estimator", "no_dq_rate_estimator":
			o.DQRateEstimator = onOff(w == "dq_rate_estimator")
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	o.Limit, o.Tupdate, o.Target = nonZero(limit), nonZero(tupdate), nonZero(target)
	o.Alpha, o.Beta = nonZero(alpha), nonZero(beta)
	return nil
}

// onOff is a switch as tc sends it: a 32-bit 1 or 0.
func onOff(on bool) rtnl.Opt[uint32] {
	if on {
		return rtnl.Some[uint32](1)
	}
	return rtnl.Some[uint32](0)
}

// boundedArg reads KEY's value as tc's get_unsigned, at most max.
func (p *Parser) boundedArg(key string, dst *uint32, max uint32) error {
	if err := p.unsignedArg(key, dst); err != nil {
		return err
	}
	if *dst > max {
		return p.Fail(false, `Illegal "`+key+`"`)
	}
	return nil
}

// printSwitch prints KEY when the switch is on.
func printSwitch(f *format.Fields, key string, o rtnl.Opt[uint32]) {
	if v, ok := o.Get(); ok && v != 0 {
		f.Bool(key, key+" ", true)
	}
}

// printPlain prints "KEY N " when the attribute came.
func printPlain(f *format.Fields, key, textFmt string, o rtnl.Opt[uint32]) {
	if v, ok := o.Get(); ok {
		f.Uint(key, textFmt, uint64(v))
	}
}

func printPie(f *format.Fields, o *rtnl.Pie, _ *View) {
	printPlain(f, "limit", "limit %up ", o.Limit)
	printTimeOpt(f, "target", o.Target)
	printTimeOpt(f, "tupdate", o.Tupdate)
	printPlain(f, "alpha", "alpha %u ", o.Alpha)
	printPlain(f, "beta", "beta %u ", o.Beta)
	printSwitch(f, "ecn", o.ECN)
	printSwitch(f, "bytemode", o.Bytemode)
	printSwitch(f, "dq_rate_estimator", o.DQRateEstimator)
}

func printPieXStats(f *format.Fields, b []byte, _ *View) {
	x, ok := rtnl.DecodePieXStats(b)
	if !ok {
		return
	}
	// The probability is a fraction of the largest 64-bit number.
	f.Float("prob", "  prob %g", float64(x.Prob)/math.MaxUint64)
	f.Uint("delay", "", uint64(x.Delay))
	f.Literal(" delay " + sched.TimeText(uint64(x.Delay)))
	if x.DQRateEstimating != 0 {
		f.Uint("avg_dq_rate", " avg_dq_rate %u", uint64(x.AvgDQRate))
	}
	f.Line()
	f.Uint("pkts_in", "  pkts_in %u", uint64(x.PacketsIn))
	f.Uint("overlimit", " overlimit %u", uint64(x.Overlimit))
	f.Uint("dropped", " dropped %u", uint64(x.Dropped))
	f.Uint("maxq", " maxq %u", uint64(x.MaxQ))
	f.Uint("ecn_mark", " ecn_mark %u", uint64(x.ECNMark))
}
