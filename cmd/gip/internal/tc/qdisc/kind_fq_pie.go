package qdisc

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const fqPieUsage = "Usage: ... fq_pie [ limit PACKETS ] [ flows NUMBER ]\n" +
	"                  [ target TIME ] [ tupdate TIME ]\n" +
	"                  [ alpha NUMBER ] [ beta NUMBER ]\n" +
	"                  [ quantum BYTES ] [ memory_limit BYTES ]\n" +
	"                  [ ecn_prob PERCENTAGE ] [ [no]ecn ]\n" +
	"                  [ [no]bytemode ] [ [no_]dq_rate_estimator ]"

// fqPieKind is fq_pie, fair queueing with pie on each flow.
func fqPieKind() *Kind {
	k := &Kind{Name: "fq_pie", Usage: fqPieUsage, XStats: printFqPieXStats}
	k.New, k.Parse, k.Print = typed(parseFqPie, printFqPie)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		p := o.(*rtnl.FqPie)
		return pieWords("fq_pie", p.Limit, p.Target, p.Tupdate, p.Alpha, p.Beta, func(w Words) (Words, error) {
			w, err := countWords(w, "fq_pie", "flows", p.Flows, math.MaxUint32)
			if err != nil {
				return nil, err
			}
			if w, err = sizeWords(w, "fq_pie", "quantum", p.Quantum); err != nil {
				return nil, err
			}
			if w, err = sizeWords(w, "fq_pie", "memory_limit", p.MemoryLimit); err != nil {
				return nil, err
			}
			return countWords(w, "fq_pie", "ecn_prob", p.ECNProb, 99)
		}, p.ECN, p.Bytemode, p.DQRateEstimator)
	}
	k.Kept = func(o rtnl.TCOptions) { keep(&o.(*rtnl.FqPie).Target, pieKept) }
	k.Change = madeOnly("flows") // "Number of flows cannot be changed"
	return k
}

func parseFqPie(p *Parser, o *rtnl.FqPie) error {
	var limit, flows, target, tupdate, alpha, beta, quantum, memory, ecnProb uint32
	*o = rtnl.FqPie{}
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "limit":
			err = p.unsignedArg(w, &limit)
		case "flows":
			err = p.unsignedArg(w, &flows)
		case "target":
			err = p.timeArg(w, &target)
		case "tupdate":
			err = p.timeArg(w, &tupdate)
		case "alpha":
			err = p.boundedArg(w, &alpha, pieAlphaBetaMax)
		case "beta":
			err = p.boundedArg(w, &beta, pieAlphaBetaMax)
		case "quantum":
			err = p.sizeArg(w, &quantum)
		case "memory_limit":
			err = p.sizeArg(w, &memory)
		case "ecn_prob":
			err = p.boundedArg(w, &ecnProb, 99)
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
	o.Limit, o.Flows, o.Target, o.Tupdate = nonZero(limit), nonZero(flows), nonZero(target), nonZero(tupdate)
	o.Alpha, o.Beta, o.Quantum, o.MemoryLimit = nonZero(alpha), nonZero(beta), nonZero(quantum), nonZero(memory)
	o.ECNProb = nonZero(ecnProb)
	return nil
}

func printFqPie(f *format.Fields, o *rtnl.FqPie, _ *View) {
	printPlain(f, "limit", "limit %up ", o.Limit)
	printPlain(f, "flows", "flows %u ", o.Flows)
	printTimeOpt(f, "target", o.Target)
	printTimeOpt(f, "tupdate", o.Tupdate)
	printPlain(f, "alpha", "alpha %u ", o.Alpha)
	printPlain(f, "beta", "beta %u ", o.Beta)
	if v, ok := o.Quantum.Get(); ok {
		printSize(f, "quantum", v)
	}
	if v, ok := o.MemoryLimit.Get(); ok {
		printSize(f, "memory_limit", v)
	}
	printPlain(f, "ecn_prob", "ecn_prob %u ", o.ECNProb)
	printSwitch(f, "ecn", o.ECN)
	printSwitch(f, "bytemode", o.Bytemode)
	printSwitch(f, "dq_rate_estimator", o.DQRateEstimator)
}

func printFqPieXStats(f *format.Fields, b []byte, _ *View) {
	x := rtnl.DecodeFqPieXStats(b)
	f.Uint("pkts_in", "  pkts_in %u", uint64(x.PacketsIn))
	f.Uint("overlimit", " overlimit %u", uint64(x.Overlimit))
	f.Uint("overmemory", " overmemory %u", uint64(x.Overmemory))
	f.Uint("dropped", " dropped %u", uint64(x.Dropped))
	f.Uint("ecn_mark", " ecn_mark %u", uint64(x.ECNMark))
	f.Line()
	f.Uint("new_flow_count", "  new_flow_count %u", uint64(x.NewFlowCount))
	f.Uint("new_flows_len", " new_flows_len %u", uint64(x.NewFlowsLen))
	f.Uint("old_flows_len", " old_flows_len %u", uint64(x.OldFlowsLen))
	f.Uint("memory_used", " memory_used %u", uint64(x.MemoryUsage))
}
