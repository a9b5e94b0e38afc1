package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the matchall filter (TCA_MATCHALL_* in pkt_cls.h).
const (
	tcaMatchallClassid = 1
	tcaMatchallAct     = 2
	tcaMatchallFlags   = 3
	tcaMatchallPcnt    = 4
)

// Matchall is the options of the matchall filter. Present says the filter
// carries options at all (tc sends TCA_OPTIONS only when words follow the
// kind).
type Matchall struct {
	Present    bool
	Classid    Opt[uint32]
	Flags      Opt[uint32]
	Actions    []Action
	ActionsRaw []byte
	Pcnt       Opt[uint64] // hits, in a reply
}

// Encode implements TCOptions.
func (m *Matchall) Encode(e *nl.AttrEncoder) {
	if !m.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := m.Classid.Get(); ok {
		e.Uint32(tcaMatchallClassid, v)
	}
	if len(m.Actions) > 0 {
		EncodeActions(e, tcaMatchallAct, m.Actions)
	}
	if v, ok := m.Flags.Get(); ok {
		e.Uint32(tcaMatchallFlags, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (m *Matchall) Decode(b []byte) error {
	*m = Matchall{Present: true}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaMatchallClassid:
			m.Classid = Some(d.Uint32())
		case tcaMatchallFlags:
			m.Flags = Some(d.Uint32())
		case tcaMatchallAct:
			m.ActionsRaw = clone(v)
		case tcaMatchallPcnt:
			if len(v) >= 8 {
				m.Pcnt = Some(ne.Uint64(v))
			}
		}
	}
	return d.Err()
}
