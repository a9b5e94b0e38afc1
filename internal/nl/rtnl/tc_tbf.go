package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the tbf qdisc (TCA_TBF_* in pkt_sched.h).
const (
	tcaTBFParms   = 1
	tcaTBFRtab    = 2
	tcaTBFPtab    = 3
	tcaTBFRate64  = 4
	tcaTBFPrate64 = 5
	tcaTBFBurst   = 6
	tcaTBFPburst  = 7
)

// TBFParms is struct tc_tbf_qopt: the rate and peak rate, the queue limit
// in bytes, and the bucket sizes in scheduler ticks.
type TBFParms struct {
	Rate, Peak RateSpec
	Limit      uint32
	Buffer     uint32 // ticks
	MTU        uint32 // ticks, for the peak rate's bucket
}

const tbfParmsLen = 2*RateSpecLen + 12

// TBF is the options of the tbf qdisc.
type TBF struct {
	Parms           Opt[TBFParms]
	Rate64, Prate64 Opt[uint64]
	Burst, Pburst   Opt[uint32] // bytes
	RTab, PTab      Opt[RateTable]
}

// Encode implements TCOptions, in tc's order.
func (t *TBF) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if p, ok := t.Parms.Get(); ok {
		b := p.Rate.Append(make([]byte, 0, tbfParmsLen))
		b = p.Peak.Append(b)
		b = ne.AppendUint32(b, p.Limit)
		b = ne.AppendUint32(b, p.Buffer)
		e.Bytes(tcaTBFParms, ne.AppendUint32(b, p.MTU))
	}
	if v, ok := t.Burst.Get(); ok {
		e.Uint32(tcaTBFBurst, v)
	}
	if v, ok := t.Rate64.Get(); ok {
		e.Uint64(tcaTBFRate64, v)
	}
	if r, ok := t.RTab.Get(); ok {
		e.Bytes(tcaTBFRtab, r.append(nil))
	}
	if v, ok := t.Prate64.Get(); ok {
		e.Uint64(tcaTBFPrate64, v)
	}
	if v, ok := t.Pburst.Get(); ok {
		e.Uint32(tcaTBFPburst, v)
	}
	if r, ok := t.PTab.Get(); ok {
		e.Bytes(tcaTBFPtab, r.append(nil))
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (t *TBF) Decode(b []byte) error {
	*t = TBF{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaTBFParms:
			if len(v) >= tbfParmsLen {
				r, _ := DecodeRateSpec(v)
				p, _ := DecodeRateSpec(v[RateSpecLen:])
				u := v[2*RateSpecLen:]
				t.Parms = Some(TBFParms{r, p, ne.Uint32(u), ne.Uint32(u[4:]), ne.Uint32(u[8:])})
			}
		case tcaTBFRate64:
			t.Rate64 = Some(d.Uint64())
		case tcaTBFPrate64:
			t.Prate64 = Some(d.Uint64())
		case tcaTBFBurst:
			t.Burst = Some(d.Uint32())
		case tcaTBFPburst:
			t.Pburst = Some(d.Uint32())
		case tcaTBFRtab:
			t.RTab = decodeRateTable(v)
		case tcaTBFPtab:
			t.PTab = decodeRateTable(v)
		}
	}
	return d.Err()
}
