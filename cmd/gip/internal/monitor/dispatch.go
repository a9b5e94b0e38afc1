package monitor

import (
	"encoding/binary"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/netconf"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	tcmonitor "github.com/gip-suite/gip/cmd/gip/internal/tc/monitor"
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

// ndOptPrefixInfo is the ND option of a router-advertised prefix
// (ND_OPT_PREFIX_INFORMATION).
const ndOptPrefixInfo = 3

// monitor turns messages into printed events.
type monitor struct {
	e      *env.Env
	o      *options
	routes *route.Events
	out    *output
	silent *silent // the route view, when routes are watched
	// nsNames names the namespaces of nsid events.
	nsNames *nsNames
	// tc decodes traffic-control events, made when the first comes.
	tc *tcmonitor.Decoder
	// from is the namespace id of the messages being printed (all-nsid),
	// nl.CurrentNSID for the monitor's own namespace.
	from int32
}

func newMonitor(e *env.Env, o *options) *monitor {
	return &monitor{e: e, o: o, routes: route.NewEvents(e, o.dev, o.ifindex), out: newOutput(e), nsNames: &nsNames{e: e}, from: nl.CurrentNSID}
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
	// nsid is the id of the namespace the event comes from (all-nsid).
	nsid int32
}

// event prints one message; resync marks one of a resynchronisation's
// dumps. Messages of objects not watched, and those ip monitor leaves
// out, print nothing.
func (m *monitor) event(msg nl.Message, resync bool) error {
	if m.from != nl.CurrentNSID {
		// Another namespace's: printed, but its routes are not this
		// namespace's view.
		return m.print(msg, resync, false)
	}
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
	ev.nsid = m.from
	return m.out.event(m.o, ev, resync)
}

// decode makes the event of a message, or nil.
func (m *monitor) decode(msg nl.Message, resync bool) (*event, error) {
	if m.o.objs == objXfrm {
		return m.xfrmEvent(msg)
	}
	t := msg.Header.Type
	del := t == unix.RTM_DELLINK || t == unix.RTM_DELADDR || t == unix.RTM_DELROUTE ||
		t == unix.RTM_DELRULE || t == unix.RTM_DELNEXTHOP || t == unix.RTM_DELNEIGH ||
		t == unix.RTM_DELNETCONF || t == unix.RTM_DELNSID
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
		m.rememberLink(t, l)
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
	case unix.RTM_NEWNETCONF, unix.RTM_DELNETCONF:
		if m.o.objs&objNetconf == 0 {
			return nil, nil
		}
		n, err := rtnl.ParseNetconf(msg)
		if err != nil {
			return nil, err
		}
		if m.o.ifindex != 0 && (n.Index == nil || *n.Index != m.o.ifindex) {
			return nil, nil
		}
		n.Deleted = mark
		ev.object, ev.label = "netconf", "[NETCONF]"
		if n.Index != nil {
			m.learnLink(*n.Index)
		}
		ev.rec = netconf.Record(n, m.e.Links())
	case unix.RTM_NEWNSID, unix.RTM_DELNSID:
		if m.o.objs&objNsid == 0 {
			return nil, nil
		}
		n, err := rtnl.ParseNSIDEvent(msg)
		if err != nil {
			return nil, err
		}
		ev.object, ev.label = "nsid", "[NSID]"
		ev.rec = &nsidEvent{ev: n, name: m.nsNames.name(n.NSID, n.Deleted), mark: mark}
	case unix.RTM_NEWPREFIX:
		if m.o.objs&objPrefix == 0 || m.e.G.Family != unix.AF_UNSPEC && m.e.G.Family != unix.AF_INET6 {
			return nil, nil
		}
		p, err := rtnl.ParsePrefix(msg)
		if err != nil {
			return nil, err
		}
		if p.Family != unix.AF_INET6 || p.Type != ndOptPrefixInfo {
			return nil, nil
		}
		ev.object, ev.label = "prefix", "[PREFIX]"
		m.learnLink(p.Ifindex)
		ev.rec = &prefixEvent{p: p, dev: m.e.Links().Name(p.Ifindex)}
	default:
		if tcmonitor.IsTC(t) {
			return m.tcEvent(msg), nil
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// rememberLink keeps the monitor's names of links up to date with a link
// event of its namespace, as ip's cache does: a deleted link's index
// names as "if<i>" afterwards.
func (m *monitor) rememberLink(t uint16, l *rtnl.Link) {
	if m.from != nl.CurrentNSID {
		return
	}
	if t == unix.RTM_DELLINK {
		m.e.Links().Remove(l.Index)
		return
	}
	m.e.Links().Add(l)
}

// tcObjects are the bits of tc's objects, by the object a decoded
// event names.
var tcObjects = map[string]objects{"qdisc": objQdisc, "class": objClass, "filter": objFilter, "chain": objChain}

// tcEvent makes the event of a traffic-control message, printed as gip tc
// monitor (and tc monitor) prints it, or nil.
func (m *monitor) tcEvent(msg nl.Message) *event {
	if m.o.objs&objTC == 0 {
		return nil
	}
	if m.o.ifindex != 0 && (len(msg.Data) < 8 || int32(binary.NativeEndian.Uint32(msg.Data[4:])) != m.o.ifindex) {
		return nil
	}
	if m.tc == nil {
		m.tc = tcmonitor.NewDecoder(m.e)
	}
	tev, ok := m.tc.Decode(msg)
	if !ok || m.o.objs&tcObjects[tev.Object] == 0 {
		return nil
	}
	return &event{object: tev.Object, label: "[" + strings.ToUpper(tev.Object) + "]", action: tev.Action, rec: tev.Rec}
}

// learnLink asks the kernel for a link the monitor has not seen yet, as
// ip does when it names one: a link's netconf event comes before the link
// event itself.
func (m *monitor) learnLink(i int32) {
	if i > 0 && m.from == nl.CurrentNSID {
		m.e.Links().Link(i)
	}
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
