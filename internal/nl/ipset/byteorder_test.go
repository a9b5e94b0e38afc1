package ipset

import (
	"encoding/binary"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// Kernels up to 6.1 list a hash:ip,mark set's markmask in host order without
// NLA_F_NET_BYTEORDER; later ones send it big-endian with the flag. Both
// must decode to the same value.
func TestHeaderMarkMaskEitherByteOrder(t *testing.T) {
	for name, attr := range map[string]func(*nl.AttrEncoder){
		"host order, unflagged": func(e *nl.AttrEncoder) {
			e.Bytes(AttrMarkMask, binary.NativeEndian.AppendUint32(nil, 0xff))
		},
		"network order, flagged": func(e *nl.AttrEncoder) {
			e.Bytes(AttrMarkMask|nl.AttrNetByteOrder, binary.BigEndian.AppendUint32(nil, 0xff))
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := nl.NewAttrEncoderOrder(nil, binary.BigEndian)
			e.Nest(AttrData)
			attr(e)
			e.Bytes(AttrHashSize|nl.AttrNetByteOrder, binary.BigEndian.AppendUint32(nil, 1024))
			e.Unnest()
			b, err := e.Encode()
			if err != nil {
				t.Fatal(err)
			}
			d := nl.NewAttrDecoderOrder(b, binary.BigEndian)
			var s Set
			for d.Next() {
				s.decodeHeaderData(&d)
			}
			if err := d.Err(); err != nil {
				t.Fatal(err)
			}
			if s.MarkMask == nil || *s.MarkMask != 0xff || s.HashSize == nil || *s.HashSize != 1024 {
				t.Fatalf("markmask %v hashsize %v", s.MarkMask, s.HashSize)
			}
		})
	}
}
