package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the sample action (TCA_SAMPLE_* in tc_act/tc_sample.h).
const (
	tcaSampleTM     = 1
	tcaSampleParms  = 2
	tcaSampleRate   = 3
	tcaSampleTrunc  = 4
	tcaSampleGroup  = 5
	sampleParmsSize = ActionParmsLen
)

// Sample is the options of the sample action (struct tc_sample and its
// attributes): hand one packet in Rate, truncated to Trunc bytes, to a
// psample group.
type Sample struct {
	Parms ActionParms
	Rate  Opt[uint32]
	Group Opt[uint32]
	Trunc Opt[uint32]
	Times Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (s *Sample) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaSampleParms, s.Parms.Append(nil))
	if x, ok := s.Rate.Get(); ok {
		e.Uint32(tcaSampleRate, x)
	}
	if x, ok := s.Group.Get(); ok {
		e.Uint32(tcaSampleGroup, x)
	}
	if x, ok := s.Trunc.Get(); ok {
		e.Uint32(tcaSampleTrunc, x)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (s *Sample) Decode(b []byte) error {
	*s = Sample{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		x := d.Bytes()
		switch typ := d.Type(); typ {
		case tcaSampleParms:
			if len(x) >= sampleParmsSize {
				s.Parms, _ = DecodeActionParms(x)
			}
		case tcaSampleRate, tcaSampleGroup, tcaSampleTrunc:
			if len(x) < 4 {
				continue
			}
			v := Some(ne.Uint32(x))
			switch typ {
			case tcaSampleRate:
				s.Rate = v
			case tcaSampleGroup:
				s.Group = v
			default:
				s.Trunc = v
			}
		case tcaSampleTM:
			if t, ok := DecodeTCFTimes(x); ok {
				s.Times = Some(t)
			}
		}
	}
	return d.Err()
}
