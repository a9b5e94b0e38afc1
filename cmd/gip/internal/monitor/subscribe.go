package monitor

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// recvBuf is the receive buffer the monitor asks for unless -rcvbuf says
// otherwise: room for a burst of tens of thousands of events. As root it
// is granted above net.core.rmem_max (SO_RCVBUFFORCE).
const recvBuf = 32 << 20

// groups lists the multicast groups of the objects o watches, as ip
// monitor joins them: per family under -4 and -6.
func groups(o *options, family uint8) []uint32 {
	v4 := family == unix.AF_UNSPEC || family == unix.AF_INET
	v6 := family == unix.AF_UNSPEC || family == unix.AF_INET6
	mpls := family == unix.AF_UNSPEC || family == unix.AF_MPLS
	var g []uint32
	add := func(on bool, gs ...uint32) {
		if on {
			g = append(g, gs...)
		}
	}
	add(o.objs&objLink != 0, unix.RTNLGRP_LINK)
	add(o.objs&objAddr != 0 && v4, unix.RTNLGRP_IPV4_IFADDR)
	add(o.objs&objAddr != 0 && v6, unix.RTNLGRP_IPV6_IFADDR)
	add(o.objs&objRoute != 0 && v4, unix.RTNLGRP_IPV4_ROUTE)
	add(o.objs&objRoute != 0 && v6, unix.RTNLGRP_IPV6_ROUTE)
	add(o.objs&objRoute != 0 && mpls, unix.RTNLGRP_MPLS_ROUTE)
	add(o.objs&objNeigh != 0, unix.RTNLGRP_NEIGH)
	add(o.objs&objRule != 0 && v4, unix.RTNLGRP_IPV4_RULE)
	add(o.objs&objRule != 0 && v6, unix.RTNLGRP_IPV6_RULE)
	add(o.objs&objNexthop != 0, unix.RTNLGRP_NEXTHOP)
	add(o.objs&objNetconf != 0 && v4, unix.RTNLGRP_IPV4_NETCONF)
	add(o.objs&objNetconf != 0 && v6, unix.RTNLGRP_IPV6_NETCONF)
	add(o.objs&objNetconf != 0 && mpls, unix.RTNLGRP_MPLS_NETCONF)
	add(o.objs&objPrefix != 0 && v6, unix.RTNLGRP_IPV6_PREFIX)
	add(o.objs&objNsid != 0, unix.RTNLGRP_NSID)
	add(o.objs&objTC != 0, unix.RTNLGRP_TC)
	// The events after which the kernel may have removed or changed
	// routes without saying so (silent.go), printed only when watched.
	route := o.objs&objRoute != 0
	add((route || o.objs&objNexthop != 0) && o.objs&objLink == 0, unix.RTNLGRP_LINK)
	add(route && o.objs&objAddr == 0 && v4, unix.RTNLGRP_IPV4_IFADDR)
	add(route && o.objs&objAddr == 0 && v6, unix.RTNLGRP_IPV6_IFADDR)
	add(route && o.objs&objNexthop == 0, unix.RTNLGRP_NEXTHOP)
	return g
}

// subscribe opens the one socket of the monitor, joined to the groups of
// the objects o watches. Overruns are reported (NETLINK_NO_ENOBUFS stays
// off), so none goes unnoticed.
func subscribe(e *env.Env, o *options) (*nl.Conn, error) {
	size := recvBuf
	if e.G.RcvBuf > 0 {
		size = e.G.RcvBuf
	}
	if o.objs == objXfrm {
		return subscribeXfrm(e, o, size)
	}
	return nl.Dial(nl.Route, &nl.Config{NetNS: e.G.NetNS, Groups: groups(o, e.G.Family), RecvBuf: size, ListenAllNSID: o.allNSID})
}
