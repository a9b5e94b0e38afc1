package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the htb qdisc and its classes (TCA_HTB_* in pkt_sched.h).
const (
	tcaHTBParms      = 1
	tcaHTBInit       = 2
	tcaHTBCtab       = 3
	tcaHTBRtab       = 4
	tcaHTBDirectQlen = 5
	tcaHTBRate64     = 6
	tcaHTBCeil64     = 7
	tcaHTBOffload    = 9
)

// HTBProtocolVersion is the version tc announces in struct tc_htb_glob
// (TC_HTB_PROTOVER).
const HTBProtocolVersion = 3

// RateTable is a rate table as tc computes it: the time to send a packet
// of each size class, in scheduler ticks.
type RateTable [256]uint32

// HTBGlob is struct tc_htb_glob: the htb qdisc's own parameters.
type HTBGlob struct {
	Version      uint32
	Rate2Quantum uint32
	Defcls       uint32 // the minor of the default class
	Debug        uint32
	DirectPkts   uint32 // reported: packets sent past the classes
}

// HTB is the options of the htb qdisc.
type HTB struct {
	Init       Opt[HTBGlob]
	DirectQlen Opt[uint32]
	Offload    bool
}

// Encode implements TCOptions.
func (h *HTB) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if g, ok := h.Init.Get(); ok {
		b := make([]byte, 0, 20)
		for _, v := range []uint32{g.Version, g.Rate2Quantum, g.Defcls, g.Debug, g.DirectPkts} {
			b = ne.AppendUint32(b, v)
		}
		e.Bytes(tcaHTBInit, b)
	}
	if v, ok := h.DirectQlen.Get(); ok {
		e.Uint32(tcaHTBDirectQlen, v)
	}
	if h.Offload {
		e.Flag(tcaHTBOffload)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (h *HTB) Decode(b []byte) error {
	*h = HTB{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaHTBInit:
			if len(v) >= 20 {
				h.Init = Some(HTBGlob{ne.Uint32(v), ne.Uint32(v[4:]), ne.Uint32(v[8:]), ne.Uint32(v[12:]), ne.Uint32(v[16:])})
			}
		case tcaHTBDirectQlen:
			h.DirectQlen = Some(d.Uint32())
		case tcaHTBOffload:
			h.Offload = true
		}
	}
	return d.Err()
}

// HTBParms is struct tc_htb_opt: a class's rates, its buffers in
// scheduler ticks, quantum, level and priority.
type HTBParms struct {
	Rate, Ceil      RateSpec
	Buffer, Cbuffer uint32 // ticks
	Quantum         uint32
	Level           uint32
	Prio            uint32
}

const htbParmsLen = 2*RateSpecLen + 20

// HTBClass is the options of an htb class. The kernel reports Parms and,
// above 2^32-1 bytes per second, Rate64 and Ceil64; requests also carry
// the rate tables tc has always sent.
type HTBClass struct {
	Parms          Opt[HTBParms]
	Rate64, Ceil64 Opt[uint64]
	RTab, CTab     Opt[RateTable]
}

// Encode implements TCOptions, in tc's order.
func (c *HTBClass) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := c.Rate64.Get(); ok {
		e.Uint64(tcaHTBRate64, v)
	}
	if v, ok := c.Ceil64.Get(); ok {
		e.Uint64(tcaHTBCeil64, v)
	}
	if p, ok := c.Parms.Get(); ok {
		b := p.Rate.Append(make([]byte, 0, htbParmsLen))
		b = p.Ceil.Append(b)
		for _, v := range []uint32{p.Buffer, p.Cbuffer, p.Quantum, p.Level, p.Prio} {
			b = ne.AppendUint32(b, v)
		}
		e.Bytes(tcaHTBParms, b)
	}
	if t, ok := c.RTab.Get(); ok {
		e.Bytes(tcaHTBRtab, t.append(nil))
	}
	if t, ok := c.CTab.Get(); ok {
		e.Bytes(tcaHTBCtab, t.append(nil))
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (c *HTBClass) Decode(b []byte) error {
	*c = HTBClass{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaHTBParms:
			if len(v) >= htbParmsLen {
				r, _ := DecodeRateSpec(v)
				cl, _ := DecodeRateSpec(v[RateSpecLen:])
				u := v[2*RateSpecLen:]
				c.Parms = Some(HTBParms{r, cl, ne.Uint32(u), ne.Uint32(u[4:]), ne.Uint32(u[8:]), ne.Uint32(u[12:]), ne.Uint32(u[16:])})
			}
		case tcaHTBRate64:
			c.Rate64 = Some(d.Uint64())
		case tcaHTBCeil64:
			c.Ceil64 = Some(d.Uint64())
		case tcaHTBRtab:
			c.RTab = decodeRateTable(v)
		case tcaHTBCtab:
			c.CTab = decodeRateTable(v)
		}
	}
	return d.Err()
}

// HTBXStats is struct tc_htb_xstats, a class's own statistics.
type HTBXStats struct {
	Lends, Borrows, Giants uint32
	Tokens, Ctokens        int32
}

// DecodeHTBXStats reads struct tc_htb_xstats.
func DecodeHTBXStats(b []byte) (HTBXStats, bool) {
	if len(b) < 20 {
		return HTBXStats{}, false
	}
	return HTBXStats{ne.Uint32(b), ne.Uint32(b[4:]), ne.Uint32(b[8:]), int32(ne.Uint32(b[12:])), int32(ne.Uint32(b[16:]))}, true
}

func (t *RateTable) append(b []byte) []byte {
	for _, v := range t {
		b = ne.AppendUint32(b, v)
	}
	return b
}

func decodeRateTable(b []byte) Opt[RateTable] {
	var t RateTable
	if len(b) < 4*len(t) {
		return Opt[RateTable]{}
	}
	for i := range t {
		t[i] = ne.Uint32(b[4*i:])
	}
	return Some(t)
}
