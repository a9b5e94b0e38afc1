package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// tcaDRRQuantum is TCA_DRR_QUANTUM, a drr class's quantum in bytes.
const tcaDRRQuantum = 1

// DRR is the options of the drr qdisc, which has none to send; what it
// reads is a class's quantum, as tc prints both alike.
type DRR struct {
	Quantum Opt[uint32]
}

// Encode implements TCOptions: the qdisc sends no TCA_OPTIONS.
func (*DRR) Encode(*nl.AttrEncoder) {}

// Decode implements TCOptions.
func (o *DRR) Decode(b []byte) error {
	var c DRRClass
	err := c.Decode(b)
	o.Quantum = c.Quantum
	return err
}

// DRRClass is the options of a drr class: its quantum, when given.
type DRRClass struct {
	Quantum Opt[uint32]
}

// Encode implements TCOptions: a nest, empty without a quantum, as tc
// sends it.
func (c *DRRClass) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := c.Quantum.Get(); ok {
		e.Uint32(tcaDRRQuantum, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (c *DRRClass) Decode(b []byte) error {
	*c = DRRClass{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if v := d.Bytes(); d.Type() == tcaDRRQuantum && len(v) >= 4 {
			c.Quantum = Some(ne.Uint32(v))
		}
	}
	return d.Err()
}

// DecodeDRRXStats reads struct tc_drr_stats: a class's deficit.
func DecodeDRRXStats(b []byte) (deficit uint32, ok bool) {
	if len(b) < 4 {
		return 0, false
	}
	return ne.Uint32(b), true
}
