package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the codel qdisc (TCA_CODEL_* in pkt_sched.h).
const (
	tcaCodelTarget      = 1
	tcaCodelLimit       = 2
	tcaCodelInterval    = 3
	tcaCodelECN         = 4
	tcaCodelCEThreshold = 5
)

// Codel is the options of the codel qdisc: times in microseconds, the
// limit in packets, ECN as the 0 or 1 tc sends.
type Codel struct {
	Target, Limit, Interval Opt[uint32]
	ECN                     Opt[uint32]
	CEThreshold             Opt[uint32]
}

// Encode implements TCOptions, in tc's order.
func (c *Codel) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	putU32(e, tcaCodelLimit, c.Limit)
	putU32(e, tcaCodelInterval, c.Interval)
	putU32(e, tcaCodelTarget, c.Target)
	putU32(e, tcaCodelECN, c.ECN)
	putU32(e, tcaCodelCEThreshold, c.CEThreshold)
	e.Unnest()
}

// Decode implements TCOptions.
func (c *Codel) Decode(b []byte) error {
	*c = Codel{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		switch d.Type() {
		case tcaCodelTarget:
			c.Target = getU32(v)
		case tcaCodelLimit:
			c.Limit = getU32(v)
		case tcaCodelInterval:
			c.Interval = getU32(v)
		case tcaCodelECN:
			c.ECN = getU32(v)
		case tcaCodelCEThreshold:
			c.CEThreshold = getU32(v)
		}
	}
	return d.Err()
}

// CodelXStats is struct tc_codel_xstats, codel's own statistics.
type CodelXStats struct {
	MaxPacket, Count, LastCount, LDelay uint32
	DropNext                            int32
	DropOverlimit, ECNMark, Dropping    uint32
	CEMark                              uint32
}

// DecodeCodelXStats reads struct tc_codel_xstats; a shorter payload is
// read as if zeros followed it, as tc does.
func DecodeCodelXStats(b []byte) CodelXStats {
	u := xstatsU32s(b, 9)
	return CodelXStats{u[0], u[1], u[2], u[3], int32(u[4]), u[5], u[6], u[7], u[8]}
}

// putU32 writes a 32-bit attribute when it is set.
func putU32(e *nl.AttrEncoder, typ uint16, o Opt[uint32]) {
	if v, ok := o.Get(); ok {
		e.Uint32(typ, v)
	}
}

// putU8 writes an 8-bit attribute when it is set.
func putU8(e *nl.AttrEncoder, typ uint16, o Opt[uint8]) {
	if v, ok := o.Get(); ok {
		e.Uint8(typ, v)
	}
}

// getU32 reads a 32-bit attribute as tc does: the first four bytes of a
// payload of four or more, absent when it is shorter.
func getU32(v []byte) Opt[uint32] {
	if len(v) < 4 {
		return Opt[uint32]{}
	}
	return Some(ne.Uint32(v))
}

// getU8 reads an 8-bit attribute as tc does.
func getU8(v []byte) Opt[uint8] {
	if len(v) < 1 {
		return Opt[uint8]{}
	}
	return Some(v[0])
}

// xstatsU32s reads n 32-bit fields from the front of b, zeros past its
// end.
func xstatsU32s(b []byte, n int) []uint32 {
	u := make([]uint32, n)
	for i := range u {
		if len(b) >= 4*i+4 {
			u[i] = ne.Uint32(b[4*i:])
		}
	}
	return u
}
