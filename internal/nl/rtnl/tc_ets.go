package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the ets qdisc and its classes (TCA_ETS_* in pkt_sched.h).
const (
	tcaETSNBands      = 1
	tcaETSNStrict     = 2
	tcaETSQuanta      = 3
	tcaETSQuantaBand  = 4
	tcaETSPriomap     = 5
	tcaETSPriomapBand = 6
)

// ETSMaxBands is the most bands ets has (TCQ_ETS_MAX_BANDS).
const ETSMaxBands = 16

// ETS is the options of the ets qdisc: the number of bands, how many of
// them are strict, the quanta of the others and the band of each
// priority. Lists keep at most 16 entries.
type ETS struct {
	NBands  Opt[uint8]
	NStrict Opt[uint8]
	// HasQuanta and HasPriomap tell an empty nest from none.
	HasQuanta  bool
	NQuanta    uint8
	Quanta     [ETSMaxBands]uint32
	HasPriomap bool
	NPrio      uint8
	Priomap    [PrioBands]uint8
}

// Encode implements TCOptions, nested as tc nests it.
func (o *ETS) Encode(e *nl.AttrEncoder) {
	e.Nest(unix.TCA_OPTIONS)
	if v, ok := o.NBands.Get(); ok {
		e.Uint8(tcaETSNBands, v)
	}
	if v, ok := o.NStrict.Get(); ok {
		e.Uint8(tcaETSNStrict, v)
	}
	if o.HasQuanta {
		e.Nest(tcaETSQuanta)
		for _, q := range o.Quanta[:o.NQuanta] {
			e.Uint32(tcaETSQuantaBand, q)
		}
		e.Unnest()
	}
	if o.HasPriomap {
		e.Nest(tcaETSPriomap)
		for _, b := range o.Priomap[:o.NPrio] {
			e.Uint8(tcaETSPriomapBand, b)
		}
		e.Unnest()
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (o *ETS) Decode(b []byte) error {
	*o = ETS{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaETSNBands:
			if len(v) >= 1 {
				o.NBands = Some(v[0])
			}
		case tcaETSNStrict:
			if len(v) >= 1 {
				o.NStrict = Some(v[0])
			}
		case tcaETSQuanta:
			o.HasQuanta, o.NQuanta, o.Quanta = true, 0, [ETSMaxBands]uint32{}
			nd := nl.NewAttrDecoder(v)
			for nd.Next() {
				if q := nd.Bytes(); nd.Type() == tcaETSQuantaBand && len(q) >= 4 && o.NQuanta < ETSMaxBands {
					o.Quanta[o.NQuanta] = ne.Uint32(q)
					o.NQuanta++
				}
			}
		case tcaETSPriomap:
			o.HasPriomap, o.NPrio, o.Priomap = true, 0, [PrioBands]uint8{}
			nd := nl.NewAttrDecoder(v)
			for nd.Next() {
				if p := nd.Bytes(); nd.Type() == tcaETSPriomapBand && len(p) >= 1 && o.NPrio < PrioBands {
					o.Priomap[o.NPrio] = p[0]
					o.NPrio++
				}
			}
		}
	}
	return d.Err()
}

// ETSClass is the options of an ets class: its quantum, which a strict
// band has not.
type ETSClass struct {
	Quantum Opt[uint32]
}

// Encode implements TCOptions: a nest, empty without a quantum, as tc
// sends it.
func (c *ETSClass) Encode(e *nl.AttrEncoder) {
	e.Nest(unix.TCA_OPTIONS)
	if v, ok := c.Quantum.Get(); ok {
		e.Uint32(tcaETSQuantaBand, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (c *ETSClass) Decode(b []byte) error {
	*c = ETSClass{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if v := d.Bytes(); d.Type() == tcaETSQuantaBand && len(v) >= 4 {
			c.Quantum = Some(ne.Uint32(v))
		}
	}
	return d.Err()
}
