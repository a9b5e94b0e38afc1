package qdisc

import (
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const fqCodelUsage = "Usage: ... fq_codel\t[ limit PACKETS ] [ flows NUMBER ]\n" +
	"[ memory_limit BYTES ]\n" +
	"[ target TIME ] [ interval TIME ]\n" +
	"[ quantum BYTES ] [ [no]ecn ]\n" +
	"[ ce_threshold TIME ]\n" +
	"[ ce_threshold_selector VALUE/MASK ]\n" +
	"[ drop_batch SIZE ]"

// fqCodelKind is fq_codel, fair queueing with controlled delay.
func fqCodelKind() *Kind {
	k := &Kind{Name: "fq_codel", Usage: fqCodelUsage, XStats: printFqCodelXStats}
	k.New, k.Parse, k.Print = typed(parseFqCodel, printFqCodel)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return fqCodelWords(o.(*rtnl.FqCodel)) }
	k.Kept = func(o rtnl.TCOptions) { fqCodelKept(o.(*rtnl.FqCodel)) }
	k.Change = madeOnly("flows") // fq_codel_change refuses new flows
	return k
}

// fqCodelWords are an fq_codel's words; its times as codel's.
func fqCodelWords(o *rtnl.FqCodel) (Words, error) {
	var w Words
	var err error
	for _, c := range []struct {
		key string
		o   rtnl.Opt[uint32]
	}{{"limit", o.Limit}, {"flows", o.Flows}, {"quantum", o.Quantum}} {
		if w, err = countWords(w, "fq_codel", c.key, c.o, math.MaxUint32); err != nil {
			return nil, err
		}
	}
	if w, err = codelTimeWords(w, "fq_codel", o.Target, o.Interval, o.CEThreshold); err != nil {
		return nil, err
	}
	sel, hasSel := o.CESelector.Get()
	mask, _ := o.CEMask.Get()
	if hasSel && (sel != 0 || mask != 0) {
		w = append(w, []string{"ce_threshold_selector", cHex(uint64(sel)) + "/" + cHex(uint64(mask))})
	}
	if v, ok := o.MemoryLimit.Get(); ok {
		w = append(w, []string{"memory_limit", SizeWord(uint64(v))})
	}
	if w, err = switchWords(w, "fq_codel", o.ECN, "ecn", "noecn"); err != nil {
		return nil, err
	}
	return countWords(w, "fq_codel", "drop_batch", o.DropBatchSize, math.MaxUint32)
}

// fqCodelKept is what fq_codel keeps of options: a quantum of at least
// 256, a drop batch of at least 1, a memory limit of at most 2 GiB, its
// times as codel's, and a CE selector only with a CE threshold (it
// reports none without).
func fqCodelKept(o *rtnl.FqCodel) {
	if v, ok := o.Quantum.Get(); ok {
		o.Quantum = rtnl.Some(max(v, 256))
	}
	if v, ok := o.DropBatchSize.Get(); ok {
		o.DropBatchSize = rtnl.Some(max(v, 1))
	}
	if v, ok := o.MemoryLimit.Get(); ok {
		o.MemoryLimit = rtnl.Some(min(v, 1<<31))
	}
	if v, ok := o.ECN.Get(); ok && v > 1 {
		o.ECN = rtnl.Some[uint32](1)
	}
	o.Target, o.Interval, o.CEThreshold = codelTimesKept(o.Target, o.Interval, o.CEThreshold)
	if _, ok := o.CEThreshold.Get(); !ok {
		o.CESelector, o.CEMask = rtnl.Opt[uint8]{}, rtnl.Opt[uint8]{}
	}
}

func parseFqCodel(p *Parser, o *rtnl.FqCodel) error {
	var limit, flows, quantum, dropBatch, target, interval uint32
	ce, memory := uint32(math.MaxUint32), uint32(math.MaxUint32)
	var mask uint8
	selector := uint8(0xFF)
	for p.More() {
		var err error
		switch w := p.Next(); w {
		case "limit":
			err = p.unsignedArg(w, &limit)
		case "flows":
			err = p.unsignedArg(w, &flows)
		case "quantum":
			err = p.unsignedArg(w, &quantum)
		case "drop_batch":
			err = p.unsignedArg(w, &dropBatch)
		case "target":
			err = p.timeArg(w, &target)
		case "ce_threshold":
			err = p.timeArg(w, &ce)
		case "ce_threshold_selector":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			sel, m, found := strings.Cut(v, "/")
			if !found {
				return p.Fail(false, `Missing mask for "ce_threshold_selector"`)
			}
			n, ok := cStrtoul(m, 0, 0xFF)
			if !ok {
				return p.Fail(false, `Illegal mask for "ce_threshold_selector"`)
			}
			mask = uint8(n)
			if n, ok = cStrtoul(sel, 0, 0xFF); !ok {
				return p.Fail(false, `Illegal "ce_threshold_selector"`)
			}
			selector = uint8(n)
		case "memory_limit":
			err = p.sizeArg(w, &memory)
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
	o.Limit, o.Flows, o.Quantum = nonZero(limit), nonZero(flows), nonZero(quantum)
	o.Interval, o.Target, o.DropBatchSize = nonZero(interval), nonZero(target), nonZero(dropBatch)
	if ce != math.MaxUint32 {
		o.CEThreshold = rtnl.Some(ce)
	}
	if selector != 0xFF {
		o.CEMask, o.CESelector = rtnl.Some(mask), rtnl.Some(selector)
	}
	if memory != math.MaxUint32 {
		o.MemoryLimit = rtnl.Some(memory)
	}
	return nil
}

func printFqCodel(f *format.Fields, o *rtnl.FqCodel, _ *View) {
	if v, ok := o.Limit.Get(); ok {
		f.Uint("limit", "limit %up ", uint64(v))
	}
	if v, ok := o.Flows.Get(); ok {
		f.Uint("flows", "flows %u ", uint64(v))
	}
	if v, ok := o.Quantum.Get(); ok {
		f.Uint("quantum", "quantum %u ", uint64(v))
	}
	printTimeOpt(f, "target", o.Target)
	printTimeOpt(f, "ce_threshold", o.CEThreshold)
	sel, _ := o.CESelector.Get()
	mask, _ := o.CEMask.Get()
	if sel != 0 || mask != 0 {
		f.Uint("ce_threshold_selector", "", uint64(sel))
		f.Literal("ce_threshold_selector " + cHex(uint64(sel)))
		f.Uint("ce_threshold_mask", "", uint64(mask))
		f.Literal("/" + cHex(uint64(mask)) + " ")
	}
	printTimeOpt(f, "interval", o.Interval)
	if v, ok := o.MemoryLimit.Get(); ok {
		printSize(f, "memory_limit", v)
	}
	if v, ok := o.ECN.Get(); ok && v != 0 {
		f.Bool("ecn", "ecn ", true)
	}
	if v, ok := o.DropBatchSize.Get(); ok && v != 0 {
		f.Uint("drop_batch", "drop_batch %u ", uint64(v))
	}
}

func printFqCodelXStats(f *format.Fields, b []byte, _ *View) {
	x := rtnl.DecodeFqCodelXStats(b)
	switch x.Type {
	case rtnl.FqCodelXStatsQdisc:
		f.Uint("maxpacket", "  maxpacket %u", uint64(x.MaxPacket))
		f.Uint("drop_overlimit", " drop_overlimit %u", uint64(x.DropOverlimit))
		f.Uint("new_flow_count", " new_flow_count %u", uint64(x.NewFlowCount))
		f.Uint("ecn_mark", " ecn_mark %u", uint64(x.ECNMark))
		if x.CEMark != 0 {
			f.Uint("ce_mark", " ce_mark %u", uint64(x.CEMark))
		}
		if x.MemoryUsage != 0 {
			f.Uint("memory_used", " memory_used %u", uint64(x.MemoryUsage))
		}
		if x.DropOvermemory != 0 {
			f.Uint("drop_overmemory", " drop_overmemory %u", uint64(x.DropOvermemory))
		}
		f.Line()
		f.Uint("new_flows_len", "  new_flows_len %u", uint64(x.NewFlowsLen))
		f.Uint("old_flows_len", " old_flows_len %u", uint64(x.OldFlowsLen))
	case rtnl.FqCodelXStatsClass:
		f.Int("deficit", "  deficit %d", int64(x.Deficit))
		f.Uint("count", " count %u", uint64(x.Count))
		f.Uint("lastcount", " lastcount %u", uint64(x.LastCount))
		f.Uint("ldelay", "", uint64(x.LDelay))
		f.Literal(" ldelay " + sched.TimeText(uint64(x.LDelay)))
		if x.Dropping != 0 {
			f.Bool("dropping", " dropping", true)
			printDropNext(f, x.DropNext)
		}
	}
}
