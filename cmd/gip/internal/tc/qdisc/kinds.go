package qdisc

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// kinds lists every qdisc kind gip configures or prints: the one place a
// kind is registered. Built on first use, as most command lines name none.
var kinds = sync.OnceValue(func() map[string]*Kind {
	return map[string]*Kind{
		"pfifo":           fifoKind("pfifo"),
		"bfifo":           fifoKind("bfifo"),
		"pfifo_head_drop": fifoKind("pfifo_head_drop"),
		"pfifo_fast":      pfifoFastKind(),
		"prio":            prioKind(),
		"noqueue":         plainKind("noqueue"),
		"mq":              plainKind("mq"),
		"ingress":         ingressKind(),
		"clsact":          clsactKind(),
		"htb":             htbKind(),
		"tbf":             tbfKind(),
		"netem":           netemKind(),
		"fq_codel":        fqCodelKind(),
		"fq":              fqKind(),
		"sfq":             sfqKind(),
		"codel":           codelKind(),
		"red":             redKind(),
		"pie":             pieKind(),
		"fq_pie":          fqPieKind(),
		"cake":            cakeKind(),
		"ets":             etsKind(),
		"mqprio":          mqprioKind(),
		"drr":             drrKind(),
		"hfsc":            hfscKind(),
	}
})

// Kind is one qdisc kind: its typed options, the grammar that fills them
// from the words after the kind's name, the printing of what the kernel
// reports, and for a classful kind its class half.
type Kind struct {
	Name  string
	Usage string // what `help` and grammar errors print (tc's explain())
	// New returns empty options, to parse into or decode into.
	New func() rtnl.TCOptions
	// Parse reads the kind's words into o (from New); nil for a kind
	// that takes none ("qdisc 'X' does not support option parsing").
	Parse func(p *Parser, o rtnl.TCOptions) error
	// Print prints decoded options as tc does, text and JSON alike; nil
	// prints nothing.
	Print func(f *format.Fields, o rtnl.TCOptions, v *View)
	// XStats prints the kind's own statistics under -s; nil for none.
	XStats func(f *format.Fields, b []byte, v *View)
	// Words writes options (from New, decoded) as the words Parse
	// takes (see OptionWords); nil for a kind gip state cannot carry.
	Words func(o rtnl.TCOptions, c sched.Clock) (Words, error)
	// Kept turns options as the grammar makes them into what the kernel
	// keeps of them and reports back (its rounding and limits), so that
	// CanonWords writes the words OptionWords reads; nil keeps them.
	Kept func(o rtnl.TCOptions)
	// Change says with which of want's words the kernel changes a
	// qdisc of words cur in place, or false when it cannot (see
	// ChangeWords); nil changes any with want's words.
	Change func(cur, want Words) (Words, bool)
	// Class is the class half of a classful kind, nil otherwise.
	Class *ClassKind
}

// ClassKind is the class half of a classful qdisc kind.
type ClassKind struct {
	New    func() rtnl.TCOptions
	Parse  func(p *Parser, o rtnl.TCOptions) error
	Print  func(f *format.Fields, o rtnl.TCOptions, v *View)
	XStats func(f *format.Fields, b []byte, v *View)
	Words  func(o rtnl.TCOptions, c sched.Clock) (Words, error)
	// Fixed says the qdisc makes its classes itself, as many as its
	// options say: tc changes them but cannot add or delete one.
	Fixed bool
}

// Lookup returns the kind called name. A kind gip does not know is
// returned as one that lists its raw options' length and refuses
// options, as tc treats kinds it has no module for.
func Lookup(name string) *Kind {
	if k, ok := kinds()[name]; ok {
		return k
	}
	return unknownKind(name)
}

// Kinds is the names of every registered kind, sorted.
func Kinds() []string {
	names := make([]string, 0, len(kinds()))
	for n := range kinds() {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Known reports whether gip knows the kind called name.
func Known(name string) bool {
	_, ok := kinds()[name]
	return ok
}

// typed adapts functions over a kind's options type P to the Kind's
// untyped fields.
func typed[T any, P interface {
	*T
	rtnl.TCOptions
}](parse func(*Parser, P) error, print func(*format.Fields, P, *View)) (func() rtnl.TCOptions, func(*Parser, rtnl.TCOptions) error, func(*format.Fields, rtnl.TCOptions, *View)) {
	newFn := func() rtnl.TCOptions { return P(new(T)) }
	var p func(*Parser, rtnl.TCOptions) error
	if parse != nil {
		p = func(ps *Parser, o rtnl.TCOptions) error { return parse(ps, o.(P)) }
	}
	var pr func(*format.Fields, rtnl.TCOptions, *View)
	if print != nil {
		pr = func(f *format.Fields, o rtnl.TCOptions, v *View) { print(f, o.(P), v) }
	}
	return newFn, p, pr
}

// Parser reads a kind's words: the argument cursor, the device the
// command names (for rates in percent of its speed), the scheduler's
// clock, and the kind's usage for error messages.
type Parser struct {
	*grammar.Args
	Kind  string
	Dev   string
	Usage string
	// Stderr takes the warnings tc prints while parsing; nil drops them.
	Stderr io.Writer
	// MTU is the device's MTU (0: unknown), for gip's warnings about
	// buckets smaller than a packet; nil knows none.
	MTU func() uint32
}

// DeviceMTU looks up the MTU of e's device dev when first asked (0 when
// it cannot).
func DeviceMTU(e *env.Env, dev string) func() uint32 {
	return func() uint32 {
		if dev == "" {
			return 0
		}
		i, err := e.Links().Index(dev)
		if err != nil {
			return 0
		}
		if lk := e.Links().Link(i); lk != nil {
			return lk.MTU
		}
		return 0
	}
}

// WarnSmallBucket warns, as tc does not, when a token bucket of burst
// bytes cannot hold a packet of the device's MTU: what tbf then does to
// such packets (drops them) or htb (sends them late) is consequence.
func (p *Parser) WarnSmallBucket(key string, burst uint64, consequence string) {
	if p.Stderr == nil || p.MTU == nil {
		return
	}
	if mtu := p.MTU(); mtu != 0 && burst < uint64(mtu) {
		fmt.Fprintf(p.Stderr, "Warning: %s: %s %s is below the MTU of %s (%d bytes): %s.\n",
			p.Kind, key, sched.SizeText(burst), p.Dev, mtu, consequence)
	}
}

// NewParser returns a parser over the words after the kind's name.
func NewParser(kind, dev, usage string, words []string) *Parser {
	return &Parser{Args: grammar.NewArgs(words), Kind: kind, Dev: dev, Usage: usage}
}

// Clock is the packet scheduler's clock.
func (p *Parser) Clock() sched.Clock { return clock() }

// Fail is a kind's grammar error as tc prints it: the message lines, then
// the kind's usage when withUsage; exit 1, as the kinds' parsers return.
func (p *Parser) Fail(withUsage bool, lines ...string) error {
	msg := strings.Join(lines, "\n")
	if withUsage {
		if msg != "" {
			msg += "\n"
		}
		msg += strings.TrimRight(p.Usage, "\n")
	}
	return fail.Localf("%s", msg)
}

// WhatIs is tc's answer to a word a kind does not take.
func (p *Parser) WhatIs(w string) error {
	return p.Fail(true, `What is "`+w+`"?`)
}

// Illegal is tc's explain1: `Illegal "KEY"` and the usage.
func (p *Parser) Illegal(key string) error {
	return p.Fail(true, `Illegal "`+key+`"`)
}

// Value is the word after a keyword, or tc's complaint that the command
// line ends too early (exit 255, as NEXT_ARG exits).
func (p *Parser) Value() (string, error) {
	return p.Args.Value()
}

// View is what printing a kind's options needs besides the options: the
// output options and the clock (buffers are ticks on the wire).
type View struct {
	Details bool // -d
	Stats   bool // -s
	Raw     bool // -raw
	IEC     bool // -iec
	Clock   sched.Clock
}

// Rate is a rate as tc prints it under the view's options.
func (v *View) Rate(bps uint64) string { return sched.RateText(bps, v.IEC) }

// unknownKind is a kind gip has no code for.
func unknownKind(name string) *Kind {
	return &Kind{
		Name: name,
		New:  func() rtnl.TCOptions { return &rtnl.UnknownOptions{} },
		Parse: func(p *Parser, _ rtnl.TCOptions) error {
			if p.More() {
				return p.Fail(false, `Unknown qdisc "`+name+`", hence option "`+p.Peek()+`" is unparsable`)
			}
			return nil
		},
		Print: func(f *format.Fields, o rtnl.TCOptions, _ *View) {
			if n := o.(*rtnl.UnknownOptions).Len; n > 0 {
				f.Uint("optlen", "[Unknown qdisc, optlen=%u] ", uint64(n))
			}
		},
	}
}
