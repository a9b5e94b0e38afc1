package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// SizeSpecLen is the size of struct tc_sizespec.
const SizeSpecLen = 24

// Attributes of TCA_STAB (TCA_STAB_* in pkt_sched.h).
const (
	tcaStabBase = 1
	tcaStabData = 2
)

// SizeSpec is struct tc_sizespec: how a qdisc's size table maps a
// packet's length to the length its rate computations use (TCA_STAB_BASE).
type SizeSpec struct {
	CellLog   uint8
	SizeLog   uint8
	CellAlign int16
	Overhead  int32
	LinkLayer uint32
	MPU       uint32
	MTU       uint32
	TSize     uint32
}

// SizeTable is a qdisc's size table (TCA_STAB) as sent: the spec and, for
// a link layer or minimum packet unit to model, TSize slots of lengths
// (each shifted right by SizeLog).
type SizeTable struct {
	Spec SizeSpec
	Data []uint16
}

// Append appends the struct's bytes to b.
func (s SizeSpec) Append(b []byte) []byte {
	b = append(b, s.CellLog, s.SizeLog)
	b = ne.AppendUint16(b, uint16(s.CellAlign))
	b = ne.AppendUint32(b, uint32(s.Overhead))
	b = ne.AppendUint32(b, s.LinkLayer)
	b = ne.AppendUint32(b, s.MPU)
	b = ne.AppendUint32(b, s.MTU)
	return ne.AppendUint32(b, s.TSize)
}

// DecodeSizeSpec reads struct tc_sizespec; a short payload leaves the
// missing fields zero, as tc reads it.
func DecodeSizeSpec(b []byte) SizeSpec {
	var full [SizeSpecLen]byte
	copy(full[:], b)
	return SizeSpec{
		CellLog:   full[0],
		SizeLog:   full[1],
		CellAlign: int16(ne.Uint16(full[2:])),
		Overhead:  int32(ne.Uint32(full[4:])),
		LinkLayer: ne.Uint32(full[8:]),
		MPU:       ne.Uint32(full[12:]),
		MTU:       ne.Uint32(full[16:]),
		TSize:     ne.Uint32(full[20:]),
	}
}

// Encode appends the TCA_STAB nest (without NLA_F_NESTED, as tc sends it).
func (t *SizeTable) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_STAB)
	e.Bytes(tcaStabBase, t.Spec.Append(make([]byte, 0, SizeSpecLen)))
	if len(t.Data) > 0 {
		b := make([]byte, 0, 2*len(t.Data))
		for _, v := range t.Data {
			b = ne.AppendUint16(b, v)
		}
		e.Bytes(tcaStabData, b)
	}
	e.Unnest()
}

// decodeStab reads a TCA_STAB nest: the kernel reports the spec only.
func decodeStab(b []byte) Opt[SizeSpec] {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() == tcaStabBase {
			return Some(DecodeSizeSpec(d.Bytes()))
		}
	}
	return Opt[SizeSpec]{}
}
