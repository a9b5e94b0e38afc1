package monitor

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Multicast routing families (RTNL_FAMILY_IPMR, RTNL_FAMILY_IP6MR).
const (
	familyIPMR  = 128
	familyIP6MR = 129
)

// monitor turns messages into printed events.
type monitor struct {
	e      *env.Env
	o      *options
	routes *route.Events
	out    *output
	silent *silent // the route view, when routes are watched
}

func newMonitor(e *env.Env, o *options) *monitor {
	return &monitor{e: e, o: o, routes: route.NewEvents(e, o.dev, o.ifindex), out: newOutput(e)}
}

// event is one printed event: the object it concerns, whether the
// kernel deleted it, and what prints it.
type event struct {
	object string // "link", "address", ...; the JSON envelope's object
	label  string // ip's "[LINK]" and such
	action string // "new", "del" (or "miss" for a neighbour to resolve)
	rec    format.FieldRecord
	// synthesized is an event the kernel did not send (see silent.go).
	synthesized bool
}

// event prints one message; resync marks one of a resynchronisation's
// dumps. Messages of objects not watched, and those ip monitor leaves
// out, print nothing.
func (m *monitor) event(msg nl.Message, resync bool) error {
	if err := m.track(msg, resync); err != nil {
		return err
	}
	return m.print(msg, resync, false)
}

// print prints one message as an event; synthesized marks one the
// kernel did not send.
func (m *monitor) print(msg nl.Message, resync, synthesized bool) error {
	ev, err := m.decode(msg, resync)
	if err != nil || ev == nil || ev.rec == nil {
		return err
	}
	ev.synthesized = synthesized
	return m.out.event(m.o, ev, resync)
}

// decode makes the event of a message, or nil.
func (m *monitor) decode(msg nl.Message, resync bool) (*event, error) {
	t := msg.Header.Type
	del := t == unix.RTM_DELLINK || t == unix.RTM_DELADDR || t == unix.RTM_DELROUTE ||
		t == unix.RTM_DELRULE || t == unix.RTM_DELNEXTHOP || t == unix.RTM_DELNEIGH
	ev := &event{action: "new"}
	if del {
		ev.action = "del"
	}
	// Text marks deletions "Deleted "; JSON says so in the envelope and
	// prints the object as its listing does.
	mark := del && !m.e.G.JSON
	var err error
	switch t {
	case unix.RTM_NEWLINK, unix.RTM_DELLINK:
		l, err := rtnl.ParseLink(msg)
		if err != nil {
			return nil, err
		}
		if t == unix.RTM_NEWLINK {
			m.e.Links().Add(l)
		}
		if m.o.objs&objLink == 0 {
			return nil, nil
		}
		if m.o.ifindex != 0 && l.Index != m.o.ifindex {
			return nil, nil
		}
		ev.object, ev.label = "link", "[LINK]"
		// Text is ip monitor's (the link part of ip addr show, without
		// the queue length); JSON is what link show prints.
		text := !m.e.G.JSON
		ev.rec = marked(mark, &link.View{L: l, Cache: m.e.Links(), G: m.e.G, Names: m.e.Names(), ForAddr: text, NoQlen: text})
	case unix.RTM_NEWADDR, unix.RTM_DELADDR:
		if m.o.objs&objAddr == 0 {
			return nil, nil
		}
		a, err := rtnl.ParseAddr(msg)
		if err != nil {
			return nil, err
		}
		if m.o.ifindex != 0 && a.Index != m.o.ifindex {
			return nil, nil
		}
		ev.object, ev.label = "address", "[ADDR]"
		ev.rec = marked(mark, addrEvent{&link.AddrView{A: a, Ifname: m.e.Links().Name(a.Index), G: m.e.G, Names: m.e.Names()}})
	case unix.RTM_NEWROUTE, unix.RTM_DELROUTE:
		if m.o.objs&objRoute == 0 || len(msg.Data) > 0 && (msg.Data[0] == familyIPMR || msg.Data[0] == familyIP6MR) {
			return nil, nil
		}
		ev.object, ev.label = "route", "[ROUTE]"
		ev.rec, err = m.routes.Record(msg, mark)
	case unix.RTM_NEWRULE, unix.RTM_DELRULE:
		if m.o.objs&objRule == 0 {
			return nil, nil
		}
		ev.object, ev.label = "rule", "[RULE]"
		ev.rec, err = rule.EventRecord(m.e, msg, mark)
	case unix.RTM_NEWNEXTHOP, unix.RTM_DELNEXTHOP:
		if m.o.objs&objNexthop == 0 {
			return nil, nil
		}
		ev.object, ev.label = "nexthop", "[NEXTHOP]"
		ev.rec, err = nexthop.EventRecord(m.e, msg, mark)
	case unix.RTM_NEWNEIGH, unix.RTM_DELNEIGH, unix.RTM_GETNEIGH:
		if m.o.objs&objNeigh == 0 {
			return nil, nil
		}
		if t == unix.RTM_GETNEIGH {
			ev.action = "miss"
		}
		ev.object, ev.label = "neigh", "[NEIGH]"
		ev.rec, err = neigh.EventRecord(m.e, msg, m.e.G.Family, m.o.ifindex, !m.e.G.JSON)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// marked starts a record with "Deleted " when mark is set.
func marked(mark bool, rec format.FieldRecord) format.FieldRecord {
	if !mark {
		return rec
	}
	return deleted{rec}
}

// deleted is a record of a deleted object, marked as ip marks it.
type deleted struct{ rec format.FieldRecord }

func (d deleted) Fields(f *format.Fields) {
	f.Bool("deleted", "Deleted ", true)
	d.rec.Fields(f)
}

// addrEvent prints an address as ip monitor does.
type addrEvent struct{ v *link.AddrView }

func (a addrEvent) Fields(f *format.Fields) { a.v.EventFields(f) }
