package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the tunnel_key action (TCA_TUNNEL_KEY_* in
// tc_act/tc_tunnel_key.h).
const (
	tcaTunnelKeyTM      = 1
	tcaTunnelKeyParms   = 2
	tcaTunnelKeyIPv4Src = 3
	tcaTunnelKeyIPv4Dst = 4
	tcaTunnelKeyIPv6Src = 5
	tcaTunnelKeyIPv6Dst = 6
	tcaTunnelKeyKeyID   = 7
	tcaTunnelKeyDstPort = 9
	tcaTunnelKeyNoCsum  = 10
	tcaTunnelKeyOpts    = 11
	tcaTunnelKeyTOS     = 12
	tcaTunnelKeyTTL     = 13

	tcaTunnelKeyOptsGeneve = 1
	tcaTunnelKeyOptsVxlan  = 2
	tcaTunnelKeyOptsErspan = 3

	tcaTunnelKeyGeneveClass = 1
	tcaTunnelKeyGeneveType  = 2
	tcaTunnelKeyGeneveData  = 3

	tcaTunnelKeyVxlanGBP = 1

	tcaTunnelKeyErspanVer   = 1
	tcaTunnelKeyErspanIndex = 2
	tcaTunnelKeyErspanDir   = 3
	tcaTunnelKeyErspanHWID  = 4

	tunnelKeyParmsLen = ActionParmsLen + 4
)

// What the tunnel_key action does (TCA_TUNNEL_KEY_ACT_*).
const (
	TunnelKeySet     = 1
	TunnelKeyRelease = 2
)

// TunnelKey is the options of the tunnel_key action (struct tc_tunnel_key
// and its attributes): set or release a packet's tunnel metadata.
// Addresses are raw attribute payloads (nil: absent), numbers are host
// order (sent big-endian where the kernel wants it).
type TunnelKey struct {
	Parms   ActionParms
	TAction int32
	IPv4Src []byte
	IPv4Dst []byte
	IPv6Src []byte
	IPv6Dst []byte
	KeyID   Opt[uint32]
	DstPort Opt[uint16]
	NoCsum  Opt[uint8]
	// HasOpts says TCA_TUNNEL_KEY_ENC_OPTS is present; Opts is its
	// content.
	HasOpts bool
	Opts    TunnelOpts
	TOS     Opt[uint8]
	TTL     Opt[uint8]
	Times   Opt[TCFTimes]
}

// Kinds of tunnel options (TCA_TUNNEL_KEY_ENC_OPTS_*).
const (
	TunnelOptGeneve = tcaTunnelKeyOptsGeneve
	TunnelOptVxlan  = tcaTunnelKeyOptsVxlan
	TunnelOptErspan = tcaTunnelKeyOptsErspan
)

// TunnelOpts is TCA_TUNNEL_KEY_ENC_OPTS: its nests in order. tc sends
// one Geneve nest per option; the kernel reports all of them in one.
type TunnelOpts []TunnelOpt

// TunnelOpt is one nest of tunnel options: Geneve options, a VXLAN group
// policy or ERSPAN metadata, by Type.
type TunnelOpt struct {
	Type     uint16
	Geneve   []GeneveOpt
	VxlanGBP Opt[uint32]
	Erspan   ErspanOpt
}

// GeneveOpt is one Geneve option: class, type and data (nil: absent).
type GeneveOpt struct {
	Class Opt[uint16]
	Type  Opt[uint8]
	Data  []byte
}

// ErspanOpt is ERSPAN metadata: version, index (version 1), direction
// and hardware id (version 2).
type ErspanOpt struct {
	Ver   Opt[uint8]
	Index Opt[uint32]
	Dir   Opt[uint8]
	HWID  Opt[uint8]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest.
func (t *TunnelKey) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	for _, a := range []struct {
		typ uint16
		b   []byte
	}{{tcaTunnelKeyIPv4Src, t.IPv4Src}, {tcaTunnelKeyIPv4Dst, t.IPv4Dst}, {tcaTunnelKeyIPv6Src, t.IPv6Src}, {tcaTunnelKeyIPv6Dst, t.IPv6Dst}} {
		if a.b != nil {
			e.Bytes(a.typ, a.b)
		}
	}
	if x, ok := t.KeyID.Get(); ok {
		e.Bytes(tcaTunnelKeyKeyID, binary.BigEndian.AppendUint32(nil, x))
	}
	if x, ok := t.DstPort.Get(); ok {
		e.Uint16BE(tcaTunnelKeyDstPort, x)
	}
	if t.HasOpts {
		t.Opts.encode(e)
	}
	if x, ok := t.TOS.Get(); ok {
		e.Uint8(tcaTunnelKeyTOS, x)
	}
	if x, ok := t.TTL.Get(); ok {
		e.Uint8(tcaTunnelKeyTTL, x)
	}
	if x, ok := t.NoCsum.Get(); ok {
		e.Uint8(tcaTunnelKeyNoCsum, x)
	}
	e.Bytes(tcaTunnelKeyParms, ne.AppendUint32(t.Parms.Append(nil), uint32(t.TAction)))
	e.Unnest()
}

// encode writes TCA_TUNNEL_KEY_ENC_OPTS as tc does: Geneve's nests
// without NLA_F_NESTED, VXLAN's and ERSPAN's with it.
func (o TunnelOpts) encode(e *nl.AttrEncoder) {
	plain := true
	for _, x := range o {
		plain = plain && x.Type == TunnelOptGeneve
	}
	if plain {
		e.NestPlain(tcaTunnelKeyOpts)
	} else {
		e.Nest(tcaTunnelKeyOpts)
	}
	for _, x := range o {
		switch x.Type {
		case TunnelOptGeneve:
			e.NestPlain(tcaTunnelKeyOptsGeneve)
			for _, g := range x.Geneve {
				if v, ok := g.Class.Get(); ok {
					e.Uint16BE(tcaTunnelKeyGeneveClass, v)
				}
				if v, ok := g.Type.Get(); ok {
					e.Uint8(tcaTunnelKeyGeneveType, v)
				}
				if g.Data != nil {
					e.Bytes(tcaTunnelKeyGeneveData, g.Data)
				}
			}
			e.Unnest()
		case TunnelOptVxlan:
			e.Nest(tcaTunnelKeyOptsVxlan)
			if v, ok := x.VxlanGBP.Get(); ok {
				e.Uint32(tcaTunnelKeyVxlanGBP, v)
			}
			e.Unnest()
		case TunnelOptErspan:
			r := x.Erspan
			e.Nest(tcaTunnelKeyOptsErspan)
			if v, ok := r.Ver.Get(); ok {
				e.Uint8(tcaTunnelKeyErspanVer, v)
			}
			if v, ok := r.Index.Get(); ok {
				e.Bytes(tcaTunnelKeyErspanIndex, binary.BigEndian.AppendUint32(nil, v))
			}
			if v, ok := r.Dir.Get(); ok {
				e.Uint8(tcaTunnelKeyErspanDir, v)
			}
			if v, ok := r.HWID.Get(); ok {
				e.Uint8(tcaTunnelKeyErspanHWID, v)
			}
			e.Unnest()
		}
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (t *TunnelKey) Decode(b []byte) error {
	*t = TunnelKey{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch x := d.Bytes(); d.Type() {
		case tcaTunnelKeyParms:
			if len(x) >= tunnelKeyParmsLen {
				t.Parms, _ = DecodeActionParms(x)
				t.TAction = int32(ne.Uint32(x[ActionParmsLen:]))
			}
		case tcaTunnelKeyIPv4Src:
			t.IPv4Src = append([]byte{}, x...)
		case tcaTunnelKeyIPv4Dst:
			t.IPv4Dst = append([]byte{}, x...)
		case tcaTunnelKeyIPv6Src:
			t.IPv6Src = append([]byte{}, x...)
		case tcaTunnelKeyIPv6Dst:
			t.IPv6Dst = append([]byte{}, x...)
		case tcaTunnelKeyKeyID:
			if len(x) >= 4 {
				t.KeyID = Some(binary.BigEndian.Uint32(x))
			}
		case tcaTunnelKeyDstPort:
			if len(x) >= 2 {
				t.DstPort = Some(binary.BigEndian.Uint16(x))
			}
		case tcaTunnelKeyNoCsum:
			if len(x) >= 1 {
				t.NoCsum = Some(x[0])
			}
		case tcaTunnelKeyTOS:
			if len(x) >= 1 {
				t.TOS = Some(x[0])
			}
		case tcaTunnelKeyTTL:
			if len(x) >= 1 {
				t.TTL = Some(x[0])
			}
		case tcaTunnelKeyOpts:
			opts, err := decodeTunnelOpts(x)
			if err != nil {
				return err
			}
			t.HasOpts, t.Opts = true, opts
		case tcaTunnelKeyTM:
			if tm, ok := DecodeTCFTimes(x); ok {
				t.Times = Some(tm)
			}
		}
	}
	return d.Err()
}

func decodeTunnelOpts(b []byte) (TunnelOpts, error) {
	var o TunnelOpts
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		var err error
		x := TunnelOpt{Type: d.Type()}
		switch x.Type {
		case TunnelOptGeneve:
			x.Geneve, err = decodeGeneveOpts(d.Bytes())
		case TunnelOptVxlan:
			v := nl.NewAttrDecoder(d.Bytes())
			for v.Next() {
				if y := v.Bytes(); v.Type() == tcaTunnelKeyVxlanGBP && len(y) >= 4 {
					x.VxlanGBP = Some(ne.Uint32(y))
				}
			}
			err = v.Err()
		case TunnelOptErspan:
			err = x.Erspan.decode(d.Bytes())
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		o = append(o, x)
	}
	return o, d.Err()
}

// decodeGeneveOpts reads the Geneve options, which follow each other as
// class, type and data: an attribute that does not come after the ones
// of the current option starts the next. Attributes too short to read
// are skipped.
func decodeGeneveOpts(b []byte) ([]GeneveOpt, error) {
	var opts []GeneveOpt
	last := uint16(0)
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		typ, x := d.Type(), d.Bytes()
		switch {
		case typ == tcaTunnelKeyGeneveClass && len(x) >= 2,
			typ == tcaTunnelKeyGeneveType && len(x) >= 1,
			typ == tcaTunnelKeyGeneveData:
		default:
			continue
		}
		if typ <= last || len(opts) == 0 {
			opts = append(opts, GeneveOpt{})
		}
		last = typ
		g := &opts[len(opts)-1]
		switch typ {
		case tcaTunnelKeyGeneveClass:
			g.Class = Some(binary.BigEndian.Uint16(x))
		case tcaTunnelKeyGeneveType:
			g.Type = Some(x[0])
		default:
			g.Data = append([]byte{}, x...)
		}
	}
	return opts, d.Err()
}

func (o *ErspanOpt) decode(b []byte) error {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		x := d.Bytes()
		switch d.Type() {
		case tcaTunnelKeyErspanVer:
			if len(x) >= 1 {
				o.Ver = Some(x[0])
			}
		case tcaTunnelKeyErspanIndex:
			if len(x) >= 4 {
				o.Index = Some(binary.BigEndian.Uint32(x))
			}
		case tcaTunnelKeyErspanDir:
			if len(x) >= 1 {
				o.Dir = Some(x[0])
			}
		case tcaTunnelKeyErspanHWID:
			if len(x) >= 1 {
				o.HWID = Some(x[0])
			}
		}
	}
	return d.Err()
}
