package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// EventRecord decodes a neighbour notification and returns its line as
// neigh show prints it, or nil for an entry of another family than
// family (AF_UNSPEC: any) or of another device than ifindex (0: any; the
// line then leaves the device out). mark starts the line as ip monitor
// does: "Deleted " for a deletion, "miss " for a request to resolve.
func EventRecord(e *env.Env, m nl.Message, family uint8, ifindex int32, mark bool) (format.FieldRecord, error) {
	n, err := rtnl.ParseNeigh(m)
	if err != nil {
		return nil, err
	}
	if family != unix.AF_UNSPEC && n.Family != family || ifindex != 0 && n.Index != ifindex {
		return nil, nil
	}
	v := &view{n: n, dev: e.Links().Name(n.Index), showDev: ifindex == 0, stats: e.G.Stats > 0}
	if !mark {
		return v, nil
	}
	return &eventView{v: v, typ: m.Header.Type}, nil
}

// eventView is a neighbour line marked as ip monitor marks it.
type eventView struct {
	v   *view
	typ uint16
}

func (ev *eventView) Fields(f *format.Fields) {
	switch ev.typ {
	case unix.RTM_DELNEIGH:
		f.Bool("deleted", "Deleted ", true)
	case unix.RTM_GETNEIGH:
		f.Null("miss", "miss ")
	}
	ev.v.Fields(f)
}
