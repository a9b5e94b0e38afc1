package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// PrioBands is the number of priorities a priomap maps (TC_PRIO_MAX+1).
const PrioBands = 16

// tcaPrioMQ is TCA_PRIO_MQ, nested after struct tc_prio_qopt.
const tcaPrioMQ = 1

// Prio is the options of the prio qdisc, and what pfifo_fast reports
// (struct tc_prio_qopt, then TCA_PRIO_MQ): the number of bands and the
// band of each of the 16 priorities.
type Prio struct {
	Bands      int32
	Priomap    [PrioBands]uint8
	Multiqueue bool // TCA_PRIO_MQ, a flag
}

// prioQoptLen is the size of struct tc_prio_qopt.
const prioQoptLen = 4 + PrioBands

// Encode implements TCOptions: the struct, then TCA_PRIO_MQ when set (the
// nested-compat layout).
func (p *Prio) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	b := ne.AppendUint32(make([]byte, 0, prioQoptLen), uint32(p.Bands))
	e.Raw(append(b, p.Priomap[:]...))
	if p.Multiqueue {
		e.Flag(tcaPrioMQ)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (p *Prio) Decode(b []byte) error {
	if len(b) < prioQoptLen {
		return ErrShortHeader
	}
	*p = Prio{Bands: int32(ne.Uint32(b))}
	copy(p.Priomap[:], b[4:prioQoptLen])
	rest := b[min(len(b), nlaAlign(prioQoptLen)):]
	d := nl.NewAttrDecoder(rest)
	for d.Next() {
		if d.Type() == tcaPrioMQ {
			p.Multiqueue = true
		}
	}
	return d.Err()
}

// nlaAlign rounds n up to the attribute alignment (4 bytes).
func nlaAlign(n int) int { return (n + 3) &^ 3 }
