package qdisc

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const netemUsage = `Usage: ... netem [ limit PACKETS ]
                 [ delay TIME [ JITTER [CORRELATION]]]
                 [ distribution {uniform|normal|pareto|paretonormal} ]
                 [ corrupt PERCENT [CORRELATION]]
                 [ duplicate PERCENT [CORRELATION]]
                 [ loss random PERCENT [CORRELATION]]
                 [ loss state P13 [P31 [P32 [P23 P14]]]
                 [ loss gemodel PERCENT [R [1-H [1-K]]]
                 [ ecn ]
                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]
                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]
                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]
                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}
                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]`

// netemKind is netem, the network emulator.
func netemKind() *Kind {
	k := &Kind{Name: "netem", Usage: netemUsage}
	k.New, k.Parse, k.Print = typed(parseNetem, printNetem)
	k.Words = func(o rtnl.TCOptions, c sched.Clock) (Words, error) { return netemWords(o.(*rtnl.Netem), c) }
	k.Kept = func(o rtnl.TCOptions) { netemKept(o.(*rtnl.Netem)) }
	k.Change = keepOmitted // netem_change takes its struct whole
	return k
}

// netemMaxDist is the most entries a distribution table may have.
const netemMaxDist = 16 * 1024

// netemArgs is what netem's grammar collects besides the options.
type netemArgs struct {
	corr, reorder, corrupt, ecn, rate, slot bool
	lossGI, lossGE                          bool
	cor                                     rtnl.NetemCorr
	reord, corr2                            rtnl.NetemProb
	gi                                      rtnl.NetemGI
	ge                                      rtnl.NetemGE
	r                                       rtnl.NetemRate
	rate64                                  uint64
	s                                       rtnl.NetemSlot
	dist, slotDist                          string
}

func parseNetem(p *Parser, o *rtnl.Netem) error {
	*o = rtnl.Netem{}
	q := &o.Qopt
	q.Limit = 1000
	var a netemArgs
	explain1 := func(what string) error { return p.Fail(false, `Illegal "`+what+`"`) }
	nextIsNumber := func() bool { w := p.Peek(); return p.More() && w != "" && w[0] >= '0' && w[0] <= '9' }
	nextIsSigned := func() bool { w := p.Peek(); return nextIsNumber() || p.More() && w != "" && w[0] == '-' }
	ticks := func(v, what string, dst *uint32) error {
		t, ok := time32(v)
		if !ok {
			return explain1(what)
		}
		n, ok := p.Clock().Usec2Ticks(uint64(t))
		if !ok {
			return p.Fail(false, "Illegal "+strconv.FormatUint(uint64(t), 10)+" time (too large)", `Illegal "`+what+`"`)
		}
		*dst = n
		return nil
	}
	percent := func(v, what string, dst *uint32) error {
		n, ok := netemPercent(v)
		if !ok {
			return explain1(what)
		}
		*dst = n
		return nil
	}
	// optional reads the next word into dst when it is a number.
	optional := func(what string, dst *uint32) (bool, error) {
		if !nextIsNumber() {
			return false, nil
		}
		return true, percent(p.Next(), what, dst)
	}
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case grammar.Matches(w, "limit"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			n, ok := size32(v)
			if !ok {
				return explain1("limit")
			}
			q.Limit = n
		case grammar.Matches(w, "latency") || grammar.Matches(w, "delay"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			if err = ticks(v, "latency", &q.Latency); err != nil {
				return err
			}
			if nextIsNumber() {
				if err = ticks(p.Next(), "latency", &q.Jitter); err != nil {
					return err
				}
				if nextIsNumber() {
					a.corr = true
					err = percent(p.Next(), "latency", &a.cor.Delay)
				}
			}
		case grammar.Matches(w, "loss") || grammar.Matches(w, "drop"):
			err = parseNetemLoss(p, q, &a, percent, optional)
		case grammar.Matches(w, "ecn"):
			a.ecn = true
		case grammar.Matches(w, "reorder"), grammar.Matches(w, "corrupt"):
			dst, name := &a.reord, "reorder"
			if w[0] == 'c' {
				dst, name, a.corrupt = &a.corr2, "corrupt", true
			} else {
				a.reorder = true
			}
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			if err = percent(v, name, &dst.Probability); err != nil {
				return err
			}
			var got bool
			if got, err = optional(name, &dst.Correlation); got {
				a.corr = true
			}
		case grammar.Matches(w, "gap"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			n, ok := cStrtoul(v, 0, math.MaxUint32)
			if !ok {
				return explain1("gap")
			}
			q.Gap = uint32(n)
		case grammar.Matches(w, "duplicate"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			if err = percent(v, "duplicate", &q.Duplicate); err != nil {
				return err
			}
			_, err = optional("duplicate", &a.cor.Dup)
		case grammar.Matches(w, "distribution"):
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			if a.dist, err = p.netemDistribution(v); err != nil {
				return err
			}
		case grammar.Matches(w, "rate"):
			a.rate = true
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			r, rerr := p.rate(v)
			if rerr != nil {
				return explain1("rate")
			}
			a.rate64 = r
			if nextIsSigned() {
				n, ok := cStrtol32(p.Next())
				if !ok {
					return explain1("rate")
				}
				a.r.PacketOverhead = n
			}
			if nextIsNumber() {
				n, ok := cStrtoul(p.Next(), 0, math.MaxUint32)
				if !ok {
					return explain1("rate")
				}
				a.r.CellSize = uint32(n)
			}
			if nextIsSigned() {
				n, ok := cStrtol32(p.Next())
				if !ok {
					return explain1("rate")
				}
				a.r.CellOverhead = n
			}
		case grammar.Matches(w, "slot"):
			err = parseNetemSlot(p, &a, explain1)
		case w == "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	return buildNetem(p, o, &a)
}

// parseNetemLoss reads what follows "loss": a random loss, or a state or
// Gilbert-Elliot model.
func parseNetemLoss(p *Parser, q *rtnl.NetemQopt, a *netemArgs, percent func(string, string, *uint32) error,
	optional func(string, *uint32) (bool, error)) error {
	if q.Loss > 0 || a.lossGI || a.lossGE {
		return p.Fail(false, "Illegal \"duplicate loss argument\n\"")
	}
	v, err := p.Value()
	if err != nil {
		return err
	}
	if v == "random" {
		if v, err = p.Value(); err != nil {
			return err
		}
	} else if v == "" || v[0] < '0' || v[0] > '9' {
		switch v {
		case "state":
			if v, err = p.Value(); err != nil {
				return err
			}
			p13, ok := netemFraction(v)
			if !ok {
				return p.Fail(false, `Illegal "loss p13"`)
			}
			a.gi = rtnl.NetemGI{P13: netemScale(p13), P31: netemScale(1 - p13), P32: 0, P23: netemScale(1), P14: 0}
			a.lossGI = true
			for _, f := range []struct {
				name string
				dst  *uint32
			}{{"loss p31", &a.gi.P31}, {"loss p32", &a.gi.P32}, {"loss p23", &a.gi.P23}, {"loss p14", &a.gi.P14}} {
				if got, err := optional(f.name, f.dst); !got || err != nil {
					return err
				}
			}
			return nil
		case "gemodel":
			if v, err = p.Value(); err != nil {
				return err
			}
			pr, ok := netemFraction(v)
			if !ok {
				return p.Fail(false, `Illegal "loss gemodel p"`)
			}
			a.ge = rtnl.NetemGE{P: netemScale(pr), R: netemScale(1 - pr), H: 0, K1: 0}
			a.lossGE = true
			if got, err := optional("loss gemodel r", &a.ge.R); !got || err != nil {
				return err
			}
			got, err := optional("loss gemodel h", &a.ge.H)
			if !got || err != nil {
				return err
			}
			a.ge.H = math.MaxUint32 - a.ge.H // tc takes 1-h, the kernel h
			_, err = optional("loss gemodel k", &a.ge.K1)
			return err
		}
		return p.Fail(false, "Unknown loss parameter: "+v)
	}
	if err := percent(v, "loss percent", &q.Loss); err != nil {
		return err
	}
	got, err := optional("loss correlation", &a.cor.Loss)
	if got {
		a.corr = true
	}
	return err
}

// parseNetemSlot reads what follows "slot".
func parseNetemSlot(p *Parser, a *netemArgs, explain1 func(string) error) error {
	w := p.Peek()
	time64 := func(v, what string, dst *int64) error {
		t, err := grammar.ParseTime64(v)
		if err != nil {
			return explain1(what)
		}
		*dst = t
		return nil
	}
	if p.More() && w != "" && w[0] >= '0' && w[0] <= '9' {
		p.Next()
		a.slot = true
		if err := time64(w, "slot min_delay", &a.s.MinDelay); err != nil {
			return err
		}
		if w := p.Peek(); p.More() && w != "" && w[0] >= '0' && w[0] <= '9' {
			p.Next()
			if err := time64(w, "slot max_delay", &a.s.MaxDelay); err != nil || a.s.MaxDelay < a.s.MinDelay {
				return explain1("slot max_delay")
			}
		} else {
			a.s.MaxDelay = a.s.MinDelay
		}
	} else {
		v, err := p.Value()
		if err != nil {
			return err
		}
		if v != "distribution" {
			return p.Fail(false, "Unknown slot parameter: "+v)
		}
		a.slot = true
		if v, err = p.Value(); err != nil {
			return err
		}
		if a.slotDist, err = p.netemDistribution(v); err != nil {
			return err
		}
		if v, err = p.Value(); err != nil {
			return err
		}
		if err := time64(v, "slot delay", &a.s.DistDelay); err != nil {
			return err
		}
		if v, err = p.Value(); err != nil {
			return err
		}
		if err := time64(v, "slot jitter", &a.s.DistJitter); err != nil {
			return err
		}
		if a.s.DistJitter <= 0 {
			return p.Fail(false, "Non-positive jitter")
		}
	}
	// "packets N" and "bytes N" may follow, each with its number.
	if p.More() && grammar.Matches(p.Peek(), "packets") {
		p.Next()
		n, ok := int32(0), false
		if p.More() {
			n, ok = cStrtol32(p.Peek())
		}
		if !ok {
			return explain1("slot packets")
		}
		p.Next()
		a.s.MaxPackets = n
	}
	if p.More() && grammar.Matches(p.Peek(), "bytes") {
		p.Next()
		n, ok := uint32(0), false
		if p.More() {
			n, ok = size32(p.Peek())
		}
		if !ok {
			return explain1("slot bytes")
		}
		p.Next()
		a.s.MaxBytes = int32(n)
	}
	return nil
}

// buildNetem checks what netem's options need of each other and fills
// the options.
func buildNetem(p *Parser, o *rtnl.Netem, a *netemArgs) error {
	q := &o.Qopt
	if a.reord.Probability != 0 {
		if q.Latency == 0 {
			return p.Fail(true, "reordering not possible without specifying some delay")
		}
		if q.Gap == 0 {
			q.Gap = 1
		}
	} else if q.Gap > 0 {
		return p.Fail(true, "gap specified without reorder probability")
	}
	if a.ecn && q.Loss == 0 && !a.lossGI && !a.lossGE {
		return p.Fail(true, "ecn requested without loss model")
	}
	if a.dist != "" && (q.Latency == 0 || q.Jitter == 0) {
		return p.Fail(true, "distribution specified but no latency and jitter values")
	}
	if a.corr {
		o.Corr = rtnl.Some(a.cor)
	}
	if a.reorder {
		o.Reorder = rtnl.Some(a.reord)
	}
	if a.ecn {
		o.ECN = rtnl.Some[uint32](1)
	}
	if a.corrupt {
		o.Corrupt = rtnl.Some(a.corr2)
	}
	if a.slot {
		o.Slot = rtnl.Some(a.s)
	}
	if a.lossGI {
		o.GI = rtnl.Some(a.gi)
	} else if a.lossGE {
		o.GE = rtnl.Some(a.ge)
	}
	if a.rate {
		a.r.Rate = uint32(a.rate64)
		if a.rate64 >= 1<<32 {
			o.Rate64, a.r.Rate = rtnl.Some(a.rate64), math.MaxUint32
		}
		o.Rate = rtnl.Some(a.r)
	}
	o.DelayDist, o.SlotDist = a.dist, a.slotDist
	return nil
}

// netemFraction is tc's parse_percent: a number, optionally followed by
// '%', of 0 to 100, as a fraction.
func netemFraction(s string) (float64, bool) {
	v, rest, _ := grammar.Strtod(s)
	v /= 100
	if v > 1 || v < 0 {
		return 0, false
	}
	if rest != "" && rest != "%" {
		return 0, false
	}
	return v, true
}

// netemScale is a fraction as the kernel takes probabilities: rounded to
// the nearest multiple of 1/(2³²-1).
func netemScale(f float64) uint32 {
	return cDoubleToU32(math.RoundToEven(f * math.MaxUint32))
}

// netemPercent is tc's get_percent.
func netemPercent(s string) (uint32, bool) {
	f, ok := netemFraction(s)
	if !ok {
		return 0, false
	}
	return netemScale(f), true
}

// tcLibDir is where tc looks for distribution tables: $TC_LIB_DIR, else
// its library directory.
func tcLibDir() string {
	if d := os.Getenv("TC_LIB_DIR"); d != "" {
		return d
	}
	triplet := map[string]string{"amd64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu", "386": "i386-linux-gnu"}[runtime.GOARCH]
	for _, d := range []string{"/usr/lib/" + triplet + "/tc/", "/usr/lib64/tc/", "/usr/lib/tc/"} {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	return "/usr/lib/tc/"
}

// netemDistribution reads the distribution table called name as tc's
// get_distribution does: numbers as C's strtol reads them, in lines that
// do not start with '#', as 16-bit entries (returned as their bytes).
func (p *Parser) netemDistribution(name string) (string, error) {
	path := tcLibDir() + "/" + name + ".dist"
	f, err := os.Open(path)
	if err != nil {
		return "", p.Fail(false, "No distribution data for "+name+" ("+path+": "+fail.Strerror(err)+")")
	}
	defer f.Close()
	var b []byte
	n := 0
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadString('\n')
		if line != "" && line[0] != '\n' && line[0] != '#' {
			for rest := line; ; {
				x, after, ok := cStrtolPrefix(rest)
				if !ok {
					break
				}
				if n >= netemMaxDist {
					return "", p.Fail(false, path+": too much data")
				}
				b = binary.NativeEndian.AppendUint16(b, uint16(x))
				n++
				rest = after
			}
		}
		if err != nil {
			break
		}
	}
	if n == 0 {
		return "", p.Fail(false)
	}
	return string(b), nil
}

// cStrtolPrefix reads the number at the start of s as C's strtol with
// base 0 does, returning what follows it; false when none is there.
func cStrtolPrefix(s string) (int64, string, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	base := uint64(10)
	switch {
	case len(t) > 2 && t[0] == '0' && t[1]|0x20 == 'x' && hexDigit(t[2]) < 16:
		base, t = 16, t[2:]
	case t != "" && t[0] == '0':
		base = 8
	}
	i := 0
	var v int64
	for ; i < len(t) && hexDigit(t[i]) < base; i++ {
		if v < 1<<62 {
			v = v*int64(base) + int64(hexDigit(t[i]))
		}
	}
	if i == 0 {
		return 0, s, false
	}
	if neg {
		v = -v
	}
	return v, t[i:], true
}

// netemPercentText is a probability as netem's text shows it, in percent.
func netemPercentText(v uint32) string {
	return strconv.FormatFloat(100*float64(v)/math.MaxUint32, 'g', 6, 64)
}

// printPercent prints " LABEL P%" in text and the fraction under key in
// JSON.
func printPercent(f *format.Fields, key, label string, v uint32) {
	f.Float(key, "", float64(v)/math.MaxUint32)
	f.Literal(label + " " + netemPercentText(v) + "%")
}

// printCorr prints a correlation: in text when present, in JSON always.
func printCorr(f *format.Fields, present bool, v uint32) {
	if f.JSON() {
		f.Float("correlation", "", float64(v)/math.MaxUint32)
	} else if present {
		f.Literal(" " + netemPercentText(v) + "%")
	}
}

func printNetem(f *format.Fields, o *rtnl.Netem, v *View) {
	q := o.Qopt
	f.Uint("limit", "", uint64(q.Limit))
	f.Literal("limit " + strconv.FormatInt(int64(int32(q.Limit)), 10))
	cor, hasCor := o.Corr.Get()
	usec := func(t uint32) uint32 { return uint32(v.Clock.Ticks2Usec(t)) }
	if q.Latency != 0 {
		f.Open("delay")
		if f.JSON() {
			f.Float("delay", "", float64(usec(q.Latency))/1e6)
			f.Float("jitter", "", float64(usec(q.Jitter))/1e6)
		} else {
			f.Literal(" delay " + sched.TimeText(uint64(usec(q.Latency))))
			if q.Jitter != 0 {
				f.Literal("  " + sched.TimeText(uint64(usec(q.Jitter))))
			}
		}
		printCorr(f, q.Jitter != 0 && hasCor && cor.Delay != 0, cor.Delay)
		f.Close()
	}
	if q.Loss != 0 {
		f.Open("loss-random")
		printPercent(f, "loss", " loss", q.Loss)
		printCorr(f, hasCor && cor.Loss != 0, cor.Loss)
		f.Close()
	}
	if g, ok := o.GI.Get(); ok {
		f.Open("loss-state")
		printPercent(f, "p13", " loss state p13", g.P13)
		printPercent(f, "p31", " p31", g.P31)
		printPercent(f, "p32", " p32", g.P32)
		printPercent(f, "p23", " p23", g.P23)
		printPercent(f, "p14", " p14", g.P14)
		f.Close()
	}
	if g, ok := o.GE.Get(); ok {
		f.Open("loss-gemodel")
		printPercent(f, "p", " loss gemodel p", g.P)
		printPercent(f, "r", " r", g.R)
		printPercent(f, "1-h", " 1-h", math.MaxUint32-g.H)
		printPercent(f, "1-k", " 1-k", g.K1)
		f.Close()
	}
	if q.Duplicate != 0 {
		f.Open("duplicate")
		printPercent(f, "duplicate", " duplicate", q.Duplicate)
		printCorr(f, hasCor && cor.Dup != 0, cor.Dup)
		f.Close()
	}
	for _, x := range []struct {
		key string
		o   rtnl.Opt[rtnl.NetemProb]
	}{{"reorder", o.Reorder}, {"corrupt", o.Corrupt}} {
		if r, ok := x.o.Get(); ok && r.Probability != 0 {
			f.Open(x.key)
			printPercent(f, x.key, " "+x.key, r.Probability)
			printCorr(f, r.Correlation != 0, r.Correlation)
			f.Close()
		}
	}
	if r, ok := o.Rate.Get(); ok && r.Rate != 0 {
		f.Open("rate")
		rate, _ := o.Rate64.Get()
		if rate == 0 {
			rate = uint64(r.Rate)
		}
		f.Uint("rate", "", rate)
		f.Literal(" rate " + v.Rate(rate))
		printIntOpt(f, "packetoverhead", r.PacketOverhead)
		f.Uint("cellsize", "", uint64(r.CellSize))
		if r.CellSize != 0 {
			f.Literal(" cellsize " + utoa(uint64(r.CellSize)))
		}
		printIntOpt(f, "celloverhead", r.CellOverhead)
		f.Close()
	}
	if s, ok := o.Slot.Get(); ok {
		f.Open("slot")
		if s.DistJitter > 0 {
			printTime64(f, "distribution", " slot distribution", s.DistDelay)
			printTime64(f, "jitter", "", s.DistJitter)
		} else {
			printTime64(f, "min-delay", " slot", s.MinDelay)
			printTime64(f, "max-delay", "", s.MaxDelay)
		}
		printIntOpt(f, "packets", s.MaxPackets)
		printIntOpt(f, "bytes", s.MaxBytes)
		f.Close()
	}
	_, ecn := o.ECN.Get()
	f.Bool("ecn", " ecn ", ecn)
	f.Uint("gap", "", uint64(q.Gap))
	if q.Gap != 0 {
		f.Literal(" gap " + utoa(uint64(q.Gap)))
	}
}

// printIntOpt prints " KEY N" in text when N is not 0, and N in JSON.
func printIntOpt(f *format.Fields, key string, v int32) {
	f.Int(key, "", int64(v))
	if v != 0 {
		f.Literal(" " + key + " " + strconv.FormatInt(int64(v), 10))
	}
}

// printTime64 prints "LABEL TIME" in text and seconds in JSON.
func printTime64(f *format.Fields, key, label string, ns int64) {
	f.Literal(label + " " + time64Text(ns))
	f.Float(key, "", float64(ns)/1e9)
}

// netem's words. The kernel keeps delays in nanoseconds (tc sends them
// in ticks of 64 ns), caps the jitter at 2³¹-1 ns, reports slot limits
// of 2³¹-1 as none, and never reports distribution tables: a delay's
// distribution and a slot's are left out of the words (a slot's jitter
// cannot be written without one, and is refused).

// errNetemSlotDist is a slot distribution, whose table the kernel keeps
// to itself.
var errNetemSlotDist = errors.New("netem: the kernel does not report a slot distribution's table")

// netemJitterMax is the kernel's cap on the delay's jitter, in ns.
const netemJitterMax = math.MaxInt32

// netemKept is what the kernel keeps of netem's options: delays in
// nanoseconds, the jitter capped, slot limits of 2³¹-1 as none.
func netemKept(o *rtnl.Netem) {
	if _, ok := o.Latency64.Get(); !ok {
		o.Latency64 = rtnl.Some(int64(o.Qopt.Latency) * 64)
	}
	if _, ok := o.Jitter64.Get(); !ok {
		o.Jitter64 = rtnl.Some(min(int64(o.Qopt.Jitter)*64, netemJitterMax))
	}
	if s, ok := o.Slot.Get(); ok {
		if s.MaxPackets == math.MaxInt32 {
			s.MaxPackets = 0
		}
		if s.MaxBytes == math.MaxInt32 {
			s.MaxBytes = 0
		}
		o.Slot = rtnl.Some(s)
		if s.MinDelay|s.MaxDelay|s.DistJitter == 0 {
			o.Slot = rtnl.Opt[rtnl.NetemSlot]{}
		}
	}
}

func netemWords(o *rtnl.Netem, c sched.Clock) (Words, error) {
	q := o.Qopt
	w := Words{{"limit", u32Word(q.Limit)}}
	cor, _ := o.Corr.Get()
	latency, ok := o.Latency64.Get()
	if !ok {
		latency = int64(q.Latency) * 64
	}
	jitter, ok := o.Jitter64.Get()
	if !ok {
		jitter = min(int64(q.Jitter)*64, netemJitterMax)
	}
	if latency != 0 || jitter != 0 {
		d, err := netemDelayWord(c, latency, false)
		if err != nil {
			return nil, err
		}
		g := []string{"delay", d}
		if jitter != 0 {
			j, err := netemDelayWord(c, jitter, true)
			if err != nil {
				return nil, err
			}
			g = append(g, j)
			if cor.Delay != 0 {
				g = append(g, netemPercentWord(cor.Delay))
			}
		}
		w = append(w, g)
	}
	if jitter == 0 && cor.Delay != 0 {
		return nil, errors.New("netem: a delay correlation without jitter cannot be written")
	}
	var err error
	if w, err = netemProbWords(w, []string{"loss", "random"}, q.Loss, cor.Loss); err != nil {
		return nil, err
	}
	if g, ok := o.GI.Get(); ok {
		w = append(w, []string{"loss", "state", netemPercentWord(g.P13), netemPercentWord(g.P31),
			netemPercentWord(g.P32), netemPercentWord(g.P23), netemPercentWord(g.P14)})
	}
	if g, ok := o.GE.Get(); ok {
		w = append(w, []string{"loss", "gemodel", netemPercentWord(g.P), netemPercentWord(g.R),
			netemPercentWord(math.MaxUint32 - g.H), netemPercentWord(g.K1)})
	}
	if v, ok := o.ECN.Get(); ok && v != 0 {
		w = append(w, []string{"ecn"})
	}
	if w, err = netemProbWords(w, []string{"duplicate"}, q.Duplicate, cor.Dup); err != nil {
		return nil, err
	}
	r, _ := o.Reorder.Get()
	if w, err = netemProbWords(w, []string{"reorder"}, r.Probability, r.Correlation); err != nil {
		return nil, err
	}
	if q.Gap != 0 {
		w = append(w, []string{"gap", u32Word(q.Gap)})
	}
	cr, _ := o.Corrupt.Get()
	if w, err = netemProbWords(w, []string{"corrupt"}, cr.Probability, cr.Correlation); err != nil {
		return nil, err
	}
	if g := netemRateWords(o); g != nil {
		w = append(w, g)
	}
	if s, ok := o.Slot.Get(); ok && s.MinDelay|s.MaxDelay|s.DistJitter != 0 {
		if s.DistJitter != 0 || s.DistDelay != 0 {
			return nil, errNetemSlotDist
		}
		g := []string{"slot", nsecWord(s.MinDelay), nsecWord(s.MaxDelay)}
		if s.MaxPackets != 0 && s.MaxPackets != math.MaxInt32 {
			g = append(g, "packets", strconv.FormatInt(int64(s.MaxPackets), 10))
		}
		if s.MaxBytes != 0 && s.MaxBytes != math.MaxInt32 {
			g = append(g, "bytes", strconv.FormatInt(int64(s.MaxBytes), 10))
		}
		w = append(w, g)
	}
	return w, nil
}

// netemProbWords appends KEY... P [CORRELATION] when the probability is
// not 0; a correlation without a probability cannot be written.
func netemProbWords(w Words, key []string, p, corr uint32) (Words, error) {
	if p == 0 {
		if corr != 0 {
			return nil, fmt.Errorf("netem: a %s correlation without a probability cannot be written", key[0])
		}
		return w, nil
	}
	g := append(append([]string(nil), key...), netemPercentWord(p))
	if corr != 0 {
		g = append(g, netemPercentWord(corr))
	}
	return append(w, g), nil
}

// netemRateWords is the rate group: the rate, then its packet overhead,
// cell size and cell overhead as far as one is not 0 (they are
// positional); nil without a rate.
func netemRateWords(o *rtnl.Netem) []string {
	r, ok := o.Rate.Get()
	rate := uint64(r.Rate)
	if v, ok64 := o.Rate64.Get(); ok64 {
		rate = max(rate, v)
	}
	if !ok || rate == 0 {
		return nil
	}
	g := []string{"rate", RateWord(rate)}
	tail := []string{strconv.FormatInt(int64(r.PacketOverhead), 10), u32Word(r.CellSize), strconv.FormatInt(int64(r.CellOverhead), 10)}
	n := 0
	switch {
	case r.CellOverhead != 0:
		n = 3
	case r.CellSize != 0:
		n = 2
	case r.PacketOverhead != 0:
		n = 1
	}
	return append(g, tail[:n]...)
}

// netemPercentWord is the shortest percentage tc's get_percent reads as
// the probability p (a fraction of 2³²-1).
func netemPercentWord(p uint32) string {
	x := 100 * float64(p) / math.MaxUint32
	for prec := 0; prec <= 20; prec++ {
		s := strconv.FormatFloat(x, 'f', prec, 64) + "%"
		if v, ok := netemPercent(s); ok && v == p {
			return s
		}
	}
	return strconv.FormatFloat(x, 'g', -1, 64) + "%"
}

// netemDelayWord is the time in microseconds whose ticks the kernel keeps
// as ns nanoseconds; a jitter at the kernel's cap is any time beyond it.
func netemDelayWord(c sched.Clock, ns int64, jitter bool) (string, error) {
	capped := jitter && ns == netemJitterMax
	if ns < 0 || ns%64 != 0 && !capped {
		return "", fmt.Errorf("netem: a delay of %dns is no whole number of scheduler ticks", ns)
	}
	ticks := (ns + 63) / 64
	if ticks > math.MaxUint32 {
		return "", fmt.Errorf("netem: a delay of %dns does not fit tc's 32-bit ticks", ns)
	}
	us := uint64(c.Ticks2Usec(uint32(ticks)))
	for _, u := range []uint64{us, us + 1, us + 2} {
		if t, ok := c.Usec2Ticks(u); ok && (int64(t) == ticks || capped && int64(t)*64 >= ns) {
			return TimeWord(u), nil
		}
	}
	return "", fmt.Errorf("netem: no time of whole microseconds makes a delay of %dns", ns)
}
