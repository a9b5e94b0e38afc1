package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the csum action (TCA_CSUM_* in tc_act/tc_csum.h).
const (
	tcaCsumParms = 1
	tcaCsumTM    = 2
)

// Headers whose checksums csum updates (TCA_CSUM_UPDATE_FLAG_*).
const (
	CsumIPv4Hdr = 1 << 0
	CsumICMP    = 1 << 1
	CsumIGMP    = 1 << 2
	CsumTCP     = 1 << 3
	CsumUDP     = 1 << 4
	CsumUDPLite = 1 << 5
	CsumSCTP    = 1 << 6
)

// Csum is the options of the csum action (struct tc_csum): which
// checksums to recompute.
type Csum struct {
	Parms       ActionParms
	UpdateFlags uint32
	Times       Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (c *Csum) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaCsumParms, ne.AppendUint32(c.Parms.Append(nil), c.UpdateFlags))
	e.Unnest()
}

// Decode implements TCOptions.
func (c *Csum) Decode(b []byte) error {
	*c = Csum{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaCsumParms:
			if len(v) >= ActionParmsLen+4 {
				c.Parms, _ = DecodeActionParms(v)
				c.UpdateFlags = ne.Uint32(v[ActionParmsLen:])
			}
		case tcaCsumTM:
			if t, ok := DecodeTCFTimes(v); ok {
				c.Times = Some(t)
			}
		}
	}
	return d.Err()
}
