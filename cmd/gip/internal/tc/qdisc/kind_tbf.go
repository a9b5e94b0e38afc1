package qdisc

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const tbfUsage = `Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]
	[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]`

// tbfKind is tbf, the token bucket filter.
func tbfKind() *Kind {
	k := &Kind{Name: "tbf", Usage: tbfUsage}
	k.New, k.Parse, k.Print = typed(parseTBF, printTBF)
	k.Words = func(o rtnl.TCOptions, c sched.Clock) (Words, error) { return tbfWords(o.(*rtnl.TBF), c), nil }
	return k
}

// tbfArgs is what the grammar collects before tables and ticks are
// computed.
type tbfArgs struct {
	limit, latency, buffer, mtu, mpu uint64
	rate, peak                       uint64
	rcell, pcell                     int
	overhead                         uint16
	linklayer                        uint8
}

func parseTBF(p *Parser, o *rtnl.TBF) error {
	a := tbfArgs{rcell: -1, pcell: -1, linklayer: sched.LinklayerEthernet}
	illegal := func(key, v string) error { return p.Fail(false, `tbf: illegal value for "`+key+`": "`+v+`"`) }
	dup := func(what string) error { return p.Fail(false, `tbf: duplicate "`+what+`" specification`) }
	for p.More() {
		w := p.Next()
		v := ""
		if w != "help" && (grammar.Matches(w, "limit") || grammar.Matches(w, "latency") ||
			grammar.Matches(w, "burst") || w == "buffer" || w == "maxburst" || w == "mtu" || w == "minburst" ||
			w == "mpu" || w == "rate" || grammar.Matches(w, "peakrate") || grammar.Matches(w, "overhead") ||
			grammar.Matches(w, "linklayer")) {
			var err error
			if v, err = p.Value(); err != nil {
				return err
			}
		}
		switch {
		case grammar.Matches(w, "limit"):
			if a.limit != 0 {
				return dup("limit")
			}
			if a.latency != 0 {
				return p.Fail(false, `tbf: specifying both "latency" and "limit" is not allowed`)
			}
			n, err := grammar.ParseSize(v)
			if err != nil || n > 1<<32-1 {
				return illegal("limit", v)
			}
			a.limit = n
		case grammar.Matches(w, "latency"):
			if a.latency != 0 {
				return dup("latency")
			}
			if a.limit != 0 {
				return p.Fail(false, `tbf: specifying both "limit" and "/latency" is not allowed`)
			}
			t, err := grammar.ParseTime(v)
			if err != nil || t > 1<<32-1 {
				return illegal("latency", v)
			}
			a.latency = t
		case grammar.Matches(w, "burst") || w == "buffer" || w == "maxburst":
			if a.buffer != 0 {
				return dup("buffer/burst/maxburst")
			}
			n, c, err := grammar.ParseSizeCell(v)
			if err != nil || n > 1<<32-1 {
				return illegal(w, v)
			}
			a.buffer, a.rcell = n, c
		case w == "mtu" || w == "minburst":
			if a.mtu != 0 {
				return dup("mtu/minburst")
			}
			n, c, err := grammar.ParseSizeCell(v)
			if err != nil || n > 1<<32-1 {
				return illegal(w, v)
			}
			a.mtu, a.pcell = n, c
		case w == "mpu":
			if a.mpu != 0 {
				return dup("mpu")
			}
			n, err := grammar.ParseSize(v)
			if err != nil || n > 1<<32-1 {
				return illegal("mpu", v)
			}
			a.mpu = n
		case w == "rate":
			if a.rate != 0 {
				return dup("rate")
			}
			r, err := p.rate(v)
			if err != nil {
				return illegal("rate", v)
			}
			a.rate = r
		case grammar.Matches(w, "peakrate"):
			if a.peak != 0 {
				return dup("peakrate")
			}
			r, err := p.rate(v)
			if err != nil {
				return illegal("peakrate", v)
			}
			a.peak = r
		case grammar.Matches(w, "overhead"):
			if a.overhead != 0 {
				return dup("overhead")
			}
			n, err := strconv.ParseUint(v, 10, 16)
			if err != nil {
				return illegal("overhead", v)
			}
			a.overhead = uint16(n)
		case grammar.Matches(w, "linklayer"):
			ll, ok := sched.ParseLinklayer(v)
			if !ok {
				return illegal("linklayer", v)
			}
			a.linklayer = ll
		case w == "help":
			return p.Fail(true)
		default:
			return p.Fail(true, `tbf: unknown parameter "`+w+`"`)
		}
	}
	return buildTBF(p, &a, o)
}

// buildTBF checks what tbf requires, reporting every missing piece at
// once as tc does, and computes the limit, tables and ticks.
func buildTBF(p *Parser, a *tbfArgs, o *rtnl.TBF) error {
	var missing []string
	if a.rate == 0 {
		missing = append(missing, `tbf: the "rate" parameter is mandatory.`)
	}
	if a.buffer == 0 {
		missing = append(missing, `tbf: the "burst" parameter is mandatory.`)
	}
	if a.peak != 0 && a.mtu == 0 {
		missing = append(missing, `tbf: when "peakrate" is specified, "mtu" must also be specified.`)
	}
	if a.limit == 0 && a.latency == 0 {
		missing = append(missing, `tbf: either "limit" or "latency" is required.`)
	}
	if missing != nil {
		return p.Fail(true, missing...)
	}
	parms := rtnl.TBFParms{
		Rate: rtnl.RateSpec{Rate: saturate32(a.rate), MPU: uint16(a.mpu), Overhead: a.overhead, Linklayer: a.linklayer},
		Peak: rtnl.RateSpec{Rate: saturate32(a.peak), Linklayer: a.linklayer},
	}
	parms.Limit = uint32(a.limit)
	if a.limit == 0 {
		lim := float64(a.rate)*float64(a.latency)/1e6 + float64(a.buffer)
		if a.peak != 0 {
			if lim2 := float64(a.peak)*float64(a.latency)/1e6 + float64(a.mtu); lim2 < lim {
				lim = lim2
			}
		}
		parms.Limit = uint32(lim)
	}
	p.WarnSmallBucket("burst", a.buffer, "it drops every packet larger than its burst")
	clock := p.Clock()
	rtab := clock.RateTable(&parms.Rate, a.rate, a.rcell, uint32(a.mtu))
	parms.Buffer = clock.XmitTime(a.rate, a.buffer)
	*o = rtnl.TBF{RTab: rtnl.Some(rtab), Burst: rtnl.Some(uint32(a.buffer))}
	if a.peak != 0 {
		parms.Peak.MPU, parms.Peak.Overhead = uint16(a.mpu), a.overhead
		ptab := clock.RateTable(&parms.Peak, a.peak, a.pcell, uint32(a.mtu))
		parms.MTU = clock.XmitTime(a.peak, a.mtu)
		o.PTab, o.Pburst = rtnl.Some(ptab), rtnl.Some(uint32(a.mtu))
		if a.peak >= 1<<32 {
			o.Prate64 = rtnl.Some(a.peak)
		}
	}
	if a.rate >= 1<<32 {
		o.Rate64 = rtnl.Some(a.rate)
	}
	o.Parms = rtnl.Some(parms)
	return nil
}

// tbfWords are a tbf's words: rate, burst and limit in bytes, the peak
// rate and its mtu when set, and the accounting. tc gives the buckets in
// bytes, which the kernel turns into ticks with its own arithmetic: both
// the options read back and those about to be sent are written as the
// sizes whose ticks the kernel keeps.
func tbfWords(o *rtnl.TBF, c sched.Clock) Words {
	q, ok := o.Parms.Get()
	if !ok {
		return nil
	}
	rate, peak := uint64(q.Rate.Rate), uint64(q.Peak.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	if r, ok := o.Prate64.Get(); ok {
		peak = r
	}
	bucket := func(rate uint64, r rtnl.RateSpec, ticks uint32, bytes rtnl.Opt[uint32]) string {
		if b, ok := bytes.Get(); ok {
			ticks = sched.KernelTicks(rate, r, uint64(b))
		}
		if b, ok := sched.KernelSize(rate, r, ticks); ok {
			return SizeWord(b)
		}
		return BurstWord(c, rate, ticks)
	}
	w := Words{{"rate", RateWord(rate)}, {"burst", bucket(rate, q.Rate, q.Buffer, o.Burst)}, {"limit", SizeWord(uint64(q.Limit))}}
	if peak != 0 {
		w = append(w, []string{"peakrate", RateWord(peak)}, []string{"mtu", bucket(peak, q.Peak, q.MTU, o.Pburst)})
	}
	return append(w, rateSpecWords(q.Rate)...)
}

func printTBF(f *format.Fields, o *rtnl.TBF, v *View) {
	q, ok := o.Parms.Get()
	if !ok {
		return
	}
	rate := uint64(q.Rate.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	f.Uint("rate", "", rate)
	f.Literal("rate " + v.Rate(rate) + " ")
	buffer := v.Clock.XmitSize(rate, q.Buffer)
	if v.Details {
		f.String("burst", "burst %s ", sched.SizeText(buffer)+"/"+utoa(1<<q.Rate.CellLog))
		f.Uint("mpu", "", uint64(q.Rate.MPU))
		f.Literal("mpu " + sched.SizeText(uint64(q.Rate.MPU)) + " ")
	} else {
		f.Uint("burst", "", buffer)
		f.Literal("burst " + sched.SizeText(buffer) + " ")
	}
	if v.Raw {
		f.String("burst_raw", "[%s] ", hex8(q.Buffer))
	}
	peak := uint64(q.Peak.Rate)
	if r, ok := o.Prate64.Get(); ok {
		peak = r
	}
	if peak != 0 {
		f.Literal("peakrate " + v.Rate(peak) + " ")
		if q.MTU != 0 || q.Peak.MPU != 0 {
			mtu := v.Clock.XmitSize(peak, q.MTU)
			if v.Details {
				f.String("mtu", "mtu %s ", sched.SizeText(mtu)+"/"+utoa(1<<q.Peak.CellLog))
				f.Uint("mpu", "", uint64(q.Peak.MPU))
				f.Literal("mpu " + sched.SizeText(uint64(q.Peak.MPU)) + " ")
			} else {
				f.Uint("minburst", "", mtu)
				f.Literal("minburst " + sched.SizeText(mtu) + " ")
			}
			if v.Raw {
				f.String("mtu_raw", "[%s] ", hex8(q.MTU))
			}
		}
	}
	latency := 1e6*(float64(q.Limit)/float64(rate)) - v.Clock.Ticks2Usec(q.Buffer)
	if peak != 0 {
		if lat2 := 1e6*(float64(q.Limit)/float64(peak)) - v.Clock.Ticks2Usec(q.MTU); lat2 > latency {
			latency = lat2
		}
	}
	if latency >= 0 {
		f.Uint("lat", "", uint64(latency))
		f.Literal("lat " + sched.TimeText(uint64(latency)) + " ")
	}
	if v.Raw || latency < 0 {
		f.Uint("limit", "", uint64(q.Limit))
		f.Literal("limit " + sched.SizeText(uint64(q.Limit)) + " ")
	}
	if q.Rate.Overhead != 0 {
		f.Int("overhead", "overhead %d ", int64(q.Rate.Overhead))
	}
	if ll := q.Rate.Linklayer & sched.LinklayerMask; ll > sched.LinklayerEthernet || v.Details {
		f.String("linklayer", "linklayer %s ", sched.LinklayerText(ll))
	}
}
