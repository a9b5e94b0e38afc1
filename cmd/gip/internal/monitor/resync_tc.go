package monitor

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// resyncTC prints the traffic-control objects watched as a resync's
// events: every qdisc, then per device its classes, and per qdisc its
// filter chains and filters (with an ingress or clsact qdisc, those of
// both its hooks). Shared blocks' filters are not listed.
func (m *monitor) resyncTC() error {
	if m.o.objs&objTC == 0 {
		return nil
	}
	c, err := m.e.Conn()
	if err != nil {
		return err
	}
	dump := func(req nl.Message) ([]nl.Message, error) {
		msgs, err := c.DumpAll(req)
		if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) && !errors.Is(err, unix.EOPNOTSUPP) &&
			!errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOENT) {
			return nil, fail.Kernel(err)
		}
		return msgs, nil
	}
	none := rtnl.Opt[uint32]{}
	qdiscs, err := dump(rtnl.TCDumpRequest(unix.RTM_GETQDISC, rtnl.TCMsg{}, none))
	if err != nil {
		return err
	}
	type parent struct {
		ifindex int32
		handle  uint32
	}
	var parents []parent
	devs := map[int32]bool{}
	for _, msg := range qdiscs {
		if err := m.event(msg, true); err != nil {
			return err
		}
		h, err := rtnl.DecodeTCMsg(msg.Data)
		if err != nil {
			continue
		}
		devs[h.Ifindex] = true
		if h.Handle == rtnl.MakeHandle(0xffff, 0) && h.Parent == rtnl.HandleIngress {
			parents = append(parents,
				parent{h.Ifindex, rtnl.MakeHandle(0xffff, rtnl.MinIngress)},
				parent{h.Ifindex, rtnl.MakeHandle(0xffff, rtnl.MinEgress)})
		} else if h.Handle != 0 {
			parents = append(parents, parent{h.Ifindex, h.Handle})
		}
	}
	var reqs []nl.Message
	for dev := range devs {
		if m.o.objs&objClass != 0 {
			reqs = append(reqs, rtnl.TCDumpRequest(unix.RTM_GETTCLASS, rtnl.TCMsg{Ifindex: dev}, none))
		}
	}
	for _, p := range parents {
		if m.o.objs&objChain != 0 {
			reqs = append(reqs, rtnl.TCDumpRequest(unix.RTM_GETCHAIN, rtnl.TCMsg{Ifindex: p.ifindex, Parent: p.handle}, none))
		}
		if m.o.objs&objFilter != 0 {
			reqs = append(reqs, rtnl.TCDumpRequest(unix.RTM_GETTFILTER, rtnl.TCMsg{Ifindex: p.ifindex, Parent: p.handle}, none))
		}
	}
	for _, req := range reqs {
		msgs, err := dump(req)
		if err != nil {
			return err
		}
		for _, msg := range msgs {
			if err := m.event(msg, true); err != nil {
				return err
			}
		}
	}
	return nil
}
