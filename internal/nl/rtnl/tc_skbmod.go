package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the skbmod action (TCA_SKBMOD_* in tc_act/tc_skbmod.h).
const (
	tcaSkbmodTM    = 1
	tcaSkbmodParms = 2
	tcaSkbmodDMAC  = 3
	tcaSkbmodSMAC  = 4
	tcaSkbmodEtype = 5
	// struct tc_skbmod: tc_gen, then the flags aligned to 8 bytes.
	skbmodFlagsOff = 24
	skbmodParmsLen = skbmodFlagsOff + 8
)

// What skbmod changes (SKBMOD_F_*).
const (
	SkbmodDMAC    = 0x1
	SkbmodSMAC    = 0x2
	SkbmodEtype   = 0x4
	SkbmodSwapMAC = 0x8
	SkbmodECN     = 0x10
)

// ActSkbmod is the options of the skbmod action (struct tc_skbmod and its
// attributes): set a packet's Ethernet addresses or type, swap its
// addresses, or mark it congested.
type ActSkbmod struct {
	Parms ActionParms
	Flags uint64
	DMAC  Opt[[6]byte]
	SMAC  Opt[[6]byte]
	Etype Opt[uint16]
	Times Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (s *ActSkbmod) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	b := append(s.Parms.Append(nil), 0, 0, 0, 0)
	e.Bytes(tcaSkbmodParms, ne.AppendUint64(b, s.Flags))
	if x, ok := s.DMAC.Get(); ok {
		e.Bytes(tcaSkbmodDMAC, x[:])
	}
	if x, ok := s.Etype.Get(); ok {
		e.Uint16(tcaSkbmodEtype, x)
	}
	if x, ok := s.SMAC.Get(); ok {
		e.Bytes(tcaSkbmodSMAC, x[:])
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (s *ActSkbmod) Decode(b []byte) error {
	*s = ActSkbmod{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch x := d.Bytes(); d.Type() {
		case tcaSkbmodParms:
			if len(x) >= skbmodParmsLen {
				s.Parms, _ = DecodeActionParms(x)
				s.Flags = ne.Uint64(x[skbmodFlagsOff:])
			}
		case tcaSkbmodDMAC:
			if len(x) >= ethAlen {
				s.DMAC = Some([6]byte(x))
			}
		case tcaSkbmodSMAC:
			if len(x) >= ethAlen {
				s.SMAC = Some([6]byte(x))
			}
		case tcaSkbmodEtype:
			if len(x) >= 2 {
				s.Etype = Some(ne.Uint16(x))
			}
		case tcaSkbmodTM:
			if t, ok := DecodeTCFTimes(x); ok {
				s.Times = Some(t)
			}
		}
	}
	return d.Err()
}
