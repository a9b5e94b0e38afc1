package atomic

import (
	"fmt"
	"slices"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Links, by ifindex: what a batch can set on them (name, MTU, address,
// queue length, alias, group, master, up or down), their kind and lower
// device, and the options of a bridge port.

const rtextFilterSkipStats = 8

var linkKind = &kind{
	name:  "link",
	dumps: []nl.Message{rtnl.LinkDumpRequest(unix.AF_UNSPEC, rtextFilterSkipStats)},
	parse: func(m nl.Message) (object, bool) {
		if m.Header.Type != unix.RTM_NEWLINK {
			return object{}, false
		}
		l, err := rtnl.ParseLink(m)
		if err != nil {
			return object{}, false
		}
		body := fmt.Sprintf("name %s mtu %d up %v address %x master %d alias %q txqlen %d group %d kind %s link %d netns %d port %x",
			l.Name, l.MTU, l.Flags&unix.IFF_UP != 0, []byte(l.Address), l.Master, l.Alias, l.TxQLen, l.Group, l.Kind,
			l.LinkIndex, l.LinkNetNSID, portOptions(l))
		if o := tunnelOptions(l); o != nil {
			body += fmt.Sprintf(" options %x", o)
		}
		key := fmt.Sprint(l.Index)
		return object{key: key, desc: fmt.Sprintf("link %s (ifindex %d)", l.Name, l.Index), body: body,
			data: append([]byte(nil), m.Data...)}, true
	},
	del: func(o object) nl.Message {
		l := o.link()
		s := rtnl.LinkSpec{Index: l.Index}
		m, _ := s.Message(unix.RTM_DELLINK, 0)
		return m
	},
	affects: []kindID{kAddr, kNexthop, kRoute, kNeigh, kFdb, kRule, kQdisc, kClass, kFilter, kBrVlan},
}

// link decodes a link object's message.
func (o object) link() *rtnl.Link {
	l, err := rtnl.ParseLink(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: o.data})
	if err != nil {
		return &rtnl.Link{}
	}
	return l
}

// portAttrs are the options of a bridge port a batch can set, which a
// port re-created or re-enslaved gets back.
var portAttrs = []uint16{
	unix.IFLA_BRPORT_PRIORITY, unix.IFLA_BRPORT_COST, unix.IFLA_BRPORT_MODE, unix.IFLA_BRPORT_GUARD,
	unix.IFLA_BRPORT_PROTECT, unix.IFLA_BRPORT_FAST_LEAVE, unix.IFLA_BRPORT_LEARNING,
	unix.IFLA_BRPORT_UNICAST_FLOOD, unix.IFLA_BRPORT_PROXYARP, unix.IFLA_BRPORT_MCAST_FLOOD,
	unix.IFLA_BRPORT_BCAST_FLOOD, unix.IFLA_BRPORT_MCAST_TO_UCAST, unix.IFLA_BRPORT_NEIGH_SUPPRESS,
	unix.IFLA_BRPORT_ISOLATED,
}

// portOptions is a bridge port's options as attributes, nil for a link
// that is no bridge port.
func portOptions(l *rtnl.Link) []byte {
	if l.SlaveKind != "bridge" {
		return nil
	}
	e := nl.NewAttrEncoder(nil)
	d := nl.NewAttrDecoder(l.SlaveData)
	for d.Next() {
		if slices.Contains(portAttrs, d.Type()) {
			e.Bytes(d.Type(), d.Bytes())
		}
	}
	b, _ := e.Encode()
	return normalize(b, 0)
}

// tunnelKinds are the IP tunnel kinds (those gip tunnel makes through
// the fallback devices' ioctls) whose options a batch changes in place
// (tunnel change) and a rollback puts back through rtnetlink.
var tunnelKinds = []string{"gre", "ipip", "sit", "vti", "ip6tnl", "ip6gre", "vti6"}

// tunnelOptions is an IP tunnel's options (IFLA_INFO_DATA) in a stable
// order, nil for a link of another kind.
func tunnelOptions(l *rtnl.Link) []byte {
	if !slices.Contains(tunnelKinds, l.Kind) {
		return nil
	}
	return normalize(l.Data, 0)
}

// rawData is a kind's IFLA_INFO_DATA as a dump gave it.
type rawData []byte

func (r rawData) Encode(e *nl.AttrEncoder) { e.Raw(r) }
func (r rawData) Decode([]byte) error      { return nil }

// createLink is the request that re-creates a deleted link with its
// ifindex, and for a veth its peer, also with its own; data is the kind's
// options (IFLA_INFO_DATA), nil for its defaults.
func createLink(l *rtnl.Link, peer *rtnl.Link, data []byte) (nl.Message, error) {
	s := linkCreateSpec(l)
	var options rtnl.LinkData
	switch {
	case l.Kind == "veth" && peer != nil:
		p := linkCreateSpec(peer)
		m, err := p.Message(unix.RTM_NEWLINK, 0)
		if err != nil {
			return nl.Message{}, err
		}
		e := nl.NewAttrEncoder(nil)
		e.Bytes(1, m.Data) // VETH_INFO_PEER: an ifinfomsg and its attributes
		b, err := e.Encode()
		if err != nil {
			return nl.Message{}, err
		}
		options = rawData(b)
	case len(data) > 0:
		options = rawData(data)
	}
	if l.Kind != "veth" && l.LinkIndex != 0 && l.LinkIndex != l.Index && !l.Has(unix.IFLA_LINK_NETNSID) {
		lower := l.LinkIndex
		s.Link = &lower
	}
	s.Kind = &rtnl.KindSpec{Name: l.Kind, Data: options}
	return s.Message(unix.RTM_NEWLINK, nl.Create|nl.Excl)
}

// linkCreateSpec is what a re-created link is given at birth.
func linkCreateSpec(l *rtnl.Link) rtnl.LinkSpec {
	mtu, txq := l.MTU, l.TxQLen
	s := rtnl.LinkSpec{Index: l.Index, Name: l.Name, MTU: &mtu, TxQLen: &txq}
	if len(l.Address) > 0 {
		s.Address = l.Address
	}
	return s
}

// fixLink is the request that gives a link cur what was was: name, MTU,
// address, queue length, alias, group, master and an IP tunnel's options;
// nil when nothing differs. Up or down is set apart, once every link has
// its master back.
func fixLink(was, cur *rtnl.Link) *rtnl.LinkSpec {
	s := rtnl.LinkSpec{Index: was.Index}
	changed := false
	if was.Name != cur.Name {
		s.Name, changed = was.Name, true
	}
	if was.MTU != cur.MTU {
		mtu := was.MTU
		s.MTU, changed = &mtu, true
	}
	if string(was.Address) != string(cur.Address) && len(was.Address) > 0 {
		s.Address, changed = was.Address, true
	}
	if was.TxQLen != cur.TxQLen {
		q := was.TxQLen
		s.TxQLen, changed = &q, true
	}
	if was.Alias != cur.Alias {
		a := was.Alias
		s.Alias, changed = &a, true
	}
	if was.Group != cur.Group {
		g := was.Group
		s.Group, changed = &g, true
	}
	if was.Master != cur.Master {
		m := was.Master
		s.Master, changed = &m, true
	}
	if o := tunnelOptions(was); o != nil && was.Kind == cur.Kind && string(o) != string(tunnelOptions(cur)) {
		s.Kind, changed = &rtnl.KindSpec{Name: was.Kind, Data: rawData(was.Data)}, true
	}
	if !changed {
		return nil
	}
	return &s
}

// fixPort is the request that gives a bridge port its options back, once
// it is enslaved again; nil when they are as they were.
func fixPort(was, cur *rtnl.Link) *rtnl.LinkSpec {
	p := portOptions(was)
	if p == nil || was.Master == cur.Master && string(p) == string(portOptions(cur)) {
		return nil
	}
	return &rtnl.LinkSpec{Index: was.Index, Kind: &rtnl.KindSpec{Name: "bridge", Slave: true, Data: rawData(p)}}
}

// setUp is the request that brings a link up or down.
func setUp(index int32, up bool) (nl.Message, error) {
	s := rtnl.LinkSpec{Index: index, Change: unix.IFF_UP}
	if up {
		s.Flags = unix.IFF_UP
	}
	return s.Message(unix.RTM_NEWLINK, 0)
}
