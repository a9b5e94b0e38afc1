package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the vlan action (TCA_VLAN_* in tc_act/tc_vlan.h).
const (
	tcaVlanTM           = 1
	tcaVlanParms        = 2
	tcaVlanPushID       = 3
	tcaVlanPushProtocol = 4
	tcaVlanPushPriority = 6
	tcaVlanPushEthDst   = 7
	tcaVlanPushEthSrc   = 8
	vlanParmsLen        = ActionParmsLen + 4
	ethAlen             = 6
)

// What the vlan action does (TCA_VLAN_ACT_*).
const (
	VlanPop     = 1
	VlanPush    = 2
	VlanModify  = 3
	VlanPopEth  = 4
	VlanPushEth = 5
)

// ActVlan is the options of the vlan action (struct tc_vlan and its
// attributes): pop, push or modify an 802.1Q/802.1AD tag, or pop or push
// an Ethernet header.
type ActVlan struct {
	Parms    ActionParms
	VAction  int32
	ID       Opt[uint16]
	Protocol Opt[uint16] // an ethertype, host order (sent big-endian)
	Priority Opt[uint8]
	EthDst   Opt[[6]byte]
	EthSrc   Opt[[6]byte]
	Times    Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order.
func (v *ActVlan) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	e.Bytes(tcaVlanParms, ne.AppendUint32(v.Parms.Append(nil), uint32(v.VAction)))
	if x, ok := v.ID.Get(); ok {
		e.Uint16(tcaVlanPushID, x)
	}
	if x, ok := v.Protocol.Get(); ok {
		e.Uint16BE(tcaVlanPushProtocol, x)
	}
	if x, ok := v.Priority.Get(); ok {
		e.Uint8(tcaVlanPushPriority, x)
	}
	if x, ok := v.EthDst.Get(); ok {
		e.Bytes(tcaVlanPushEthDst, x[:])
	}
	if x, ok := v.EthSrc.Get(); ok {
		e.Bytes(tcaVlanPushEthSrc, x[:])
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (v *ActVlan) Decode(b []byte) error {
	*v = ActVlan{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch x := d.Bytes(); d.Type() {
		case tcaVlanParms:
			if len(x) >= vlanParmsLen {
				v.Parms, _ = DecodeActionParms(x)
				v.VAction = int32(ne.Uint32(x[ActionParmsLen:]))
			}
		case tcaVlanPushID:
			if len(x) >= 2 {
				v.ID = Some(ne.Uint16(x))
			}
		case tcaVlanPushProtocol:
			if len(x) >= 2 {
				v.Protocol = Some(uint16(x[0])<<8 | uint16(x[1]))
			}
		case tcaVlanPushPriority:
			if len(x) >= 1 {
				v.Priority = Some(x[0])
			}
		case tcaVlanPushEthDst:
			if len(x) == ethAlen {
				v.EthDst = Some([6]byte(x))
			}
		case tcaVlanPushEthSrc:
			if len(x) == ethAlen {
				v.EthSrc = Some([6]byte(x))
			}
		case tcaVlanTM:
			if t, ok := DecodeTCFTimes(x); ok {
				v.Times = Some(t)
			}
		}
	}
	return d.Err()
}
