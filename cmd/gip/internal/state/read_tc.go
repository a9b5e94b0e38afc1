package state

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Reading: the kernel's dumps, decoded through the kinds' own words.

// tcObject is one dumped qdisc, class or filter with its device's name.
type tcObject struct {
	rtnl.TC
	dev string
}

// tcDump reads what answers req.
func tcDump(conn *nl.Conn, links *env.Links, req nl.Message, typ uint16) ([]tcObject, error) {
	var out []tcObject
	var err error
	for range nl.DumpRetries {
		out = out[:0]
		err = nil
		for m, derr := range conn.Dump(req) {
			if derr != nil {
				err = derr
				break
			}
			if m.Header.Type != typ {
				continue
			}
			var t rtnl.TC
			if rtnl.DecodeTC(m, &t) != nil {
				continue
			}
			out = append(out, tcObject{TC: t})
		}
		if !errors.Is(err, nl.ErrDumpInterrupted) {
			break
		}
	}
	// The names once the dump is read: a look-up goes through the
	// same socket.
	for i := range out {
		out[i].dev = links.Name(out[i].Ifindex)
	}
	return out, err
}

// tcRead is one read's dumps of traffic control: the namespace's qdiscs
// of handles other than 0, and each device's classes once asked for.
type tcRead struct {
	conn    *nl.Conn
	links   *env.Links
	qdiscs  []tcObject
	classes map[int32][]tcObject
}

// tc is the read's qdiscs, dumped on the first call.
func (r *reader) tc() (*tcRead, error) {
	if r.tcRead != nil {
		return r.tcRead, nil
	}
	conn, err := r.e.Conn()
	if err != nil {
		return nil, err
	}
	t := &tcRead{conn: conn, links: env.NewLinks(r.e.Conn), classes: map[int32][]tcObject{}}
	all, err := tcDump(conn, t.links, rtnl.TCDumpRequest(unix.RTM_GETQDISC, rtnl.TCMsg{}, rtnl.Opt[uint32]{}), unix.RTM_NEWQDISC)
	if err != nil {
		return nil, fmt.Errorf("reading the qdiscs: %w", err)
	}
	for _, q := range all {
		if q.Handle != 0 && q.Ifindex > 0 {
			t.qdiscs = append(t.qdiscs, q)
		}
	}
	r.tcRead = t
	return t, nil
}

// deviceClasses is device i's classes, dumped on the first call.
func (t *tcRead) deviceClasses(i int32) ([]tcObject, error) {
	if cs, ok := t.classes[i]; ok {
		return cs, nil
	}
	cs, err := tcDump(t.conn, t.links, rtnl.TCDumpRequest(unix.RTM_GETTCLASS, rtnl.TCMsg{Ifindex: i}, rtnl.Opt[uint32]{}), unix.RTM_NEWTCLASS)
	if err != nil {
		return nil, fmt.Errorf("reading the classes: %w", err)
	}
	t.classes[i] = cs
	return cs, nil
}

// unwritable is a tc object gip state cannot write, left out of what it
// reads with a warning.
func (r *reader) unwritable(what string, err error) {
	if !r.warn {
		return
	}
	fmt.Fprintf(r.e.Stderr, "%s: state: %s left out: %v\n", r.e.Prog, what, err)
}

func readQdiscs(r *reader) ([]*Item, error) {
	t, err := r.tc()
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, q := range t.qdiscs {
		o := NewItem()
		o.Set("dev", q.dev)
		switch q.Parent {
		case rtnl.HandleRoot:
			o.Set("parent", "root")
		case rtnl.HandleIngress:
			o.Set("parent", "ingress")
		default:
			o.Set("parent", sched.ClassIDText(q.Parent))
		}
		o.Set("handle", sched.HandleText(q.Handle))
		o.Set("kind", q.Kind)
		w, err := qdisc.OptionWords(q.Kind, false, q.Options)
		if err != nil {
			r.unwritable(fmt.Sprintf("qdisc %s dev %s handle %s", q.Kind, q.dev, o.Get("handle")), err)
			continue
		}
		setWords(o, w)
		out = append(out, o)
	}
	return out, nil
}

// userDevices are the devices with qdiscs of their own.
func userDevices(qs []tcObject) []int32 {
	var out []int32
	for _, q := range qs {
		if len(out) == 0 || out[len(out)-1] != q.Ifindex {
			dup := false
			for _, i := range out {
				dup = dup || i == q.Ifindex
			}
			if !dup {
				out = append(out, q.Ifindex)
			}
		}
	}
	return out
}

func readClasses(r *reader) ([]*Item, error) {
	t, err := r.tc()
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, i := range userDevices(t.qdiscs) {
		cs, err := t.deviceClasses(i)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			// A class of minor 0 is a qdisc's root class (hfsc's).
			if rtnl.Major(c.Handle) == 0 || rtnl.Minor(c.Handle) == 0 || !userClass(t.qdiscs, c) {
				continue
			}
			o := NewItem()
			o.Set("dev", c.dev)
			parent := c.Parent
			if parent == rtnl.HandleRoot {
				parent = rtnl.MakeHandle(rtnl.Major(c.Handle), 0)
			}
			o.Set("parent", sched.ClassIDText(parent))
			o.Set("classid", sched.ClassIDText(c.Handle))
			o.Set("kind", c.Kind)
			w, err := qdisc.OptionWords(c.Kind, true, c.Options)
			if err != nil {
				r.unwritable("class "+c.Kind+" dev "+c.dev+" classid "+o.Get("classid"), err)
				continue
			}
			setWords(o, w)
			out = append(out, o)
		}
	}
	return out, nil
}

// userClass reports a class the user makes: one of a classful qdisc
// whose classes are not the kernel's own. mq's, tbf's, prio's, mqprio's,
// cake's and ets's are: the qdisc makes them, and what tc can change of
// them (an ets band's quantum) its options report.
func userClass(qs []tcObject, c tcObject) bool {
	for _, q := range qs {
		if q.Ifindex == c.Ifindex && rtnl.Major(q.Handle) == rtnl.Major(c.Handle) {
			k := qdisc.Lookup(q.Kind)
			return k.Class != nil && k.Class.Parse != nil && !k.Class.Fixed
		}
	}
	return false
}

func readFilters(r *reader) ([]*Item, error) {
	t, err := r.tc()
	if err != nil {
		return nil, err
	}
	var parents []rtnl.TCMsg
	for _, q := range t.qdiscs {
		switch q.Kind {
		case "clsact":
			parents = append(parents, rtnl.TCMsg{Ifindex: q.Ifindex, Parent: rtnl.MakeHandle(0xFFFF, rtnl.MinIngress)},
				rtnl.TCMsg{Ifindex: q.Ifindex, Parent: rtnl.MakeHandle(0xFFFF, rtnl.MinEgress)})
		default:
			parents = append(parents, rtnl.TCMsg{Ifindex: q.Ifindex, Parent: q.Handle})
		}
	}
	for _, i := range userDevices(t.qdiscs) {
		cs, err := t.deviceClasses(i)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if rtnl.Major(c.Handle) != 0 && rtnl.Minor(c.Handle) != 0 {
				parents = append(parents, rtnl.TCMsg{Ifindex: i, Parent: c.Handle})
			}
		}
	}
	// A filter's actions name devices (mirred's) by index.
	name := func(i int32) (string, bool) {
		if l := t.links.Link(i); l != nil {
			return l.Name, true
		}
		return "", false
	}
	var out []*Item
	for _, p := range parents {
		fs, err := tcDump(t.conn, t.links, rtnl.TCDumpRequest(unix.RTM_GETTFILTER, p, rtnl.Opt[uint32]{}), unix.RTM_NEWTFILTER)
		if err != nil {
			return nil, fmt.Errorf("reading the filters: %w", err)
		}
		for _, f := range fs {
			if o := filterItem(r, f, name); o != nil {
				out = append(out, o)
			}
		}
	}
	return out, nil
}

// filterItem is a dumped filter as a document's object; nil for a
// priority's own entry (handle 0), a hash table the kernel made, or a
// filter whose options have no words.
func filterItem(r *reader, f tcObject, name func(int32) (string, bool)) *Item {
	if f.Handle == 0 {
		return nil
	}
	o := NewItem()
	o.Set("dev", f.dev)
	o.Set("parent", filterParentText(f.Parent))
	if c, ok := f.Chain.Get(); ok && c != 0 {
		o.Set("chain", strconv.FormatUint(uint64(c), 10))
	}
	o.Set("protocol", grammar.EthProtoWord(uint16(f.Info)<<8|uint16(f.Info)>>8&0xFF))
	o.Set("pref", strconv.FormatUint(uint64(f.Info>>16), 10))
	o.Set("kind", f.Kind)
	handle := fmt.Sprintf("%#x", f.Handle)
	if f.Kind == "u32" {
		handle = filter.U32HandleText(f.Handle, false)
		if filter.U32AutoTable(f.Handle) {
			if rtnl.U32Node(f.Handle) == 0 {
				return nil // the kernel's own table
			}
			if rtnl.U32Hash(f.Handle) == 0 {
				handle = "::" + strconv.FormatUint(uint64(rtnl.U32Node(f.Handle)), 16)
			}
		}
		o.Set(kernelHandleField, filter.U32HandleText(f.Handle, false))
	} else {
		o.Set(kernelHandleField, handle)
	}
	o.Set("handle", handle)
	w, err := filter.OptionWords(f.Kind, f.TCMsg, f.Options, name)
	if err != nil {
		r.unwritable(fmt.Sprintf("filter %s %s handle %s", f.Kind, filterPrio(o), handle), err)
		return nil
	}
	setFilterWords(o, w)
	return o
}
