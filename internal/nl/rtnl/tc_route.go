package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the route filter (TCA_ROUTE4_* in pkt_cls.h).
const (
	tcaRoute4Classid = 1
	tcaRoute4To      = 2
	tcaRoute4From    = 3
	tcaRoute4IIF     = 4
	tcaRoute4Police  = 5
	tcaRoute4Act     = 6
)

// Route4 is the options of the route filter, which classifies by the
// realms of the route a packet took (or the device it came in on).
type Route4 struct {
	Present    bool
	Classid    Opt[uint32]
	To         Opt[uint32]
	From       Opt[uint32]
	IIF        Opt[uint32]
	Police     *Police // TCA_ROUTE4_POLICE: a policer of the filter itself
	Actions    []Action
	ActionsRaw []byte
}

// Encode implements TCOptions.
func (r *Route4) Encode(e *nl.AttrEncoder) {
	if !r.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := r.To.Get(); ok {
		e.Uint32(tcaRoute4To, v)
	}
	if v, ok := r.From.Get(); ok {
		e.Uint32(tcaRoute4From, v)
	}
	if v, ok := r.IIF.Get(); ok {
		e.Uint32(tcaRoute4IIF, v)
	}
	if v, ok := r.Classid.Get(); ok {
		e.Uint32(tcaRoute4Classid, v)
	}
	if r.Police != nil {
		r.Police.EncodeNest(e, tcaRoute4Police)
	}
	if len(r.Actions) > 0 {
		EncodeActions(e, tcaRoute4Act, r.Actions)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (r *Route4) Decode(b []byte) error {
	*r = Route4{Present: true}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaRoute4Classid:
			r.Classid = Some(d.Uint32())
		case tcaRoute4To:
			r.To = Some(d.Uint32())
		case tcaRoute4From:
			r.From = Some(d.Uint32())
		case tcaRoute4IIF:
			r.IIF = Some(d.Uint32())
		case tcaRoute4Police:
			r.Police = decodeFilterPolice(v)
		case tcaRoute4Act:
			r.ActionsRaw = clone(v)
		}
	}
	return d.Err()
}
