package route

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Events prints route notifications as ip monitor does: every table,
// routes of the route cache left out, optionally only those through one
// device (whose name each line then leaves out).
type Events struct {
	w *writer
	f *filter
}

// NewEvents makes the printer of route events; dev, when not empty,
// selects the routes through that device.
func NewEvents(e *env.Env, dev string, ifindex int32) *Events {
	f := &filter{oifName: dev, oif: ifindex}
	f.mdst.Bits, f.msrc.Bits = -1, -1
	return &Events{w: newWriter(e, f), f: f}
}

// Record decodes a RTM_NEWROUTE or RTM_DELROUTE and returns what prints
// it (with "Deleted " first when deleted), or nil when ip monitor shows
// nothing for it.
func (ev *Events) Record(m nl.Message, deleted bool) (format.FieldRecord, error) {
	r := new(rtnl.Route)
	if err := rtnl.DecodeRoute(m, r); err != nil {
		return nil, err
	}
	if r.Flags&unix.RTM_F_CLONED != 0 || !ev.f.match(r) {
		return nil, nil
	}
	return &eventRecord{w: ev.w, r: r, deleted: deleted}, nil
}

// Dump streams every route (of every table and family) to fn, for a
// monitor that resynchronises.
func (ev *Events) Dump(e *env.Env, family uint8, fn func(m nl.Message) error) error {
	c, err := e.Conn()
	if err != nil {
		return err
	}
	f := &filter{family: family}
	f.mdst.Bits, f.msrc.Bits = -1, -1
	for m, err := range c.Dump(f.dumpRequest()) {
		if err != nil {
			return err
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// eventRecord is one route event.
type eventRecord struct {
	w       *writer
	r       *rtnl.Route
	deleted bool
}

func (er *eventRecord) Fields(f *format.Fields) {
	er.w.f = f
	er.w.fields(er.r, er.deleted)
}
