package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the nat action (TCA_NAT_* in tc_act/tc_nat.h).
const (
	tcaNatParms = 1
	tcaNatTM    = 2
)

// NatEgress is TCA_NAT_FLAG_EGRESS: rewrite source addresses.
const NatEgress = 1

// Nat is the options of the nat action (struct tc_nat): stateless
// address translation of a prefix to an address; addresses and mask are
// in network order.
type Nat struct {
	Parms   ActionParms
	OldAddr [4]byte
	NewAddr [4]byte
	Mask    [4]byte
	Flags   uint32
	Times   Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (n *Nat) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	b := n.Parms.Append(nil)
	b = append(b, n.OldAddr[:]...)
	b = append(b, n.NewAddr[:]...)
	b = append(b, n.Mask[:]...)
	e.Bytes(tcaNatParms, ne.AppendUint32(b, n.Flags))
	e.Unnest()
}

// Decode implements TCOptions.
func (n *Nat) Decode(b []byte) error {
	*n = Nat{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaNatParms:
			if len(v) >= ActionParmsLen+16 {
				n.Parms, _ = DecodeActionParms(v)
				u := v[ActionParmsLen:]
				n.OldAddr, n.NewAddr, n.Mask = [4]byte(u[0:4]), [4]byte(u[4:8]), [4]byte(u[8:12])
				n.Flags = ne.Uint32(u[12:])
			}
		case tcaNatTM:
			if t, ok := DecodeTCFTimes(v); ok {
				n.Times = Some(t)
			}
		}
	}
	return d.Err()
}
