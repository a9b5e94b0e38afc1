package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the mpls action (TCA_MPLS_* in tc_act/tc_mpls.h).
const (
	tcaMplsTM    = 1
	tcaMplsParms = 2
	tcaMplsProto = 4
	tcaMplsLabel = 5
	tcaMplsTC    = 6
	tcaMplsTTL   = 7
	tcaMplsBOS   = 8
	mplsParmsLen = ActionParmsLen + 4
)

// What the mpls action does (TCA_MPLS_ACT_*).
const (
	MplsPop     = 1
	MplsPush    = 2
	MplsModify  = 3
	MplsDecTTL  = 4
	MplsMacPush = 5
)

// ActMpls is the options of the mpls action (struct tc_mpls and its
// attributes): pop, push or modify an MPLS label stack entry, or
// decrement its TTL.
type ActMpls struct {
	Parms   ActionParms
	MAction int32
	Proto   Opt[uint16] // an ethertype, host order (sent big-endian)
	Label   Opt[uint32]
	TC      Opt[uint8]
	TTL     Opt[uint8]
	BOS     Opt[uint8]
	Times   Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (m *ActMpls) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaMplsParms, ne.AppendUint32(m.Parms.Append(nil), uint32(m.MAction)))
	if x, ok := m.Label.Get(); ok {
		e.Uint32(tcaMplsLabel, x)
	}
	if x, ok := m.Proto.Get(); ok {
		e.Uint16BE(tcaMplsProto, x)
	}
	if x, ok := m.TC.Get(); ok {
		e.Uint8(tcaMplsTC, x)
	}
	if x, ok := m.TTL.Get(); ok {
		e.Uint8(tcaMplsTTL, x)
	}
	if x, ok := m.BOS.Get(); ok {
		e.Uint8(tcaMplsBOS, x)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (m *ActMpls) Decode(b []byte) error {
	*m = ActMpls{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch x := d.Bytes(); d.Type() {
		case tcaMplsParms:
			if len(x) >= mplsParmsLen {
				m.Parms, _ = DecodeActionParms(x)
				m.MAction = int32(ne.Uint32(x[ActionParmsLen:]))
			}
		case tcaMplsProto:
			if len(x) >= 2 {
				m.Proto = Some(uint16(x[0])<<8 | uint16(x[1]))
			}
		case tcaMplsLabel:
			if len(x) >= 4 {
				m.Label = Some(ne.Uint32(x))
			}
		case tcaMplsTC:
			if len(x) >= 1 {
				m.TC = Some(x[0])
			}
		case tcaMplsTTL:
			if len(x) >= 1 {
				m.TTL = Some(x[0])
			}
		case tcaMplsBOS:
			if len(x) >= 1 {
				m.BOS = Some(x[0])
			}
		case tcaMplsTM:
			if t, ok := DecodeTCFTimes(x); ok {
				m.Times = Some(t)
			}
		}
	}
	return d.Err()
}
