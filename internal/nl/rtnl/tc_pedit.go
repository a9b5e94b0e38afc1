package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the pedit action (TCA_PEDIT_* in tc_act/tc_pedit.h).
const (
	tcaPeditTM       = 1
	tcaPeditParms    = 2
	tcaPeditParmsEx  = 4
	tcaPeditKeysEx   = 5
	tcaPeditKeyEx    = 6
	tcaPeditKeyHType = 1 // TCA_PEDIT_KEY_EX_HTYPE
	tcaPeditKeyCmd   = 2 // TCA_PEDIT_KEY_EX_CMD

	peditSelLen = ActionParmsLen + 4 // struct tc_pedit_sel without its keys
	peditKeyLen = 24                 // struct tc_pedit_key
)

// Header types of an extended pedit key (TCA_PEDIT_KEY_EX_HDR_TYPE_*):
// what its offset is relative to.
const (
	PeditHdrNetwork = 0
	PeditHdrEth     = 1
	PeditHdrIP4     = 2
	PeditHdrIP6     = 3
	PeditHdrTCP     = 4
	PeditHdrUDP     = 5
)

// Commands of an extended pedit key (TCA_PEDIT_KEY_EX_CMD_*).
const (
	PeditCmdSet = 0
	PeditCmdAdd = 1
)

// PeditKey is one 32-bit word the pedit action edits (struct
// tc_pedit_key): the word at Off becomes (word & Mask) ^ Val (or, with
// the add command, has Val added). Mask and Val are numbers as the packet
// holds them, sent big-endian; At, Offmask and Shift take the offset from
// the packet (off + ((*(u8 *)(at) & offmask) >> shift)).
type PeditKey struct {
	Mask, Val uint32
	Off       uint32
	At        uint32
	Offmask   uint32
	Shift     uint32
}

// PeditKeyEx is the extended attributes of one key: its header type and
// command.
type PeditKeyEx struct {
	HType, Cmd uint16
}

// Pedit is the options of the pedit action (struct tc_pedit_sel and its
// keys). Extended keys (TCA_PEDIT_PARMS_EX) carry KeysEx, one per key.
type Pedit struct {
	Parms    ActionParms
	Flags    uint8
	Keys     []PeditKey
	Extended bool
	KeysEx   []PeditKeyEx
	Times    Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, as tc sends it.
func (p *Pedit) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	b := p.Parms.Append(make([]byte, 0, peditSelLen+peditKeyLen*len(p.Keys)))
	b = append(b, uint8(len(p.Keys)), p.Flags, 0, 0)
	for _, k := range p.Keys {
		b = binary.BigEndian.AppendUint32(b, k.Mask)
		b = binary.BigEndian.AppendUint32(b, k.Val)
		for _, v := range []uint32{k.Off, k.At, k.Offmask, k.Shift} {
			b = ne.AppendUint32(b, v)
		}
	}
	if !p.Extended {
		e.Bytes(tcaPeditParms, b)
		e.Unnest()
		return
	}
	e.Bytes(tcaPeditParmsEx, b)
	e.Nest(tcaPeditKeysEx)
	for _, k := range p.KeysEx {
		e.Nest(tcaPeditKeyEx)
		e.Uint16(tcaPeditKeyHType, k.HType)
		e.Uint16(tcaPeditKeyCmd, k.Cmd)
		e.Unnest()
	}
	e.Unnest()
	e.Unnest()
}

// Decode implements TCOptions. Plain parameters win over extended ones,
// as tc reads them; the keys are those the attribute holds, at most its
// count.
func (p *Pedit) Decode(b []byte) error {
	*p = Pedit{}
	var parms, parmsEx, keysEx []byte
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaPeditParms:
			if len(v) >= peditSelLen {
				parms = v
			}
		case tcaPeditParmsEx:
			if len(v) >= peditSelLen {
				parmsEx = v
			}
		case tcaPeditKeysEx:
			keysEx = v
		case tcaPeditTM:
			if t, ok := DecodeTCFTimes(v); ok {
				p.Times = Some(t)
			}
		}
	}
	if err := d.Err(); err != nil {
		return err
	}
	sel := parms
	if sel == nil {
		if sel = parmsEx; sel == nil {
			return nil
		}
		p.Extended = true
	}
	p.Parms, _ = DecodeActionParms(sel)
	n, flags := int(sel[ActionParmsLen]), sel[ActionParmsLen+1]
	p.Flags = flags
	for k := sel[peditSelLen:]; n > 0 && len(k) >= peditKeyLen; n, k = n-1, k[peditKeyLen:] {
		p.Keys = append(p.Keys, PeditKey{
			Mask: binary.BigEndian.Uint32(k), Val: binary.BigEndian.Uint32(k[4:]),
			Off: ne.Uint32(k[8:]), At: ne.Uint32(k[12:]), Offmask: ne.Uint32(k[16:]), Shift: ne.Uint32(k[20:]),
		})
	}
	if !p.Extended {
		return nil
	}
	return p.decodeKeysEx(keysEx)
}

func (p *Pedit) decodeKeysEx(b []byte) error {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != tcaPeditKeyEx {
			continue
		}
		var k PeditKeyEx
		x := nl.NewAttrDecoder(d.Bytes())
		for x.Next() {
			if v := x.Bytes(); len(v) >= 2 {
				switch x.Type() {
				case tcaPeditKeyHType:
					k.HType = ne.Uint16(v)
				case tcaPeditKeyCmd:
					k.Cmd = ne.Uint16(v)
				}
			}
		}
		if err := x.Err(); err != nil {
			return err
		}
		p.KeysEx = append(p.KeysEx, k)
	}
	return d.Err()
}
