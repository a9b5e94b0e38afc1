package atomic

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// kindID is an object type a batch can change and an atomic batch can
// restore.
type kindID int

const (
	kLink kindID = iota
	kAddr
	kNexthop
	kRoute
	kNeigh
	kFdb
	kRule
	kQdisc
	kClass
	kFilter
	kBrVlan
	numKinds
)

// kind says how to read and restore one object type.
type kind struct {
	name  string
	dumps []nl.Message
	// requests, when set, are the dumps to send, which depend on what
	// exists (tc classes and filters are dumped per device and parent).
	requests func(t *Txn) ([]nl.Message, error)
	// parse turns a dumped message into an object; false leaves it out
	// (objects the kernel keeps by itself and changes on its own).
	parse func(m nl.Message) (object, bool)
	// many, set instead of parse, turns a message into the objects it
	// holds (a device's bridge vlans come in one).
	many func(m nl.Message) []object
	del  func(o object) nl.Message // deletes o
	put  func(o object) nl.Message // creates o, or makes it so
	// remake, when set, is the last resort of a put the kernel refuses:
	// o deleted and created again (a qdisc whose kind cannot change some
	// options in place: fq_codel's flows, sfq). What it held goes with
	// it and is put back with its own type.
	remake bool
	// affects lists the types a change of this one can change as a side
	// effect: their pre-images are taken with this one's.
	affects []kindID
	// passes is how often a rollback tries again the objects of this type
	// it could not put back, when their order is not known beforehand (a
	// qdisc under a class of a qdisc under a class); 0 is once.
	passes int
}

var kinds [numKinds]*kind

func init() {
	kinds = [numKinds]*kind{
		kLink:    linkKind,
		kAddr:    addrKind,
		kNexthop: nexthopKind,
		kRoute:   routeKind,
		kNeigh:   neighKind,
		kFdb:     fdbKind,
		kRule:    ruleKind,
		kQdisc:   qdiscKind,
		kClass:   classKind,
		kFilter:  filterKind,
		kBrVlan:  brVlanKind,
	}
}

func dumpReq(typ uint16, hdr []byte) nl.Message {
	return nl.Message{Header: nl.Header{Type: typ}, Data: hdr}
}

func addrString(family uint8, b []byte) string {
	if a, ok := netip.AddrFromSlice(b); ok {
		if family == unix.AF_INET {
			a = a.Unmap()
		}
		return a.String()
	}
	return fmt.Sprintf("%x", b)
}

func familyName(f uint8) string {
	for _, n := range env.FamilyNames {
		if n.Family == f {
			return n.Name
		}
	}
	return fmt.Sprint(f)
}

// Addresses (ifaddrmsg: family, prefixlen, flags, scope, index).

const (
	ifaFTentative = 0x40
	ifaFDadFailed = 0x08
	ifaFSecondary = 0x01
)

var addrKind = &kind{
	name: "address",
	dumps: []nl.Message{
		dumpReq(unix.RTM_GETADDR, make([]byte, unix.SizeofIfAddrmsg)),
	},
	parse: func(m nl.Message) (object, bool) {
		if m.Header.Type != unix.RTM_NEWADDR || len(m.Data) < unix.SizeofIfAddrmsg {
			return object{}, false
		}
		data := normalize(m.Data, unix.SizeofIfAddrmsg, unix.IFA_CACHEINFO)
		data[2] &^= ifaFTentative | ifaFDadFailed
		a := parseAttrs(data, unix.SizeofIfAddrmsg)
		if f, ok := a.u32(unix.IFA_FLAGS); ok {
			ne.PutUint32(a[unix.IFA_FLAGS], f&^(ifaFTentative|ifaFDadFailed))
		}
		fam, index := data[0], ne.Uint32(data[4:])
		local, ok := a[unix.IFA_LOCAL]
		if !ok {
			local = a[unix.IFA_ADDRESS]
		}
		key := fmt.Sprintf("%s %s/%d", familyName(fam), addrString(fam, local), data[1])
		if peer, ok := a[unix.IFA_ADDRESS]; ok && string(peer) != string(local) {
			key += " peer " + addrString(fam, peer)
		}
		key += fmt.Sprintf(" dev %d", index)
		o := object{key: key, desc: "address " + key, body: string(data), data: data}
		if data[2]&ifaFSecondary != 0 {
			o.order = 1
		}
		return o, true
	},
	del:     func(o object) nl.Message { return message(unix.RTM_DELADDR, 0, o.data) },
	put:     func(o object) nl.Message { return message(unix.RTM_NEWADDR, nl.Create|nl.Replace, o.data) },
	affects: []kindID{kRoute},
}

// Routes (rtmsg: family, dst_len, src_len, tos, table, protocol, scope,
// type, flags).

const (
	rtnhFOnlink = 4
	rtaNHID     = 30 // RTA_NH_ID
)

var routeKind = &kind{
	name: "route",
	dumps: []nl.Message{
		dumpReq(unix.RTM_GETROUTE, []byte{unix.AF_INET, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
		dumpReq(unix.RTM_GETROUTE, []byte{unix.AF_INET6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
	},
	parse: func(m nl.Message) (object, bool) {
		if m.Header.Type != unix.RTM_NEWROUTE || len(m.Data) < unix.SizeofRtMsg {
			return object{}, false
		}
		if ne.Uint32(m.Data[8:])&unix.RTM_F_CLONED != 0 {
			return object{}, false
		}
		data := normalize(m.Data, unix.SizeofRtMsg, unix.RTA_CACHEINFO, unix.RTA_EXPIRES)
		a := parseAttrs(data, unix.SizeofRtMsg)
		fam := data[0]
		table := uint32(data[4])
		if t, ok := a.u32(unix.RTA_TABLE); ok {
			table = t
		}
		dst := "default"
		if d, ok := a[unix.RTA_DST]; ok {
			dst = fmt.Sprintf("%s/%d", addrString(fam, d), data[1])
		}
		key := fmt.Sprintf("%s table %d %s", familyName(fam), table, dst)
		if s, ok := a[unix.RTA_SRC]; ok {
			key += fmt.Sprintf(" from %s/%d", addrString(fam, s), data[2])
		}
		if data[3] != 0 {
			key += fmt.Sprintf(" tos %d", data[3])
		}
		prio, _ := a.u32(unix.RTA_PRIORITY)
		key += fmt.Sprintf(" metric %d", prio)
		if oif, ok := a.u32(unix.RTA_OIF); ok && fam == unix.AF_INET6 {
			// IPv6 keeps a route to the same prefix per device.
			key += fmt.Sprintf(" dev %d", oif)
		}
		return object{key: key, desc: "route " + key, body: string(data), data: data}, true
	},
	del: func(o object) nl.Message { return message(unix.RTM_DELROUTE, 0, o.data) },
	put: func(o object) nl.Message {
		data := o.data
		if _, ok := parseAttrs(data, unix.SizeofRtMsg)[rtaNHID]; ok {
			// The kernel also reports the nexthop's paths, which a
			// request naming the nexthop must not carry.
			data = normalize(data, unix.SizeofRtMsg, unix.RTA_OIF, unix.RTA_GATEWAY, unix.RTA_MULTIPATH,
				unix.RTA_VIA, unix.RTA_ENCAP, unix.RTA_ENCAP_TYPE, unix.RTA_FLOW)
		} else {
			data = append([]byte(nil), data...)
		}
		ne.PutUint32(data[8:], ne.Uint32(data[8:])&rtnhFOnlink)
		return message(unix.RTM_NEWROUTE, nl.Create|nl.Replace, data)
	},
}

// Rules (fib_rule_hdr): a rule has no identity but all it says.

var ruleKind = &kind{
	name: "rule",
	dumps: []nl.Message{
		dumpReq(unix.RTM_GETRULE, []byte{unix.AF_INET, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
		dumpReq(unix.RTM_GETRULE, []byte{unix.AF_INET6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
	},
	parse: func(m nl.Message) (object, bool) {
		const hdr = 12
		if m.Header.Type != unix.RTM_NEWRULE || len(m.Data) < hdr {
			return object{}, false
		}
		data := normalize(m.Data, hdr)
		a := parseAttrs(data, hdr)
		prio, _ := a.u32(unix.FRA_PRIORITY)
		table := uint32(data[4])
		if t, ok := a.u32(unix.FRA_TABLE); ok {
			table = t
		}
		desc := fmt.Sprintf("rule %s pref %d table %d action %d", familyName(data[0]), prio, table, data[7])
		return object{key: string(data), desc: desc, body: string(data), data: data}, true
	},
	del: func(o object) nl.Message { return message(unix.RTM_DELRULE, 0, o.data) },
	put: func(o object) nl.Message { return message(unix.RTM_NEWRULE, nl.Create|nl.Excl, o.data) },
}

// Nexthops (nhmsg: family, scope, protocol, resvd, flags), by id.

var nexthopKind = &kind{
	name:  "nexthop",
	dumps: []nl.Message{dumpReq(unix.RTM_GETNEXTHOP, make([]byte, 8))},
	parse: func(m nl.Message) (object, bool) {
		if m.Header.Type != unix.RTM_NEWNEXTHOP || len(m.Data) < 8 {
			return object{}, false
		}
		data := normalize(m.Data, 8)
		a := parseAttrs(data, 8)
		id, _ := a.u32(unix.NHA_ID)
		key := fmt.Sprintf("id %d", id)
		o := object{key: key, desc: "nexthop " + key, body: string(data), data: data}
		if _, ok := a[unix.NHA_GROUP]; ok {
			o.order = 1
		}
		return o, true
	},
	del: func(o object) nl.Message {
		e := nl.NewAttrEncoder(make([]byte, 8))
		id, _ := parseAttrs(o.data, 8).u32(unix.NHA_ID)
		e.Uint32(unix.NHA_ID, id)
		b, _ := e.Encode()
		return message(unix.RTM_DELNEXTHOP, 0, b)
	},
	put: func(o object) nl.Message {
		data := append([]byte(nil), o.data...)
		data[1] = 0 // the scope is the kernel's to say
		ne.PutUint32(data[4:], ne.Uint32(data[4:])&rtnhFOnlink)
		return message(unix.RTM_NEWNEXTHOP, nl.Create|nl.Replace, data)
	},
	affects: []kindID{kRoute},
}

// Neighbours (ndmsg: family, pad, pad, ifindex, state, flags, type).

const (
	nudPermanent = 0x80
	nudNoARP     = 0x40
	ntfSelf      = 0x02
	ntfMaster    = 0x04
	ntfExtLearn  = 0x10
	sizeofNdMsg  = 12
)

// neighObject is a neighbour or fdb entry; configured entries only: the
// kernel's learned ones come and go by themselves.
func neighObject(m nl.Message, bridge bool) (object, bool) {
	if m.Header.Type != unix.RTM_NEWNEIGH || len(m.Data) < sizeofNdMsg {
		return object{}, false
	}
	if (m.Data[0] == unix.AF_BRIDGE) != bridge {
		return object{}, false
	}
	data := normalize(m.Data, sizeofNdMsg, unix.NDA_CACHEINFO, unix.NDA_PROBES)
	a := parseAttrs(data, sizeofNdMsg)
	fam, index, st, flags := data[0], ne.Uint32(data[4:]), ne.Uint16(data[8:]), data[10]
	var key string
	if bridge {
		_, remote := a[unix.NDA_DST]
		if flags&ntfExtLearn != 0 || !(flags&ntfMaster != 0 && st&nudNoARP != 0 || flags&ntfSelf != 0 && remote) {
			return object{}, false
		}
		key = fmt.Sprintf("%x dev %d", a[unix.NDA_LLADDR], index)
		if v, ok := a[unix.NDA_VLAN]; ok && len(v) >= 2 {
			key += fmt.Sprintf(" vlan %d", ne.Uint16(v))
		}
		if remote {
			key += " dst " + addrString(unix.AF_INET6, a[unix.NDA_DST])
		}
		if flags&ntfMaster != 0 {
			key += " master"
		}
		return object{key: key, desc: "fdb " + key, body: string(data), data: data}, true
	}
	if st&(nudPermanent|nudNoARP) == 0 {
		return object{}, false
	}
	key = fmt.Sprintf("%s %s dev %d", familyName(fam), addrString(fam, a[unix.NDA_DST]), index)
	if data[10]&0x08 != 0 { // NTF_PROXY
		key += " proxy"
	}
	return object{key: key, desc: "neighbour " + key, body: string(data), data: data}, true
}

var neighKind = &kind{
	name: "neighbour",
	dumps: []nl.Message{
		dumpReq(unix.RTM_GETNEIGH, []byte{unix.AF_INET, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
		dumpReq(unix.RTM_GETNEIGH, []byte{unix.AF_INET6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
	},
	parse: func(m nl.Message) (object, bool) { return neighObject(m, false) },
	del:   func(o object) nl.Message { return message(unix.RTM_DELNEIGH, 0, o.data) },
	put:   func(o object) nl.Message { return message(unix.RTM_NEWNEIGH, nl.Create|nl.Replace, o.data) },
}

var fdbKind = &kind{
	name:  "fdb",
	dumps: []nl.Message{dumpReq(unix.RTM_GETNEIGH, []byte{unix.AF_BRIDGE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})},
	parse: func(m nl.Message) (object, bool) { return neighObject(m, true) },
	del:   func(o object) nl.Message { return message(unix.RTM_DELNEIGH, 0, o.data) },
	put:   func(o object) nl.Message { return message(unix.RTM_NEWNEIGH, nl.Create|nl.Replace, o.data) },
}

// objects is what a dumped message holds of type k.
func (k *kind) objects(m nl.Message) []object {
	if k.many != nil {
		return k.many(m)
	}
	if o, ok := k.parse(m); ok {
		return []object{o}
	}
	return nil
}
