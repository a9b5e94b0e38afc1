package atomic

import (
	"fmt"
	"slices"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Traffic control: qdiscs by device and handle, classes by device and
// class id, filters by device, parent, chain, priority, protocol and
// handle. What the kernel makes by itself is left out: qdiscs of handle
// 0 (a device's default qdisc, mq's children, a class's default leaf)
// and their classes, and u32's hash tables of the ids it allocates (a
// priority's root table, 800:). A filter priority (the kernel's tcf_proto)
// is an object of its own, so that a rollback deletes a priority the
// batch created as a whole, its tables with it.
//
// Classes and filters are dumped per device (and filters per qdisc and
// class), which the kernel only answers for one at a time.

const tcmInfoOff = 16 // tcm_info in struct tcmsg

// tcHeader reads the tcmsg of a dumped message of type typ.
func tcHeader(m nl.Message, typ uint16) (rtnl.TCMsg, attrs, bool) {
	if m.Header.Type != typ {
		return rtnl.TCMsg{}, nil, false
	}
	h, err := rtnl.DecodeTCMsg(m.Data)
	if err != nil {
		return h, nil, false
	}
	return h, parseAttrs(m.Data, rtnl.TCMsgLen), true
}

// tcData is a dumped tc message without what the kernel reports and a
// request does not carry (statistics, offload state, warnings), its
// tcm_info cleared unless keepInfo (a filter's priority and protocol).
func tcData(m nl.Message, keepInfo bool) []byte {
	data := normalize(m.Data, rtnl.TCMsgLen, unix.TCA_STATS, unix.TCA_XSTATS, unix.TCA_STATS2, unix.TCA_FCNT,
		unix.TCA_PAD, unix.TCA_HW_OFFLOAD, unix.TCA_EXT_WARN_MSG, unix.TCA_DUMP_INVISIBLE)
	if !keepInfo {
		ne.PutUint32(data[tcmInfoOff:], 0)
	}
	return data
}

func kindText(a attrs) string {
	k := a[unix.TCA_KIND]
	for len(k) > 0 && k[len(k)-1] == 0 {
		k = k[:len(k)-1]
	}
	return string(k)
}

func handleText(h uint32) string { return fmt.Sprintf("%x:%x", rtnl.Major(h), rtnl.Minor(h)) }

var qdiscKind = &kind{
	name:  "qdisc",
	dumps: []nl.Message{dumpReq(unix.RTM_GETQDISC, make([]byte, rtnl.TCMsgLen))},
	parse: func(m nl.Message) (object, bool) {
		h, a, ok := tcHeader(m, unix.RTM_NEWQDISC)
		if !ok || h.Handle == 0 {
			return object{}, false
		}
		data := tcData(m, false)
		if fix := qdiscFixes[kindText(a)]; fix != nil {
			if opts, ok := a[unix.TCA_OPTIONS]; ok {
				data = replaceAttr(data, rtnl.TCMsgLen, unix.TCA_OPTIONS, fix(opts))
			}
		}
		key := fmt.Sprintf("dev %d handle %s", h.Ifindex, handleText(h.Handle))
		if h.Parent == rtnl.HandleIngress {
			// ingress and clsact cannot replace each other: the one a
			// batch put in place of the other is deleted first.
			key += " " + kindText(a)
		}
		o := object{key: key, desc: fmt.Sprintf("qdisc %s %s", kindText(a), key), body: string(data), data: data}
		if h.Parent != rtnl.HandleRoot && h.Parent != rtnl.HandleIngress {
			o.order = 1
		}
		return o, true
	},
	del:    func(o object) nl.Message { return message(unix.RTM_DELQDISC, 0, o.data) },
	put:    func(o object) nl.Message { return message(unix.RTM_NEWQDISC, nl.Create|nl.Replace, o.data) },
	remake: true,
	// A qdisc's deletion or replacement takes its classes and filters.
	affects: []kindID{kClass, kFilter},
	passes:  4,
}

var classKind = &kind{
	name: "class",
	requests: func(t *Txn) ([]nl.Message, error) {
		qs, err := t.userQdiscs()
		if err != nil {
			return nil, err
		}
		var out []nl.Message
		seen := map[int32]bool{}
		for _, q := range qs {
			if !seen[q.Ifindex] {
				seen[q.Ifindex] = true
				out = append(out, dumpReq(unix.RTM_GETTCLASS, rtnl.AppendTCMsg(nil, rtnl.TCMsg{Ifindex: q.Ifindex})))
			}
		}
		return out, nil
	},
	parse: func(m nl.Message) (object, bool) {
		h, a, ok := tcHeader(m, unix.RTM_NEWTCLASS)
		if !ok || rtnl.Major(h.Handle) == 0 {
			return object{}, false
		}
		data := tcData(m, false)
		key := fmt.Sprintf("dev %d classid %s", h.Ifindex, handleText(h.Handle))
		o := object{key: key, desc: fmt.Sprintf("class %s %s", kindText(a), key), body: string(data), data: data}
		if rtnl.Minor(h.Parent) != 0 {
			o.order = 1
		}
		return o, true
	},
	del: func(o object) nl.Message { return message(unix.RTM_DELTCLASS, 0, o.data) },
	put: func(o object) nl.Message { return message(unix.RTM_NEWTCLASS, nl.Create, o.data) },
	// A class's deletion takes its leaf qdisc and its filters.
	affects: []kindID{kQdisc, kFilter},
	passes:  4,
}

// A filter's key and what its deletion names: the priority alone (the
// whole tcf_proto) when its handle is 0.
var filterKind = &kind{
	name: "filter",
	requests: func(t *Txn) ([]nl.Message, error) {
		qs, err := t.userQdiscs()
		if err != nil {
			return nil, err
		}
		var out []nl.Message
		dev := map[int32]bool{}
		for _, q := range qs {
			dev[q.Ifindex] = true
			req := func(parent uint32) {
				out = append(out, dumpReq(unix.RTM_GETTFILTER, rtnl.AppendTCMsg(nil, rtnl.TCMsg{Ifindex: q.Ifindex, Parent: parent})))
			}
			switch q.kind {
			case "clsact":
				req(rtnl.MakeHandle(0xFFFF, rtnl.MinIngress))
				req(rtnl.MakeHandle(0xFFFF, rtnl.MinEgress))
			default:
				req(q.Handle)
			}
		}
		for i := range dev {
			for m, err := range t.conn.Dump(dumpReq(unix.RTM_GETTCLASS, rtnl.AppendTCMsg(nil, rtnl.TCMsg{Ifindex: i}))) {
				if err != nil {
					return nil, err
				}
				if h, _, ok := tcHeader(m, unix.RTM_NEWTCLASS); ok && rtnl.Major(h.Handle) != 0 {
					out = append(out, dumpReq(unix.RTM_GETTFILTER, rtnl.AppendTCMsg(nil, rtnl.TCMsg{Ifindex: i, Parent: h.Handle})))
				}
			}
		}
		return out, nil
	},
	parse: func(m nl.Message) (object, bool) {
		h, a, ok := tcHeader(m, unix.RTM_NEWTFILTER)
		if !ok {
			return object{}, false
		}
		kind := kindText(a)
		chain, _ := a.u32(unix.TCA_CHAIN)
		tp := fmt.Sprintf("dev %d parent %s chain %d pref %d protocol %#04x %s", h.Ifindex, handleText(h.Parent), chain,
			h.Info>>16, swap16(uint16(h.Info)), kind)
		data := filterData(m, kind)
		if h.Handle == 0 {
			// The priority itself: its deletion deletes all it holds.
			return object{key: tp, desc: "filter " + tp, body: kind, data: data}, true
		}
		handle, body := fmt.Sprintf("%#x", h.Handle), data
		if kind == "u32" && u32AutoTable(h.Handle) {
			if rtnl.Minor(h.Handle) == 0 {
				return object{}, false // the kernel's own hash table
			}
			// A key of a table whose id the kernel allocates: another
			// id after a re-creation. It compares, and is put back, by
			// its node.
			handle = fmt.Sprintf("::%x", h.Handle&0xFFF)
			body = u32ByNode(data)
		}
		o := object{key: tp + " handle " + handle, desc: "filter " + tp + " handle " + handle, body: string(body), data: data, order: 2}
		if kind == "u32" && rtnl.Minor(h.Handle)&0xFFF == 0 && h.Handle&0xFF000 == 0 {
			o.order = 1 // a hash table before the keys that link to it
		}
		return o, true
	},
	del: func(o object) nl.Message {
		data := append([]byte(nil), o.data[:rtnl.TCMsgLen]...)
		e := nl.NewAttrEncoder(data)
		a := parseAttrs(o.data, rtnl.TCMsgLen)
		e.Bytes(unix.TCA_KIND, a[unix.TCA_KIND])
		if c, ok := a[unix.TCA_CHAIN]; ok {
			e.Bytes(unix.TCA_CHAIN, c)
		}
		b, _ := e.Encode()
		return message(unix.RTM_DELTFILTER, 0, b)
	},
	put: func(o object) nl.Message {
		h := ne.Uint32(o.data[8:])
		switch {
		case h == 0:
			return nl.Message{} // a priority comes back with its filters
		case kindText(parseAttrs(o.data, rtnl.TCMsgLen)) == "u32" && u32AutoTable(h):
			return message(unix.RTM_NEWTFILTER, nl.Create, u32ByNode(o.data))
		}
		return message(unix.RTM_NEWTFILTER, nl.Create, o.data)
	},
	passes: 2,
}

// qdiscFixes make a kind's dumped options a request the kernel takes
// back, without what traffic changes.
var qdiscFixes = map[string]func(opts []byte) []byte{
	// htb reports its whole version (3.17) where it takes the major
	// (3), and counts direct packets in the same struct.
	"htb": func(opts []byte) []byte {
		const htbInit, version, directPkts = 2, 3, 16
		e := nl.NewAttrEncoder(nil)
		d := nl.NewAttrDecoder(opts)
		for d.Next() {
			b := d.Bytes()
			if d.Type() == htbInit && len(b) >= directPkts+4 {
				b = append([]byte(nil), b...)
				ne.PutUint32(b, version)
				ne.PutUint32(b[directPkts:], 0)
			}
			e.Bytes(d.RawType(), b)
		}
		out, _ := e.Encode()
		return out
	},
	// codel and fq_codel keep their times in units of 1024 ns and report
	// them in whole microseconds rounded down: sent back as reported they
	// would come back 1 us short. One microsecond more makes the same
	// units (for a report v of u units, v+1 lies within u's range).
	"codel":    codelTimes(1, 3, 5), // target, interval, ce_threshold
	"fq_codel": codelTimes(1, 3, 7),
}

// codelTimes is a fix adding 1 to the u32 attributes of the given types.
func codelTimes(types ...uint16) func(opts []byte) []byte {
	return func(opts []byte) []byte {
		e := nl.NewAttrEncoder(nil)
		d := nl.NewAttrDecoder(opts)
		for d.Next() {
			b := d.Bytes()
			if slices.Contains(types, d.Type()) && len(b) == 4 && ne.Uint32(b) != ^uint32(0) {
				b = ne.AppendUint32(nil, ne.Uint32(b)+1)
			}
			e.Bytes(d.RawType(), b)
		}
		out, _ := e.Encode()
		return out
	}
}

// userQdisc is a qdisc of handle other than 0, and its kind.
type userQdisc struct {
	rtnl.TCMsg
	kind string
}

func (t *Txn) userQdiscs() ([]userQdisc, error) {
	var out []userQdisc
	for m, err := range t.conn.Dump(qdiscKind.dumps[0]) {
		if err != nil {
			return nil, err
		}
		if h, a, ok := tcHeader(m, unix.RTM_NEWQDISC); ok && h.Handle != 0 {
			out = append(out, userQdisc{h, kindText(a)})
		}
	}
	return out, nil
}

// Attributes of the filter kinds that count packets or say whether the
// filter is in hardware: the counters are dropped, so that traffic is no
// change; the state flags cleared, as a request may not carry them.
const (
	tcaU32Hash      = 2
	tcaActOptions   = 2
	tcaActStats     = 4
	tcaActInHWCount = 10
	tcaPoliceTM     = 6
	tcaActTM        = 1 // TCA_<KIND>_TM of the other actions
	sizeofTcfT      = 32
	// TCA_CLS_FLAGS_IN_HW, TCA_CLS_FLAGS_NOT_IN_HW
	clsFlagsState = 1<<2 | 1<<3
)

// filterAttrs are, per kind, its packet counter, its actions and its
// flags (TCA_<KIND>_PCNT, _ACT, _FLAGS; 0 for none).
var filterAttrs = map[string]struct{ pcnt, act, flags uint16 }{
	"u32":      {9, 7, 11},
	"basic":    {5, 3, 0},
	"matchall": {4, 2, 3},
	"flower":   {86, 3, 22},
	"fw":       {0, 4, 0},
	"route":    {0, 6, 0},
	"bpf":      {0, 1, 9},
}

// filterData is a dumped filter without its counters, its actions'
// statistics and timestamps.
func filterData(m nl.Message, kind string) []byte {
	data := tcData(m, true)
	c, ok := filterAttrs[kind]
	if !ok {
		return data
	}
	opts, ok := parseAttrs(data, rtnl.TCMsgLen)[unix.TCA_OPTIONS]
	if !ok {
		return data
	}
	e := nl.NewAttrEncoder(nil)
	d := nl.NewAttrDecoder(opts)
	for d.Next() {
		switch t := d.Type(); {
		case c.pcnt != 0 && t == c.pcnt:
		case t == c.act:
			e.Bytes(d.RawType(), actionsWithoutStats(d.Bytes()))
		case c.flags != 0 && t == c.flags && len(d.Bytes()) == 4:
			e.Uint32(d.RawType(), ne.Uint32(d.Bytes())&^clsFlagsState)
		default:
			e.Bytes(d.RawType(), d.Bytes())
		}
	}
	b, _ := e.Encode()
	return replaceAttr(data, rtnl.TCMsgLen, unix.TCA_OPTIONS, b)
}

// actionsWithoutStats is a list of actions (nested by order) without
// what traffic and time change.
func actionsWithoutStats(b []byte) []byte {
	e := nl.NewAttrEncoder(nil)
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		a := nl.NewAttrEncoder(nil)
		ad := nl.NewAttrDecoder(d.Bytes())
		var kind string
		for ad.Next() {
			if ad.Type() == 1 { // TCA_ACT_KIND
				kind = string(trimNUL(ad.Bytes()))
			}
		}
		ad = nl.NewAttrDecoder(d.Bytes())
		for ad.Next() {
			switch ad.Type() {
			case tcaActStats, tcaActInHWCount:
			case tcaActOptions:
				tm := uint16(tcaActTM)
				if kind == "police" {
					tm = tcaPoliceTM
				}
				o := nl.NewAttrEncoder(nil)
				od := nl.NewAttrDecoder(ad.Bytes())
				for od.Next() {
					if od.Type() == tm && len(od.Bytes()) == sizeofTcfT {
						continue
					}
					o.Bytes(od.RawType(), od.Bytes())
				}
				ob, _ := o.Encode()
				a.Bytes(ad.RawType(), ob)
			default:
				a.Bytes(ad.RawType(), ad.Bytes())
			}
		}
		ab, _ := a.Encode()
		e.Bytes(d.RawType(), ab)
	}
	out, _ := e.Encode()
	return out
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// replaceAttr is data (header of hdr bytes) with attribute typ's payload
// replaced by payload.
func replaceAttr(data []byte, hdr int, typ uint16, payload []byte) []byte {
	e := nl.NewAttrEncoder(append([]byte(nil), data[:hdr]...))
	d := nl.NewAttrDecoder(data[hdr:])
	for d.Next() {
		if d.Type() == typ {
			e.Bytes(d.RawType(), payload)
			continue
		}
		e.Bytes(d.RawType(), d.Bytes())
	}
	b, _ := e.Encode()
	return b
}

// dropNested is data without attribute inner inside attribute outer.
func dropNested(data []byte, outer, inner uint16) []byte {
	in, ok := parseAttrs(data, rtnl.TCMsgLen)[outer]
	if !ok {
		return data
	}
	e := nl.NewAttrEncoder(nil)
	d := nl.NewAttrDecoder(in)
	for d.Next() {
		if d.Type() != inner {
			e.Bytes(d.RawType(), d.Bytes())
		}
	}
	b, _ := e.Encode()
	return replaceAttr(data, rtnl.TCMsgLen, outer, b)
}

// u32ByNode is a u32 key of a table the kernel allocated, named by its
// node alone: the kernel puts it in its priority's root table.
func u32ByNode(data []byte) []byte {
	data = append([]byte(nil), data...)
	ne.PutUint32(data[8:], ne.Uint32(data[8:])&0xFFF)
	return dropNested(data, unix.TCA_OPTIONS, tcaU32Hash)
}

// u32AutoTable reports a u32 handle in a hash table whose id the kernel
// allocated (0x800 and up: a priority's root table, or one created
// without a handle).
func u32AutoTable(h uint32) bool { return h>>20&0x800 != 0 }

func swap16(v uint16) uint16 { return v<<8 | v>>8 }
