package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Attributes of the u32 filter (TCA_U32_* in pkt_cls.h).
const (
	tcaU32Classid = 1
	tcaU32Hash    = 2
	tcaU32Link    = 3
	tcaU32Divisor = 4
	tcaU32Sel     = 5
	tcaU32Police  = 6
	tcaU32Act     = 7
	tcaU32Indev   = 8
	tcaU32Pcnt    = 9
	tcaU32Mark    = 10
	tcaU32Flags   = 11
)

// Flags of a u32 selector (TC_U32_*).
const (
	U32Terminal  = 1
	U32Offset    = 2
	U32VarOffset = 4
	U32Eat       = 8
)

// Flags of a classifier (TCA_CLS_FLAGS_*).
const (
	ClsFlagSkipHW  = 1 << 0
	ClsFlagSkipSW  = 1 << 1
	ClsFlagInHW    = 1 << 2
	ClsFlagNotInHW = 1 << 3
)

// U32MaxKeys is the most keys a selector holds, as tc builds them.
const U32MaxKeys = 128

// U32Key is struct tc_u32_key: Val and Mask as they are on the wire
// (network order, compared with the packet's bytes), at Off bytes from the
// header, or from the next header when OffMask is set.
type U32Key struct {
	Mask, Val uint32 // network byte order
	Off       int32
	OffMask   int32
}

// U32Sel is struct tc_u32_sel with its keys.
type U32Sel struct {
	Flags    uint8
	Offshift uint8
	Offmask  uint16 // network byte order
	Off      uint16
	Offoff   int16
	Hoff     int16
	Hmask    uint32   // network byte order
	Keys     []U32Key // at most U32MaxKeys
}

const u32SelLen = 16

// U32Mark is struct tc_u32_mark: a firewall mark to match and how often it
// did.
type U32Mark struct {
	Val, Mask, Success uint32
}

// U32Filter is the options of the u32 filter. Actions are encoded from Actions
// in a request and kept raw (ActionsRaw) in a reply.
type U32Filter struct {
	Classid    Opt[uint32]
	Hash       Opt[uint32]
	Link       Opt[uint32]
	Divisor    Opt[uint32]
	Sel        *U32Sel
	Mark       Opt[U32Mark]
	Indev      Opt[string]
	Flags      Opt[uint32]
	Actions    []Action
	ActionsRaw []byte
	Police     *Police // TCA_U32_POLICE: a policer of the filter itself
	// Pcnt is struct tc_u32_pcnt of a reply: rule hits, successes and one
	// counter per key.
	Pcnt []uint64
}

// Encode implements TCOptions.
func (u *U32Filter) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := u.Classid.Get(); ok {
		e.Uint32(tcaU32Classid, v)
	}
	if v, ok := u.Divisor.Get(); ok {
		e.Uint32(tcaU32Divisor, v)
	}
	if v, ok := u.Link.Get(); ok {
		e.Uint32(tcaU32Link, v)
	}
	if v, ok := u.Indev.Get(); ok {
		e.String(tcaU32Indev, v)
	}
	if m, ok := u.Mark.Get(); ok {
		b := ne.AppendUint32(nil, m.Val)
		b = ne.AppendUint32(b, m.Mask)
		e.Bytes(tcaU32Mark, ne.AppendUint32(b, m.Success))
	}
	if len(u.Actions) > 0 {
		EncodeActions(e, tcaU32Act, u.Actions)
	}
	if u.Police != nil {
		u.Police.EncodeNest(e, tcaU32Police)
	}
	if v, ok := u.Hash.Get(); ok {
		e.Uint32(tcaU32Hash, v)
	}
	if u.Sel != nil {
		e.Bytes(tcaU32Sel, u.Sel.append(nil))
	}
	if v, ok := u.Flags.Get(); ok {
		e.Uint32(tcaU32Flags, v)
	}
	e.Unnest()
}

func (s *U32Sel) append(b []byte) []byte {
	b = append(b, s.Flags, s.Offshift, uint8(len(s.Keys)), 0)
	b = binary.BigEndian.AppendUint16(b, s.Offmask)
	b = ne.AppendUint16(b, s.Off)
	b = ne.AppendUint16(b, uint16(s.Offoff))
	b = ne.AppendUint16(b, uint16(s.Hoff))
	b = binary.BigEndian.AppendUint32(b, s.Hmask)
	for _, k := range s.Keys {
		b = binary.BigEndian.AppendUint32(b, k.Mask)
		b = binary.BigEndian.AppendUint32(b, k.Val)
		b = ne.AppendUint32(b, uint32(k.Off))
		b = ne.AppendUint32(b, uint32(k.OffMask))
	}
	return b
}

func decodeU32Sel(b []byte, s *U32Sel) bool {
	if len(b) < u32SelLen {
		return false
	}
	nkeys := int(b[2])
	*s = U32Sel{
		Flags: b[0], Offshift: b[1], Keys: s.Keys[:0],
		Offmask: binary.BigEndian.Uint16(b[4:]), Off: ne.Uint16(b[6:]),
		Offoff: int16(ne.Uint16(b[8:])), Hoff: int16(ne.Uint16(b[10:])),
		Hmask: binary.BigEndian.Uint32(b[12:]),
	}
	n := min(nkeys, U32MaxKeys, (len(b)-u32SelLen)/16)
	for i := range n {
		k := b[u32SelLen+16*i:]
		s.Keys = append(s.Keys, U32Key{binary.BigEndian.Uint32(k), binary.BigEndian.Uint32(k[4:]), int32(ne.Uint32(k[8:])), int32(ne.Uint32(k[12:]))})
	}
	return true
}

// Decode implements TCOptions. It reuses the selector's storage of a
// previous Decode.
func (u *U32Filter) Decode(b []byte) error {
	sel := u.Sel
	*u = U32Filter{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaU32Classid:
			u.Classid = Some(d.Uint32())
		case tcaU32Hash:
			u.Hash = Some(d.Uint32())
		case tcaU32Link:
			u.Link = Some(d.Uint32())
		case tcaU32Divisor:
			u.Divisor = Some(d.Uint32())
		case tcaU32Sel:
			if sel == nil {
				sel = &U32Sel{}
			}
			if decodeU32Sel(v, sel) {
				u.Sel = sel
			}
		case tcaU32Mark:
			if len(v) >= 12 {
				u.Mark = Some(U32Mark{ne.Uint32(v), ne.Uint32(v[4:]), ne.Uint32(v[8:])})
			}
		case tcaU32Indev:
			u.Indev = Some(d.String())
		case tcaU32Flags:
			u.Flags = Some(d.Uint32())
		case tcaU32Act:
			u.ActionsRaw = clone(v)
		case tcaU32Police:
			u.Police = decodeFilterPolice(v)
		case tcaU32Pcnt:
			u.Pcnt = nil
			for i := 0; i+8 <= len(v); i += 8 {
				u.Pcnt = append(u.Pcnt, ne.Uint64(v[i:]))
			}
		}
	}
	return d.Err()
}

// U32 handles: a hash table id (12 bits), a bucket (8) and a node (12).
func U32HTID(h uint32) uint32 { return h & 0xFFF00000 }
func U32Hash(h uint32) uint32 { return h >> 12 & 0xFF }
func U32Node(h uint32) uint32 { return h & 0xFFF }
