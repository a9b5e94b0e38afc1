package action

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const policeUsage = "Usage: ... police [ rate BPS burst BYTES[/BYTES] ] \n" +
	"\t\t[ pkts_rate RATE pkts_burst PACKETS ] [ mtu BYTES[/BYTES] ]\n" +
	"\t\t[ peakrate BPS ] [ avrate BPS ] [ overhead BYTES ]\n" +
	"\t\t[ linklayer TYPE ] [ CONTROL ]\n" +
	"Where: CONTROL := conform-exceed <EXCEEDACT>[/NOTEXCEEDACT]\n" +
	"\t\t  Define how to handle packets which exceed (<EXCEEDACT>)\n" +
	"\t\t  or conform (<NOTEXCEEDACT>) the configured bandwidth limit.\n" +
	"       EXCEEDACT/NOTEXCEEDACT := { pipe | ok | reclassify | drop | continue |\n" +
	"\t\t\t\t   goto chain <CHAIN_INDEX> }\n"

// policeKind is police: a token-bucket policer on bytes or packets, or
// an average-rate check, with verdicts for packets over and under it.
func policeKind() *Kind {
	k := &Kind{Name: "police", Usage: policeUsage}
	k.New, k.Parse, k.Print = typed(parsePolice, printPolice)
	return k
}

// policeArgs is what the grammar collects before tables and ticks.
type policeArgs struct {
	parms            rtnl.PoliceParms
	buffer, mtu, mpu uint64
	rcell, pcell     int
	rate, peak       uint64
	avrate           uint32
	result           int32
	overhead         uint16
	linklayer        uint8
	pps, ppsBurst    uint64
	seen             bool
}

// policeControls are the verdict words police reads without
// conform-exceed, in tc's order.
var policeControls = []string{"reclassify", "drop", "shot", "continue", "pass", "ok", "pipe", "goto"}

func parsePolice(p *Parser, o *rtnl.Police) error {
	p.Next() // "police"
	if !p.More() {
		return fail.Incomplete()
	}
	a := policeArgs{rcell: -1, pcell: -1, linklayer: sched.LinklayerEthernet}
	a.parms.Action = rtnl.ActReclassify
	value := func() (string, error) {
		p.Next()
		if !p.More() {
			return "", fail.Incomplete()
		}
		return p.Peek(), nil
	}
	size := func(key, v string, dst *uint64, cell *int) error {
		n, c, err := grammar.ParseSizeCell(v)
		if err != nil || n > 1<<32-1 {
			return fail.Invalid(key, v)
		}
		*dst, *cell = n, c
		return nil
	}
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		var v string
		var err error
		switch {
		case m("index"):
			if v, err = value(); err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 10, 0xffffffff)
			if !ok {
				return fail.Invalid("index", v)
			}
			a.parms.Index = uint32(n)
		case m("burst") || w == "buffer" || w == "maxburst":
			if v, err = value(); err != nil {
				return err
			}
			if a.buffer != 0 {
				return fail.Duplicate("buffer/burst", v)
			}
			if err := size("buffer", v, &a.buffer, &a.rcell); err != nil {
				return err
			}
		case w == "mtu" || w == "minburst":
			if v, err = value(); err != nil {
				return err
			}
			if a.mtu != 0 {
				return fail.Duplicate("mtu/minburst", v)
			}
			if err := size("mtu", v, &a.mtu, &a.pcell); err != nil {
				return err
			}
		case w == "mpu":
			if v, err = value(); err != nil {
				return err
			}
			if a.mpu != 0 {
				return fail.Duplicate("mpu", v)
			}
			n, perr := grammar.ParseSize(v)
			if perr != nil || n > 1<<32-1 {
				return fail.Invalid("mpu", v)
			}
			a.mpu = n
		case w == "rate":
			if v, err = value(); err != nil {
				return err
			}
			if a.rate != 0 {
				return fail.Duplicate("rate", v)
			}
			if a.rate, err = grammar.ParseRate(v); err != nil {
				return fail.Invalid("rate", v)
			}
		case w == "avrate":
			if v, err = value(); err != nil {
				return err
			}
			if a.avrate != 0 {
				return fail.Duplicate("avrate", v)
			}
			if a.avrate, err = grammar.ParseRate32(v); err != nil {
				return fail.Invalid("avrate", v)
			}
		case m("peakrate"):
			if v, err = value(); err != nil {
				return err
			}
			if a.peak != 0 {
				return fail.Duplicate("peakrate", v)
			}
			if a.peak, err = grammar.ParseRate(v); err != nil {
				return fail.Invalid("peakrate", v)
			}
		case matchesAny(w, policeControls):
			c, ok, err := p.ParseControl(false)
			if err != nil {
				return err
			}
			if !ok {
				return p.Fail("Bad action type " + w)
			}
			a.parms.Action = c
			a.seen = true
			continue
		case w == "conform-exceed":
			if _, err = value(); err != nil {
				return err
			}
			if err := parseControlSlash(p, &a.parms.Action, &a.result); err != nil {
				return err
			}
			a.seen = true
			continue
		case m("overhead"):
			if v, err = value(); err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 10, 0xffff)
			if !ok {
				return fail.Invalid("overhead", v)
			}
			a.overhead = uint16(n)
		case m("linklayer"):
			if v, err = value(); err != nil {
				return err
			}
			ll, ok := sched.ParseLinklayer(v)
			if !ok {
				return fail.Invalid("linklayer", v)
			}
			a.linklayer = ll
		case m("pkts_rate"):
			if v, err = value(); err != nil {
				return err
			}
			if a.pps != 0 {
				return fail.Duplicate("pkts_rate", v)
			}
			if a.pps, err = strconv.ParseUint(v, 10, 64); err != nil {
				return fail.Invalid("pkts_rate", v)
			}
		case m("pkts_burst"):
			if v, err = value(); err != nil {
				return err
			}
			if a.ppsBurst != 0 {
				return fail.Duplicate("pkts_burst", v)
			}
			if a.ppsBurst, err = strconv.ParseUint(v, 10, 64); err != nil {
				return fail.Invalid("pkts_burst", v)
			}
		case w == "help":
			return fail.Fatal(fail.ExitUsage, trimNL(policeUsage))
		default:
			break loop
		}
		p.Next()
		a.seen = true
	}
	return buildPolice(p, &a, o)
}

func matchesAny(w string, words []string) bool {
	for _, x := range words {
		if grammar.Matches(w, x) {
			return true
		}
	}
	return false
}

// parseControlSlash reads EXCEED[/CONFORM], or "EXCEED / CONFORM" as
// three words, as tc's parse_action_control_slash (numbers allowed); a
// conform verdict of 0 (pass) is not kept, as tc does not send it.
func parseControlSlash(p *Parser, exceed, conform *int32) error {
	w := p.Peek()
	if first, second, ok := strings.Cut(w, "/"); ok {
		a, ok1 := controlWord(first, true)
		b, ok2 := controlWord(second, true)
		if !ok1 || !ok2 {
			return p.Fail()
		}
		*exceed, *conform = a, b
		p.Next()
		return nil
	}
	c, ok, err := p.ParseControl(true)
	if err != nil {
		return err
	}
	if !ok {
		return p.Fail("Bad action type " + w)
	}
	*exceed = c
	if p.More() && p.Peek() == "/" {
		p.Next()
		if !p.More() {
			return fail.Incomplete()
		}
		w := p.Peek()
		c, ok, err := p.ParseControl(true)
		if err != nil {
			return err
		}
		if !ok {
			return p.Fail("Bad action type " + w)
		}
		*conform = c
	}
	return nil
}

// buildPolice checks police's combinations and computes the tables and
// ticks, as tc does after its loop.
func buildPolice(p *Parser, a *policeArgs, o *rtnl.Police) error {
	switch {
	case !a.seen:
		return p.Fail()
	case a.rate != 0 && a.avrate != 0:
		return p.Fail()
	case a.rate == 0 && a.avrate == 0 && a.parms.Index == 0 && a.mtu == 0 && a.pps == 0:
		return p.Fail("'rate' or 'avrate' or 'mtu' or 'pkts_rate' MUST be specified.")
	case a.rate != 0 && a.buffer == 0 && a.avrate == 0:
		return p.Fail("'burst' requires 'rate'.")
	case a.pps != 0 && a.ppsBurst == 0:
		return p.Fail("'pkts_burst' requires 'pkts_rate'.")
	case a.pps != 0 && a.rate != 0:
		return p.Fail("'rate' and 'pkts_rate' are not allowed in same action.")
	case a.peak != 0 && a.rate == 0:
		return p.Fail("'peakrate' requires 'rate'.")
	case a.peak != 0 && a.mtu == 0:
		return p.Fail("'mtu' is required, if 'peakrate' is requested.")
	}
	*o = rtnl.Police{}
	clock := p.Clock()
	if a.rate != 0 {
		a.parms.Rate = rtnl.RateSpec{Rate: saturate32(a.rate), MPU: uint16(a.mpu), Overhead: a.overhead, Linklayer: a.linklayer}
		o.RTab = rtnl.Some(clock.RateTable(&a.parms.Rate, a.rate, a.rcell, uint32(a.mtu)))
		a.parms.Burst = clock.XmitTime(a.rate, a.buffer)
		if a.rate >= 1<<32 {
			o.Rate64 = rtnl.Some(a.rate)
		}
	}
	a.parms.MTU = uint32(a.mtu)
	if a.peak != 0 {
		a.parms.Peak = rtnl.RateSpec{Rate: saturate32(a.peak), MPU: uint16(a.mpu), Overhead: a.overhead, Linklayer: a.linklayer}
		o.PTab = rtnl.Some(clock.RateTable(&a.parms.Peak, a.peak, a.pcell, uint32(a.mtu)))
		if a.peak >= 1<<32 {
			o.Peak64 = rtnl.Some(a.peak)
		}
	}
	o.Parms = rtnl.Some(a.parms)
	if a.avrate != 0 {
		o.Avrate = rtnl.Some(a.avrate)
	}
	if a.result != 0 {
		o.Result = rtnl.Some(a.result)
	}
	if a.pps != 0 {
		o.PktRate64 = rtnl.Some(a.pps)
		o.PktBurst64 = rtnl.Some(uint64(clock.XmitTime(a.pps, a.ppsBurst)))
	}
	return nil
}

func saturate32(v uint64) uint32 {
	if v >= 1<<32 {
		return 1<<32 - 1
	}
	return uint32(v)
}

func printPolice(f *format.Fields, o *rtnl.Police, v *View) {
	f.String("kind", "", "police")
	q, ok := o.Parms.Get()
	if !ok {
		return
	}
	rate := uint64(q.Rate.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	f.Literal(" police 0x" + strconv.FormatUint(uint64(q.Index), 16) + " ")
	f.Uint("index", "", uint64(q.Index))
	f.Literal("rate " + v.Rate(rate) + " ")
	f.Literal("burst " + sched.SizeText(v.Clock.XmitSize(rate, q.Burst)) + " ")
	f.Literal("mtu " + sched.SizeText(uint64(q.MTU)) + " ")
	if v.Raw {
		f.Literal("[" + hex8(q.Burst) + "] ")
	}
	peak := uint64(q.Peak.Rate)
	if r, ok := o.Peak64.Get(); ok {
		peak = r
	}
	if peak != 0 {
		f.Literal("peakrate " + v.Rate(peak) + " ")
	}
	if r, ok := o.Avrate.Get(); ok {
		f.Literal("avrate " + v.Rate(uint64(r)) + " ")
	}
	if o.PktRate64.Set && o.PktBurst64.Set {
		pps := o.PktRate64.V
		f.Uint("pkts_rate", "pkts_rate %u ", pps)
		f.Uint("pkts_burst", "pkts_burst %u ", v.Clock.XmitSize(pps, uint32(o.PktBurst64.V)))
	}
	PrintControl(f, "action ", q.Action, "")
	if r, ok := o.Result.Get(); ok {
		PrintControl(f, "/", r, " ")
	} else {
		f.Literal(" ")
	}
	f.Uint("overhead", "", uint64(q.Rate.Overhead))
	f.Literal("overhead " + sched.SizeText(uint64(q.Rate.Overhead)) + " ")
	if ll := q.Rate.Linklayer & sched.LinklayerMask; ll > sched.LinklayerEthernet || v.Details {
		f.String("linklayer", "linklayer %s ", sched.LinklayerText(ll))
	}
	f.Line()
	f.Int("ref", "\tref %d ", int64(q.Refcnt))
	f.Int("bind", "bind %d ", int64(q.Bindcnt))
	if t, ok := o.Times.Get(); ok && v.Stats {
		printTimes(f, t, v)
	}
	f.Line()
}

// hex8 is a 32-bit value as tc's "%08x".
func hex8(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 8-len(s)) + s
}

// ParseFilterPolice reads a filter's own policer (u32's, fw's, ...
// "police", sent as TCA_<KIND>_POLICE) with the police action's grammar;
// the cursor is on the word "police".
func ParseFilterPolice(a *grammar.Args) (*rtnl.Police, error) {
	o := &rtnl.Police{}
	if err := parsePolice(&Parser{Args: a, Usage: policeUsage}, o); err != nil {
		return nil, err
	}
	return o, nil
}

// PrintFilterPolice prints a filter's own policer as tc does: the police
// action's fields, in the filter's options.
func PrintFilterPolice(f *format.Fields, o *rtnl.Police, v *View) {
	printPolice(f, o, v)
}
