package qdisc

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// defaultPriomap is the band of each priority that prio and pfifo_fast
// start from (the kernel's prio2band).
var defaultPriomap = [rtnl.PrioBands]uint8{1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}

// prioKind is prio: strict priority bands chosen by the packet's
// priority.
func prioKind() *Kind {
	k := &Kind{Name: "prio", Usage: "Usage: ... prio bands NUMBER priomap P1 P2...[multiqueue]"}
	k.New, k.Parse, k.Print = typed(parsePrio, printPrio)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return prioWords(o.(*rtnl.Prio)) }
	return k
}

// pfifoFastKind is pfifo_fast: three bands, nothing to set; it prints as
// prio does.
func pfifoFastKind() *Kind {
	k := &Kind{Name: "pfifo_fast"}
	k.New, _, k.Print = typed[rtnl.Prio](nil, printPrio)
	k.Words = noWords // the kernel's fixed three bands
	return k
}

func parsePrio(p *Parser, o *rtnl.Prio) error {
	*o = rtnl.Prio{Bands: 3, Priomap: defaultPriomap}
	pmap, idx := false, 0
	for p.More() {
		switch w := p.Next(); w {
		case "bands":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil {
				return p.Fail(false, `Illegal "bands"`)
			}
			o.Bands = int32(n)
		case "priomap":
			if pmap {
				return p.Fail(false, "Error: duplicate priomap")
			}
			pmap = true
		case "multiqueue":
			o.Multiqueue = true
		case "help":
			return p.Fail(true)
		default:
			if !pmap {
				return p.WhatIs(w)
			}
			band, ok := grammar.ParseCUint(w, 32)
			if !ok || w[0] == '0' && len(w) > 1 {
				return p.Fail(false, `Illegal "priomap" element`)
			}
			if int64(band) >= int64(o.Bands) {
				return p.Fail(false, `"priomap" element is out of bands`)
			}
			if idx >= rtnl.PrioBands {
				return p.Fail(false, `"priomap" index > TC_PRIO_MAX=15`)
			}
			o.Priomap[idx] = uint8(band)
			idx++
		}
	}
	return nil
}

func printPrio(f *format.Fields, o *rtnl.Prio, _ *View) {
	f.Int("bands", "bands %d ", int64(uint32(o.Bands)))
	f.Literal("priomap")
	f.OpenArray("priomap")
	for _, b := range o.Priomap {
		f.UintElement(" %d", uint64(b))
	}
	f.CloseArray()
	if o.Multiqueue {
		f.Literal(" multiqueue: on ")
	}
	f.Bool("multiqueue", "", o.Multiqueue)
}

// prioWords are a prio's bands and whole priomap. multiqueue is left
// out: the kernel ignores it and never reports it. A band the priomap
// names beyond the bands has no words (tc refuses them, and the kernel).
func prioWords(o *rtnl.Prio) (Words, error) {
	g := []string{"priomap"}
	for _, b := range o.Priomap {
		if int32(b) >= o.Bands {
			return nil, ErrInexact{"prio priomap beyond its " + strconv.Itoa(int(o.Bands)) + " bands"}
		}
		g = append(g, strconv.Itoa(int(b)))
	}
	return Words{{"bands", strconv.Itoa(int(o.Bands))}, g}, nil
}
