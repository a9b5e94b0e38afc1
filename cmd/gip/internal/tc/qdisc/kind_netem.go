package qdisc

import (
	"bufio"
	"encoding/binary"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
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
