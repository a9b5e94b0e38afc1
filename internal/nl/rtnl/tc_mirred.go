package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the mirred action (TCA_MIRRED_* in tc_act/tc_mirred.h).
const (
	tcaMirredTM    = 1
	tcaMirredParms = 2
)

// What mirred does with a packet (TCA_*_REDIR, TCA_*_MIRROR).
const (
	MirredEgressRedir   = 1
	MirredEgressMirror  = 2
	MirredIngressRedir  = 3
	MirredIngressMirror = 4
)

// Mirred is the options of the mirred action (struct tc_mirred): mirror
// or redirect packets to a device, on its egress or ingress.
type Mirred struct {
	Parms   ActionParms
	EAction int32
	Ifindex uint32
	Times   Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (m *Mirred) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	b := m.Parms.Append(nil)
	b = ne.AppendUint32(b, uint32(m.EAction))
	e.Bytes(tcaMirredParms, ne.AppendUint32(b, m.Ifindex))
	e.Unnest()
}

// Decode implements TCOptions.
func (m *Mirred) Decode(b []byte) error {
	*m = Mirred{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaMirredParms:
			if len(v) >= ActionParmsLen+8 {
				m.Parms, _ = DecodeActionParms(v)
				m.EAction, m.Ifindex = int32(ne.Uint32(v[ActionParmsLen:])), ne.Uint32(v[ActionParmsLen+4:])
			}
		case tcaMirredTM:
			if t, ok := DecodeTCFTimes(v); ok {
				m.Times = Some(t)
			}
		}
	}
	return d.Err()
}
