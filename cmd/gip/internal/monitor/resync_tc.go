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
// both its hooks). A hook bound to a shared block lists nothing of its
// own: each block's chains and filters are listed once, by block, as the
// kernel reports their changes ("block N"), however many hooks share it.
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
	blocks := map[uint32]bool{}
	// hook lists a hook's filters by device, or its shared block's once.
	hook := func(ifindex int32, minor uint32, block rtnl.Opt[uint32]) {
		b, _ := block.Get()
		switch {
		case b == 0:
			parents = append(parents, parent{ifindex, rtnl.MakeHandle(0xffff, minor)})
		case !blocks[b]:
			blocks[b] = true
			parents = append(parents, parent{rtnl.IfindexBlock, b})
		}
	}
	for _, msg := range qdiscs {
		if err := m.event(msg, true); err != nil {
			return err
		}
		var q rtnl.TC
		if err := rtnl.DecodeTC(msg, &q); err != nil {
			continue
		}
		devs[q.Ifindex] = true
		switch {
		case q.Handle == rtnl.MakeHandle(0xffff, 0) && q.Parent == rtnl.HandleIngress:
			hook(q.Ifindex, rtnl.MinIngress, q.IngressBlock)
			hook(q.Ifindex, rtnl.MinEgress, q.EgressBlock)
		case q.Handle != 0:
			parents = append(parents, parent{q.Ifindex, q.Handle})
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
