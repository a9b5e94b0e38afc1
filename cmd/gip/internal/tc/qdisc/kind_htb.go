package qdisc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const htbUsage = `Usage: ... qdisc add ... htb [default N] [r2q N]
                      [direct_qlen P] [offload]
 default  minor id of class to which unclassified packets are sent {0}
 r2q      DRR quantums are computed as rate in Bps/r2q {10}
 debug    string of 16 numbers each 0-3 {0}

 direct_qlen  Limit of the direct queue {in packets}
 offload  enable hardware offload
... class add ... htb rate R1 [burst B1] [mpu B] [overhead O]
                      [prio P] [slot S] [pslot PS]
                      [ceil R2] [cburst B2] [mtu MTU] [quantum Q]
 rate     rate allocated to this class (class can still borrow)
 burst    max bytes burst which can be accumulated during idle period {computed}
 mpu      minimum packet size used in rate computations
 overhead per-packet size overhead used in rate computations
 linklay  adapting to a linklayer e.g. atm
 ceil     definite upper class rate (no borrows) {rate}
 cburst   burst but for ceil {computed}
 mtu      max packet size we create rate map for {1600}
 prio     priority of leaf; lower are served first {0}
 quantum  how much bytes to serve from leaf at once {use r2q}

TC HTB version 3.3`

// htbKind is htb, the hierarchical token bucket, with its classes.
func htbKind() *Kind {
	k := &Kind{Name: "htb", Usage: htbUsage}
	k.New, k.Parse, k.Print = typed(parseHTB, printHTB)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return htbWords(o.(*rtnl.HTB)), nil }
	c := &ClassKind{XStats: printHTBXStats}
	c.New, c.Parse, c.Print = typed(parseHTBClass, printHTBClass)
	c.Words = func(o rtnl.TCOptions, clock sched.Clock) (Words, error) {
		return htbClassWords(o.(*rtnl.HTBClass), clock), nil
	}
	k.Class = c
	return k
}

func parseHTB(p *Parser, o *rtnl.HTB) error {
	g := rtnl.HTBGlob{Version: rtnl.HTBProtocolVersion, Rate2Quantum: 10}
	u32 := func(key string, base int, dst *uint32) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, err := strconv.ParseUint(v, base, 32)
		if err != nil {
			return p.Illegal(key)
		}
		*dst = uint32(n)
		return nil
	}
	for p.More() {
		var err error
		switch w := p.Next(); {
		case grammar.Matches(w, "r2q"):
			err = u32("r2q", 10, &g.Rate2Quantum)
		case grammar.Matches(w, "default"):
			err = u32("default", 16, &g.Defcls)
		case grammar.Matches(w, "debug"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			for i := 0; i < 16 && i < len(v) && v[i] >= '0' && v[i] <= '3'; i++ {
				g.Debug |= uint32(v[i]-'0') << (2 * i)
			}
		case grammar.Matches(w, "direct_qlen"):
			var q uint32
			if err = u32("direct_qlen", 10, &q); err == nil {
				o.DirectQlen = rtnl.Some(q)
			}
		case grammar.Matches(w, "offload"):
			o.Offload = true
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	o.Init = rtnl.Some(g)
	return nil
}

func printHTB(f *format.Fields, o *rtnl.HTB, v *View) {
	if g, ok := o.Init.Get(); ok {
		f.Int("r2q", "r2q %d", int64(int32(g.Rate2Quantum)))
		f.String("default", " default %s", cHex(uint64(g.Defcls)))
		f.Uint("direct_packets_stat", " direct_packets_stat %u", uint64(g.DirectPkts))
		if v.Details {
			f.String("ver", " ver %s", fmt.Sprintf("%d.%d", g.Version>>16, g.Version&0xffff))
		}
	}
	if q, ok := o.DirectQlen.Get(); ok {
		f.Uint("direct_qlen", " direct_qlen %u", uint64(q))
	}
	if o.Offload {
		f.Null("offload", " offload")
	}
}

// htbWords are an htb qdisc's words: its default class and r2q always,
// what else the kernel reports when set.
func htbWords(o *rtnl.HTB) Words {
	var w Words
	if g, ok := o.Init.Get(); ok {
		w = append(w, []string{"default", strconv.FormatUint(uint64(g.Defcls), 16)},
			[]string{"r2q", u32Word(g.Rate2Quantum)})
	}
	if q, ok := o.DirectQlen.Get(); ok {
		w = append(w, []string{"direct_qlen", u32Word(q)})
	}
	if o.Offload {
		w = append(w, []string{"offload"})
	}
	return w
}

// htbClassWords are an htb class's words: rates and buckets always (the
// buckets as exact sizes of their ticks), its priority, and the quantum
// and accounting when set.
func htbClassWords(o *rtnl.HTBClass, c sched.Clock) Words {
	p, ok := o.Parms.Get()
	if !ok {
		return nil
	}
	rate, ceil := uint64(p.Rate.Rate), uint64(p.Ceil.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	if r, ok := o.Ceil64.Get(); ok {
		ceil = r
	}
	w := Words{{"rate", RateWord(rate)}, {"ceil", RateWord(ceil)}}
	// An empty bucket has no size the grammar takes (0 is its default):
	// it comes from an mtu of 0.
	if p.Buffer != 0 {
		w = append(w, []string{"burst", BurstWord(c, rate, p.Buffer)})
	}
	if p.Cbuffer != 0 {
		w = append(w, []string{"cburst", BurstWord(c, ceil, p.Cbuffer)})
	}
	if p.Buffer == 0 || p.Cbuffer == 0 {
		w = append(w, []string{"mtu", "0"})
	}
	w = append(w, []string{"prio", u32Word(p.Prio)})
	if p.Quantum != 0 {
		w = append(w, []string{"quantum", u32Word(p.Quantum)})
	}
	return append(w, rateSpecWords(p.Rate)...)
}

// cHex is C's "%#llx": 0x and hex digits, but a bare 0 for zero.
func cHex(v uint64) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(v, 16)
}

// htbClassArgs is what the class grammar collects before the tables and
// buffers are computed.
type htbClassArgs struct {
	rate, ceil        uint64
	buffer, cbuffer   uint64
	cellLog, ccellLog int
	mtu               uint32
	mpu, overhead     uint16
	linklayer         uint8
}

func parseHTBClass(p *Parser, o *rtnl.HTBClass) error {
	a := htbClassArgs{cellLog: -1, ccellLog: -1, mtu: 1600, linklayer: sched.LinklayerEthernet}
	var parms rtnl.HTBParms
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case grammar.Matches(w, "prio"):
			err = p.uintArg("prio", 32, func(v uint64) { parms.Prio = uint32(v) })
		case grammar.Matches(w, "mtu"):
			err = p.uintArg("mtu", 32, func(v uint64) { a.mtu = uint32(v) })
		case grammar.Matches(w, "mpu"):
			err = p.uintArg("mpu", 16, func(v uint64) { a.mpu = uint16(v) })
		case grammar.Matches(w, "overhead"):
			err = p.uintArg("overhead", 16, func(v uint64) { a.overhead = uint16(v) })
		case grammar.Matches(w, "linklayer"):
			err = p.linklayerArg("linklayer", &a.linklayer)
		case grammar.Matches(w, "quantum"):
			err = p.uintArg("quantum", 32, func(v uint64) { parms.Quantum = uint32(v) })
		case grammar.Matches(w, "burst") || w == "buffer" || w == "maxburst":
			err = p.sizeCellArg(w, &a.buffer, &a.cellLog)
		case grammar.Matches(w, "cburst") || w == "cbuffer" || w == "cmaxburst":
			err = p.sizeCellArg(w, &a.cbuffer, &a.ccellLog)
		case w == "ceil":
			err = p.rateArg("ceil", &a.ceil, `Double "ceil" spec`)
		case w == "rate":
			err = p.rateArg("rate", &a.rate, `Double "rate" spec`)
		case w == "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if a.rate == 0 {
		return p.Fail(false, `"rate" is required.`)
	}
	if a.ceil == 0 {
		a.ceil = a.rate
	}
	clock := p.Clock()
	if a.buffer == 0 {
		a.buffer = a.rate/uint64(clock.Hz()) + uint64(a.mtu)
	}
	if a.cbuffer == 0 {
		a.cbuffer = a.ceil/uint64(clock.Hz()) + uint64(a.mtu)
	}
	p.WarnSmallBucket("burst", a.buffer, "the class may not reach its rate")
	p.WarnSmallBucket("cburst", a.cbuffer, "the class may not reach its ceil")
	parms.Rate = rtnl.RateSpec{Rate: saturate32(a.rate), Overhead: a.overhead, MPU: a.mpu, Linklayer: a.linklayer}
	parms.Ceil = rtnl.RateSpec{Rate: saturate32(a.ceil), Overhead: a.overhead, MPU: a.mpu, Linklayer: a.linklayer}
	rtab := clock.RateTable(&parms.Rate, a.rate, a.cellLog, a.mtu)
	parms.Buffer = clock.XmitTime(a.rate, a.buffer)
	ctab := clock.RateTable(&parms.Ceil, a.ceil, a.ccellLog, a.mtu)
	parms.Cbuffer = clock.XmitTime(a.ceil, a.cbuffer)
	*o = rtnl.HTBClass{Parms: rtnl.Some(parms), RTab: rtnl.Some(rtab), CTab: rtnl.Some(ctab)}
	if a.rate >= 1<<32 {
		o.Rate64 = rtnl.Some(a.rate)
	}
	if a.ceil >= 1<<32 {
		o.Ceil64 = rtnl.Some(a.ceil)
	}
	return nil
}

// saturate32 is a 64-bit rate in the 32-bit field of struct tc_ratespec:
// 2^32-1 when it does not fit (the exact value goes in a 64-bit
// attribute).
func saturate32(v uint64) uint32 {
	if v >= 1<<32 {
		return 1<<32 - 1
	}
	return uint32(v)
}

func printHTBClass(f *format.Fields, o *rtnl.HTBClass, v *View) {
	p, ok := o.Parms.Get()
	if !ok {
		return
	}
	if p.Level == 0 {
		f.Int("prio", "prio %d ", int64(int32(p.Prio)))
		if v.Details {
			f.Int("quantum", "quantum %d ", int64(int32(p.Quantum)))
		}
	}
	rate, ceil := uint64(p.Rate.Rate), uint64(p.Ceil.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	if c, ok := o.Ceil64.Get(); ok {
		ceil = c
	}
	f.Uint("rate", "", rate)
	f.Literal("rate " + v.Rate(rate) + " ")
	if p.Rate.Overhead != 0 {
		f.Uint("overhead", "overhead %u ", uint64(p.Rate.Overhead))
	}
	buffer := v.Clock.XmitSize(rate, p.Buffer)
	f.Uint("ceil", "", ceil)
	f.Literal("ceil " + v.Rate(ceil) + " ")
	cbuffer := v.Clock.XmitSize(ceil, p.Cbuffer)
	if ll := p.Rate.Linklayer & sched.LinklayerMask; ll > sched.LinklayerEthernet || v.Details {
		f.String("linklayer", "linklayer %s ", sched.LinklayerText(ll))
	}
	if v.Details {
		f.Uint("burst", "", buffer)
		f.Literal("burst " + sched.SizeText(buffer) + "/")
		f.Uint("burst_cell", "%u ", 1<<p.Rate.CellLog)
		f.Uint("mpu_rate", "", uint64(p.Rate.MPU))
		f.Literal("mpu " + sched.SizeText(uint64(p.Rate.MPU)) + " ")
		f.Uint("cburst", "", cbuffer)
		f.Literal("cburst " + sched.SizeText(cbuffer) + "/")
		f.Uint("cburst_cell", "%u ", 1<<p.Ceil.CellLog)
		f.Uint("mpu_ceil", "", uint64(p.Ceil.MPU))
		f.Literal("mpu " + sched.SizeText(uint64(p.Ceil.MPU)) + " ")
		f.Int("level", "level %d ", int64(int32(p.Level)))
	} else {
		f.Uint("burst", "", buffer)
		f.Literal("burst " + sched.SizeText(buffer) + " ")
		f.Uint("cburst", "", cbuffer)
		f.Literal("cburst " + sched.SizeText(cbuffer) + " ")
	}
	if v.Raw {
		f.Literal("buffer [" + hex8(p.Buffer) + "] cbuffer [" + hex8(p.Cbuffer) + "] ")
	}
}

func printHTBXStats(f *format.Fields, b []byte, _ *View) {
	x, ok := rtnl.DecodeHTBXStats(b)
	if !ok {
		return
	}
	f.Uint("lended", " lended: %u", uint64(x.Lends))
	f.Uint("borrowed", " borrowed: %u", uint64(x.Borrows))
	f.Uint("giants", " giants: %u", uint64(x.Giants))
	f.Line()
	f.Int("tokens", " tokens: %d", int64(x.Tokens))
	f.Int("ctokens", " ctokens: %d", int64(x.Ctokens))
	f.Line()
}

// uintArg reads the value of key as a decimal number of bits bits and
// hands it to set; a bad one is tc's `Illegal "key"` with the usage.
func (p *Parser) uintArg(key string, bits int, set func(uint64)) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	n, err := strconv.ParseUint(v, 10, bits)
	if err != nil {
		return p.Illegal(key)
	}
	set(n)
	return nil
}

// linklayerArg reads ethernet, atm or adsl (any prefix).
func (p *Parser) linklayerArg(key string, dst *uint8) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	ll, ok := sched.ParseLinklayer(v)
	if !ok {
		return p.Illegal(key)
	}
	*dst = ll
	return nil
}

// sizeCellArg reads BYTES[/CELL].
func (p *Parser) sizeCellArg(key string, size *uint64, cellLog *int) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	n, c, err := grammar.ParseSizeCell(v)
	if err != nil || n > 1<<32-1 {
		return p.Illegal(key)
	}
	*size, *cellLog = n, c
	return nil
}

// rateArg reads a rate (or a percentage of the device's speed) that may
// be given once.
func (p *Parser) rateArg(key string, dst *uint64, double string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	if *dst != 0 {
		return p.Fail(false, double)
	}
	r, err := p.rate(v)
	if err != nil {
		return p.Illegal(key)
	}
	*dst = r
	return nil
}

// rate reads a rate, or R% of the device's speed as sysfs reports it.
func (p *Parser) rate(v string) (uint64, error) {
	if !strings.ContainsRune(v, '%') {
		return grammar.ParseRate(v)
	}
	r, err := sched.PercentRate(v, p.Dev)
	if err != nil {
		return 0, err
	}
	if r == 0 {
		return 0, errors.New("zero rate")
	}
	return r, nil
}
