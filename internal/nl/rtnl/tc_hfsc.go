package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of an hfsc class (TCA_HFSC_* in pkt_sched.h).
const (
	tcaHFSCRSC = 1
	tcaHFSCFSC = 2
	tcaHFSCUSC = 3
)

// HFSC is the options of the hfsc qdisc (struct tc_hfsc_qopt): the minor
// of the default class.
type HFSC struct {
	Defcls uint16
}

// Encode implements TCOptions: the struct as TCA_OPTIONS.
func (h *HFSC) Encode(e *nl.AttrEncoder) {
	e.Bytes(unix.TCA_OPTIONS, ne.AppendUint16(nil, h.Defcls))
}

// Decode implements TCOptions.
func (h *HFSC) Decode(b []byte) error {
	if len(b) < 2 {
		return ErrShortHeader
	}
	h.Defcls = ne.Uint16(b)
	return nil
}

// ServiceCurve is struct tc_service_curve: the slope of the first
// segment (bytes/s), its length on the x axis (in the kernel's time
// unit, µs here) and the slope of the second.
type ServiceCurve struct {
	M1, D, M2 uint32
}

const serviceCurveLen = 12

func (s ServiceCurve) append(b []byte) []byte {
	return ne.AppendUint32(ne.AppendUint32(ne.AppendUint32(b, s.M1), s.D), s.M2)
}

// HFSCClass is the options of an hfsc class: its real-time, link-sharing
// and upper-limit curves, each optional.
type HFSCClass struct {
	RSC, FSC, USC Opt[ServiceCurve]
}

// Encode implements TCOptions.
func (c *HFSCClass) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	for _, a := range []struct {
		typ uint16
		sc  Opt[ServiceCurve]
	}{{tcaHFSCRSC, c.RSC}, {tcaHFSCFSC, c.FSC}, {tcaHFSCUSC, c.USC}} {
		if sc, ok := a.sc.Get(); ok {
			e.Bytes(a.typ, sc.append(make([]byte, 0, serviceCurveLen)))
		}
	}
	e.Unnest()
}

// Decode implements TCOptions; a curve too short is ignored, as tc
// ignores it.
func (c *HFSCClass) Decode(b []byte) error {
	*c = HFSCClass{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		if len(v) < serviceCurveLen {
			continue
		}
		sc := Some(ServiceCurve{ne.Uint32(v), ne.Uint32(v[4:]), ne.Uint32(v[8:])})
		switch d.Type() {
		case tcaHFSCRSC:
			c.RSC = sc
		case tcaHFSCFSC:
			c.FSC = sc
		case tcaHFSCUSC:
			c.USC = sc
		}
	}
	return d.Err()
}

// HFSCXStats is struct tc_hfsc_stats, a class's own statistics.
type HFSCXStats struct {
	Work, RTWork  uint64 // bytes
	Period, Level uint32
}

// DecodeHFSCXStats reads struct tc_hfsc_stats.
func DecodeHFSCXStats(b []byte) (HFSCXStats, bool) {
	if len(b) < 24 {
		return HFSCXStats{}, false
	}
	return HFSCXStats{ne.Uint64(b), ne.Uint64(b[8:]), ne.Uint32(b[16:]), ne.Uint32(b[20:])}, true
}
