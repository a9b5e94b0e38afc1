package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the flow filter (TCA_FLOW_* in pkt_cls.h).
const (
	tcaFlowKeys      = 1
	tcaFlowMode      = 2
	tcaFlowBaseclass = 3
	tcaFlowRshift    = 4
	tcaFlowAddend    = 5
	tcaFlowMask      = 6
	tcaFlowXor       = 7
	tcaFlowDivisor   = 8
	tcaFlowAct       = 9
	tcaFlowPolice    = 10
	tcaFlowEmatches  = 11
	tcaFlowPerturb   = 12
)

// Modes of the flow filter (FLOW_MODE_*).
const (
	FlowModeMap  = 0
	FlowModeHash = 1
)

// Flow is the options of the flow filter: a class computed from packet
// keys, mapped (one key, through and/xor/shift/addend) or hashed. tc
// always sends its options.
type Flow struct {
	Present    bool
	Keys       Opt[uint32]
	Mode       Opt[uint32]
	Baseclass  Opt[uint32]
	Rshift     Opt[uint32]
	Addend     Opt[uint32]
	Mask       Opt[uint32]
	Xor        Opt[uint32]
	Divisor    Opt[uint32]
	Perturb    Opt[uint32]
	Ematches   *EmatchTree
	Police     *Police // TCA_FLOW_POLICE: a policer of the filter itself
	Actions    []Action
	ActionsRaw []byte
}

// Encode implements TCOptions.
func (f *Flow) Encode(e *nl.AttrEncoder) {
	if !f.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	for _, a := range []struct {
		typ uint16
		v   Opt[uint32]
	}{{tcaFlowKeys, f.Keys}, {tcaFlowRshift, f.Rshift}, {tcaFlowAddend, f.Addend}, {tcaFlowDivisor, f.Divisor},
		{tcaFlowBaseclass, f.Baseclass}, {tcaFlowPerturb, f.Perturb}, {tcaFlowMode, f.Mode}, {tcaFlowMask, f.Mask}, {tcaFlowXor, f.Xor}} {
		if v, ok := a.v.Get(); ok {
			e.Uint32(a.typ, v)
		}
	}
	if f.Ematches != nil {
		f.Ematches.Encode(e, tcaFlowEmatches)
	}
	if f.Police != nil {
		f.Police.EncodeNest(e, tcaFlowPolice)
	}
	if len(f.Actions) > 0 {
		EncodeActions(e, tcaFlowAct, f.Actions)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (f *Flow) Decode(b []byte) error {
	*f = Flow{Present: true}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaFlowKeys:
			f.Keys = Some(d.Uint32())
		case tcaFlowMode:
			f.Mode = Some(d.Uint32())
		case tcaFlowBaseclass:
			f.Baseclass = Some(d.Uint32())
		case tcaFlowRshift:
			f.Rshift = Some(d.Uint32())
		case tcaFlowAddend:
			f.Addend = Some(d.Uint32())
		case tcaFlowMask:
			f.Mask = Some(d.Uint32())
		case tcaFlowXor:
			f.Xor = Some(d.Uint32())
		case tcaFlowDivisor:
			f.Divisor = Some(d.Uint32())
		case tcaFlowPerturb:
			f.Perturb = Some(d.Uint32())
		case tcaFlowEmatches:
			t, err := DecodeEmatchTree(v)
			if err != nil {
				return err
			}
			f.Ematches = t
		case tcaFlowPolice:
			f.Police = decodeFilterPolice(v)
		case tcaFlowAct:
			f.ActionsRaw = clone(v)
		}
	}
	return d.Err()
}
