package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes after mqprio's struct (TCA_MQPRIO_* in pkt_sched.h).
const (
	tcaMQPrioMode      = 1
	tcaMQPrioShaper    = 2
	tcaMQPrioMinRate64 = 3
	tcaMQPrioMaxRate64 = 4
)

// mqprio's modes and shapers (TC_MQPRIO_MODE_*, TC_MQPRIO_SHAPER_*).
const (
	MQPrioModeDCB      = 0
	MQPrioModeChannel  = 1
	MQPrioShaperDCB    = 0
	MQPrioShaperBWRate = 1
)

// MQPrioMaxQueue is the number of traffic classes and queue ranges
// (TC_QOPT_MAX_QUEUE).
const MQPrioMaxQueue = 16

// MQPrioQopt is struct tc_mqprio_qopt: the number of traffic classes, the
// class of each priority, whether the hardware maps them, and each
// class's queues (count and first).
type MQPrioQopt struct {
	NumTC     uint8
	PrioTCMap [PrioBands]uint8
	HW        uint8
	Count     [MQPrioMaxQueue]uint16
	Offset    [MQPrioMaxQueue]uint16
}

// mqprioQoptLen is the size of struct tc_mqprio_qopt.
const mqprioQoptLen = 1 + PrioBands + 1 + 4*MQPrioMaxQueue

// MQPrio is the options of the mqprio qdisc: the struct, then the mode,
// the shaper and the shaper's rates (bytes/s) when set.
type MQPrio struct {
	Qopt             MQPrioQopt
	Mode, Shaper     Opt[uint16]
	MinRate, MaxRate Opt[[MQPrioMaxQueue]uint64]
}

// Encode implements TCOptions: the struct, padded, then the attributes,
// all in TCA_OPTIONS as tc sends them.
func (m *MQPrio) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	q := &m.Qopt
	b := append(make([]byte, 0, mqprioQoptLen), q.NumTC)
	b = append(b, q.PrioTCMap[:]...)
	b = append(b, q.HW)
	for _, v := range q.Count {
		b = ne.AppendUint16(b, v)
	}
	for _, v := range q.Offset {
		b = ne.AppendUint16(b, v)
	}
	e.Raw(b)
	if v, ok := m.Mode.Get(); ok {
		e.Uint16(tcaMQPrioMode, v)
	}
	if v, ok := m.Shaper.Get(); ok {
		e.Uint16(tcaMQPrioShaper, v)
	}
	rates := func(typ uint16, o Opt[[MQPrioMaxQueue]uint64]) {
		if r, ok := o.Get(); ok {
			e.Nest(typ)
			for _, v := range r {
				e.Uint64(typ, v)
			}
			e.Unnest()
		}
	}
	rates(tcaMQPrioMinRate64, m.MinRate)
	rates(tcaMQPrioMaxRate64, m.MaxRate)
	e.Unnest()
}

// Decode implements TCOptions.
func (m *MQPrio) Decode(b []byte) error {
	if len(b) < mqprioQoptLen {
		return ErrShortHeader
	}
	*m = MQPrio{}
	q := &m.Qopt
	q.NumTC = b[0]
	copy(q.PrioTCMap[:], b[1:1+PrioBands])
	q.HW = b[1+PrioBands]
	c := b[2+PrioBands:]
	for i := range q.Count {
		q.Count[i] = ne.Uint16(c[2*i:])
		q.Offset[i] = ne.Uint16(c[2*MQPrioMaxQueue+2*i:])
	}
	d := nl.NewAttrDecoder(b[min(len(b), nlaAlign(mqprioQoptLen)):])
	for d.Next() {
		v := d.Bytes()
		switch typ := d.Type(); typ {
		case tcaMQPrioMode:
			if len(v) >= 2 {
				m.Mode = Some(ne.Uint16(v))
			}
		case tcaMQPrioShaper:
			if len(v) >= 2 {
				m.Shaper = Some(ne.Uint16(v))
			}
		case tcaMQPrioMinRate64, tcaMQPrioMaxRate64:
			var r [MQPrioMaxQueue]uint64
			n := 0
			nd := nl.NewAttrDecoder(v)
			for nd.Next() {
				if x := nd.Bytes(); nd.Type() == typ && len(x) >= 8 && n < len(r) {
					r[n] = ne.Uint64(x)
					n++
				}
			}
			if typ == tcaMQPrioMinRate64 {
				m.MinRate = Some(r)
			} else {
				m.MaxRate = Some(r)
			}
		}
	}
	return d.Err()
}
