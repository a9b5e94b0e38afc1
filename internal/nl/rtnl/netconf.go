package rtnl

import (
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Netconf message types and attributes (linux/netconf.h, rtnetlink.h).
const (
	RTMNewNetconf = 80 // RTM_NEWNETCONF
	RTMDelNetconf = 81 // RTM_DELNETCONF
	RTMGetNetconf = 82 // RTM_GETNETCONF

	netconfaIfindex                  = 1 // NETCONFA_IFINDEX
	netconfaForwarding               = 2 // NETCONFA_FORWARDING
	netconfaRPFilter                 = 3 // NETCONFA_RP_FILTER
	netconfaMCForwarding             = 4 // NETCONFA_MC_FORWARDING
	netconfaProxyNeigh               = 5 // NETCONFA_PROXY_NEIGH
	netconfaIgnoreRoutesWithLinkdown = 6 // NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN
	netconfaInput                    = 7 // NETCONFA_INPUT

	// NetconfAll and NetconfDefault are the indexes of the "all" and
	// "default" settings (NETCONFA_IFINDEX_ALL, NETCONFA_IFINDEX_DEFAULT).
	NetconfAll     = -1
	NetconfDefault = -2
)

// netconfHdrLen is struct netconfmsg (one byte of family) as a request
// carries it, padded to the attribute alignment.
const netconfHdrLen = 4

// Netconf is one device's (or "all"'s, "default"'s) settings of one
// family, as RTM_NEWNETCONF carries them. A nil field was not sent.
type Netconf struct {
	Family  uint8
	Deleted bool   // RTM_DELNETCONF
	Index   *int32 // NETCONFA_IFINDEX: a device, NetconfAll or NetconfDefault

	Forwarding               *uint32
	RPFilter                 *uint32
	MCForwarding             *uint32
	ProxyNeigh               *uint32
	IgnoreRoutesWithLinkdown *uint32
	Input                    *uint32
}

// ParseNetconf decodes an RTM_NEWNETCONF or RTM_DELNETCONF message.
func ParseNetconf(m nl.Message) (*Netconf, error) {
	b := m.Data
	if len(b) < 1 {
		return nil, ErrShortHeader
	}
	n := &Netconf{Family: b[0], Deleted: m.Header.Type == RTMDelNetconf}
	if len(b) < netconfHdrLen {
		return n, nil
	}
	d := nl.NewAttrDecoder(b[netconfHdrLen:])
	u32 := func() *uint32 { v := d.Uint32(); return &v }
	for d.Next() {
		switch d.Type() {
		case netconfaIfindex:
			v := d.Int32()
			n.Index = &v
		case netconfaForwarding:
			n.Forwarding = u32()
		case netconfaRPFilter:
			n.RPFilter = u32()
		case netconfaMCForwarding:
			n.MCForwarding = u32()
		case netconfaProxyNeigh:
			n.ProxyNeigh = u32()
		case netconfaIgnoreRoutesWithLinkdown:
			n.IgnoreRoutesWithLinkdown = u32()
		case netconfaInput:
			n.Input = u32()
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return n, nil
}

// Message encodes n as a message of type typ: what a GET request sends
// (family and index) and what the kernel sends back.
func (n *Netconf) Message(typ uint16) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if n.Index != nil {
		e.Int32(netconfaIfindex, *n.Index)
	}
	for _, a := range []struct {
		t uint16
		v *uint32
	}{
		{netconfaForwarding, n.Forwarding}, {netconfaRPFilter, n.RPFilter},
		{netconfaMCForwarding, n.MCForwarding}, {netconfaProxyNeigh, n.ProxyNeigh},
		{netconfaIgnoreRoutesWithLinkdown, n.IgnoreRoutesWithLinkdown}, {netconfaInput, n.Input},
	} {
		if a.v != nil {
			e.Uint32(a.t, *a.v)
		}
	}
	return request(typ, 0, []byte{n.Family, 0, 0, 0}, e)
}

// NetconfGet asks for the settings of one device (or NetconfAll,
// NetconfDefault) of one family.
func NetconfGet(c *nl.Conn, family uint8, index int32) (*Netconf, error) {
	m, err := (&Netconf{Family: family, Index: &index}).Message(RTMGetNetconf)
	if err != nil {
		return nil, err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return nil, err
	}
	for _, r := range replies {
		if r.Header.Type == RTMNewNetconf {
			return ParseNetconf(r)
		}
	}
	return nil, unix.ENOENT
}

// Netconfs streams the settings of every device of family (AF_UNSPEC:
// of every family that has them).
func Netconfs(c *nl.Conn, family uint8) iter.Seq2[*Netconf, error] {
	return func(yield func(*Netconf, error) bool) {
		m, _ := request(RTMGetNetconf, nl.Dump, []byte{family, 0, 0, 0}, nil)
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != RTMNewNetconf && r.Header.Type != RTMDelNetconf {
				continue
			}
			n, err := ParseNetconf(r)
			if !yield(n, err) || err != nil {
				return
			}
		}
	}
}
