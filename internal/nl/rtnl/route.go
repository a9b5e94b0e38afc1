package rtnl

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Route is a routing table entry (RTM_NEWROUTE and friends): the struct
// rtmsg header and the attributes iproute2's `ip route` reads and writes.
// A zero field is left out of requests; Priority, Pref and MTU are pointers
// where zero is a value a user may ask for.
type Route struct {
	Family   uint8        // unix.AF_INET or unix.AF_INET6
	Dst      netip.Prefix // zero: the default route of Family
	Src      netip.Prefix // source-specific routes (RTA_SRC, IPv6)
	TOS      uint8
	Table    uint32 // RT_TABLE_MAIN when zero in requests
	Protocol uint8  // RTPROT_*; RTPROT_BOOT when zero in requests, as ip does
	Scope    uint8  // RT_SCOPE_*
	Type     uint8  // RTN_*; RTN_UNICAST when zero in requests
	Flags    uint32 // RTM_F_* and RTNH_F_* (onlink, ...)

	OIF      int32      // output interface index (RTA_OIF)
	IIF      int32      // input interface index (RTA_IIF)
	Gateway  netip.Addr // RTA_GATEWAY, or RTA_VIA when its family differs from Family
	PrefSrc  netip.Addr // RTA_PREFSRC
	Priority *uint32    // RTA_PRIORITY, the metric
	Pref     *uint8     // RTA_PREF, IPv6 router preference (ICMPV6_ROUTER_PREF_*)
	NHID     uint32     // RTA_NH_ID, a nexthop object
	Expires  uint32     // RTA_EXPIRES, seconds (IPv6)
	Realms   uint32     // RTA_FLOW: source realm << 16 | destination realm
	Mark     uint32     // RTA_MARK (route get)
	UID      *uint32    // RTA_UID (route get)
	IPProto  uint8      // RTA_IP_PROTO (route get)
	SPort    uint16     // RTA_SPORT (route get), host order
	DPort    uint16     // RTA_DPORT (route get), host order

	// TTLPropagate is RTA_TTL_PROPAGATE (MPLS encap): nil unset, else 0 or 1.
	TTLPropagate *uint8

	// EncapType and Encap are a lightweight tunnel (RTA_ENCAP_TYPE, and
	// RTA_ENCAP's nested attributes as they travel on the wire).
	EncapType uint16
	Encap     []byte
	// NewDst is RTA_NEWDST: the MPLS label stack an MPLS route swaps to.
	NewDst []uint32
	// Label is the destination of an AF_MPLS route: its incoming label.
	Label uint32

	// Nexthops are the paths of a multipath route (RTA_MULTIPATH).
	Nexthops []Nexthop
	// Metrics are RTA_METRICS values by RTAX_* type; congestion control
	// (RTAX_CC_ALGO) is in CongCtl instead.
	Metrics map[uint16]uint32
	CongCtl string
	// Locked is the RTAX_LOCK bitmap: metric N is locked if bit N is set.
	Locked uint32

	// CacheInfo is what the kernel reports in RTA_CACHEINFO (expiry, ...).
	CacheInfo *RouteCacheInfo
}

// RouteCacheInfo is struct rta_cacheinfo.
type RouteCacheInfo struct {
	ClntRef, LastUse uint32
	Expires          int32
	Error, Used, ID  uint32
	TS, TSAge        uint32
}

// Nexthop is one path of a multipath route (struct rtnexthop and its
// attributes).
type Nexthop struct {
	IfIndex int32
	Flags   uint8 // RTNH_F_*
	Weight  int   // 1..256; the wire carries Weight-1 in rtnh_hops
	Gateway netip.Addr
	Realms  uint32 // RTA_FLOW

	EncapType uint16 // RTA_ENCAP_TYPE
	Encap     []byte // RTA_ENCAP's nested attributes
	NewDst    []uint32
}

// rtaNHID is RTA_NH_ID, which golang.org/x/sys/unix does not define.
const rtaNHID = 30

// RouteOp is a route request: each sets the header flags `ip route VERB`
// sets.
type RouteOp int

// Route requests.
const (
	RouteAdd     RouteOp = iota // NLM_F_CREATE|NLM_F_EXCL
	RouteReplace                // NLM_F_CREATE|NLM_F_REPLACE
	RouteChange                 // NLM_F_REPLACE
	RouteAppend                 // NLM_F_CREATE|NLM_F_APPEND
	RoutePrepend                // NLM_F_CREATE
	RouteDelete                 // RTM_DELROUTE
	RouteGet                    // RTM_GETROUTE for one destination
)

func (op RouteOp) header() nl.Header {
	switch op {
	case RouteAdd:
		return nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Excl}
	case RouteReplace:
		return nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Replace}
	case RouteChange:
		return nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Replace}
	case RouteAppend:
		return nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Append}
	case RoutePrepend:
		return nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create}
	case RouteDelete:
		return nl.Header{Type: unix.RTM_DELROUTE}
	}
	return nl.Header{Type: unix.RTM_GETROUTE}
}

// familyOf returns the address family of a, 0 if a is invalid.
func familyOf(a netip.Addr) uint8 {
	switch {
	case !a.IsValid():
		return 0
	case a.Is4():
		return unix.AF_INET
	}
	return unix.AF_INET6
}

func (r *Route) family() uint8 {
	if r.Family != 0 {
		return r.Family
	}
	if f := familyOf(r.Dst.Addr()); f != 0 {
		return f
	}
	return unix.AF_INET
}

// Message encodes the route as a request. Defaults follow ip: table main,
// protocol boot and scope universe for additions, type unicast; a deletion
// leaves protocol, scope and type unset (zero) so they match any route.
func (r *Route) Message(op RouteOp) (nl.Message, error) {
	b, err := r.AppendRequest(nil, op)
	return nl.Message{Header: op.header(), Data: b}, err
}

// AppendRequest appends the request payload (struct rtmsg and attributes)
// for op to b, for callers that build messages in their own buffers.
func (r *Route) AppendRequest(b []byte, op RouteOp) ([]byte, error) {
	return r.appendRequest(b, op, true)
}

// AppendRequestAsIs is AppendRequest without defaults: Table, Protocol,
// Scope and Type go into struct rtmsg exactly as they are (a table above
// 255 as RT_TABLE_UNSPEC plus RTA_TABLE), for callers that settle them
// themselves, as ip's command line does.
func (r *Route) AppendRequestAsIs(b []byte, op RouteOp) ([]byte, error) {
	return r.appendRequest(b, op, false)
}

// Header returns the netlink header (type and flags) of op.
func (op RouteOp) Header() nl.Header { return op.header() }

func (r *Route) appendRequest(b []byte, op RouteOp, defaults bool) ([]byte, error) {
	fam := r.family()
	if fam != unix.AF_MPLS && r.Dst.IsValid() && familyOf(r.Dst.Addr()) != fam {
		return nil, fmt.Errorf("route: destination %s is not of the route's family", r.Dst)
	}
	table := r.Table
	if table == 0 && op != RouteGet && defaults {
		table = unix.RT_TABLE_MAIN
	}
	proto, scope, typ := r.Protocol, r.Scope, r.Type
	if op != RouteDelete && op != RouteGet && defaults {
		if proto == 0 {
			proto = unix.RTPROT_BOOT
		}
		if typ == 0 {
			typ = unix.RTN_UNICAST
		}
	}
	if op == RouteDelete && scope == 0 && defaults {
		scope = unix.RT_SCOPE_NOWHERE
	}
	start := len(b)
	b = appendRtHeader(b, fam, r.Dst, r.Src, r.TOS, table, [3]uint8{proto, scope, typ}, r.Flags)
	if !defaults && table > 255 {
		b[start+4] = unix.RT_TABLE_UNSPEC
	}
	if fam == unix.AF_MPLS {
		b[start+1] = 20 // an MPLS destination is one 20-bit label
	}

	e := nl.NewAttrEncoder(b)
	if table > 255 {
		e.Uint32(unix.RTA_TABLE, table)
	}
	if fam == unix.AF_MPLS {
		e.Bytes(unix.RTA_DST, AppendMPLSLabels(nil, []uint32{r.Label}))
	} else if r.Dst.IsValid() && (r.Dst.Bits() > 0 || op == RouteGet) {
		e.Addr(unix.RTA_DST, r.Dst.Addr())
	}
	if r.Src.IsValid() {
		e.Addr(unix.RTA_SRC, r.Src.Addr())
	}
	if r.IIF != 0 {
		e.Uint32(unix.RTA_IIF, uint32(r.IIF))
	}
	if r.OIF != 0 {
		e.Uint32(unix.RTA_OIF, uint32(r.OIF))
	}
	encodeGateway(e, fam, r.Gateway)
	if r.PrefSrc.IsValid() {
		e.Addr(unix.RTA_PREFSRC, r.PrefSrc)
	}
	if r.Priority != nil {
		e.Uint32(unix.RTA_PRIORITY, *r.Priority)
	}
	if r.Pref != nil {
		e.Uint8(unix.RTA_PREF, *r.Pref)
	}
	if r.NHID != 0 {
		e.Uint32(rtaNHID, r.NHID)
	}
	if r.Expires != 0 {
		e.Uint32(unix.RTA_EXPIRES, r.Expires)
	}
	if r.Realms != 0 {
		e.Uint32(unix.RTA_FLOW, r.Realms)
	}
	if r.Mark != 0 {
		e.Uint32(unix.RTA_MARK, r.Mark)
	}
	if r.UID != nil {
		e.Uint32(unix.RTA_UID, *r.UID)
	}
	if r.IPProto != 0 {
		e.Uint8(unix.RTA_IP_PROTO, r.IPProto)
	}
	if r.SPort != 0 {
		e.Uint16BE(unix.RTA_SPORT, r.SPort)
	}
	if r.DPort != 0 {
		e.Uint16BE(unix.RTA_DPORT, r.DPort)
	}
	if r.TTLPropagate != nil {
		e.Uint8(unix.RTA_TTL_PROPAGATE, *r.TTLPropagate)
	}
	if len(r.NewDst) > 0 {
		e.Bytes(unix.RTA_NEWDST, AppendMPLSLabels(nil, r.NewDst))
	}
	if r.EncapType != 0 {
		e.NestPlain(unix.RTA_ENCAP)
		e.Raw(r.Encap)
		e.Unnest()
		e.Uint16(unix.RTA_ENCAP_TYPE, r.EncapType)
	}
	if len(r.Metrics) > 0 || r.CongCtl != "" || r.Locked != 0 {
		e.NestPlain(unix.RTA_METRICS)
		if r.Locked != 0 {
			e.Uint32(unix.RTAX_LOCK, r.Locked)
		}
		for t := uint16(unix.RTAX_MTU); t <= unix.RTAX_FASTOPEN_NO_COOKIE; t++ {
			if v, ok := r.Metrics[t]; ok && t != unix.RTAX_CC_ALGO {
				e.Uint32(t, v)
			}
		}
		if r.CongCtl != "" {
			e.String(unix.RTAX_CC_ALGO, r.CongCtl)
		}
		e.Unnest()
	}
	if len(r.Nexthops) > 0 {
		e.NestPlain(unix.RTA_MULTIPATH)
		for _, nh := range r.Nexthops {
			appendNexthop(e, fam, nh)
		}
		e.Unnest()
	}
	return e.Encode()
}

// appendRtHeader appends the 12-byte header that struct rtmsg and struct
// fib_rule_hdr share by design: family, prefix lengths, TOS, table, three
// kind-specific bytes (protocol, scope, type for routes; two reserved bytes
// and the action for rules) and flags.
func appendRtHeader(b []byte, fam uint8, dst, src netip.Prefix, tos uint8, table uint32, kind [3]uint8, flags uint32) []byte {
	var dstLen, srcLen uint8
	if dst.IsValid() {
		dstLen = uint8(dst.Bits())
	}
	if src.IsValid() {
		srcLen = uint8(src.Bits())
	}
	b = append(b, fam, dstLen, srcLen, tos, byte(min(table, 255)), kind[0], kind[1], kind[2])
	return binary.NativeEndian.AppendUint32(b, flags)
}

func encodeGateway(e *nl.AttrEncoder, fam uint8, gw netip.Addr) {
	switch f := familyOf(gw); {
	case f == 0:
	case f == fam && fam != unix.AF_MPLS:
		e.Addr(unix.RTA_GATEWAY, gw)
	default:
		// struct rtvia: the gateway's family, then its address.
		via := binary.NativeEndian.AppendUint16(nil, uint16(f))
		e.Bytes(unix.RTA_VIA, append(via, gw.AsSlice()...))
	}
}

// appendNexthop writes one struct rtnexthop with its attributes into the
// open RTA_MULTIPATH nest.
func appendNexthop(e *nl.AttrEncoder, fam uint8, nh Nexthop) {
	weight := nh.Weight
	if weight < 1 {
		weight = 1
	}
	inner := nl.NewAttrEncoder(nil)
	if nh.EncapType != 0 {
		inner.NestPlain(unix.RTA_ENCAP)
		inner.Raw(nh.Encap)
		inner.Unnest()
		inner.Uint16(unix.RTA_ENCAP_TYPE, nh.EncapType)
	}
	if len(nh.NewDst) > 0 {
		inner.Bytes(unix.RTA_NEWDST, AppendMPLSLabels(nil, nh.NewDst))
	}
	encodeGateway(inner, fam, nh.Gateway)
	if nh.Realms != 0 {
		inner.Uint32(unix.RTA_FLOW, nh.Realms)
	}
	attrs, _ := inner.Encode()
	hdr := make([]byte, unix.SizeofRtNexthop, unix.SizeofRtNexthop+len(attrs))
	binary.NativeEndian.PutUint16(hdr[0:], uint16(unix.SizeofRtNexthop+len(attrs)))
	hdr[2] = nh.Flags
	hdr[3] = byte(weight - 1)
	binary.NativeEndian.PutUint32(hdr[4:], uint32(nh.IfIndex))
	e.Raw(append(hdr, attrs...))
}

// DecodeRoute decodes an RTM_NEWROUTE or RTM_DELROUTE message into r,
// reusing r's Nexthops and Metrics storage, so a dump decodes in constant
// memory. Addresses are copied; nothing in r aliases m.
func DecodeRoute(m nl.Message, r *Route) error {
	if len(m.Data) < unix.SizeofRtMsg {
		return fmt.Errorf("route message of %d bytes: %w", len(m.Data), nl.ErrShortMessage)
	}
	h := m.Data
	nexthops, metrics, encap, newDst := r.Nexthops[:0], r.Metrics, r.Encap[:0], r.NewDst[:0]
	clear(metrics)
	*r = Route{
		Family:   h[0],
		TOS:      h[3],
		Table:    uint32(h[4]),
		Protocol: h[5],
		Scope:    h[6],
		Type:     h[7],
		Flags:    binary.NativeEndian.Uint32(h[8:]),
		Nexthops: nexthops,
		Metrics:  metrics,
		Encap:    encap,
		NewDst:   newDst,
	}
	dstLen, srcLen := int(h[1]), int(h[2])
	d := nl.NewAttrDecoder(h[unix.SizeofRtMsg:])
	for d.Next() {
		switch d.Type() {
		case unix.RTA_DST:
			if r.Family == unix.AF_MPLS {
				if labels := DecodeMPLSLabels(nil, d.Bytes()); len(labels) > 0 {
					r.Label = labels[0]
				}
				continue
			}
			r.Dst = netip.PrefixFrom(d.Addr(), dstLen)
		case unix.RTA_SRC:
			r.Src = netip.PrefixFrom(d.Addr(), srcLen)
		case unix.RTA_TABLE:
			r.Table = d.Uint32()
		case unix.RTA_OIF:
			r.OIF = d.Int32()
		case unix.RTA_IIF:
			r.IIF = d.Int32()
		case unix.RTA_GATEWAY:
			r.Gateway = d.Addr()
		case unix.RTA_VIA:
			r.Gateway = decodeVia(&d)
		case unix.RTA_PREFSRC:
			r.PrefSrc = d.Addr()
		case unix.RTA_PRIORITY:
			v := d.Uint32()
			r.Priority = &v
		case unix.RTA_PREF:
			v := d.Uint8()
			r.Pref = &v
		case rtaNHID:
			r.NHID = d.Uint32()
		case unix.RTA_EXPIRES:
			r.Expires = d.Uint32()
		case unix.RTA_FLOW:
			r.Realms = d.Uint32()
		case unix.RTA_MARK:
			r.Mark = d.Uint32()
		case unix.RTA_UID:
			v := d.Uint32()
			r.UID = &v
		case unix.RTA_IP_PROTO:
			r.IPProto = d.Uint8()
		case unix.RTA_SPORT:
			r.SPort = d.Uint16BE()
		case unix.RTA_DPORT:
			r.DPort = d.Uint16BE()
		case unix.RTA_TTL_PROPAGATE:
			v := d.Uint8()
			r.TTLPropagate = &v
		case unix.RTA_NEWDST:
			r.NewDst = DecodeMPLSLabels(r.NewDst, d.Bytes())
		case unix.RTA_ENCAP_TYPE:
			r.EncapType = d.Uint16()
		case unix.RTA_ENCAP:
			r.Encap = append(r.Encap, d.Bytes()...)
		case unix.RTA_METRICS:
			d.Decode(r.decodeMetrics)
		case unix.RTA_MULTIPATH:
			r.Nexthops = decodeMultipath(&d, r.Family, r.Nexthops)
		case unix.RTA_CACHEINFO:
			if b := d.Bytes(); len(b) >= 32 {
				r.CacheInfo = &RouteCacheInfo{
					ClntRef: binary.NativeEndian.Uint32(b[0:]), LastUse: binary.NativeEndian.Uint32(b[4:]),
					Expires: int32(binary.NativeEndian.Uint32(b[8:])), Error: binary.NativeEndian.Uint32(b[12:]),
					Used: binary.NativeEndian.Uint32(b[16:]), ID: binary.NativeEndian.Uint32(b[20:]),
					TS: binary.NativeEndian.Uint32(b[24:]), TSAge: binary.NativeEndian.Uint32(b[28:]),
				}
			}
		}
	}
	if !r.Dst.IsValid() {
		// No RTA_DST: the default route of the family.
		if r.Family == unix.AF_INET6 {
			r.Dst = netip.PrefixFrom(netip.IPv6Unspecified(), dstLen)
		} else if r.Family == unix.AF_INET {
			r.Dst = netip.PrefixFrom(netip.IPv4Unspecified(), dstLen)
		}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("decoding route: %w", err)
	}
	return nil
}

func (r *Route) decodeMetrics(d *nl.AttrDecoder) error {
	for d.Next() {
		switch t := d.Type(); t {
		case unix.RTAX_CC_ALGO:
			r.CongCtl = d.String()
		case unix.RTAX_LOCK:
			r.Locked = d.Uint32()
		default:
			if r.Metrics == nil {
				r.Metrics = make(map[uint16]uint32)
			}
			r.Metrics[t] = d.Uint32()
		}
	}
	return nil
}

func decodeVia(d *nl.AttrDecoder) netip.Addr {
	b := d.Bytes()
	if len(b) < 2 {
		return netip.Addr{}
	}
	a, _ := netip.AddrFromSlice(b[2:])
	return a
}

func decodeMultipath(d *nl.AttrDecoder, fam uint8, out []Nexthop) []Nexthop {
	b := d.Bytes()
	for len(b) >= unix.SizeofRtNexthop {
		n := int(binary.NativeEndian.Uint16(b[0:]))
		if n < unix.SizeofRtNexthop || n > len(b) {
			break
		}
		nh := Nexthop{
			Flags:   b[2],
			Weight:  int(b[3]) + 1,
			IfIndex: int32(binary.NativeEndian.Uint32(b[4:])),
		}
		ad := nl.NewAttrDecoder(b[unix.SizeofRtNexthop:n])
		for ad.Next() {
			switch ad.Type() {
			case unix.RTA_GATEWAY:
				nh.Gateway = ad.Addr()
			case unix.RTA_VIA:
				nh.Gateway = decodeVia(&ad)
			case unix.RTA_FLOW:
				nh.Realms = ad.Uint32()
			case unix.RTA_ENCAP_TYPE:
				nh.EncapType = ad.Uint16()
			case unix.RTA_ENCAP:
				nh.Encap = append([]byte(nil), ad.Bytes()...)
			case unix.RTA_NEWDST:
				nh.NewDst = DecodeMPLSLabels(nil, ad.Bytes())
			}
		}
		out = append(out, nh)
		b = b[min(nl.Align(n), len(b)):]
	}
	return out
}

// RouteDumpRequest asks for the routes of family (AF_UNSPEC for all). With
// a strict socket the kernel filters by the non-zero fields of filter that
// its dump validation accepts: Table (sent as RTA_TABLE, as ip does, so an
// absent table is an error), Protocol, Type, OIF and the RTM_F_CLONED flag
// (route cache instead of routes). Scope, destinations and gateways are
// not accepted by the kernel in a dump request; callers match them.
func RouteDumpRequest(family uint8, filter *Route) nl.Message {
	h := make([]byte, unix.SizeofRtMsg)
	h[0] = family
	e := nl.NewAttrEncoder(h)
	if filter != nil {
		h[5] = filter.Protocol
		h[7] = filter.Type
		binary.NativeEndian.PutUint32(h[8:], filter.Flags&unix.RTM_F_CLONED)
		if filter.Table != 0 {
			e.Uint32(unix.RTA_TABLE, filter.Table)
		}
		if filter.OIF != 0 {
			e.Uint32(unix.RTA_OIF, uint32(filter.OIF))
		}
	}
	b, _ := e.Encode()
	return nl.Message{Header: nl.Header{Type: unix.RTM_GETROUTE}, Data: b}
}
