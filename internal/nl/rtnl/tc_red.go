package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the red qdisc (TCA_RED_* in pkt_sched.h).
const (
	tcaRedParms          = 1
	tcaRedStab           = 2
	tcaRedMaxP           = 3
	tcaRedFlags          = 4
	tcaRedEarlyDropBlock = 5
	tcaRedMarkBlock      = 6
)

// RED flags (TC_RED_*), in struct tc_red_qopt's flags (the first three)
// and TCA_RED_FLAGS.
const (
	REDECN       = 1
	REDHarddrop  = 2
	REDAdaptive  = 4
	REDNodrop    = 8
	REDHistoric  = REDECN | REDHarddrop | REDAdaptive
	REDSupported = REDHistoric | REDNodrop
)

// REDQopt is struct tc_red_qopt.
type REDQopt struct {
	Limit, QthMin, QthMax uint32 // bytes
	Wlog, Plog, ScellLog  uint8
	Flags                 uint8
}

// Bitfield32 is struct nla_bitfield32: the bits' values and which of them
// the request sets.
type Bitfield32 struct{ Value, Selector uint32 }

// REDStab is the idle damping table (TCA_RED_STAB).
type REDStab [256]uint8

// RED is the options of the red qdisc.
type RED struct {
	Parms                     Opt[REDQopt]
	Stab                      Opt[REDStab]
	MaxP                      Opt[uint32]
	Flags                     Opt[Bitfield32]
	EarlyDropBlock, MarkBlock Opt[uint32] // qevent blocks
}

// Encode implements TCOptions, in tc's order.
func (r *RED) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if p, ok := r.Parms.Get(); ok {
		b := make([]byte, 0, 16)
		b = ne.AppendUint32(b, p.Limit)
		b = ne.AppendUint32(b, p.QthMin)
		b = ne.AppendUint32(b, p.QthMax)
		e.Bytes(tcaRedParms, append(b, p.Wlog, p.Plog, p.ScellLog, p.Flags))
	}
	if s, ok := r.Stab.Get(); ok {
		e.Bytes(tcaRedStab, s[:])
	}
	putU32(e, tcaRedMaxP, r.MaxP)
	if f, ok := r.Flags.Get(); ok {
		e.Bytes(tcaRedFlags, ne.AppendUint32(ne.AppendUint32(nil, f.Value), f.Selector))
	}
	putU32(e, tcaRedEarlyDropBlock, r.EarlyDropBlock)
	putU32(e, tcaRedMarkBlock, r.MarkBlock)
	e.Unnest()
}

// Decode implements TCOptions.
func (r *RED) Decode(b []byte) error {
	*r = RED{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaRedParms:
			if len(v) >= 16 {
				r.Parms = Some(REDQopt{ne.Uint32(v), ne.Uint32(v[4:]), ne.Uint32(v[8:]), v[12], v[13], v[14], v[15]})
			}
		case tcaRedStab:
			if len(v) >= 256 {
				var s REDStab
				copy(s[:], v)
				r.Stab = Some(s)
			}
		case tcaRedMaxP:
			r.MaxP = getU32(v)
		case tcaRedFlags:
			if len(v) >= 8 {
				r.Flags = Some(Bitfield32{ne.Uint32(v), ne.Uint32(v[4:])})
			}
		case tcaRedEarlyDropBlock:
			r.EarlyDropBlock = getU32(v)
		case tcaRedMarkBlock:
			r.MarkBlock = getU32(v)
		}
	}
	return d.Err()
}

// REDXStats is struct tc_red_xstats.
type REDXStats struct {
	Early, Pdrop, Other, Marked uint32
}

// DecodeREDXStats reads struct tc_red_xstats; false when the payload is
// shorter, which tc does not print.
func DecodeREDXStats(b []byte) (REDXStats, bool) {
	if len(b) < 16 {
		return REDXStats{}, false
	}
	u := xstatsU32s(b, 4)
	return REDXStats{u[0], u[1], u[2], u[3]}, true
}
