package qdisc

import (
	"math"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const hfscUsage = `Usage: ... hfsc [ default CLASSID ]

 default: default class for unclassified packets
`

// hfscClassUsage ends with an empty line, as tc prints it.
const hfscClassUsage = `Usage: ... hfsc [ [ rt SC ] [ ls SC ] | [ sc SC ] ] [ ul SC ]

SC := [ [ m1 BPS ] d SEC ] m2 BPS

 m1 : slope of first segment
 d  : x-coordinate of intersection
 m2 : slope of second segment

Alternative format:

SC := [ [ umax BYTE ] dmax SEC ] rate BPS

 umax : maximum unit of work
 dmax : maximum delay
 rate : rate

Remarks:
 - at least one of 'rt', 'ls' or 'sc' must be specified
 - 'ul' can only be specified with 'ls' or 'sc'

`

// hfscKind is hfsc, the hierarchical fair service curve, with its
// classes.
func hfscKind() *Kind {
	k := &Kind{Name: "hfsc", Usage: hfscUsage, XStats: printHFSCXStats}
	k.New, k.Parse, k.Print = typed(parseHFSC, printHFSC)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		return Words{{"default", strconv.FormatUint(uint64(o.(*rtnl.HFSC).Defcls), 16)}}, nil
	}
	c := &ClassKind{XStats: printHFSCXStats}
	c.New, c.Parse, c.Print = typed(parseHFSCClass, printHFSCClass)
	c.Words = func(o rtnl.TCOptions, clock sched.Clock) (Words, error) {
		return hfscClassWords(o.(*rtnl.HFSCClass), clock)
	}
	k.Class = c
	return k
}

func parseHFSC(p *Parser, o *rtnl.HFSC) error {
	*o = rtnl.HFSC{}
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "default"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			if o.Defcls != 0 {
				return p.Fail(false, `HFSC: Double "default"`)
			}
			n, ok := cStrtoul(v, 16, 0xffff)
			if !ok {
				return p.Fail(false, `HFSC: Illegal "default"`)
			}
			o.Defcls = uint16(n)
		case grammar.Matches(w, "help"):
			return p.Fail(true)
		default:
			return p.Fail(true, `HFSC: What is "`+w+`" ?`)
		}
	}
	return nil
}

// printHFSC prints the default class. tc 6.1 prints it as bare text even
// under -j, which breaks the JSON; gip prints it as newer tc does there,
// "default": "0x10".
func printHFSC(f *format.Fields, o *rtnl.HFSC, _ *View) {
	if o.Defcls != 0 {
		f.String("default", "", cHex(uint64(o.Defcls)))
		f.Literal("default " + strconv.FormatUint(uint64(o.Defcls), 16) + " ")
	}
}

// printHFSCXStats prints a class's work and period. tc 6.1 prints them as
// text under -j too; gip prints them with newer tc's keys.
func printHFSCXStats(f *format.Fields, b []byte, _ *View) {
	x, ok := rtnl.DecodeHFSCXStats(b)
	if !ok {
		return
	}
	f.Uint("period", " period %u ", uint64(x.Period))
	if x.Work != 0 {
		f.Uint("work", "work %u bytes ", x.Work)
	}
	if x.RTWork != 0 {
		f.Uint("rtwork", "rtwork %u bytes ", x.RTWork)
	}
	f.Uint("level", "level %u ", uint64(x.Level))
	f.Literal("\n")
}

// hfscScan reads a class's words as tc does: it keeps the messages tc
// prints along the way, which may come before the error that ends it.
type hfscScan struct {
	p     *Parser
	words []string
	i     int // the word being read
	msgs  []string
}

// hfscIncomplete is NEXT_ARG's exit in the middle of a curve.
type hfscIncomplete struct{}

func (hfscIncomplete) Error() string { return "incomplete" }

// next moves to the next word, as NEXT_ARG does.
func (s *hfscScan) next(i *int) error {
	*i++
	if *i >= len(s.words) {
		return hfscIncomplete{}
	}
	return nil
}

func (s *hfscScan) illegal(key string) { s.msgs = append(s.msgs, `HFSC: Illegal "`+key+`"`) }

// rate reads a 32-bit rate, or a percentage of the device's speed.
func (s *hfscScan) rate(w string) (uint32, bool) {
	if strings.ContainsRune(w, '%') {
		r, err := s.p.rate(w)
		if err != nil || r > math.MaxUint32 {
			return 0, false
		}
		return uint32(r), true
	}
	r, err := grammar.ParseRate32(w)
	return r, err == nil
}

// time reads a time in µs into 32 bits.
func hfscTime(w string) (uint32, bool) {
	t, err := grammar.ParseTime(w)
	return uint32(t), err == nil && t <= math.MaxUint32
}

// clockFactor is tc's clock_factor: the kernel's time units per µs.
func clockFactor(c sched.Clock) float64 {
	if c.ClockRes == 0 {
		return 1
	}
	return float64(c.ClockRes) / 1e6
}

// sc1 reads [ [ m1 BPS ] d SEC ] m2 BPS from the word at i.
func (s *hfscScan) sc1(i int) (rtnl.ServiceCurve, int, bool, error) {
	var m1, d, m2 uint32
	var ok bool
	if grammar.Matches(s.words[i], "m1") {
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
		if m1, ok = s.rate(s.words[i]); !ok {
			s.illegal("m1")
			return rtnl.ServiceCurve{}, 0, false, nil
		}
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
	}
	if grammar.Matches(s.words[i], "d") {
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
		if d, ok = hfscTime(s.words[i]); !ok {
			s.illegal("d")
			return rtnl.ServiceCurve{}, 0, false, nil
		}
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
	}
	if !grammar.Matches(s.words[i], "m2") {
		return rtnl.ServiceCurve{}, 0, false, nil
	}
	if err := s.next(&i); err != nil {
		return rtnl.ServiceCurve{}, 0, false, err
	}
	if m2, ok = s.rate(s.words[i]); !ok {
		s.illegal("m2")
		return rtnl.ServiceCurve{}, 0, false, nil
	}
	return rtnl.ServiceCurve{M1: m1, D: uint32(float64(d) * clockFactor(s.p.Clock())), M2: m2}, i, true, nil
}

// sc2 reads [ [ umax BYTE ] dmax SEC ] rate BPS from the word at i.
func (s *hfscScan) sc2(i int) (rtnl.ServiceCurve, int, bool, error) {
	var umax, dmax, rate uint32
	var ok bool
	if grammar.Matches(s.words[i], "umax") {
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
		n, err := grammar.ParseSize32(s.words[i])
		if err != nil {
			s.illegal("umax")
			return rtnl.ServiceCurve{}, 0, false, nil
		}
		umax = n
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
	}
	if grammar.Matches(s.words[i], "dmax") {
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
		if dmax, ok = hfscTime(s.words[i]); !ok {
			s.illegal("dmax")
			return rtnl.ServiceCurve{}, 0, false, nil
		}
		if err := s.next(&i); err != nil {
			return rtnl.ServiceCurve{}, 0, false, err
		}
	}
	if !grammar.Matches(s.words[i], "rate") {
		return rtnl.ServiceCurve{}, 0, false, nil
	}
	if err := s.next(&i); err != nil {
		return rtnl.ServiceCurve{}, 0, false, err
	}
	if rate, ok = s.rate(s.words[i]); !ok {
		s.illegal("rate")
		return rtnl.ServiceCurve{}, 0, false, nil
	}
	if umax != 0 && dmax == 0 {
		s.msgs = append(s.msgs, "HFSC: umax given but dmax is zero.")
		return rtnl.ServiceCurve{}, 0, false, nil
	}
	cf := clockFactor(s.p.Clock())
	if m1 := math.Ceil(float64(umax) * 1e6 / float64(dmax)); dmax != 0 && m1 > float64(rate) {
		// concave: the first segment's slope is umax/dmax, up to dmax
		return rtnl.ServiceCurve{M1: uint32(m1), D: uint32(float64(dmax) * cf), M2: rate}, i, true, nil
	}
	if rate == 0 {
		// tc 6.1 divides by the zero rate here and crashes.
		return rtnl.ServiceCurve{}, i, true, nil
	}
	// convex: a flat first segment up to dmax - umax/rate, computed in
	// tc's 32-bit unsigned arithmetic
	d := dmax - umax*1000000/rate
	return rtnl.ServiceCurve{M2: rate, D: uint32(float64(d) * cf)}, i, true, nil
}

// curve reads a service curve from the word at i, the last word it used.
func (s *hfscScan) curve(i int) (rtnl.ServiceCurve, int, bool, error) {
	sc, last, ok, err := s.sc1(i)
	if err != nil {
		return sc, 0, false, err
	}
	if !ok {
		if sc, last, ok, err = s.sc2(i); err != nil || !ok {
			return sc, 0, false, err
		}
	}
	if sc.M1 == 0 && sc.M2 == 0 {
		s.msgs = append(s.msgs, "HFSC: Service Curve has two zero slopes")
		return sc, 0, false, nil
	}
	return sc, last, true, nil
}

// fail is the error that ends a class's parse, after the messages.
func (s *hfscScan) fail(err error, lines ...string) error {
	msg := strings.Join(append(s.msgs, lines...), "\n")
	if _, ok := err.(hfscIncomplete); ok {
		inc := fail.Incomplete().(*fail.Error)
		if msg != "" {
			msg += "\n"
		}
		return &fail.Error{Code: inc.Code, Msg: msg + inc.Msg}
	}
	return fail.Localf("%s", msg)
}

func parseHFSCClass(p *Parser, o *rtnl.HFSCClass) error {
	*o = rtnl.HFSCClass{}
	s := &hfscScan{p: p, words: p.Rest()}
	usage := strings.TrimSuffix(hfscClassUsage, "\n")
	for ; s.i < len(s.words); s.i++ {
		w := s.words[s.i]
		var dst []*rtnl.Opt[rtnl.ServiceCurve]
		switch {
		case grammar.Matches(w, "rt"):
			dst, w = []*rtnl.Opt[rtnl.ServiceCurve]{&o.RSC}, "rt"
		case grammar.Matches(w, "ls"):
			dst, w = []*rtnl.Opt[rtnl.ServiceCurve]{&o.FSC}, "ls"
		case grammar.Matches(w, "sc"):
			dst, w = []*rtnl.Opt[rtnl.ServiceCurve]{&o.RSC, &o.FSC}, "sc"
		case grammar.Matches(w, "ul"):
			dst, w = []*rtnl.Opt[rtnl.ServiceCurve]{&o.USC}, "ul"
		case grammar.Matches(w, "help"):
			return s.fail(nil, usage)
		default:
			return s.fail(nil, `HFSC: What is "`+w+`" ?`, usage)
		}
		if err := s.next(&s.i); err != nil {
			return s.fail(err)
		}
		sc, last, ok, err := s.curve(s.i)
		if err != nil {
			return s.fail(err)
		}
		if !ok {
			s.illegal(w)
			return s.fail(nil)
		}
		for _, d := range dst {
			*d = rtnl.Some(sc)
		}
		s.i = last
	}
	switch {
	case !o.RSC.Set && !o.FSC.Set && !o.USC.Set:
		return s.fail(nil, "HFSC: no parameters given", usage)
	case o.USC.Set && !o.FSC.Set:
		return s.fail(nil, "HFSC: Upper-limit Service Curve without Link-Share Service Curve", usage)
	}
	return nil
}

func printHFSCClass(f *format.Fields, o *rtnl.HFSCClass, v *View) {
	rsc, rok := o.RSC.Get()
	fsc, fok := o.FSC.Get()
	if rok && fok && rsc == fsc {
		printHFSCCurve(f, "sc", rsc, v)
	} else {
		if rok {
			printHFSCCurve(f, "rt", rsc, v)
		}
		if fok {
			printHFSCCurve(f, "ls", fsc, v)
		}
	}
	if usc, ok := o.USC.Get(); ok {
		printHFSCCurve(f, "ul", usc, v)
	}
}

// printHFSCCurve prints one curve; in JSON as newer tc does, an object
// of m1, d (µs) and m2 under its name.
func printHFSCCurve(f *format.Fields, name string, sc rtnl.ServiceCurve, v *View) {
	d := uint32(float64(sc.D) / clockFactor(v.Clock))
	f.Open(name)
	f.Literal(name + " ")
	f.Uint("m1", "", uint64(sc.M1))
	f.Literal("m1 " + v.Rate(uint64(sc.M1)) + " ")
	f.Uint("d", "", uint64(d))
	f.Literal("d " + sched.TimeText(uint64(d)) + " ")
	f.Uint("m2", "", uint64(sc.M2))
	f.Literal("m2 " + v.Rate(uint64(sc.M2)) + " ")
	f.Close()
}

// hfscClassWords are an hfsc class's curves, real-time, link-sharing and
// upper-limit, each as m1, d and m2 (m2 alone when the curve is a
// line).
func hfscClassWords(o *rtnl.HFSCClass, c sched.Clock) (Words, error) {
	var w Words
	for _, sc := range []struct {
		name  string
		curve rtnl.Opt[rtnl.ServiceCurve]
	}{{"rt", o.RSC}, {"ls", o.FSC}, {"ul", o.USC}} {
		if v, ok := sc.curve.Get(); ok {
			g, err := hfscCurveWords(sc.name, v, c)
			if err != nil {
				return nil, err
			}
			w = append(w, g)
		}
	}
	return w, nil
}

// hfscCurveWords are one curve's words: its slopes in bits, which the
// kernel reports as it was given (its fixed-point rounds up and back
// down), and the first segment's length in µs, the kernel's time units
// divided by the clock factor as tc multiplies them.
func hfscCurveWords(name string, sc rtnl.ServiceCurve, c sched.Clock) ([]string, error) {
	m2 := RateWord(uint64(sc.M2))
	if sc.M1 == 0 && sc.D == 0 {
		return []string{name, "m2", m2}, nil
	}
	cf := clockFactor(c)
	d := uint64(math.Round(float64(sc.D) / cf))
	if d > math.MaxUint32 || uint32(float64(d)*cf) != sc.D {
		return nil, ErrInexact{"hfsc " + name + " curve's d"}
	}
	return []string{name, "m1", RateWord(uint64(sc.M1)), "d", TimeWord(d), "m2", m2}, nil
}
