package monitor

import (
	"errors"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The kernel removes or changes some routes without an event: IPv4
// routes when their link goes down, is deleted or changes VRF, routes of
// a deleted nexthop, of a deleted address (its prefsrc) or of a link's
// last IPv4 address, and the nexthop flags (dead, linkdown) of routes
// whose link lost its carrier. The monitor keeps a view of the routes the
// events announced; after an event that may have such side effects, once
// the events queued so far are printed, it lists the routes and prints
// what the kernel did not say, marked "synthesized" under -j:
// deletions, and for a route changed in place its old form deleted and
// its new one added. So a consumer's view equals the kernel's.

// silent is what the monitor keeps to report silent changes, when it
// watches routes or nexthops (whose objects the kernel removes silently
// too: those of a link that goes down or loses its carrier).
type silent struct {
	view  *routeView          // nil when routes are not watched
	nhs   nexthopView         // nil when nexthops are not watched
	links map[int32]linkState // what matters of each link
	// pending says that an event may have had silent side effects; since
	// is when the first of them came.
	pending bool
	since   time.Time
	// fenced says that the changes of the events noted have ended (see
	// fence).
	fenced bool
}

// linkState is what a link's routes depend on.
type linkState struct {
	flags  uint32 // IFF_UP, IFF_LOWER_UP
	master int32  // a VRF's routes are in its table
}

// checkDelay is how long a check may wait for the queue to empty, under a
// stream of events that does not stop.
const checkDelay = 100 * time.Millisecond

// backlogLimit bounds the events read ahead after a check's dump.
const backlogLimit = 100000

func stateOf(l *rtnl.Link) linkState {
	return linkState{flags: l.Flags & (unix.IFF_UP | unix.IFF_LOWER_UP), master: l.Master}
}

// startSilent reads the routes and links that stand when the monitor
// starts (after it subscribed, so that nothing falls between).
func (m *monitor) startSilent() error {
	s := &silent{links: map[int32]linkState{}}
	c, err := m.e.Conn()
	if err != nil {
		return err
	}
	msgs, err := c.DumpAll(rtnl.LinkDumpRequest(unix.AF_UNSPEC, rtnl.ExtFilterSkipStats))
	if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
		return fail.Kernel(err)
	}
	for _, msg := range msgs {
		if l, err := rtnl.ParseLink(msg); err == nil {
			s.links[l.Index] = stateOf(l)
		}
	}
	if m.o.objs&objRoute != 0 {
		if s.view, err = m.listRoutes(); err != nil {
			return err
		}
	}
	if m.o.objs&objNexthop != 0 {
		if s.nhs, err = m.listNexthops(); err != nil {
			return err
		}
	}
	m.silent = s
	return nil
}

// listNexthops is the view of the nexthop objects the kernel lists now.
func (m *monitor) listNexthops() (nexthopView, error) {
	c, err := m.e.Conn()
	if err != nil {
		return nil, err
	}
	msgs, err := c.DumpAll(familyRequest(unix.RTM_GETNEXTHOP, unix.AF_UNSPEC, nhmsgLen))
	if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) && !errors.Is(err, unix.EOPNOTSUPP) {
		return nil, fail.Kernel(err)
	}
	v := nexthopView{}
	for _, msg := range msgs {
		if id := nexthopID(msg.Data); id != 0 {
			v[id] = string(msg.Data)
		}
	}
	return v, nil
}

// listRoutes is the view of the routes the kernel lists now, of the
// families watched.
func (m *monitor) listRoutes() (*routeView, error) {
	c, err := m.e.Conn()
	if err != nil {
		return nil, err
	}
	var families []uint8
	for _, f := range []uint8{unix.AF_INET, unix.AF_INET6} {
		if m.e.G.Family == unix.AF_UNSPEC || m.e.G.Family == f {
			families = append(families, f)
		}
	}
	v := newRouteView()
	for _, f := range families {
		for attempt := 0; ; attempt++ {
			part := newRouteView()
			var derr error
			for msg, err := range c.Dump(familyRequest(unix.RTM_GETROUTE, f, unix.SizeofRtMsg)) {
				if err != nil {
					derr = err
					break
				}
				if viewed(msg.Data) {
					part.add(msg.Data, 0)
				}
			}
			if errors.Is(derr, nl.ErrDumpInterrupted) && attempt < nl.DumpRetries {
				continue
			}
			if derr != nil && !errors.Is(derr, nl.ErrDumpInterrupted) {
				return nil, fail.Kernel(derr)
			}
			for id, rs := range part.byID {
				v.byID[id] = append(v.byID[id], rs...)
			}
			break
		}
	}
	return v, nil
}

// track keeps the view up to date with one message and notes events that
// may have silent side effects. It prints the deletion of a route an
// announcement replaced (the kernel sends only the new route).
func (m *monitor) track(msg nl.Message, resync bool) error {
	s := m.silent
	if s == nil {
		return nil
	}
	switch t := msg.Header.Type; t {
	case unix.RTM_NEWROUTE:
		if s.view == nil || !viewed(msg.Data) {
			return nil
		}
		for _, r := range s.view.add(msg.Data, msg.Header.Flags) {
			if err := m.synthesize(unix.RTM_DELROUTE, r, resync); err != nil {
				return err
			}
		}
	case unix.RTM_DELROUTE:
		if s.view != nil && viewed(msg.Data) {
			s.view.remove(msg.Data)
		}
	case unix.RTM_NEWLINK, unix.RTM_DELLINK:
		l, err := rtnl.ParseLink(msg)
		if err != nil {
			return nil
		}
		old, known := s.links[l.Index]
		if t == unix.RTM_DELLINK {
			delete(s.links, l.Index)
			s.note()
			return nil
		}
		s.links[l.Index] = stateOf(l)
		if known && old != stateOf(l) {
			s.note()
		}
	case unix.RTM_NEWNEXTHOP, unix.RTM_DELNEXTHOP:
		if id := nexthopID(msg.Data); s.nhs != nil && id != 0 {
			if t == unix.RTM_NEWNEXTHOP {
				s.nhs[id] = string(msg.Data)
			} else {
				delete(s.nhs, id)
			}
		}
		s.note()
	case unix.RTM_DELADDR:
		s.note()
	}
	return nil
}

// note records that the routes must be checked.
func (s *silent) note() {
	if !s.pending {
		s.pending, s.since = true, time.Now()
	}
	s.fenced = false
}

// due reports whether the routes are to be checked now: after an event
// that may have had silent side effects, once the events queued so far
// are printed (the kernel queues a change's own events before it lets
// anyone list the result), or when a stream of events has held the
// check back for checkDelay.
func (s *silent) due(conn *nl.Conn) bool {
	if s == nil || !s.pending {
		return false
	}
	return !conn.Pending() || time.Since(s.since) > checkDelay
}

// settle checks the routes once the changes noted have ended and their
// events are printed: it first waits for the kernel to end the change
// under way (fence), then lets the loop print the events queued in the
// meantime, then checks.
func (m *monitor) settle(conn *nl.Conn) error {
	s := m.silent
	if !s.fenced {
		if err := m.fence(); err != nil {
			return err
		}
		s.fenced = true
		if conn.Pending() && time.Since(s.since) <= checkDelay {
			return nil
		}
	}
	return m.check(conn)
}

// fence returns once the change the kernel is making has ended. A
// change's first event (a link's going down) comes before its side
// effects (its routes flushed, their events), and newer kernels list
// routes without the routing lock, so a listing right after the first
// event may still show them. A request that takes the lock (a listing of
// lo's qdiscs) answers only after the change.
func (m *monitor) fence() error {
	c, err := m.e.Conn()
	if err != nil {
		return err
	}
	_, err = c.DumpAll(rtnl.TCDumpRequest(unix.RTM_GETQDISC, rtnl.TCMsg{Ifindex: 1}, rtnl.Opt[uint32]{}))
	if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
		return fail.Kernel(err)
	}
	return nil
}

// check lists the routes and prints what changed without an event. The
// events that came while it listed are read ahead: a change they report
// is theirs to print (it is in the listing too), the check leaves it out.
func (m *monitor) check(conn *nl.Conn) error {
	s := m.silent
	s.pending, s.fenced = false, false
	now := newRouteView()
	if s.view != nil {
		var err error
		if now, err = m.listRoutes(); err != nil {
			return err
		}
	}
	var nhsNow nexthopView
	if s.nhs != nil {
		var err error
		if nhsNow, err = m.listNexthops(); err != nil {
			return err
		}
	}
	var backlog []datagram
	read := 0
	for read < backlogLimit && conn.Pending() {
		msgs, err := m.receive(conn)
		if err == nl.ErrOverrun {
			// The resync lists everything again, the view with it.
			m.from = nl.CurrentNSID
			return m.overrun(conn)
		}
		if err != nil {
			return fail.Kernel(err)
		}
		backlog = append(backlog, datagram{msgs, m.from})
		read += len(msgs)
	}
	m.from = nl.CurrentNSID
	announced := map[uint16]map[string]bool{unix.RTM_NEWROUTE: {}, unix.RTM_DELROUTE: {}, unix.RTM_NEWNEXTHOP: {}, unix.RTM_DELNEXTHOP: {}}
	for _, d := range backlog {
		for _, msg := range d.msgs {
			a := announced[msg.Header.Type]
			switch {
			case a == nil || d.nsid != nl.CurrentNSID:
			case msg.Header.Type == unix.RTM_NEWNEXTHOP || msg.Header.Type == unix.RTM_DELNEXTHOP:
				a[string(msg.Data)] = true
			case viewed(msg.Data):
				a[normalize(string(msg.Data))] = true
			}
		}
	}
	// Nexthops first: a consumer's routes name them.
	if s.nhs != nil {
		gone, come := s.nhs.diff(nhsNow)
		if err := m.synthesizeAll(unix.RTM_DELNEXTHOP, gone, announced); err != nil {
			return err
		}
		if err := m.synthesizeAll(unix.RTM_NEWNEXTHOP, come, announced); err != nil {
			return err
		}
	}
	if s.view != nil {
		gone, come := s.view.diff(now)
		if err := m.synthesizeAll(unix.RTM_DELROUTE, gone, announced); err != nil {
			return err
		}
		if err := m.synthesizeAll(unix.RTM_NEWROUTE, come, announced); err != nil {
			return err
		}
	}
	for _, d := range backlog {
		m.from = d.nsid
		for _, msg := range d.msgs {
			if err := m.event(msg, false); err != nil {
				return err
			}
		}
	}
	m.from = nl.CurrentNSID
	return m.flush()
}

// datagram is the messages of one read and the namespace they come from.
type datagram struct {
	msgs []nl.Message
	nsid int32
}

// synthesizeAll prints events of type typ the kernel did not send for
// objects, but those the events read ahead announce.
func (m *monitor) synthesizeAll(typ uint16, objects []viewRoute, announced map[uint16]map[string]bool) error {
	for _, r := range objects {
		if announced[typ][r.norm] {
			continue
		}
		if err := m.synthesize(typ, r, false); err != nil {
			return err
		}
	}
	return nil
}

// synthesize prints an event the kernel did not send.
func (m *monitor) synthesize(typ uint16, r viewRoute, resync bool) error {
	msg := nl.Message{Header: nl.Header{Type: typ}, Data: []byte(r.data)}
	return m.print(msg, resync, true)
}
