package qdisc

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const codelUsage = "Usage: ... codel [ limit PACKETS ] [ target TIME ]\n" +
	"\t\t [ interval TIME ] [ ecn | noecn ]\n" +
	"\t\t [ ce_threshold TIME ]"

// codelKind is codel, controlled delay.
func codelKind() *Kind {
	k := &Kind{Name: "codel", Usage: codelUsage, XStats: printCodelXStats}
	k.New, k.Parse, k.Print = typed(parseCodel, printCodel)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return codelWords(o.(*rtnl.Codel)) }
	k.Kept = func(o rtnl.TCOptions) {
		c := o.(*rtnl.Codel)
		c.Target, c.Interval, c.CEThreshold = codelTimesKept(c.Target, c.Interval, c.CEThreshold)
	}
	return k
}

// codelWords are a codel's words: its limit, times and ECN switch. The
// times are those that the kernel, which keeps them in units of 1024 ns,
// reports as they are.
func codelWords(o *rtnl.Codel) (Words, error) {
	w, err := countWords(nil, "codel", "limit", o.Limit, math.MaxUint32)
	if err != nil {
		return nil, err
	}
	if w, err = codelTimeWords(w, "codel", o.Target, o.Interval, o.CEThreshold); err != nil {
		return nil, err
	}
	return switchWords(w, "codel", o.ECN, "ecn", "noecn")
}

// codelTimeWords appends the target, interval and ce_threshold of codel
// or fq_codel.
func codelTimeWords(w Words, kind string, target, interval, ce rtnl.Opt[uint32]) (Words, error) {
	var err error
	for _, t := range []struct {
		key string
		o   rtnl.Opt[uint32]
	}{{"target", target}, {"interval", interval}, {"ce_threshold", ce}} {
		if w, err = keptTimeWords(w, kind, t.key, t.o, codelKept); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// codelTimesKept are codel's times as the kernel reports them once sent:
// a ce_threshold that lands on the value meaning none is none.
func codelTimesKept(target, interval, ce rtnl.Opt[uint32]) (_, _, _ rtnl.Opt[uint32]) {
	keep(&target, codelKept)
	keep(&interval, codelKept)
	if v, ok := ce.Get(); ok && uint64(v)*1000>>10 == codelDisabled {
		ce = rtnl.Opt[uint32]{}
	}
	keep(&ce, codelKept)
	return target, interval, ce
}

func parseCodel(p *Parser, o *rtnl.Codel) error {
	var limit, target, interval uint32
	ce := uint32(math.MaxUint32)
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "limit":
			err = p.unsignedArg(w, &limit)
		case "target":
			err = p.timeArg(w, &target)
		case "ce_threshold":
			err = p.timeArg(w, &ce)
		case "interval":
			err = p.timeArg(w, &interval)
		case "ecn":
			o.ECN = rtnl.Some[uint32](1)
		case "noecn":
			o.ECN = rtnl.Some[uint32](0)
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	o.Limit, o.Interval, o.Target = nonZero(limit), nonZero(interval), nonZero(target)
	if ce != math.MaxUint32 {
		o.CEThreshold = rtnl.Some(ce)
	}
	return nil
}

func printCodel(f *format.Fields, o *rtnl.Codel, _ *View) {
	if v, ok := o.Limit.Get(); ok {
		f.Uint("limit", "limit %up ", uint64(v))
	}
	printTimeOpt(f, "target", o.Target)
	printTimeOpt(f, "ce_threshold", o.CEThreshold)
	printTimeOpt(f, "interval", o.Interval)
	if v, ok := o.ECN.Get(); ok && v != 0 {
		f.Bool("ecn", "ecn ", true)
	}
}

func printCodelXStats(f *format.Fields, b []byte, _ *View) {
	x := rtnl.DecodeCodelXStats(b)
	f.Uint("count", "  count %u", uint64(x.Count))
	f.Uint("lastcount", " lastcount %u", uint64(x.LastCount))
	f.Uint("ldelay", "", uint64(x.LDelay))
	f.Literal(" ldelay " + sched.TimeText(uint64(x.LDelay)))
	if x.Dropping != 0 {
		f.Bool("dropping", " dropping", true)
	}
	printDropNext(f, x.DropNext)
	f.Line()
	f.Uint("maxpacket", "  maxpacket %u", uint64(x.MaxPacket))
	f.Uint("ecn_mark", " ecn_mark %u", uint64(x.ECNMark))
	f.Uint("drop_overlimit", " drop_overlimit %u", uint64(x.DropOverlimit))
	if x.CEMark != 0 {
		f.Uint("ce_mark", " ce_mark %u", uint64(x.CEMark))
	}
}

// printDropNext prints codel's time to the next drop, which may be past.
func printDropNext(f *format.Fields, next int32) {
	f.Int("drop_next", "", int64(next))
	if next < 0 {
		f.Literal(" drop_next -" + sched.TimeText(uint64(uint32(-int64(next)))))
	} else {
		f.Literal(" drop_next " + sched.TimeText(uint64(next)))
	}
}

// printTimeOpt prints "KEY TIME " in text and the microseconds in JSON
// when the attribute came.
func printTimeOpt(f *format.Fields, key string, o rtnl.Opt[uint32]) {
	if v, ok := o.Get(); ok {
		f.Uint(key, "", uint64(v))
		f.Literal(key + " " + sched.TimeText(uint64(v)) + " ")
	}
}

// printSize prints "KEY SIZE " in text and the bytes in JSON.
func printSize(f *format.Fields, key string, v uint32) {
	f.Uint(key, "", uint64(v))
	f.Literal(key + " " + sched.SizeText(uint64(v)) + " ")
}

// nonZero is v as an attribute tc sends only when it is not 0.
func nonZero(v uint32) rtnl.Opt[uint32] {
	if v == 0 {
		return rtnl.Opt[uint32]{}
	}
	return rtnl.Some(v)
}

// unsignedArg reads KEY's value as tc's get_unsigned; a bad one is
// `Illegal "KEY"` alone.
func (p *Parser) unsignedArg(key string, dst *uint32) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	n, ok := cStrtoul(v, 0, math.MaxUint32)
	if !ok {
		return p.Fail(false, `Illegal "`+key+`"`)
	}
	*dst = uint32(n)
	return nil
}

// timeArg reads KEY's value as tc's get_time.
func (p *Parser) timeArg(key string, dst *uint32) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	t, ok := time32(v)
	if !ok {
		return p.Fail(false, `Illegal "`+key+`"`)
	}
	*dst = t
	return nil
}

// sizeArg reads KEY's value as tc 6.1's get_size.
func (p *Parser) sizeArg(key string, dst *uint32) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	n, ok := size32(v)
	if !ok {
		return p.Fail(false, `Illegal "`+key+`"`)
	}
	*dst = n
	return nil
}
