package qdisc

import (
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const (
	drrUsage      = "Usage: ... drr"
	drrClassUsage = "Usage: ... drr quantum SIZE"
)

// drrKind is drr, deficit round robin, with its classes.
func drrKind() *Kind {
	k := &Kind{Name: "drr", Usage: drrUsage, XStats: printDRRXStats}
	k.New, k.Parse, k.Print = typed(parseDRR, printDRR)
	k.Words = noWords
	c := &ClassKind{XStats: printDRRXStats}
	c.New, c.Parse, c.Print = typed(parseDRRClass, printDRRClass)
	c.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		if q, ok := o.(*rtnl.DRRClass).Quantum.Get(); ok {
			return Words{{"quantum", SizeWord(uint64(q))}}, nil
		}
		return nil, nil
	}
	k.Class = c
	return k
}

// parseDRR takes no words: the qdisc has no options.
func parseDRR(p *Parser, _ *rtnl.DRR) error {
	if p.More() {
		if w := p.Next(); w != "help" {
			return p.WhatIs(w)
		}
		return p.Fail(true)
	}
	return nil
}

// printDRR prints a quantum, which only classes have; tc prints it in
// text only, gip also in JSON.
func printDRR(f *format.Fields, o *rtnl.DRR, _ *View) {
	printDRRQuantum(f, o.Quantum)
}

func printDRRQuantum(f *format.Fields, q rtnl.Opt[uint32]) {
	if v, ok := q.Get(); ok {
		f.Uint("quantum", "", uint64(v))
		f.Literal("quantum " + sched.SizeText(uint64(v)) + " ")
	}
}

func parseDRRClass(p *Parser, o *rtnl.DRRClass) error {
	p.Usage = drrClassUsage
	*o = rtnl.DRRClass{}
	for p.More() {
		switch w := p.Next(); w {
		case "quantum":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, err := grammar.ParseSize32(v)
			if err != nil {
				return p.Fail(false, `Illegal "quantum"`)
			}
			// tc sends each quantum given; the kernel keeps the last.
			o.Quantum = rtnl.Some(n)
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
	}
	return nil
}

func printDRRClass(f *format.Fields, o *rtnl.DRRClass, _ *View) {
	printDRRQuantum(f, o.Quantum)
}

// printDRRXStats prints a class's deficit: in text only in tc, in JSON
// too in gip.
func printDRRXStats(f *format.Fields, b []byte, _ *View) {
	if d, ok := rtnl.DecodeDRRXStats(b); ok {
		f.Uint("deficit", "", uint64(d))
		f.Literal(" deficit " + sched.SizeText(uint64(d)) + " ")
	}
}
