package monitor

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// routeView is the routes the monitor's events (and dumps) say exist, so
// that it can tell which ones the kernel removed or changed without an
// event. Routes are grouped by identity, what a replacement replaces:
// family, table, destination, source, TOS and metric; one identity may
// hold several routes (ip route append, IPv6's fe80::/64 of each link).
type routeView struct {
	byID map[string][]viewRoute
}

// viewRoute is one route: its message data as the kernel sent it, and the
// same with what changes by itself (expiry, cache info) left out, which
// is what two reports of one route are compared by.
type viewRoute struct {
	data string
	norm string
}

func newRouteView() *routeView { return &routeView{byID: map[string][]viewRoute{}} }

// viewed reports whether the view keeps routes of a message's family:
// IPv4's and IPv6's (the kernel's silent changes concern them), not the
// route cache.
func viewed(data []byte) bool {
	if len(data) < unix.SizeofRtMsg {
		return false
	}
	f := data[0]
	return (f == unix.AF_INET || f == unix.AF_INET6) && binary.NativeEndian.Uint32(data[8:])&unix.RTM_F_CLONED == 0
}

// newViewRoute makes the view's form of a route message's data.
func newViewRoute(data []byte) viewRoute {
	d := string(data)
	return viewRoute{data: d, norm: normalize(d)}
}

// Route attributes that change by themselves.
const (
	rtaCacheInfo = unix.RTA_CACHEINFO
	rtaExpires   = 23 // RTA_EXPIRES
)

// normalize drops from a route's data the attributes that change without
// the route changing (expiry, cache info); it returns data itself when
// there is none.
func normalize(data string) string {
	b := []byte(data)
	attrs := b[unix.SizeofRtMsg:]
	has := false
	for d := nl.NewAttrDecoder(attrs); d.Next(); {
		has = has || d.Type() == rtaCacheInfo || d.Type() == rtaExpires
	}
	if !has {
		return data
	}
	out := append([]byte(nil), b[:unix.SizeofRtMsg]...)
	for len(attrs) >= nl.AttrHeaderLen {
		n := int(binary.NativeEndian.Uint16(attrs))
		if n < nl.AttrHeaderLen || n > len(attrs) {
			break
		}
		typ := binary.NativeEndian.Uint16(attrs[2:]) & 0x3fff
		a := min(nl.Align(n), len(attrs))
		if typ != rtaCacheInfo && typ != rtaExpires {
			out = append(out, attrs[:a]...)
		}
		attrs = attrs[a:]
	}
	return string(out)
}

// identity is what a replacement of the route replaces: family,
// prefix lengths, TOS, table, destination, source and metric.
func identity(data []byte) string {
	key := make([]byte, 0, 64)
	key = append(key, data[0], data[1], data[2], data[3])
	table := uint32(data[4])
	var dst, src []byte
	var metric uint32
	for d := nl.NewAttrDecoder(data[unix.SizeofRtMsg:]); d.Next(); {
		switch d.Type() {
		case unix.RTA_TABLE:
			table = d.Uint32()
		case unix.RTA_DST:
			dst = d.Bytes()
		case unix.RTA_SRC:
			src = d.Bytes()
		case unix.RTA_PRIORITY:
			metric = d.Uint32()
		}
	}
	key = binary.NativeEndian.AppendUint32(key, table)
	key = binary.NativeEndian.AppendUint32(key, metric)
	key = append(key, byte(len(dst)))
	key = append(key, dst...)
	return string(append(key, src...))
}

// add records a route the kernel announced. It returns the route the
// announcement replaced without saying so: with NLM_F_REPLACE, the first
// other route of its identity.
func (v *routeView) add(data []byte, flags nl.Flags) (replaced []viewRoute) {
	id := identity(data)
	r := newViewRoute(data)
	rs := v.byID[id]
	for i, old := range rs {
		if old.norm == r.norm {
			rs[i] = r
			return nil
		}
	}
	if len(rs) > 0 && flags&nl.Replace != 0 {
		replaced = rs[:1:1]
		rs = append([]viewRoute(nil), rs[1:]...)
	}
	v.byID[id] = append(rs, r)
	return replaced
}

// remove forgets a route the kernel said it deleted: the one reported,
// else (a deletion of part of a route) every route of its identity.
func (v *routeView) remove(data []byte) {
	id := identity(data)
	rs := v.byID[id]
	norm := normalize(string(data))
	for i, old := range rs {
		if old.norm == norm {
			v.set(id, append(rs[:i:i], rs[i+1:]...))
			return
		}
	}
	v.set(id, nil)
}

// set makes rs the routes of identity id.
func (v *routeView) set(id string, rs []viewRoute) {
	if len(rs) == 0 {
		delete(v.byID, id)
		return
	}
	v.byID[id] = rs
}

// diff compares the view with what a dump lists now (routes by identity)
// and returns the routes the kernel removed or changed without an event:
// gone are in the view and not in the dump, come in the dump and not in
// the view (a route changed in place is both, its old form gone and its
// new one come). The view then holds what the dump lists.
func (v *routeView) diff(now *routeView) (gone, come []viewRoute) {
	for id, rs := range v.byID {
		nrs := now.byID[id]
		for _, r := range rs {
			if !holds(nrs, r.norm) {
				gone = append(gone, r)
			}
		}
	}
	for id, nrs := range now.byID {
		rs := v.byID[id]
		for _, r := range nrs {
			if !holds(rs, r.norm) {
				come = append(come, r)
			}
		}
	}
	v.byID = now.byID
	return gone, come
}

// holds reports whether rs has a route of normalized data norm.
func holds(rs []viewRoute, norm string) bool {
	for _, r := range rs {
		if r.norm == norm {
			return true
		}
	}
	return false
}

// nexthopView is the nexthop objects the events said exist, by id: the
// kernel also removes nexthops without an event (those of a link that
// goes down or loses its carrier, and groups left empty).
type nexthopView map[uint32]string

// nexthopID is a nexthop message's NHA_ID, 0 if it has none.
func nexthopID(data []byte) uint32 {
	if len(data) < nhmsgLen {
		return 0
	}
	for d := nl.NewAttrDecoder(data[nhmsgLen:]); d.Next(); {
		if d.Type() == nhaID {
			return d.Uint32()
		}
	}
	return 0
}

// struct nhmsg's length and NHA_ID.
const (
	nhmsgLen = 8
	nhaID    = 1
)

// diff compares the view with what a dump lists now and returns the
// nexthops gone and come (one changed in place is both); the view then
// holds what the dump lists.
func (v nexthopView) diff(now nexthopView) (gone, come []viewRoute) {
	for id, data := range v {
		if now[id] != data {
			gone = append(gone, viewRoute{data: data, norm: data})
		}
	}
	for id, data := range now {
		if v[id] != data {
			come = append(come, viewRoute{data: data, norm: data})
		}
		v[id] = data
	}
	for id := range v {
		if _, ok := now[id]; !ok {
			delete(v, id)
		}
	}
	return gone, come
}
