package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the police action (TCA_POLICE_* in pkt_cls.h).
const (
	tcaPoliceTBF        = 1
	tcaPoliceRate       = 2
	tcaPolicePeakrate   = 3
	tcaPoliceAvrate     = 4
	tcaPoliceResult     = 5
	tcaPoliceTM         = 6
	tcaPoliceRate64     = 8
	tcaPolicePeakrate64 = 9
	tcaPolicePktrate64  = 10
	tcaPolicePktburst64 = 11
)

// PoliceParms is struct tc_police: the policer's token bucket, in ticks,
// with its index, exceed verdict and reference counts.
type PoliceParms struct {
	Index   uint32
	Action  int32 // the verdict for packets over the limit
	Limit   uint32
	Burst   uint32 // ticks
	MTU     uint32 // bytes
	Rate    RateSpec
	Peak    RateSpec
	Refcnt  int32
	Bindcnt int32
	Capab   uint32
}

// PoliceParmsLen is the size of struct tc_police.
const PoliceParmsLen = 20 + 2*RateSpecLen + 12

// Append appends p as struct tc_police.
func (p PoliceParms) Append(b []byte) []byte {
	b = ne.AppendUint32(b, p.Index)
	b = ne.AppendUint32(b, uint32(p.Action))
	b = ne.AppendUint32(b, p.Limit)
	b = ne.AppendUint32(b, p.Burst)
	b = ne.AppendUint32(b, p.MTU)
	b = p.Rate.Append(b)
	b = p.Peak.Append(b)
	b = ne.AppendUint32(b, uint32(p.Refcnt))
	b = ne.AppendUint32(b, uint32(p.Bindcnt))
	return ne.AppendUint32(b, p.Capab)
}

// DecodePoliceParms reads struct tc_police.
func DecodePoliceParms(b []byte) (PoliceParms, bool) {
	if len(b) < PoliceParmsLen {
		return PoliceParms{}, false
	}
	r, _ := DecodeRateSpec(b[20:])
	pk, _ := DecodeRateSpec(b[20+RateSpecLen:])
	u := b[20+2*RateSpecLen:]
	return PoliceParms{
		Index: ne.Uint32(b), Action: int32(ne.Uint32(b[4:])), Limit: ne.Uint32(b[8:]),
		Burst: ne.Uint32(b[12:]), MTU: ne.Uint32(b[16:]), Rate: r, Peak: pk,
		Refcnt: int32(ne.Uint32(u)), Bindcnt: int32(ne.Uint32(u[4:])), Capab: ne.Uint32(u[8:]),
	}, true
}

// Police is the options of the police action: a token-bucket policer on
// bytes or packets, or an average-rate estimator, with what to do with
// packets that exceed it (Parms.Action) and that conform (Result).
type Police struct {
	Parms      Opt[PoliceParms]
	RTab, PTab Opt[RateTable] // sent by tc, never reported
	Rate64     Opt[uint64]
	Peak64     Opt[uint64]
	Avrate     Opt[uint32]
	Result     Opt[int32]
	PktRate64  Opt[uint64]
	PktBurst64 Opt[uint64] // ticks
	Times      Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (p *Police) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	p.encodeBody(e)
	e.Unnest()
}

// EncodeNest appends the policer as the nest typ of a filter's options
// (TCA_U32_POLICE, TCA_FW_POLICE, ...), without NLA_F_NESTED as tc sends
// it: the kernel binds such a policer to the filter itself.
func (p *Police) EncodeNest(e *nl.AttrEncoder, typ uint16) {
	e.NestPlain(typ)
	p.encodeBody(e)
	e.Unnest()
}

// decodeFilterPolice reads a filter's own policer; nil when empty or
// undecodable.
func decodeFilterPolice(b []byte) *Police {
	p := &Police{}
	if len(b) == 0 || p.Decode(b) != nil {
		return nil
	}
	return p
}

func (p *Police) encodeBody(e *nl.AttrEncoder) {
	if v, ok := p.Parms.Get(); ok {
		e.Bytes(tcaPoliceTBF, v.Append(nil))
	}
	if t, ok := p.RTab.Get(); ok {
		e.Bytes(tcaPoliceRate, t.append(nil))
	}
	if v, ok := p.Rate64.Get(); ok {
		e.Uint64(tcaPoliceRate64, v)
	}
	if t, ok := p.PTab.Get(); ok {
		e.Bytes(tcaPolicePeakrate, t.append(nil))
	}
	if v, ok := p.Peak64.Get(); ok {
		e.Uint64(tcaPolicePeakrate64, v)
	}
	if v, ok := p.Avrate.Get(); ok {
		e.Uint32(tcaPoliceAvrate, v)
	}
	if v, ok := p.Result.Get(); ok {
		e.Int32(tcaPoliceResult, v)
	}
	if v, ok := p.PktRate64.Get(); ok {
		e.Uint64(tcaPolicePktrate64, v)
	}
	if v, ok := p.PktBurst64.Get(); ok {
		e.Uint64(tcaPolicePktburst64, v)
	}
}

// Decode implements TCOptions.
func (p *Police) Decode(b []byte) error {
	*p = Police{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaPoliceTBF:
			if q, ok := DecodePoliceParms(v); ok {
				p.Parms = Some(q)
			}
		case tcaPoliceRate:
			p.RTab = decodeRateTable(v)
		case tcaPolicePeakrate:
			p.PTab = decodeRateTable(v)
		case tcaPoliceRate64:
			if len(v) >= 8 {
				p.Rate64 = Some(ne.Uint64(v))
			}
		case tcaPolicePeakrate64:
			if len(v) >= 8 {
				p.Peak64 = Some(ne.Uint64(v))
			}
		case tcaPoliceAvrate:
			if len(v) >= 4 {
				p.Avrate = Some(ne.Uint32(v))
			}
		case tcaPoliceResult:
			if len(v) >= 4 {
				p.Result = Some(int32(ne.Uint32(v)))
			}
		case tcaPolicePktrate64:
			if len(v) >= 8 {
				p.PktRate64 = Some(ne.Uint64(v))
			}
		case tcaPolicePktburst64:
			if len(v) >= 8 {
				p.PktBurst64 = Some(ne.Uint64(v))
			}
		case tcaPoliceTM:
			if t, ok := DecodeTCFTimes(v); ok {
				p.Times = Some(t)
			}
		}
	}
	return d.Err()
}
