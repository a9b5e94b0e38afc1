package qdisc

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const sfqUsage = "Usage: ... sfq\t[ limit NUMBER ] [ perturb SECS ] [ quantum BYTES ]\n" +
	"\t\t[ divisor NUMBER ] [ flows NUMBER] [ depth NUMBER ]\n" +
	"\t\t[ headdrop ]\n" +
	"\t\t[ redflowlimit BYTES ] [ min BYTES ] [ max BYTES ]\n" +
	"\t\t[ avpkt BYTES ] [ burst PACKETS ] [ probability P ]\n" +
	"\t\t[ ecn ] [ harddrop ]"

// sfqKind is sfq, stochastic fairness queueing, with its optional RED.
func sfqKind() *Kind {
	k := &Kind{Name: "sfq", Usage: sfqUsage, XStats: printSFQXStats}
	k.New, k.Parse, k.Print = typed(parseSFQ, printSFQ)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return sfqWords(o.(*rtnl.SFQ)) }
	k.Kept = func(o rtnl.TCOptions) { sfqKept(o.(*rtnl.SFQ)) }
	k.Change = never // sfq has no change operation
	return k
}

// The kernel's limits of sfq: flows, packets per flow, and the defaults
// a new sfq starts from.
const (
	sfqMaxFlows       = 65408
	sfqMaxDepth       = 127
	sfqDefaultFlows   = 128
	sfqDefaultDivisor = 1024
)

// sfqKept is what a new sfq keeps of options (sfq_change from sfq_init's
// defaults): flows at most the divisor and the limit, a depth of at most
// 127, a limit of at most depth × flows; RED's thresholds shifted by its
// EWMA log in 32 bits. The values the grammar left 0 stay 0 (unsent).
func sfqKept(o *rtnl.SFQ) {
	q, ok := o.Qopt.Get()
	if !ok {
		return
	}
	v, _ := o.V1.Get()
	flows, depth := uint32(sfqDefaultFlows), uint32(sfqMaxDepth)
	if q.Flows != 0 {
		flows = min(q.Flows, sfqMaxFlows)
	}
	if q.Divisor != 0 {
		flows = min(flows, q.Divisor)
	}
	if v.Depth != 0 {
		depth = min(v.Depth, sfqMaxDepth)
		v.Depth = depth
	}
	if q.Limit != 0 {
		q.Limit = min(q.Limit, depth*flows)
		flows = min(flows, q.Limit)
	}
	if q.Flows != 0 {
		q.Flows = flows
	}
	if v.QthMin != 0 {
		v.QthMin, v.QthMax = redThresholdKept(v.QthMin, v.Wlog), redThresholdKept(v.QthMax, v.Wlog)
		if v.MaxP == 0 {
			v.MaxP = redMaxPKept(v.QthMin, v.QthMax, v.Plog)
		}
	} else {
		v.QthMax, v.Wlog, v.Plog, v.ScellLog, v.MaxP = 0, 0, 0, 0, 0
	}
	v.Limit = 0 // redflowlimit: tc's, the kernel keeps none
	o.Qopt, o.V1 = rtnl.Some(q), rtnl.Some(v)
}

// sfqWords are an sfq's words: what is not 0 of its limits (but a limit
// of 127, a new sfq's own, which is left unsent), its perturb
// period, and RED's when it has RED. The kernel keeps no RED flow limit,
// average packet or burst: the words name the smallest flow limit the
// thresholds allow and an average packet and burst that give the EWMA's
// log.
func sfqWords(o *rtnl.SFQ) (Words, error) {
	q, ok := o.Qopt.Get()
	if !ok {
		return nil, nil
	}
	v, _ := o.V1.Get()
	// A limit below the flows clamps them: such an sfq has the default
	// limit, which it keeps when no limit is sent.
	limit := q.Limit
	if limit == sfqMaxDepth {
		limit = 0
	} else if q.Flows > limit && limit != 0 {
		return nil, fmt.Errorf("sfq: %d flows over a limit of %d packets cannot be made", q.Flows, limit)
	}
	var w Words
	for _, f := range []struct {
		key string
		v   uint32
	}{{"limit", limit}, {"quantum", q.Quantum}, {"divisor", q.Divisor}, {"flows", q.Flows}, {"depth", v.Depth}} {
		if f.v != 0 {
			w = append(w, []string{f.key, u32Word(f.v)})
		}
	}
	w = append(w, []string{"perturb", strconv.FormatInt(int64(q.PerturbPeriod), 10)})
	switch v.Headdrop {
	case 0:
	case 1:
		w = append(w, []string{"headdrop"})
	default:
		return nil, fmt.Errorf("sfq: headdrop is %d, which no word sends", v.Headdrop)
	}
	if v.QthMin == 0 {
		if v.Flags != 0 {
			return nil, fmt.Errorf("sfq: RED flags %#x without RED cannot be written", v.Flags)
		}
		return w, nil
	}
	if v.ScellLog != 0 {
		return nil, fmt.Errorf("sfq: RED's cell log %d is none tc sets", v.ScellLog)
	}
	_, shape, err := redShapeWords("sfq", v.QthMin, v.QthMax, v.Wlog, v.Plog, v.MaxP, false, 1000)
	if err != nil {
		return nil, err
	}
	w = append(w, []string{"redflowlimit", u32Word(v.QthMax)}, []string{"min", u32Word(v.QthMin)}, []string{"max", u32Word(v.QthMax)})
	w = append(w, shape...)
	if v.Flags&^(rtnl.REDECN|rtnl.REDHarddrop) != 0 {
		return nil, fmt.Errorf("sfq: RED flags %#x are more than tc sets", v.Flags)
	}
	if v.Flags&rtnl.REDECN != 0 {
		w = append(w, []string{"ecn"})
	}
	if v.Flags&rtnl.REDHarddrop != 0 {
		w = append(w, []string{"harddrop"})
	}
	return w, nil
}

func parseSFQ(p *Parser, o *rtnl.SFQ) error {
	var q rtnl.SFQQopt
	var v1 rtnl.SFQV1
	ok, red := false, false
	var burst uint32
	avpkt := uint32(1000)
	probability := 0.02
	u32 := func(key, illegal string, dst *uint32) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, good := cStrtoul(v, 0, math.MaxUint32)
		if !good {
			return p.Fail(false, `Illegal "`+illegal+`"`)
		}
		*dst = uint32(n)
		return nil
	}
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "quantum":
			// tc names the wrong keyword here.
			var n uint32
			if err = p.sizeArg("limit", &n); err == nil {
				q.Quantum, ok = n, true
			}
		case "perturb":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			n, good := cStrtol32(v)
			if !good {
				return p.Fail(false, `Illegal "perturb"`)
			}
			q.PerturbPeriod, ok = n, true
		case "limit":
			if err = u32(w, w, &q.Limit); err == nil && q.Limit < 2 {
				return p.Fail(false, `Illegal "limit", must be > 1`)
			}
			ok = true
		case "divisor":
			err, ok = u32(w, w, &q.Divisor), true
		case "flows":
			err, ok = u32(w, w, &q.Flows), true
		case "depth":
			err, ok = u32(w, "flows", &v1.Depth), true
		case "headdrop":
			v1.Headdrop, ok = 1, true
		case "redflowlimit":
			err, red = u32(w, w, &v1.Limit), true
		case "min":
			err, red = u32(w, w, &v1.QthMin), true
		case "max":
			err, red = u32(w, w, &v1.QthMax), true
		case "burst":
			err, red = p.unsignedArg(w, &burst), true
		case "avpkt":
			err, red = p.sizeArg(w, &avpkt), true
		case "probability":
			err, red = p.probabilityArg(&probability), true
		case "ecn":
			v1.Flags |= rtnl.REDECN
			red = true
		case "harddrop":
			v1.Flags |= rtnl.REDHarddrop
			red = true
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if red {
		if v1.Limit == 0 {
			return p.Fail(false, "Required parameter (redflowlimit) is missing")
		}
		if v1.QthMax == 0 {
			v1.QthMax = v1.Limit / 4
		}
		if v1.QthMin == 0 {
			v1.QthMin = v1.QthMax / 3
		}
		if burst == 0 && avpkt != 0 {
			burst = (2*v1.QthMin + v1.QthMax) / (3 * avpkt)
		}
		if v1.QthMax > v1.Limit {
			return p.Fail(false, `"max" is larger than "limit"`)
		}
		if v1.QthMin >= v1.QthMax {
			return p.Fail(false, `"min" is not smaller than "max"`)
		}
		if avpkt == 0 {
			return p.Fail(false, `Illegal "avpkt"`) // tc divides by it
		}
		wlog, good := p.redEWMA(v1.QthMin, burst, avpkt)
		if !good {
			return p.Fail(false, "SFQ: failed to calculate EWMA constant.")
		}
		if wlog >= 10 {
			p.Warnf("SFQ: WARNING. Burst %d seems to be too large.\n", burst)
		}
		v1.Wlog = uint8(wlog)
		plog, good := redP(v1.QthMin, v1.QthMax, probability)
		if !good {
			return p.Fail(false, "SFQ: failed to calculate probability.")
		}
		v1.Plog = uint8(plog)
		v1.MaxP = cDoubleToU32(probability * (1 << 32))
	}
	*o = rtnl.SFQ{}
	if ok || red {
		o.Qopt, o.V1 = rtnl.Some(q), rtnl.Some(v1)
	}
	return nil
}

func printSFQ(f *format.Fields, o *rtnl.SFQ, v *View) {
	q, ok := o.Qopt.Get()
	if !ok {
		return
	}
	x, ext := o.V1.Get()
	f.Uint("limit", "limit %up ", uint64(q.Limit))
	printSize(f, "quantum", q.Quantum)
	if ext && x.Depth != 0 {
		f.Uint("depth", "depth %u ", uint64(x.Depth))
	}
	if ext && x.Headdrop != 0 {
		f.Bool("headdrop", "headdrop ", true)
	}
	if v.Details {
		f.Uint("flows", "flows %u ", uint64(q.Flows))
	}
	f.Uint("divisor", "divisor %u ", uint64(q.Divisor))
	if q.PerturbPeriod != 0 {
		f.Int("perturb", "perturb %dsec ", int64(q.PerturbPeriod))
	}
	if !ext || x.QthMin == 0 {
		return
	}
	f.Uint("ewma", "ewma %u ", uint64(x.Wlog))
	printSize(f, "min", x.QthMin)
	printSize(f, "max", x.QthMax)
	f.Float("probability", "probability %g ", float64(x.MaxP)/(1<<32))
	printREDFlags(f, x.Flags)
	if v.Stats {
		s := x.Stats
		f.Line()
		f.Uint("prob_mark", "  prob_mark %u", uint64(s.ProbMark))
		f.Uint("prob_mark_head", " prob_mark_head %u", uint64(s.ProbMarkHead))
		f.Uint("prob_drop", " prob_drop %u", uint64(s.ProbDrop))
		f.Line()
		f.Uint("forced_mark", "  forced_mark %u", uint64(s.ForcedMark))
		f.Uint("forced_mark_head", " forced_mark_head %u", uint64(s.ForcedMarkHead))
		f.Uint("forced_drop", " forced_drop %u", uint64(s.ForcedDrop))
	}
}

func printSFQXStats(f *format.Fields, b []byte, _ *View) {
	if allot, ok := rtnl.DecodeSFQXStats(b); ok {
		f.Int("allot", "  allot %d", int64(allot))
	}
}
