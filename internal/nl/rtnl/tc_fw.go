package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the fw filter (TCA_FW_* in pkt_cls.h).
const (
	tcaFWClassid = 1
	tcaFWPolice  = 2
	tcaFWIndev   = 3
	tcaFWAct     = 4
	tcaFWMask    = 5
)

// FW is the options of the fw filter, which classifies by the packet's
// firewall mark (the filter's handle, under Mask). Present says the
// filter carries options at all (tc sends TCA_OPTIONS only when words
// follow the kind).
type FW struct {
	Present    bool
	Mask       Opt[uint32]
	Classid    Opt[uint32]
	Indev      Opt[string]
	Police     *Police // TCA_FW_POLICE: a policer of the filter itself
	Actions    []Action
	ActionsRaw []byte
}

// Encode implements TCOptions.
func (f *FW) Encode(e *nl.AttrEncoder) {
	if !f.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := f.Mask.Get(); ok {
		e.Uint32(tcaFWMask, v)
	}
	if v, ok := f.Classid.Get(); ok {
		e.Uint32(tcaFWClassid, v)
	}
	if f.Police != nil {
		f.Police.EncodeNest(e, tcaFWPolice)
	}
	if len(f.Actions) > 0 {
		EncodeActions(e, tcaFWAct, f.Actions)
	}
	if v, ok := f.Indev.Get(); ok {
		e.String(tcaFWIndev, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (f *FW) Decode(b []byte) error {
	*f = FW{Present: true}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaFWMask:
			f.Mask = Some(d.Uint32())
		case tcaFWClassid:
			f.Classid = Some(d.Uint32())
		case tcaFWIndev:
			f.Indev = Some(d.String())
		case tcaFWPolice:
			f.Police = decodeFilterPolice(v)
		case tcaFWAct:
			f.ActionsRaw = clone(v)
		}
	}
	return d.Err()
}
