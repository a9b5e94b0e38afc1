package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the ct action (TCA_CT_* in tc_act/tc_ct.h).
const (
	tcaCtParms      = 1
	tcaCtTM         = 2
	tcaCtAction     = 3
	tcaCtZone       = 4
	tcaCtMark       = 5
	tcaCtMarkMask   = 6
	tcaCtLabels     = 7
	tcaCtLabelsMask = 8
	tcaCtNatIPv4Min = 9
	tcaCtNatIPv4Max = 10
	tcaCtNatIPv6Min = 11
	tcaCtNatIPv6Max = 12
	tcaCtNatPortMin = 13
	tcaCtNatPortMax = 14
)

// What the ct action does (TCA_CT_ACT_*), as bits.
const (
	CtCommit = 1 << 0
	CtForce  = 1 << 1
	CtClear  = 1 << 2
	CtNat    = 1 << 3
	CtNatSrc = 1 << 4
	CtNatDst = 1 << 5
)

// Ct is the options of the ct action (struct tc_ct and its attributes):
// send a packet through connection tracking, maybe committing, marking,
// labelling or translating its connection. Byte fields are raw attribute
// payloads (nil: absent); ports are host order, sent big-endian.
type Ct struct {
	Parms      ActionParms
	Action     Opt[uint16]
	Zone       Opt[uint16]
	Mark       Opt[uint32]
	MarkMask   Opt[uint32]
	Labels     []byte
	LabelsMask []byte
	NatIPv4Min []byte
	NatIPv4Max []byte
	NatIPv6Min []byte
	NatIPv6Max []byte
	NatPortMin Opt[uint16]
	NatPortMax Opt[uint16]
	Times      Opt[TCFTimes]
}

// ctBytes lists the byte attributes with their fields.
func (c *Ct) ctBytes() []struct {
	typ uint16
	p   *[]byte
} {
	return []struct {
		typ uint16
		p   *[]byte
	}{{tcaCtLabels, &c.Labels}, {tcaCtLabelsMask, &c.LabelsMask}, {tcaCtNatIPv4Min, &c.NatIPv4Min},
		{tcaCtNatIPv4Max, &c.NatIPv4Max}, {tcaCtNatIPv6Min, &c.NatIPv6Min}, {tcaCtNatIPv6Max, &c.NatIPv6Max}}
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (c *Ct) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	if x, ok := c.Zone.Get(); ok {
		e.Uint16(tcaCtZone, x)
	}
	if x, ok := c.Mark.Get(); ok {
		e.Uint32(tcaCtMark, x)
	}
	if x, ok := c.MarkMask.Get(); ok {
		e.Uint32(tcaCtMarkMask, x)
	}
	for _, a := range c.ctBytes() {
		if *a.p != nil {
			e.Bytes(a.typ, *a.p)
		}
	}
	if x, ok := c.NatPortMin.Get(); ok {
		e.Uint16BE(tcaCtNatPortMin, x)
	}
	if x, ok := c.NatPortMax.Get(); ok {
		e.Uint16BE(tcaCtNatPortMax, x)
	}
	if x, ok := c.Action.Get(); ok {
		e.Uint16(tcaCtAction, x)
	}
	e.Bytes(tcaCtParms, c.Parms.Append(nil))
	e.Unnest()
}

// Decode implements TCOptions.
func (c *Ct) Decode(b []byte) error {
	*c = Ct{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		x := d.Bytes()
		switch typ := d.Type(); typ {
		case tcaCtParms:
			if len(x) >= ActionParmsLen {
				c.Parms, _ = DecodeActionParms(x)
			}
		case tcaCtAction, tcaCtZone:
			if len(x) >= 2 {
				v := Some(ne.Uint16(x))
				if typ == tcaCtAction {
					c.Action = v
				} else {
					c.Zone = v
				}
			}
		case tcaCtMark, tcaCtMarkMask:
			if len(x) >= 4 {
				v := Some(ne.Uint32(x))
				if typ == tcaCtMark {
					c.Mark = v
				} else {
					c.MarkMask = v
				}
			}
		case tcaCtNatPortMin, tcaCtNatPortMax:
			if len(x) >= 2 {
				v := Some(binary.BigEndian.Uint16(x))
				if typ == tcaCtNatPortMin {
					c.NatPortMin = v
				} else {
					c.NatPortMax = v
				}
			}
		case tcaCtTM:
			if t, ok := DecodeTCFTimes(x); ok {
				c.Times = Some(t)
			}
		default:
			for _, a := range c.ctBytes() {
				if a.typ == typ {
					*a.p = append([]byte{}, x...)
				}
			}
		}
	}
	return d.Err()
}
