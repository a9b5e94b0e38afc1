package action

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const gactUsage = "Usage: ... gact <ACTION> [RAND] [INDEX]\n" +
	"Where: \tACTION := reclassify | drop | continue | pass | pipe |\n" +
	"       \t          goto chain <CHAIN_INDEX> | jump <JUMP_COUNT>\n" +
	"\tRAND := random <RANDTYPE> <ACTION> <VAL>\n" +
	"\tRANDTYPE := netrand | determ\n" +
	"\tVAL : = value not exceeding 10000\n" +
	"\tJUMP_COUNT := Absolute jump from start of action list\n" +
	"\tINDEX := index value used\n"

// gactUsageError is gact's usage(): the usage and exit 255, after the
// lines that say what was wrong.
func gactUsageError(lines ...string) error {
	return fail.Fatal(fail.ExitUsage, strings.Join(append(lines, gactUsage), "\n"))
}

// gactControlError is gact's end on a bad verdict: tc's report of it,
// then the usage (a verdict cut short is the error it is).
func gactControlError(err error) error {
	if fe, ok := err.(*fail.Error); ok && fe.Code == fail.ExitLocal {
		return gactUsageError(fe.Msg)
	}
	return err
}

// Random kinds of gact's second verdict (PGACT_*).
const (
	pgactNetrand = 1
	pgactDeterm  = 2
)

// gactKind is gact: a verdict (drop, pass, goto chain ...), optionally a
// random second one.
func gactKind() *Kind {
	k := &Kind{Name: "gact", Usage: gactUsage}
	k.New, k.Parse, k.Print = typed(parseGact, printGact)
	return k
}

func parseGact(p *Parser, o *rtnl.Gact) error {
	if grammar.Matches(p.Peek(), "gact") {
		p.Next()
		if !p.More() {
			return fail.Incomplete()
		}
	}
	if p.More() && !grammar.Matches(p.Peek(), "index") {
		v, ok, err := p.ParseControl(false)
		if err != nil {
			return gactControlError(err)
		}
		if !ok {
			if p.More() {
				return gactUsageError("Bad action type " + p.Peek())
			}
			return gactUsageError()
		}
		o.Parms.Action = v
		if p.More() && grammar.Matches(p.Peek(), "random") {
			p.Next()
			var pr rtnl.GactProb
			w, err := p.Value()
			if err != nil {
				return err
			}
			switch {
			case grammar.Matches(w, "netrand"):
				pr.Type = pgactNetrand
			case grammar.Matches(w, "determ"):
				pr.Type = pgactDeterm
			default:
				return p.Fail(`Illegal "random type"`)
			}
			if !p.More() {
				return fail.Incomplete()
			}
			v, ok, err := p.ParseControl(false)
			if err != nil {
				return gactControlError(err)
			}
			if !ok {
				return gactUsageError("Bad action type " + p.Peek())
			}
			pr.Action = v
			// tc prints its probability's uninitialised value when the
			// word is missing or no number; gip prints 0.
			n, perr := strconv.ParseUint(p.Next(), 10, 16)
			if perr != nil {
				return p.Fail("Illegal probability val 0x0")
			}
			if n > 10000 {
				return p.Fail("Illegal probability val  0x" + strconv.FormatUint(n, 16))
			}
			pr.Val = uint16(n)
			o.Prob = rtnl.Some(pr)
		}
	}
	if p.More() && grammar.Matches(p.Peek(), "index") {
		p.Next()
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 10, 0xffffffff)
		if !ok {
			return p.Fail(`Illegal "index"`)
		}
		o.Parms.Index = uint32(n)
	}
	return nil
}

// randomText names gact's random kinds as tc prints them.
func randomText(t uint16) string {
	switch t {
	case 0:
		return "none"
	case pgactNetrand:
		return "netrand"
	case pgactDeterm:
		return "determ"
	}
	return "unknown"
}

func printGact(f *format.Fields, o *rtnl.Gact, v *View) {
	f.String("kind", "%s ", "gact")
	PrintControl(f, "action ", o.Parms.Action, "")
	pr, _ := o.Prob.Get()
	f.Open("prob")
	f.Line()
	f.String("random_type", "\t random type %s", randomText(pr.Type))
	PrintControl(f, " ", pr.Action, " ")
	f.Int("val", "val %d", int64(pr.Val))
	f.Close()
	f.Line()
	printIndex(f, o.Parms)
	if t, ok := o.Times.Get(); ok && v.Stats {
		printTimes(f, t, v)
	}
	f.Line()
}

// printIndex prints an action's index and reference counts.
func printIndex(f *format.Fields, p rtnl.ActionParms) {
	f.Uint("index", "\t index %u", uint64(p.Index))
	f.Int("ref", " ref %d", int64(p.Refcnt))
	f.Int("bind", " bind %d", int64(p.Bindcnt))
}

// printTimes prints struct tcf_t in seconds, as tc's print_tm.
func printTimes(f *format.Fields, t rtnl.TCFTimes, v *View) {
	hz := v.HZ
	if hz == 0 {
		hz = 100
	}
	for _, x := range []struct {
		key, text string
		v         uint64
	}{{"installed", " installed %u sec", t.Install}, {"last_used", " used %u sec", t.LastUse},
		{"first_used", " firstused %u sec", t.FirstUse}, {"expires", " expires %u sec", t.Expires}} {
		if x.v != 0 {
			f.Uint(x.key, x.text, uint64(uint32(x.v/hz)))
		}
	}
}
