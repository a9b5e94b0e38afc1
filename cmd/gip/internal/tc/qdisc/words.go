package qdisc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Words are a kind's options as the words its grammar takes: one group
// per option (a keyword and its values), exact, so that they parse back
// into the options they came from. gip state writes a qdisc's or class's
// options this way and compares them group by group.
type Words [][]string

// Flat is the words in one list.
func (w Words) Flat() []string {
	var out []string
	for _, g := range w {
		out = append(out, g...)
	}
	return out
}

// ErrNoWords says a kind cannot write its options as words (yet).
type ErrNoWords struct{ Kind string }

func (e ErrNoWords) Error() string {
	return fmt.Sprintf("the options of %s cannot be written as words", e.Kind)
}

// OptionWords are the options the kernel reports (TCA_OPTIONS' payload)
// for a qdisc (a class when class) of the kind called name, as words.
func OptionWords(name string, class bool, opts []byte) (Words, error) {
	newFn, toWords, err := wordsOf(name, class)
	if err != nil {
		return nil, err
	}
	o := newFn()
	if opts != nil {
		if err := o.Decode(opts); err != nil {
			return nil, err
		}
	}
	return readBack(name, class, newFn, toWords, o)
}

// CanonWords parses a qdisc's (a class's) option words for device dev as
// the kind's grammar does and writes them again as OptionWords would
// write them once the kernel has them.
func CanonWords(name string, class bool, dev string, words []string) (Words, error) {
	newFn, toWords, err := wordsOf(name, class)
	if err != nil {
		return nil, err
	}
	o := newFn()
	if err := parseWords(name, class, dev, words, o); err != nil {
		return nil, err
	}
	keptOptions(name, class, o)
	return readBack(name, class, newFn, toWords, o)
}

// parseWords reads words into o (from the kind's New) as the kind's
// grammar does.
func parseWords(name string, class bool, dev string, words []string, o rtnl.TCOptions) error {
	k := Lookup(name)
	parse := k.Parse
	if class {
		parse = k.Class.Parse
	}
	if parse != nil {
		return parse(NewParser(name, dev, k.Usage, words), o)
	}
	if len(words) > 0 {
		return fmt.Errorf("qdisc '%s' does not support option parsing", name)
	}
	return nil
}

// readBack is o's words once checked: they parse into options that are
// written as the same words. Words that do not (a value beyond what the
// grammar takes) are an ErrInexact, never words that say something else.
func readBack(name string, class bool, newFn func() rtnl.TCOptions, toWords func(rtnl.TCOptions, sched.Clock) (Words, error), o rtnl.TCOptions) (Words, error) {
	c := clock()
	w, err := toWords(o, c)
	if err != nil {
		return nil, err
	}
	again := newFn()
	if parseWords(name, class, "", w.Flat(), again) == nil {
		keptOptions(name, class, again)
		if w2, err := toWords(again, c); err == nil && slices.EqualFunc(w, w2, slices.Equal) {
			return w, nil
		}
	}
	return nil, ErrInexact{"options (" + strings.Join(w.Flat(), " ") + ")"}
}

func wordsOf(name string, class bool) (func() rtnl.TCOptions, func(rtnl.TCOptions, sched.Clock) (Words, error), error) {
	k, ok := kinds()[name]
	switch {
	case !ok:
		return nil, nil, ErrNoWords{name}
	case class && (k.Class == nil || k.Class.Words == nil):
		return nil, nil, ErrNoWords{name + " class"}
	case class:
		return k.Class.New, k.Class.Words, nil
	case k.Words == nil:
		return nil, nil, ErrNoWords{name}
	}
	return k.New, k.Words, nil
}

func clock() sched.Clock {
	c, _ := sched.ReadClock()
	return c
}

// noWords is the words of a kind without options.
func noWords(rtnl.TCOptions, sched.Clock) (Words, error) { return nil, nil }

// Exact spellings of values, which parse back to what they say.

// RateWord is a rate of bytes/s in bits, in the largest unit that keeps
// it whole.
func RateWord(bps uint64) string {
	bits := bps * 8
	for _, u := range []struct {
		div  uint64
		unit string
	}{{1_000_000_000_000, "Tbit"}, {1_000_000_000, "Gbit"}, {1_000_000, "Mbit"}, {1000, "Kbit"}} {
		if bits != 0 && bits%u.div == 0 {
			return strconv.FormatUint(bits/u.div, 10) + u.unit
		}
	}
	return strconv.FormatUint(bits, 10) + "bit"
}

// SizeWord is a size in bytes: kb when whole kibibytes.
func SizeWord(b uint64) string {
	if b != 0 && b%1024 == 0 {
		return strconv.FormatUint(b/1024, 10) + "kb"
	}
	return strconv.FormatUint(b, 10) + "b"
}

// BurstWord is the size whose transmit time at rate is ticks: the bucket
// a kind keeps in ticks, spelt so that it parses back to the same ticks.
func BurstWord(c sched.Clock, rate uint64, ticks uint32) string {
	b := c.XmitSize(rate, ticks)
	for _, d := range []uint64{0, 1, 2, 3} {
		if c.XmitTime(rate, b+d) == ticks {
			return SizeWord(b + d)
		}
		if b >= d && c.XmitTime(rate, b-d) == ticks {
			return SizeWord(b - d)
		}
	}
	return SizeWord(b)
}

// rateSpecWords are the words of a rate's accounting that differ from
// the defaults: overhead, mpu, link layer.
func rateSpecWords(r rtnl.RateSpec) Words {
	var w Words
	if r.Overhead != 0 {
		w = append(w, []string{"overhead", strconv.FormatUint(uint64(r.Overhead), 10)})
	}
	if r.MPU != 0 {
		w = append(w, []string{"mpu", strconv.FormatUint(uint64(r.MPU), 10)})
	}
	if ll := r.Linklayer & sched.LinklayerMask; ll > sched.LinklayerEthernet {
		w = append(w, []string{"linklayer", sched.LinklayerText(ll)})
	}
	return w
}

func u32Word(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

// ErrInexact says a value the kernel reports has no words that parse
// back to it.
type ErrInexact struct{ What string }

func (e ErrInexact) Error() string {
	return "the " + e.What + " the kernel reports cannot be written as words"
}

// ExactRate is RateWord when the word parses back to bps (rates beyond
// a float64's precision do not).
func ExactRate(what string, bps uint64) (string, error) {
	w := RateWord(bps)
	if r, err := grammar.ParseRate(w); err != nil || r != bps || bps > 1<<61 {
		return "", ErrInexact{what}
	}
	return w, nil
}

// TimeWord is a time of µs in the largest unit that keeps it whole.
func TimeWord(us uint64) string {
	switch {
	case us != 0 && us%1_000_000 == 0:
		return strconv.FormatUint(us/1_000_000, 10) + "s"
	case us != 0 && us%1000 == 0:
		return strconv.FormatUint(us/1000, 10) + "ms"
	}
	return strconv.FormatUint(us, 10) + "us"
}
