package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the connmark action (TCA_CONNMARK_* in
// tc_act/tc_connmark.h).
const (
	tcaConnmarkParms = 1
	tcaConnmarkTM    = 2
	// connmarkParmsLen is sizeof(struct tc_connmark): tc_gen, the zone
	// and two bytes of padding.
	connmarkParmsLen = ActionParmsLen + 4
)

// Connmark is the options of the connmark action (struct tc_connmark):
// restore a packet's mark from its connection, in a conntrack zone.
type Connmark struct {
	Parms ActionParms
	Zone  uint16
	Times Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (c *Connmark) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	b := make([]byte, 0, connmarkParmsLen)
	b = ne.AppendUint16(c.Parms.Append(b), c.Zone)
	e.Bytes(tcaConnmarkParms, append(b, 0, 0))
	e.Unnest()
}

// Decode implements TCOptions.
func (c *Connmark) Decode(b []byte) error {
	*c = Connmark{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaConnmarkParms:
			if len(v) >= ActionParmsLen+2 {
				c.Parms, _ = DecodeActionParms(v)
				c.Zone = ne.Uint16(v[ActionParmsLen:])
			}
		case tcaConnmarkTM:
			if t, ok := DecodeTCFTimes(v); ok {
				c.Times = Some(t)
			}
		}
	}
	return d.Err()
}
