package rtnl

import (
	"errors"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the netem qdisc (TCA_NETEM_* in pkt_sched.h), after its
// struct tc_netem_qopt.
const (
	tcaNetemCorr      = 1
	tcaNetemDelayDist = 2
	tcaNetemReorder   = 3
	tcaNetemCorrupt   = 4
	tcaNetemLoss      = 5
	tcaNetemRate      = 6
	tcaNetemECN       = 7
	tcaNetemRate64    = 8
	tcaNetemLatency64 = 10
	tcaNetemJitter64  = 11
	tcaNetemSlot      = 12
	tcaNetemSlotDist  = 13

	netemLossGI = 1
	netemLossGE = 2
)

// NetemQopt is struct tc_netem_qopt. Probabilities are fractions of
// 2³²-1; the delays are scheduler ticks.
type NetemQopt struct {
	Latency   uint32
	Limit     uint32 // packets
	Loss      uint32
	Gap       uint32
	Duplicate uint32
	Jitter    uint32
}

// NetemCorr is struct tc_netem_corr: the correlations of the delay, the
// loss and the duplication.
type NetemCorr struct{ Delay, Loss, Dup uint32 }

// NetemProb is struct tc_netem_reorder and tc_netem_corrupt.
type NetemProb struct{ Probability, Correlation uint32 }

// NetemRate is struct tc_netem_rate.
type NetemRate struct {
	Rate           uint32 // bytes/s, 2³²-1 when Rate64 holds it
	PacketOverhead int32
	CellSize       uint32
	CellOverhead   int32
}

// NetemSlot is struct tc_netem_slot, times in nanoseconds.
type NetemSlot struct {
	MinDelay, MaxDelay    int64
	MaxPackets, MaxBytes  int32
	DistDelay, DistJitter int64
}

// NetemGI is struct tc_netem_gimodel, the 4-state loss model.
type NetemGI struct{ P13, P31, P32, P14, P23 uint32 }

// NetemGE is struct tc_netem_gemodel, the Gilbert-Elliot loss model.
type NetemGE struct{ P, R, H, K1 uint32 }

// Netem is the options of the netem qdisc: struct tc_netem_qopt, then
// attributes. The distribution tables are the raw bytes of their 16-bit
// entries (a string, to keep the options comparable).
type Netem struct {
	Qopt             NetemQopt
	Corr             Opt[NetemCorr]
	Reorder, Corrupt Opt[NetemProb]
	ECN              Opt[uint32]
	Slot             Opt[NetemSlot]
	GI               Opt[NetemGI]
	GE               Opt[NetemGE]
	Rate             Opt[NetemRate]
	Rate64           Opt[uint64]
	Latency64        Opt[int64] // ns, reported by the kernel
	Jitter64         Opt[int64]
	DelayDist        string
	SlotDist         string
}

const netemQoptLen = 24

// Encode implements TCOptions: the struct, then the attributes in tc's
// order.
func (n *Netem) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	q := n.Qopt
	b := make([]byte, 0, netemQoptLen)
	for _, v := range []uint32{q.Latency, q.Limit, q.Loss, q.Gap, q.Duplicate, q.Jitter} {
		b = ne.AppendUint32(b, v)
	}
	e.Raw(b)
	if c, ok := n.Corr.Get(); ok {
		e.Bytes(tcaNetemCorr, u32s(c.Delay, c.Loss, c.Dup))
	}
	if r, ok := n.Reorder.Get(); ok {
		e.Bytes(tcaNetemReorder, u32s(r.Probability, r.Correlation))
	}
	putU32(e, tcaNetemECN, n.ECN)
	if c, ok := n.Corrupt.Get(); ok {
		e.Bytes(tcaNetemCorrupt, u32s(c.Probability, c.Correlation))
	}
	if s, ok := n.Slot.Get(); ok {
		b := ne.AppendUint64(nil, uint64(s.MinDelay))
		b = ne.AppendUint64(b, uint64(s.MaxDelay))
		b = ne.AppendUint32(b, uint32(s.MaxPackets))
		b = ne.AppendUint32(b, uint32(s.MaxBytes))
		b = ne.AppendUint64(b, uint64(s.DistDelay))
		e.Bytes(tcaNetemSlot, ne.AppendUint64(b, uint64(s.DistJitter)))
	}
	gi, isGI := n.GI.Get()
	ge, isGE := n.GE.Get()
	if isGI || isGE {
		e.Nest(tcaNetemLoss)
		if isGI {
			e.Bytes(netemLossGI, u32s(gi.P13, gi.P31, gi.P32, gi.P14, gi.P23))
		}
		if isGE {
			e.Bytes(netemLossGE, u32s(ge.P, ge.R, ge.H, ge.K1))
		}
		e.Unnest()
	}
	if v, ok := n.Rate64.Get(); ok {
		e.Uint64(tcaNetemRate64, v)
	}
	if r, ok := n.Rate.Get(); ok {
		e.Bytes(tcaNetemRate, u32s(r.Rate, uint32(r.PacketOverhead), r.CellSize, uint32(r.CellOverhead)))
	}
	if n.DelayDist != "" {
		e.Bytes(tcaNetemDelayDist, []byte(n.DelayDist))
	}
	if n.SlotDist != "" {
		e.Bytes(tcaNetemSlotDist, []byte(n.SlotDist))
	}
	if v, ok := n.Latency64.Get(); ok {
		e.Uint64(tcaNetemLatency64, uint64(v))
	}
	if v, ok := n.Jitter64.Get(); ok {
		e.Uint64(tcaNetemJitter64, uint64(v))
	}
	e.Unnest()
}

func u32s(v ...uint32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = ne.AppendUint32(b, x)
	}
	return b
}

// errNetemAttr is a netem attribute shorter than its struct, on which tc
// prints none of the options.
var errNetemAttr = errors.New("netem: attribute shorter than its struct")

// netemAttrLen is the size of each fixed netem attribute.
var netemAttrLen = map[uint16]int{tcaNetemCorr: 12, tcaNetemReorder: 8, tcaNetemCorrupt: 8, tcaNetemRate: 16,
	tcaNetemECN: 4, tcaNetemRate64: 8, tcaNetemSlot: 40, tcaNetemLatency64: 8, tcaNetemJitter64: 8}

// Decode implements TCOptions.
func (n *Netem) Decode(b []byte) error {
	*n = Netem{}
	if len(b) < netemQoptLen {
		return ErrShortHeader
	}
	u := xstatsU32s(b, 6)
	n.Qopt = NetemQopt{u[0], u[1], u[2], u[3], u[4], u[5]}
	d := nl.NewAttrDecoder(b[netemQoptLen:])
	for d.Next() {
		v := d.Bytes()
		if len(v) < netemAttrLen[d.Type()] {
			return errNetemAttr
		}
		switch d.Type() {
		case tcaNetemCorr:
			w := xstatsU32s(v, 3)
			n.Corr = Some(NetemCorr{w[0], w[1], w[2]})
		case tcaNetemReorder:
			w := xstatsU32s(v, 2)
			n.Reorder = Some(NetemProb{w[0], w[1]})
		case tcaNetemCorrupt:
			w := xstatsU32s(v, 2)
			n.Corrupt = Some(NetemProb{w[0], w[1]})
		case tcaNetemRate:
			w := xstatsU32s(v, 4)
			n.Rate = Some(NetemRate{w[0], int32(w[1]), w[2], int32(w[3])})
		case tcaNetemECN:
			n.ECN = Some(ne.Uint32(v))
		case tcaNetemRate64:
			n.Rate64 = Some(ne.Uint64(v))
		case tcaNetemLatency64:
			n.Latency64 = Some(int64(ne.Uint64(v)))
		case tcaNetemJitter64:
			n.Jitter64 = Some(int64(ne.Uint64(v)))
		case tcaNetemSlot:
			w := xstatsU32s(v[16:], 2)
			n.Slot = Some(NetemSlot{int64(ne.Uint64(v)), int64(ne.Uint64(v[8:])), int32(w[0]), int32(w[1]),
				int64(ne.Uint64(v[24:])), int64(ne.Uint64(v[32:]))})
		case tcaNetemDelayDist:
			n.DelayDist = string(v)
		case tcaNetemSlotDist:
			n.SlotDist = string(v)
		case tcaNetemLoss:
			l := nl.NewAttrDecoder(v)
			for l.Next() {
				w := l.Bytes()
				switch {
				case l.Type() == netemLossGI && len(w) >= 20:
					x := xstatsU32s(w, 5)
					n.GI = Some(NetemGI{x[0], x[1], x[2], x[3], x[4]})
				case l.Type() == netemLossGE && len(w) >= 16:
					x := xstatsU32s(w, 4)
					n.GE = Some(NetemGE{x[0], x[1], x[2], x[3]})
				}
			}
			if err := l.Err(); err != nil {
				return err
			}
		}
	}
	return d.Err()
}
