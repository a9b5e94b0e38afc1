package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the skbedit action (TCA_SKBEDIT_* in tc_act/tc_skbedit.h).
const (
	tcaSkbeditTM       = 1
	tcaSkbeditParms    = 2
	tcaSkbeditPriority = 3
	tcaSkbeditQueue    = 4
	tcaSkbeditMark     = 5
	tcaSkbeditPtype    = 7
	tcaSkbeditMask     = 8
	tcaSkbeditFlags    = 9
	tcaSkbeditQueueMax = 10
)

// Skbedit is the options of the skbedit action: set a packet's queue,
// priority, mark (under a mask) or packet type.
type Skbedit struct {
	Parms          ActionParms
	QueueMapping   Opt[uint16]
	Priority       Opt[uint32]
	Mark           Opt[uint32]
	Mask           Opt[uint32]
	Ptype          Opt[uint16]
	Flags          Opt[uint64] // SKBEDIT_F_INHERITDSFIELD
	QueueMappingHi Opt[uint16] // reported by newer kernels
	Times          Opt[TCFTimes]
}

// SkbeditInheritDS is SKBEDIT_F_INHERITDSFIELD.
const SkbeditInheritDS = 0x20

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (s *Skbedit) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaSkbeditParms, s.Parms.Append(nil))
	if x, ok := s.QueueMapping.Get(); ok {
		e.Uint16(tcaSkbeditQueue, x)
	}
	if x, ok := s.Priority.Get(); ok {
		e.Uint32(tcaSkbeditPriority, x)
	}
	if x, ok := s.Mark.Get(); ok {
		e.Uint32(tcaSkbeditMark, x)
	}
	if x, ok := s.Mask.Get(); ok {
		e.Uint32(tcaSkbeditMask, x)
	}
	if x, ok := s.Ptype.Get(); ok {
		e.Uint16(tcaSkbeditPtype, x)
	}
	if x, ok := s.Flags.Get(); ok {
		e.Uint64(tcaSkbeditFlags, x)
	}
	if x, ok := s.QueueMappingHi.Get(); ok {
		e.Uint16(tcaSkbeditQueueMax, x)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (s *Skbedit) Decode(b []byte) error {
	*s = Skbedit{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch x := d.Bytes(); d.Type() {
		case tcaSkbeditParms:
			s.Parms, _ = DecodeActionParms(x)
		case tcaSkbeditQueue:
			if len(x) >= 2 {
				s.QueueMapping = Some(ne.Uint16(x))
			}
		case tcaSkbeditPriority:
			if len(x) >= 4 {
				s.Priority = Some(ne.Uint32(x))
			}
		case tcaSkbeditMark:
			if len(x) >= 4 {
				s.Mark = Some(ne.Uint32(x))
			}
		case tcaSkbeditMask:
			if len(x) >= 4 {
				s.Mask = Some(ne.Uint32(x))
			}
		case tcaSkbeditPtype:
			if len(x) >= 2 {
				s.Ptype = Some(ne.Uint16(x))
			}
		case tcaSkbeditFlags:
			if len(x) >= 8 {
				s.Flags = Some(ne.Uint64(x))
			}
		case tcaSkbeditQueueMax:
			if len(x) >= 2 {
				s.QueueMappingHi = Some(ne.Uint16(x))
			}
		case tcaSkbeditTM:
			if t, ok := DecodeTCFTimes(x); ok {
				s.Times = Some(t)
			}
		}
	}
	return d.Err()
}
