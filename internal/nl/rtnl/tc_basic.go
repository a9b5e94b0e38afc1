package rtnl

import (
	"encoding/binary"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the basic filter (TCA_BASIC_* in pkt_cls.h).
const (
	tcaBasicClassid  = 1
	tcaBasicEmatches = 2
	tcaBasicAct      = 3
	tcaBasicPolice   = 4
)

// Basic is the options of the basic filter: an extended-match tree, then
// a class or actions.
type Basic struct {
	Present    bool
	Classid    Opt[uint32]
	Ematches   *EmatchTree
	Police     *Police // TCA_BASIC_POLICE: a policer of the filter itself
	Actions    []Action
	ActionsRaw []byte
}

// Encode implements TCOptions.
func (b *Basic) Encode(e *nl.AttrEncoder) {
	if !b.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	if b.Ematches != nil {
		b.Ematches.Encode(e, tcaBasicEmatches)
	}
	if v, ok := b.Classid.Get(); ok {
		e.Uint32(tcaBasicClassid, v)
	}
	if len(b.Actions) > 0 {
		EncodeActions(e, tcaBasicAct, b.Actions)
	}
	if b.Police != nil {
		b.Police.EncodeNest(e, tcaBasicPolice)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (b *Basic) Decode(p []byte) error {
	*b = Basic{Present: true}
	d := nl.NewAttrDecoder(p)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaBasicClassid:
			b.Classid = Some(d.Uint32())
		case tcaBasicEmatches:
			t, err := DecodeEmatchTree(v)
			if err != nil {
				return err
			}
			b.Ematches = t
		case tcaBasicPolice:
			b.Police = decodeFilterPolice(v)
		case tcaBasicAct:
			b.ActionsRaw = clone(v)
		}
	}
	return d.Err()
}

// Attributes of an ematch tree (TCA_EMATCH_TREE_*).
const (
	tcaEmatchTreeHdr  = 1
	tcaEmatchTreeList = 2
)

// Relations and flags of an ematch (TCF_EM_*), and its kinds.
const (
	EmRelEnd  = 0
	EmRelAnd  = 1 << 0
	EmRelOr   = 1 << 1
	EmInvert  = 1 << 2
	EmSimple  = 1 << 3
	EmRelMask = 3

	EmContainer = 0
	EmCmpKind   = 1
	EmNbyte     = 2
	EmU32Kind   = 3
	EmMetaKind  = 4
	EmText      = 5
	EmVlan      = 6
	EmCanID     = 7
	EmIPSet     = 8
	EmIPT       = 9

	EmProgTC = 1

	// Operands of cmp and meta (TCF_EM_OPND_*).
	EmOpndEq = 0
	EmOpndGt = 1
	EmOpndLt = 2
)

// EmatchTree is an extended-match tree as the kernel keeps it: a header
// and a flat list in which a container refers to the first match of its
// sub-expression by its index.
type EmatchTree struct {
	HasHdr   bool
	NMatches uint16
	ProgID   uint16
	HasList  bool
	Matches  []Ematch
}

// Ematch is one entry of the list (struct tcf_ematch_hdr and the kind's
// data).
type Ematch struct {
	MatchID, Kind, Flags uint16
	Data                 []byte
}

// Encode writes the tree as the nest typ.
func (t *EmatchTree) Encode(e *nl.AttrEncoder, typ uint16) {
	e.NestPlain(typ)
	if t.HasHdr {
		b := ne.AppendUint16(nil, t.NMatches)
		e.Bytes(tcaEmatchTreeHdr, ne.AppendUint16(b, t.ProgID))
	}
	if t.HasList {
		e.NestPlain(tcaEmatchTreeList)
		for i, m := range t.Matches {
			b := ne.AppendUint16(nil, m.MatchID)
			b = ne.AppendUint16(b, m.Kind)
			b = ne.AppendUint16(b, m.Flags)
			b = ne.AppendUint16(b, 0)
			e.Bytes(uint16(i+1), append(b, m.Data...))
		}
		e.Unnest()
	}
	e.Unnest()
}

// DecodeEmatchTree reads a tree's nest; entries too short for their
// header are left out.
func DecodeEmatchTree(b []byte) (*EmatchTree, error) {
	t := &EmatchTree{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaEmatchTreeHdr:
			if len(v) >= 4 {
				t.HasHdr, t.NMatches, t.ProgID = true, ne.Uint16(v), ne.Uint16(v[2:])
			}
		case tcaEmatchTreeList:
			t.HasList, t.Matches = true, nil
			l := nl.NewAttrDecoder(v)
			for l.Next() {
				p := l.Bytes()
				if len(p) < 8 {
					continue
				}
				t.Matches = append(t.Matches, Ematch{MatchID: ne.Uint16(p), Kind: ne.Uint16(p[2:]), Flags: ne.Uint16(p[4:]), Data: clone(p[8:])})
			}
			if err := l.Err(); err != nil {
				return nil, err
			}
		}
	}
	return t, d.Err()
}

// EmCmp is struct tcf_em_cmp: a value of Align bytes at Off in Layer,
// masked, compared by Opnd.
type EmCmp struct {
	Val, Mask uint32
	Off       uint16
	Align     uint8 // 1, 2 or 4 (TCF_EM_ALIGN_U*)
	Flags     uint8 // TCF_EM_CMP_TRANS
	Layer     uint8
	Opnd      uint8
}

// EmCmpTrans asks cmp to convert the value from network order.
const EmCmpTrans = 1

// Bytes is the cmp's wire form (the bitfields as a little-endian
// compiler lays them out, as the kernel of this machine reads them).
func (c EmCmp) Bytes() []byte {
	b := ne.AppendUint32(nil, c.Val)
	b = ne.AppendUint32(b, c.Mask)
	b = ne.AppendUint16(b, c.Off)
	return append(b, c.Align&0xF|c.Flags<<4, c.Layer&0xF|c.Opnd<<4)
}

// DecodeEmCmp reads a cmp's data.
func DecodeEmCmp(b []byte) (EmCmp, bool) {
	if len(b) < 12 {
		return EmCmp{}, false
	}
	return EmCmp{Val: ne.Uint32(b), Mask: ne.Uint32(b[4:]), Off: ne.Uint16(b[8:]),
		Align: b[10] & 0xF, Flags: b[10] >> 4, Layer: b[11] & 0xF, Opnd: b[11] >> 4}, true
}

// EmU32Bytes is a u32 ematch's data: one key, as u32's filter keys.
func EmU32Bytes(k U32Key) []byte {
	b := binary.BigEndian.AppendUint32(nil, k.Mask)
	b = binary.BigEndian.AppendUint32(b, k.Val)
	b = ne.AppendUint32(b, uint32(k.Off))
	return ne.AppendUint32(b, uint32(k.OffMask))
}

// DecodeEmU32 reads a u32 ematch's key.
func DecodeEmU32(b []byte) (U32Key, bool) {
	if len(b) < 16 {
		return U32Key{}, false
	}
	return U32Key{binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:]), int32(ne.Uint32(b[8:])), int32(ne.Uint32(b[12:]))}, true
}

// Attributes of a meta ematch (TCA_EM_META_*).
const (
	tcaEmMetaHdr    = 1
	tcaEmMetaLValue = 2
	tcaEmMetaRValue = 3
)

// Meta value types and the id of a literal (TCF_META_*).
const (
	MetaTypeVar = 0
	MetaTypeInt = 1
	MetaIDValue = 0
)

// MetaVal is struct tcf_meta_val: Kind is the type (4 bits, from bit 12)
// and the id (11 bits).
type MetaVal struct {
	Kind  uint16
	Shift uint8
	Op    uint8
}

// MetaType and MetaID split a meta kind.
func MetaType(kind uint16) uint16 { return kind >> 12 & 0xF }
func MetaID(kind uint16) uint16   { return kind & 0x7FF }

// EmMeta is a meta ematch: two operands and the values (or masks) that
// go with them.
type EmMeta struct {
	HasHdr         bool
	Left, Right    MetaVal
	LValue, RValue []byte // nil when absent
}

// Bytes is the meta's data: its attributes.
func (m EmMeta) Bytes() []byte {
	e := nl.NewAttrEncoder(nil)
	if m.HasHdr {
		var b []byte
		for _, v := range []MetaVal{m.Left, m.Right} {
			b = ne.AppendUint16(b, v.Kind)
			b = append(b, v.Shift, v.Op)
		}
		e.Bytes(tcaEmMetaHdr, b)
	}
	if m.LValue != nil {
		e.Bytes(tcaEmMetaLValue, m.LValue)
	}
	if m.RValue != nil {
		e.Bytes(tcaEmMetaRValue, m.RValue)
	}
	b, _ := e.Encode()
	return b
}

// DecodeEmMeta reads a meta's attributes.
func DecodeEmMeta(b []byte) (EmMeta, error) {
	var m EmMeta
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaEmMetaHdr:
			if len(v) >= 8 {
				m.HasHdr = true
				m.Left = MetaVal{ne.Uint16(v), v[2], v[3]}
				m.Right = MetaVal{ne.Uint16(v[4:]), v[6], v[7]}
			}
		case tcaEmMetaLValue:
			m.LValue = append([]byte{}, v...)
		case tcaEmMetaRValue:
			m.RValue = append([]byte{}, v...)
		}
	}
	return m, d.Err()
}
