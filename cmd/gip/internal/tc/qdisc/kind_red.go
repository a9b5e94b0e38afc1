package qdisc

import (
	"math"

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
	return k
}

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
		rate = 1250000
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
