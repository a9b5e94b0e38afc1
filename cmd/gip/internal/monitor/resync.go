package monitor

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Text mode's resync markers, on lines of their own around the state.
const (
	textResyncBegin = "[RESYNC BEGIN]"
	textResyncEnd   = "[RESYNC END]"
)

// overrun reports that the kernel dropped events (the receive buffer
// overran), then prints the current state of every watched object type
// between resync markers: {"object":"monitor","action":"overrun"},
// "resync-begin", the objects as events marked "resync":true,
// "resync-end". Text mode prints ip's line on standard error and the
// state between "[RESYNC BEGIN]" and "[RESYNC END]" lines.
func (m *monitor) overrun(conn *nl.Conn) error {
	m.from = nl.CurrentNSID
	if m.e.G.JSON {
		if err := m.out.notice("overrun"); err != nil {
			return err
		}
		if err := m.out.notice("resync-begin"); err != nil {
			return err
		}
	} else {
		if err := m.flush(); err != nil {
			return err
		}
		fmt.Fprintf(m.e.Stderr, "netlink receive error %s (%d)\n", fail.Strerror(unix.ENOBUFS), int(unix.ENOBUFS))
		if err := m.out.text(textResyncBegin); err != nil {
			return err
		}
	}
	// What is still queued is older than the state about to be read.
	drain(conn)
	if err := m.resync(); err != nil {
		return err
	}
	if m.e.G.JSON {
		if err := m.out.notice("resync-end"); err != nil {
			return err
		}
	} else if err := m.out.text(textResyncEnd); err != nil {
		return err
	}
	return m.flush()
}

// resync prints every watched object the kernel has now, object type by
// type, links first so that names resolve.
func (m *monitor) resync() error {
	c, err := m.e.Conn()
	if err != nil {
		return err
	}
	fam := m.e.G.Family
	m.e.Links().Forget()
	if s := m.silent; s != nil {
		// The views are what the resync lists.
		if s.view != nil {
			s.view = newRouteView()
		}
		if s.nhs != nil {
			s.nhs = nexthopView{}
		}
		s.pending = false
	}
	type dump struct {
		obj objects
		req nl.Message
	}
	dumps := []dump{
		{objLink, rtnl.LinkDumpRequest(unix.AF_UNSPEC, rtnl.ExtFilterVF|rtnl.ExtFilterSkipStats)},
		{objAddr, familyRequest(unix.RTM_GETADDR, fam, unix.SizeofIfAddrmsg)},
		{objRoute, familyRequest(unix.RTM_GETROUTE, fam, unix.SizeofRtMsg)},
		{objNexthop, familyRequest(unix.RTM_GETNEXTHOP, unix.AF_UNSPEC, 8)},
		{objNeigh, familyRequest(unix.RTM_GETNEIGH, fam, unix.SizeofNdMsg)},
	}
	// Rules by family: a dump of every family would add the
	// multicast-routing families' own (ip6mr's "32767: from all lookup
	// main"), which no rule listing shows.
	for _, f := range ruleFamilies(fam) {
		dumps = append(dumps, dump{objRule, familyRequest(unix.RTM_GETRULE, f, unix.SizeofRtMsg)})
	}
	for _, d := range dumps {
		if m.o.objs&d.obj == 0 {
			continue
		}
		// The whole table first: a dump the kernel interrupts because
		// the table changed is read again.
		msgs, err := c.DumpAll(d.req)
		if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) && !(d.obj == objNexthop && errors.Is(err, unix.EOPNOTSUPP)) {
			return fail.Kernel(err)
		}
		for _, msg := range msgs {
			if err := m.event(msg, true); err != nil {
				return err
			}
		}
	}
	if err := m.resyncTC(); err != nil {
		return err
	}
	return m.resyncXfrm()
}

// ruleFamilies is the families whose rules a resync lists: the one asked
// for (-4, -6), or IPv4's and IPv6's.
func ruleFamilies(asked uint8) []uint8 {
	if asked != unix.AF_UNSPEC {
		return []uint8{asked}
	}
	return []uint8{unix.AF_INET, unix.AF_INET6}
}

// familyRequest is a dump request of typ whose header, hdrLen bytes,
// starts with the family.
func familyRequest(typ uint16, family uint8, hdrLen int) nl.Message {
	data := make([]byte, hdrLen)
	data[0] = family
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}
}

// drain discards the notifications queued on conn. It asks the socket
// whether more wait rather than waiting for a while: a reader descheduled
// longer than the wait would leave a full queue behind. A flood that does
// not stop ends it after backlogLimit datagrams.
func drain(conn *nl.Conn) {
	for n := 0; n < backlogLimit && conn.Pending(); n++ {
		if _, err := conn.Receive(); err != nil && err != nl.ErrOverrun {
			return
		}
	}
}
