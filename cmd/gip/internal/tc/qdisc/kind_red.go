package qdisc

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const redUsage = "Usage: ... red\tlimit BYTES [min BYTES] [max BYTES] avpkt BYTES [burst PACKETS]\n" +
	"\t\t[adaptive] [probability PROBABILITY] [bandwidth KBPS]\n" +
	"\t\t[ecn] [harddrop] [nodrop]\n" +
	"\t\t[qevent early_drop block IDX] [qevent mark block IDX]"

// redKind is red, random early detection.
func redKind() *Kind {
	k := &Kind{Name: "red", Usage: redUsage, XStats: printREDXStats}
	k.New, k.Parse, k.Print = typed(parseRED, printRED)
	k.Words = func(o rtnl.TCOptions, c sched.Clock) (Words, error) { return redWords(o.(*rtnl.RED), c) }
	k.Kept = func(o rtnl.TCOptions) { redKept(o.(*rtnl.RED)) }
	return k
}

// redKept is what the kernel keeps of red's options: thresholds shifted
// by the EWMA's log within 32 bits, and a probability of 0 as the one the
// probability's log gives (red_set_parms).
func redKept(o *rtnl.RED) {
	q, ok := o.Parms.Get()
	if !ok {
		return
	}
	q.QthMin, q.QthMax = redThresholdKept(q.QthMin, q.Wlog), redThresholdKept(q.QthMax, q.Wlog)
	if p, _ := o.MaxP.Get(); p == 0 {
		o.MaxP = rtnl.Some(redMaxPKept(q.QthMin, q.QthMax, q.Plog))
	}
	o.Parms, o.Stab = rtnl.Some(q), rtnl.Opt[rtnl.REDStab]{}
}

// redThresholdKept is a threshold the kernel keeps shifted by wlog in 32
// bits and reports shifted back.
func redThresholdKept(v uint32, wlog uint8) uint32 {
	if wlog >= 32 {
		return 0
	}
	return v << wlog >> wlog
}

// redMaxPKept is the probability the kernel takes when none is given:
// (max-min)/2^plog as a fraction of 2³².
func redMaxPKept(qmin, qmax uint32, plog uint8) uint32 {
	delta := int32(qmax - qmin)
	if delta <= 0 {
		delta = 1
	}
	maxp := uint32(math.MaxUint32)
	if plog < 32 {
		maxp >>= plog
	}
	return maxp * uint32(delta)
}

// redWords are a red's words. The kernel reports the EWMA's log, the
// probability's log and the idle damping's cell log, not the average
// packet, burst and bandwidth tc computes them from: the words name an
// average packet, burst and bandwidth that give the same logs (the
// idle damping table itself, which the kernel does not report, is the
// one they make). An adaptive red's probability is the kernel's to
// change: its words carry one that gives the probability's log.
func redWords(o *rtnl.RED, c sched.Clock) (Words, error) {
	q, ok := o.Parms.Get()
	if !ok {
		return nil, nil
	}
	flags := uint32(q.Flags)
	if b, ok := o.Flags.Get(); ok {
		flags = b.Value
	}
	maxp, _ := o.MaxP.Get()
	// An average packet of 1000 or 1500 bytes whose idle damping at
	// tc's default bandwidth has the cell log, else of 1000.
	first := uint32(1000)
	for _, a := range []uint32{1000, 1500} {
		if _, clog, ok := redIdleDamping(c, int(q.Wlog), a, redDefaultBandwidth); ok && clog == int(q.ScellLog) {
			first = a
			break
		}
	}
	avpkt, shape, err := redShapeWords("red", q.QthMin, q.QthMax, q.Wlog, q.Plog, maxp, flags&rtnl.REDAdaptive != 0, first)
	if err != nil {
		return nil, err
	}
	w := Words{{"limit", SizeWord(uint64(q.Limit))}, {"min", SizeWord(uint64(q.QthMin))}, {"max", SizeWord(uint64(q.QthMax))}}
	w = append(w, shape...)
	rate, ok := redBandwidth(c, int(q.Wlog), avpkt, int(q.ScellLog))
	if !ok {
		return nil, fmt.Errorf("red: no bandwidth gives the idle damping's cell log %d", q.ScellLog)
	}
	w = append(w, []string{"bandwidth", RateWord(uint64(rate))})
	for _, f := range []struct {
		bit  uint32
		word string
	}{{rtnl.REDECN, "ecn"}, {rtnl.REDHarddrop, "harddrop"}, {rtnl.REDAdaptive, "adaptive"}, {rtnl.REDNodrop, "nodrop"}} {
		if flags&f.bit != 0 {
			w = append(w, []string{f.word})
		}
	}
	if flags&^rtnl.REDSupported != 0 {
		return nil, fmt.Errorf("red: flags %#x are more than tc sets", flags)
	}
	for i, b := range []rtnl.Opt[uint32]{o.EarlyDropBlock, o.MarkBlock} {
		if v, ok := b.Get(); ok && v != 0 {
			w = append(w, []string{"qevent", redQevents[i], "block", u32Word(v)})
		}
	}
	return w, nil
}

// redShapeWords are the average packet (as bytes), burst and
// probability that give RED's EWMA log and probability log for the
// thresholds; with adaptive the probability is one the log gives rather
// than maxp (a fraction of 2³²).
func redShapeWords(kind string, qmin, qmax uint32, wlog, plog uint8, maxp uint32, adaptive bool, avpkts ...uint32) (uint32, Words, error) {
	avpkt, burst, ok := redBurst(qmin, int(wlog), avpkts...)
	if !ok {
		return 0, nil, fmt.Errorf("%s: no average packet and burst give the EWMA log %d", kind, wlog)
	}
	prob := float64(maxp) / (1 << 32)
	if adaptive {
		prob = redProbabilityOfLog(qmin, qmax, plog)
	}
	if n, ok := redP(qmin, qmax, prob); !ok || n != int(plog) {
		return 0, nil, fmt.Errorf("%s: the probability %g does not give the probability log %d", kind, prob, plog)
	}
	return avpkt, Words{{"avpkt", strconv.FormatUint(uint64(avpkt), 10) + "b"}, {"burst", u32Word(burst)},
		{"probability", redProbabilityWord(prob)}}, nil
}

// redProbabilityWord is the shortest number tc reads as the same
// fraction of 2³² as prob.
func redProbabilityWord(prob float64) string {
	want := cDoubleToU32(prob * (1 << 32))
	for prec := 1; prec < 17; prec++ {
		s := strconv.FormatFloat(prob, 'g', prec, 64)
		if v, ok := grammar.ScanFloat(s); ok && cDoubleToU32(v*(1<<32)) == want {
			return s
		}
	}
	return strconv.FormatFloat(prob, 'g', -1, 64)
}

// redProbabilityOfLog is a probability whose log over the thresholds'
// span is plog: half way between its powers of two.
func redProbabilityOfLog(qmin, qmax uint32, plog uint8) float64 {
	i := int32(qmax - qmin)
	if i <= 0 {
		return 0.02
	}
	return 1.5 * float64(i) / float64(uint64(1)<<plog)
}

// redBurst is an average packet and burst whose EWMA log for the lower
// threshold is wlog, with the smallest burst: the first of avpkts that
// has one, else the threshold itself, else 1 byte.
func redBurst(qmin uint32, wlog int, avpkts ...uint32) (avpkt, burst uint32, ok bool) {
	quiet := &Parser{}
	for _, a := range append(avpkts, qmin, 1) {
		if a == 0 {
			continue
		}
		rank := func(b uint32) int {
			n, ok := quiet.redEWMA(qmin, b, a)
			switch {
			case ok:
				return n
			case float64(b)+1-float64(qmin)/float64(a) < 1:
				return -1 // too small a burst
			}
			return 99 // too large
		}
		lo, hi := uint32(0), uint32(1<<24)
		for lo < hi {
			if mid := lo + (hi-lo)/2; rank(mid) >= wlog {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		if rank(lo) == wlog {
			return a, lo, true
		}
	}
	return 0, 0, false
}

// redBandwidth is a bandwidth (bytes/s) whose idle damping for the EWMA
// log and average packet has the cell log clog: tc's default of 10 Mbit
// when it does, else the smallest that does.
func redBandwidth(c sched.Clock, wlog int, avpkt uint32, clog int) (uint32, bool) {
	rank := func(bps uint32) int {
		if _, n, ok := redIdleDamping(c, wlog, avpkt, bps); ok {
			return n
		}
		return 99
	}
	if rank(redDefaultBandwidth) == clog {
		return redDefaultBandwidth, true
	}
	lo, hi := uint32(1), uint32(math.MaxUint32)
	for lo < hi {
		if mid := lo + (hi-lo)/2; rank(mid) <= clog {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, rank(lo) == clog
}

// redDefaultBandwidth is the bandwidth tc takes when red names none:
// 10 Mbit, in bytes/s.
const redDefaultBandwidth = 1250000

// redQevents are red's qevents, in tc's order.
var redQevents = []string{"early_drop", "mark"}

func parseRED(p *Parser, o *rtnl.RED) error {
	var q rtnl.REDQopt
	var burst, avpkt, rate uint32
	probability := 0.02
	flags := rtnl.Bitfield32{Selector: rtnl.REDSupported}
	var blocks [2]uint32
	for p.More() {
		var err error
		switch w := p.Next(); {
		case w == "limit":
			err = p.sizeArg(w, &q.Limit)
		case w == "min":
			err = p.sizeArg(w, &q.QthMin)
		case w == "max":
			err = p.sizeArg(w, &q.QthMax)
		case w == "burst":
			err = p.unsignedArg(w, &burst)
		case w == "avpkt":
			err = p.sizeArg(w, &avpkt)
		case w == "probability":
			err = p.probabilityArg(&probability)
		case w == "bandwidth":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			r, ok := p.rate32(v)
			if !ok {
				return p.Fail(false, `Illegal "bandwidth"`)
			}
			rate = r
		case w == "ecn":
			flags.Value |= rtnl.REDECN
		case w == "harddrop":
			flags.Value |= rtnl.REDHarddrop
		case w == "nodrop":
			flags.Value |= rtnl.REDNodrop
		case w == "adaptative" || w == "adaptive":
			flags.Value |= rtnl.REDAdaptive
		case grammar.Matches(w, "qevent"):
			err = p.qevent(redQevents, blocks[:])
		case w == "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if q.Limit == 0 || avpkt == 0 {
		return p.Fail(false, "RED: Required parameter (limit, avpkt) is missing")
	}
	if q.QthMax == 0 {
		if q.QthMin != 0 {
			q.QthMax = q.QthMin * 3
		} else {
			q.QthMax = q.Limit / 4
		}
	}
	if q.QthMin == 0 {
		q.QthMin = q.QthMax / 3
	}
	if burst == 0 {
		burst = (2*q.QthMin + q.QthMax) / (3 * avpkt)
	}
	if rate == 0 {
		rate = redDefaultBandwidth
		p.Warnf("RED: set bandwidth to 10Mbit\n")
	}
	wlog, ok := p.redEWMA(q.QthMin, burst, avpkt)
	if !ok {
		return p.Fail(false, "RED: failed to calculate EWMA constant.")
	}
	if wlog >= 10 {
		p.Warnf("RED: WARNING. Burst %d seems to be too large.\n", burst)
	}
	q.Wlog = uint8(wlog)
	plog, ok := redP(q.QthMin, q.QthMax, probability)
	if !ok {
		return p.Fail(false, "RED: failed to calculate probability.")
	}
	q.Plog = uint8(plog)
	stab, clog, ok := redIdleDamping(p.Clock(), wlog, avpkt, rate)
	if !ok {
		return p.Fail(false, "RED: failed to calculate idle damping table.")
	}
	q.ScellLog = uint8(clog)
	*o = rtnl.RED{Parms: rtnl.Some(q), Stab: rtnl.Some(stab), MaxP: rtnl.Some(cDoubleToU32(probability * (1 << 32))),
		Flags: rtnl.Some(flags), EarlyDropBlock: nonZero(blocks[0]), MarkBlock: nonZero(blocks[1])}
	return nil
}

// probabilityArg reads a probability as tc does, with sscanf's "%lg".
func (p *Parser) probabilityArg(dst *float64) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	f, ok := grammar.ScanFloat(v)
	if !ok {
		return p.Fail(false, `Illegal "probability"`)
	}
	*dst = f
	return nil
}

// qevent reads "qevent NAME block IDX" after its keyword, as tc's
// qevent_parse: NAME is one of names, and its block index goes to the
// same place in blocks.
func (p *Parser) qevent(names []string, blocks []uint32) error {
	name, err := p.Value()
	if err != nil {
		return err
	}
	i := 0
	for i < len(names) && names[i] != name {
		i++
	}
	if i == len(names) {
		return p.Fail(false, "Unknown qevent `"+name+"'")
	}
	if _, err := p.Value(); err != nil {
		return err
	}
	p.Back()
	if blocks[i] != 0 {
		return p.Fail(false, "Duplicate qevent")
	}
	for p.More() && p.Peek() == "block" {
		p.Next()
		v, err := p.Value()
		if err != nil {
			return err
		}
		if blocks[i] != 0 {
			return p.Fail(false, "Qevent block index already specified")
		}
		n, ok := cStrtoul10(v)
		if !ok || n == 0 {
			return p.Fail(false, "Illegal qevent block index")
		}
		blocks[i] = n
	}
	if blocks[i] == 0 {
		return p.Fail(false, "Unspecified qevent block index")
	}
	return nil
}

// cStrtoul10 is get_unsigned with base 10.
func cStrtoul10(s string) (uint32, bool) {
	n, ok := cStrtoul(s, 10, math.MaxUint32)
	return uint32(n), ok
}

// redEWMA is tc's tc_red_eval_ewma: the log of the averaging weight that
// lets a burst of burst packets through, or false (after tc's complaint
// when the burst is too small).
func (p *Parser) redEWMA(qmin, burst, avpkt uint32) (int, bool) {
	w := 0.5
	a := float64(burst) + 1 - float64(qmin)/float64(avpkt)
	if a < 1.0 {
		p.Warnf("tc_red_eval_ewma() burst %d is too small ? Try burst %d\n", burst, 1+qmin/avpkt)
		return 0, false
	}
	for wlog := 1; wlog < 32; wlog++ {
		if a <= (1-math.Pow(1-w, float64(burst)))/w {
			return wlog, true
		}
		w /= 2
	}
	return 0, false
}

// redP is tc's tc_red_eval_P: log2 of the largest probability over the
// thresholds' span.
func redP(qmin, qmax uint32, prob float64) (int, bool) {
	i := int32(qmax - qmin)
	if i == 0 {
		return 0, true
	}
	if i < 0 {
		return 0, false
	}
	prob /= float64(i)
	n := 0
	for ; n < 32; n++ {
		if prob > 1.0 {
			break
		}
		prob *= 2
	}
	if n >= 32 {
		return 0, false
	}
	return n, true
}

// redIdleDamping is tc's tc_red_eval_idle_damping: the table by which the
// average decays while the queue is idle, and its cell log. The time to
// send avpkt bytes is computed as gip computes ticks everywhere (rounded
// up, as tc 6.15+ does); the kernel keeps the table to itself.
func redIdleDamping(c sched.Clock, wlog int, avpkt, bps uint32) (rtnl.REDStab, int, bool) {
	var s rtnl.REDStab
	xmit := float64(c.XmitTime(uint64(bps), uint64(avpkt)))
	lw := -math.Log(1.0-1.0/float64(uint32(1)<<wlog)) / xmit
	maxtime := 31 / lw
	clog := 0
	for ; clog < 32; clog++ {
		if maxtime/float64(uint32(1)<<clog) < 512 {
			break
		}
	}
	if clog >= 32 {
		return s, 0, false
	}
	for i := 1; i < 255; i++ {
		v := uint8(cDoubleToU32(float64(int32(i<<clog)) * lw))
		if v > 31 {
			v = 31
		}
		s[i] = v
	}
	s[255] = 31
	return s, clog, true
}

// cDoubleToU32 converts as tc's compiled C does on x86-64: through a
// 64-bit integer, truncated, keeping the low 32 bits (0 for NaN and what
// a 64-bit integer cannot hold).
func cDoubleToU32(v float64) uint32 {
	if math.IsNaN(v) || v >= 1<<63 || v < -(1<<63) {
		return 0
	}
	return uint32(int64(v))
}

func printRED(f *format.Fields, o *rtnl.RED, v *View) {
	q, ok := o.Parms.Get()
	if !ok {
		return
	}
	if b, ok := o.Flags.Get(); ok {
		q.Flags = uint8(b.Value)
	}
	printSize(f, "limit", q.Limit)
	printSize(f, "min", q.QthMin)
	printSize(f, "max", q.QthMax)
	printREDFlags(f, q.Flags)
	if v.Details {
		f.Uint("ewma", "ewma %u ", uint64(q.Wlog))
		if p, _ := o.MaxP.Get(); p != 0 {
			f.Float("probability", "probability %g ", float64(p)/(1<<32))
		} else {
			f.Uint("Plog", "Plog %u ", uint64(q.Plog))
		}
		f.Uint("Scell_log", "Scell_log %u", uint64(q.ScellLog))
	}
	printQevents(f, redQevents, []rtnl.Opt[uint32]{o.EarlyDropBlock, o.MarkBlock})
}

// printREDFlags is tc's tc_red_print_flags: each flag in JSON, the set
// ones in text.
func printREDFlags(f *format.Fields, flags uint8) {
	f.Bool("ecn", "ecn ", flags&rtnl.REDECN != 0)
	f.Bool("harddrop", "harddrop ", flags&rtnl.REDHarddrop != 0)
	f.Bool("adaptive", "adaptive ", flags&rtnl.REDAdaptive != 0)
	f.Bool("nodrop", "nodrop ", flags&rtnl.REDNodrop != 0)
}

// printQevents prints the qevents that have a block, as tc's
// qevents_print.
func printQevents(f *format.Fields, names []string, blocks []rtnl.Opt[uint32]) {
	open := false
	for i, name := range names {
		b, _ := blocks[i].Get()
		if b == 0 {
			continue
		}
		if !open {
			f.OpenArray("qevents")
			open = true
		}
		f.OpenElement()
		f.String("kind", "qevent %s", name)
		f.Uint("block", " block %u", uint64(b))
		f.Literal(" ")
		f.Close()
	}
	if open {
		f.CloseArray()
	}
}

func printREDXStats(f *format.Fields, b []byte, _ *View) {
	x, ok := rtnl.DecodeREDXStats(b)
	if !ok {
		return
	}
	f.Uint("marked", "  marked %u ", uint64(x.Marked))
	f.Uint("early", "early %u ", uint64(x.Early))
	f.Uint("pdrop", "pdrop %u ", uint64(x.Pdrop))
	f.Uint("other", "other %u ", uint64(x.Other))
}
