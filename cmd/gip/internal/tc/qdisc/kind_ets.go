package qdisc

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const (
	etsUsage      = `Usage: ... ets [bands NUMBER] [strict NUMBER] [quanta Q1 Q2...] [priomap P1 P2...]`
	etsClassUsage = `Usage: ... ets [quantum Q1]`
)

// etsKind is ets, Enhanced Transmission Selection, with its classes (one
// per band).
func etsKind() *Kind {
	k := &Kind{Name: "ets", Usage: etsUsage}
	k.New, k.Parse, k.Print = typed(parseETS, printETS)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return etsWords(o.(*rtnl.ETS)), nil }
	// The qdisc makes a class per band; tc changes their quanta, which
	// the qdisc's quanta report.
	c := &ClassKind{Fixed: true}
	c.New, c.Parse, c.Print = typed(parseETSClass, printETSClass)
	c.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		if q, ok := o.(*rtnl.ETSClass).Quantum.Get(); ok {
			return Words{{"quantum", u32Word(q)}}, nil
		}
		return nil, nil
	}
	k.Class = c
	return k
}

// etsQuantum reads one quantum: a positive 32-bit number.
func etsQuantum(p *Parser, w string) (uint32, error) {
	n, ok := cStrtoul(w, 10, 1<<32-1)
	if !ok {
		return 0, p.Fail(false, `Illegal "quanta" element`)
	}
	if n == 0 {
		return 0, p.Fail(false, `"quanta" must be > 0`)
	}
	return uint32(n), nil
}

// etsBands reads the number of bands or of strict bands, at most 16.
func etsBands(p *Parser, what string) (uint8, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	n, ok := cStrtoul(v, 10, 1<<32-1)
	if !ok {
		return 0, p.Fail(false, `Illegal "`+what+`"`)
	}
	if n > rtnl.ETSMaxBands {
		return 0, p.Fail(false, `The number of "`+what+`" must be <= `+strconv.Itoa(rtnl.ETSMaxBands))
	}
	return uint8(n), nil
}

func parseETS(p *Parser, o *rtnl.ETS) error {
	*o = rtnl.ETS{}
	var nbands, nstrict uint8
	var quanta []uint32
	var priomap []uint64
	mode := "" // "quanta" or "priomap" while their elements are read
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case w == "bands":
			if nbands != 0 {
				return p.Fail(false, `Duplicate "bands"`)
			}
			nbands, err = etsBands(p, "bands")
			mode = ""
		case w == "strict":
			if nstrict != 0 {
				return p.Fail(false, `Duplicate "strict"`)
			}
			nstrict, err = etsBands(p, "strict")
			mode = ""
		case w == "quanta":
			if len(quanta) != 0 {
				return p.Fail(false, `Duplicate "quanta"`)
			}
			if w, err = p.Value(); err != nil {
				return err
			}
			mode = "quanta"
			err = etsAddQuantum(p, w, &quanta)
		case w == "priomap":
			if len(priomap) != 0 {
				return p.Fail(false, `Duplicate "priomap"`)
			}
			if w, err = p.Value(); err != nil {
				return err
			}
			mode = "priomap"
			err = etsAddBand(p, w, &priomap)
		case w == "help":
			return p.Fail(true)
		case mode == "quanta":
			err = etsAddQuantum(p, w, &quanta)
		case mode == "priomap":
			err = etsAddBand(p, w, &priomap)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if nbands == 0 {
		nbands = uint8(len(quanta)) + nstrict
	}
	if nbands == 0 {
		return p.Fail(true, `One of "bands", "quanta" or "strict" needs to be specified`)
	}
	if int(nstrict)+len(quanta) > int(nbands) {
		return p.Fail(true, "Not enough total bands to cover all the strict bands and quanta")
	}
	for _, b := range priomap {
		// tc checks the band after keeping its low 8 bits.
		if uint8(b) >= nbands {
			return p.Fail(false, `"priomap" element is out of bounds`)
		}
	}
	o.NBands = rtnl.Some(nbands)
	if nstrict != 0 {
		o.NStrict = rtnl.Some(nstrict)
	}
	if len(quanta) > 0 {
		o.HasQuanta, o.NQuanta = true, uint8(len(quanta))
		copy(o.Quanta[:], quanta)
	}
	if len(priomap) > 0 {
		o.HasPriomap, o.NPrio = true, uint8(len(priomap))
		for i, b := range priomap {
			o.Priomap[i] = uint8(b)
		}
	}
	return nil
}

// etsAddQuantum adds one quantum. tc 6.1 writes more than 16 past its
// array; gip refuses them as tc refuses more quanta than bands.
func etsAddQuantum(p *Parser, w string, quanta *[]uint32) error {
	q, err := etsQuantum(p, w)
	if err != nil {
		return err
	}
	if len(*quanta) >= rtnl.ETSMaxBands {
		return p.Fail(true, "Not enough total bands to cover all the strict bands and quanta")
	}
	*quanta = append(*quanta, q)
	return nil
}

// etsAddBand adds one band of the priomap.
func etsAddBand(p *Parser, w string, priomap *[]uint64) error {
	b, ok := cStrtoul(w, 10, 1<<32-1)
	if !ok {
		return p.Fail(false, `Illegal "priomap" element`)
	}
	if len(*priomap) >= rtnl.PrioBands {
		return p.Fail(false, `"priomap" index cannot be higher than 15`)
	}
	*priomap = append(*priomap, b)
	return nil
}

func printETS(f *format.Fields, o *rtnl.ETS, _ *View) {
	n, ok := o.NBands.Get()
	if !ok || !o.HasPriomap {
		return // tc: "Incomplete ETS options", on stderr
	}
	f.Uint("bands", "bands %u ", uint64(n))
	if s, ok := o.NStrict.Get(); ok {
		f.Uint("strict", "strict %u ", uint64(s))
	}
	if o.HasQuanta {
		f.Literal("quanta")
		f.OpenArray("quanta")
		for _, q := range o.Quanta[:o.NQuanta] {
			f.UintElement(" %u", uint64(q))
		}
		f.CloseArray()
		f.Literal(" ")
	}
	f.Literal("priomap")
	f.OpenArray("priomap")
	for _, b := range o.Priomap[:o.NPrio] {
		f.UintElement(" %u", uint64(b))
	}
	f.CloseArray()
	f.Literal(" ")
}

func parseETSClass(p *Parser, o *rtnl.ETSClass) error {
	p.Usage = etsClassUsage
	*o = rtnl.ETSClass{}
	for p.More() {
		switch w := p.Next(); w {
		case "quantum":
			if o.Quantum.Set {
				return p.Fail(false, `Duplicate "quantum"`)
			}
			v, err := p.Value()
			if err != nil {
				return err
			}
			q, err := etsQuantum(p, v)
			if err != nil {
				return err
			}
			o.Quantum = rtnl.Some(q)
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
	}
	return nil
}

func printETSClass(f *format.Fields, o *rtnl.ETSClass, _ *View) {
	if q, ok := o.Quantum.Get(); ok {
		f.Uint("quantum", "quantum %u ", uint64(q))
	}
}

// etsWords are an ets's words: its bands, strict bands when any, the
// quanta, and the whole priomap, whose priorities the words leave out
// going to the last band as the kernel sends them.
func etsWords(o *rtnl.ETS) Words {
	n, ok := o.NBands.Get()
	if !ok {
		return nil
	}
	w := Words{{"bands", strconv.Itoa(int(n))}}
	if s, ok := o.NStrict.Get(); ok && s != 0 {
		w = append(w, []string{"strict", strconv.Itoa(int(s))})
	}
	if o.HasQuanta && o.NQuanta > 0 {
		g := []string{"quanta"}
		for _, q := range o.Quanta[:min(int(o.NQuanta), len(o.Quanta))] {
			g = append(g, u32Word(q))
		}
		w = append(w, g)
	}
	g := []string{"priomap"}
	for i := range rtnl.PrioBands {
		b := max(n, 1) - 1
		if o.HasPriomap && i < int(o.NPrio) {
			b = o.Priomap[i]
		}
		g = append(g, strconv.Itoa(int(b)))
	}
	return append(w, g)
}
