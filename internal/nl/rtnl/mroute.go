package rtnl

import (
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// The multicast routing families (RTNL_FAMILY_IPMR, RTNL_FAMILY_IP6MR).
const (
	FamilyIPMR  = 128
	FamilyIP6MR = 129
)

// MRoute is a multicast forwarding cache entry, as an RTM_NEWROUTE of
// family FamilyIPMR or FamilyIP6MR carries it: traffic from Src to the
// group Dst arriving on IIF leaves through the Oifs.
type MRoute struct {
	Family uint8
	Table  uint32 // RTA_TABLE, else the header's table
	Type   uint8  // RTN_MULTICAST
	Flags  uint32 // RTNH_F_UNRESOLVED, RTNH_F_OFFLOAD, ...

	// Src and Dst are RTA_SRC and RTA_DST, invalid when absent; their
	// bytes as sent are kept for an address of an unexpected length.
	Src, Dst       netip.Addr
	RawSrc, RawDst []byte
	IIF            int32 // RTA_IIF, 0 when unresolved
	Oifs           []MRouteOif
	Stats          *MFCStats // RTA_MFC_STATS
	Expires        *uint64   // RTA_EXPIRES: clock ticks since last use
}

// MRouteOif is one output interface of RTA_MULTIPATH, with the TTL
// threshold the kernel keeps in rtnh_hops.
type MRouteOif struct {
	IfIndex int32
	TTL     uint8
}

// MFCStats is struct rta_mfc_stats.
type MFCStats struct {
	Packets, Bytes, WrongIf uint64
}

const mfcStatsLen = 24

// ParseMRoute decodes a multicast route message.
func ParseMRoute(m nl.Message) (*MRoute, error) {
	b := m.Data
	if len(b) < unix.SizeofRtMsg {
		return nil, ErrShortHeader
	}
	r := &MRoute{Family: b[0], Table: uint32(b[4]), Type: b[7], Flags: ne.Uint32(b[8:])}
	d := nl.NewAttrDecoder(b[unix.SizeofRtMsg:])
	for d.Next() {
		switch d.Type() {
		case unix.RTA_SRC:
			r.RawSrc, r.Src = rawAddr(&d)
		case unix.RTA_DST:
			r.RawDst, r.Dst = rawAddr(&d)
		case unix.RTA_TABLE:
			r.Table = d.Uint32()
		case unix.RTA_IIF:
			r.IIF = d.Int32()
		case unix.RTA_MULTIPATH:
			// Present but empty is an entry without output devices.
			r.Oifs = append([]MRouteOif{}, decodeOifs(d.Bytes())...)
		case unix.RTA_MFC_STATS:
			if s := d.Bytes(); len(s) >= mfcStatsLen {
				r.Stats = &MFCStats{Packets: ne.Uint64(s), Bytes: ne.Uint64(s[8:]), WrongIf: ne.Uint64(s[16:])}
			}
		case unix.RTA_EXPIRES:
			v := d.Uint64()
			r.Expires = &v
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// rawAddr is an address attribute's bytes and, when 4 or 16 long, the
// address.
func rawAddr(d *nl.AttrDecoder) ([]byte, netip.Addr) {
	raw := clone(d.Bytes())
	if d.Len() == 4 || d.Len() == 16 {
		return raw, d.Addr()
	}
	return raw, netip.Addr{}
}

// decodeOifs reads the struct rtnexthop entries of RTA_MULTIPATH, up to
// the first that does not fit.
func decodeOifs(b []byte) []MRouteOif {
	var out []MRouteOif
	for len(b) >= unix.SizeofRtNexthop {
		n := int(ne.Uint16(b))
		if n > len(b) || n < unix.SizeofRtNexthop {
			break
		}
		out = append(out, MRouteOif{TTL: b[3], IfIndex: int32(ne.Uint32(b[4:]))})
		b = b[min(nl.Align(n), len(b)):]
	}
	return out
}

// Message encodes r as the kernel sends it, for fakes and round trips.
func (r *MRoute) Message() (nl.Message, error) {
	h := make([]byte, unix.SizeofRtMsg)
	h[0], h[7] = r.Family, r.Type
	if r.Table < 256 {
		h[4] = uint8(r.Table)
	}
	ne.PutUint32(h[8:], r.Flags)
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.RTA_TABLE, r.Table)
	if r.RawSrc != nil {
		e.Bytes(unix.RTA_SRC, r.RawSrc)
	}
	if r.RawDst != nil {
		e.Bytes(unix.RTA_DST, r.RawDst)
	}
	if r.IIF != 0 {
		e.Uint32(unix.RTA_IIF, uint32(r.IIF))
	}
	if r.Oifs != nil {
		var mp []byte
		for _, o := range r.Oifs {
			mp = ne.AppendUint16(mp, unix.SizeofRtNexthop)
			mp = append(mp, 0, o.TTL)
			mp = ne.AppendUint32(mp, uint32(o.IfIndex))
		}
		e.Bytes(unix.RTA_MULTIPATH, mp)
	}
	if r.Stats != nil {
		s := ne.AppendUint64(nil, r.Stats.Packets)
		s = ne.AppendUint64(s, r.Stats.Bytes)
		e.Bytes(unix.RTA_MFC_STATS, ne.AppendUint64(s, r.Stats.WrongIf))
	}
	if r.Expires != nil {
		e.Uint64(unix.RTA_EXPIRES, *r.Expires)
	}
	return request(unix.RTM_NEWROUTE, 0, h, e)
}

// MRoutes streams the multicast routes of family (FamilyIPMR or
// FamilyIP6MR), of one table when table is not 0.
func MRoutes(c *nl.Conn, family uint8, table uint32) iter.Seq2[*MRoute, error] {
	return func(yield func(*MRoute, error) bool) {
		for m, err := range c.Dump(RouteDumpRequest(family, &Route{Table: table})) {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Type != unix.RTM_NEWROUTE && m.Header.Type != unix.RTM_DELROUTE {
				continue
			}
			r, err := ParseMRoute(m)
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}
