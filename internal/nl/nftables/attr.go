package nftables

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// nf_tables attributes carry integers in network byte order.
func newEncoder() *nl.AttrEncoder { return nl.NewAttrEncoderOrder(nil, binary.BigEndian) }

func newDecoder(b []byte) nl.AttrDecoder { return nl.NewAttrDecoderOrder(b, binary.BigEndian) }

// Verdict is a verdict as data: accept, drop, continue, return, or a jump
// or goto to Chain.
type Verdict struct {
	Code  int32
	Chain string
}

// Data is struct nft_data: a value or a verdict (one of the two is set).
type Data struct {
	Value   []byte
	Verdict *Verdict
}

func encodeData(e *nl.AttrEncoder, typ uint16, d Data) {
	e.Nest(typ)
	if d.Verdict != nil {
		e.Nest(unix.NFTA_DATA_VERDICT)
		e.Uint32(unix.NFTA_VERDICT_CODE, uint32(d.Verdict.Code))
		if d.Verdict.Chain != "" {
			e.String(unix.NFTA_VERDICT_CHAIN, d.Verdict.Chain)
		}
		e.Unnest()
	} else {
		e.Bytes(unix.NFTA_DATA_VALUE, d.Value)
	}
	e.Unnest()
}

func decodeData(d *nl.AttrDecoder) Data {
	var out Data
	d.Decode(func(n *nl.AttrDecoder) error {
		for n.Next() {
			switch n.Type() {
			case unix.NFTA_DATA_VALUE:
				out.Value = append([]byte(nil), n.Bytes()...)
			case unix.NFTA_DATA_VERDICT:
				v := &Verdict{}
				n.Decode(func(vd *nl.AttrDecoder) error {
					for vd.Next() {
						switch vd.Type() {
						case unix.NFTA_VERDICT_CODE:
							v.Code = int32(vd.Uint32())
						case unix.NFTA_VERDICT_CHAIN:
							v.Chain = vd.String()
						}
					}
					return nil
				})
				out.Verdict = v
			}
		}
		return nil
	})
	return out
}
