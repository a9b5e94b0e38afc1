package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the gact action (TCA_GACT_* in tc_act/tc_gact.h).
const (
	tcaGactTM    = 1
	tcaGactParms = 2
	tcaGactProb  = 3
)

// Verdicts of an action (TC_ACT_* in pkt_cls.h); JUMP and GOTO_CHAIN
// carry a count or a chain index in their low 28 bits.
const (
	ActUnspec     = -1
	ActOK         = 0
	ActReclassify = 1
	ActShot       = 2
	ActPipe       = 3
	ActStolen     = 4
	ActQueued     = 5
	ActRepeat     = 6
	ActRedirect   = 7
	ActTrap       = 8
	ActJump       = 1 << 28
	ActGotoChain  = 2 << 28
	ActExtValMask = 1<<28 - 1
)

// GactProb is struct tc_gact_p: a random second verdict.
type GactProb struct {
	Type   uint16 // PGACT_NETRAND (1) or PGACT_DETERM (2)
	Val    uint16 // 0..10000
	Action int32
}

// Gact is the options of the generic action (gact): a verdict, maybe a
// random second one, and what the kernel reports (times).
type Gact struct {
	Parms ActionParms
	Prob  Opt[GactProb]
	Times Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (g *Gact) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaGactParms, g.Parms.Append(nil))
	if p, ok := g.Prob.Get(); ok {
		b := ne.AppendUint16(nil, p.Type)
		b = ne.AppendUint16(b, p.Val)
		e.Bytes(tcaGactProb, ne.AppendUint32(b, uint32(p.Action)))
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (g *Gact) Decode(b []byte) error {
	*g = Gact{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaGactParms:
			g.Parms, _ = DecodeActionParms(v)
		case tcaGactProb:
			if len(v) >= 8 {
				g.Prob = Some(GactProb{ne.Uint16(v), ne.Uint16(v[2:]), int32(ne.Uint32(v[4:]))})
			}
		case tcaGactTM:
			if t, ok := DecodeTCFTimes(v); ok {
				g.Times = Some(t)
			}
		}
	}
	return d.Err()
}
