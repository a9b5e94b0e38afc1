package route

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// fields prints one route as print_route does, one call per field for
// text and JSON alike.
func (w *writer) fields(r *rtnl.Route, deleted bool) {
	f := w.f
	if deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	if r.Type != unix.RTN_UNICAST || w.details > 0 {
		f.Bytes("type", "%s ", w.buf(env.AppendRouteType(w.scratch[:0], r.Type, w.numeric)))
	}
	w.dst(r)
	if r.Src.IsValid() && (r.Src.Bits() > 0 || !r.Src.Addr().IsUnspecified()) {
		w.colored(familyColor(r.Family), "from", "from %s ", w.buf(appendPrefix(w.scratch[:0], r.Src, r.Family)))
	}
	if r.NHID != 0 {
		f.Uint("nhid", "nhid %u ", uint64(r.NHID))
	}
	if len(r.NewDst) > 0 {
		f.Bytes("to", "as to %s ", w.buf(rtnl.FormatMPLSLabels(w.scratch[:0], r.NewDst)))
	}
	if r.EncapType != 0 {
		nexthop.EncapFields(f, r.EncapType, r.Encap)
	}
	if r.TOS != 0 && !w.hidden.tos {
		f.Bytes("tos", "tos %s ", w.buf(w.names.AppendDSField(w.scratch[:0], r.TOS)))
	}
	w.gateway(r, r.Gateway, w.viaBits != grammar.HostLen(r.Family))
	if r.OIF != 0 && !w.hidden.dev {
		w.coloredName("dev", "dev %s ", w.linkName(r.OIF))
	}
	if t := r.Table; t != 0 && (t != unix.RT_TABLE_MAIN || w.details > 0) && !w.hidden.table {
		f.Bytes("table", "table %s ", w.buf(w.names.AppendTable(w.scratch[:0], t)))
	}
	if r.Flags&unix.RTM_F_CLONED == 0 {
		if (r.Protocol != unix.RTPROT_BOOT || w.details > 0) && !w.hidden.proto {
			f.Bytes("protocol", "proto %s ", w.buf(w.names.AppendProto(w.scratch[:0], r.Protocol)))
		}
		if (r.Scope != unix.RT_SCOPE_UNIVERSE || w.details > 0) && !w.hidden.scope {
			f.Bytes("scope", "scope %s ", w.scopeName(r.Scope))
		}
	}
	if r.PrefSrc.IsValid() && w.prefsrcBits != grammar.HostLen(r.Family) {
		w.addr(familyColor(r.Family), "prefsrc", "src ", r.PrefSrc)
	}
	if r.Priority != nil && !w.hidden.metric {
		f.Uint("metric", "metric %u ", uint64(*r.Priority))
	}
	nexthop.FlagFields(f, r.Flags)
	if r.Mark != 0 {
		markFmt := "mark %u "
		if r.Mark >= 16 {
			markFmt = "mark %#x "
		}
		f.Uint("mark", markFmt, uint64(r.Mark))
	}
	if r.Realms != 0 {
		w.realms(r.Realms)
	}
	if r.UID != nil {
		f.Uint("uid", "uid %u ", uint64(*r.UID))
	}
	if r.Family == unix.AF_INET && r.Flags&unix.RTM_F_CLONED != 0 {
		w.cacheFlags(r.Flags)
	}
	if ci := r.CacheInfo; ci != nil && (r.Family == unix.AF_INET || r.Family == unix.AF_INET6) {
		w.cacheInfo(ci)
	}
	if hasMetrics(r) {
		w.metrics(r)
	}
	if r.IIF != 0 {
		w.coloredName("iif", "iif %s ", w.links.Name(r.IIF))
	}
	if r.Pref != nil {
		if n := prefName(*r.Pref); n != "" {
			f.String("pref", "pref %s", n)
		} else {
			f.Uint("pref", "%u", uint64(*r.Pref))
		}
	}
	if r.TTLPropagate != nil {
		f.Literal("ttl-propogate ")
		f.Bool("ttl-propogate", "", *r.TTLPropagate != 0)
		f.Literal(enabled(*r.TTLPropagate != 0))
	}
	if nh := w.nhInfo(r); nh != nil {
		f.Literal("\n\tnh_info ")
		f.Open("nh_info")
		nexthop.View{Env: w.e, Nexthop: nh}.Fields(f)
		f.Close()
	}
	w.nexthops(r)
	f.Literal("\n")
}

// gateway prints a route's or a hop's gateway: "via FAMILY ADDR" when
// it is of another family (RTA_VIA), else "via ADDR" when shown.
func (w *writer) gateway(r *rtnl.Route, gw netip.Addr, shown bool) {
	f := w.f
	if vf := viaFamily(r, gw); vf != 0 {
		f.Open("via")
		f.String("family", "via %s ", grammar.FamilyWord(vf))
		w.addr(familyColor(vf), "host", "", gw)
		f.Close()
	} else if gw.IsValid() && shown {
		w.addr(familyColor(r.Family), "gateway", "via ", gw)
	}
}

// realms prints RTA_FLOW: "realm TO" or "realms FROM/TO".
func (w *writer) realms(realms uint32) {
	f := w.f
	from, to := realms>>16, realms&0xffff
	f.Open("flow")
	if from != 0 {
		f.Bytes("from", "realms %s/", w.buf(w.names.AppendRealm(w.scratch[:0], from)))
	} else {
		f.Literal("realm ")
	}
	f.Bytes("to", "%s ", w.buf(w.names.AppendRealm(w.scratch[:0], to)))
	f.Close()
}

// colored prints a field in colour c when colours are on: the whole of
// its text (keyword included), as ip's print_color_* colour what their
// format prints.
func (w *writer) colored(c, key, textFmt string, v []byte) {
	if w.color && c != "" {
		w.f.Literal(c)
		w.f.Bytes(key, textFmt, v)
		w.f.Literal(colorReset)
		return
	}
	w.f.Bytes(key, textFmt, v)
}

// addr prints an address after its keyword (word, plain), the address
// in colour c when colours are on.
func (w *writer) addr(c, key, word string, a netip.Addr) {
	f := w.f
	if w.color && c != "" {
		f.Literal(word)
		f.Literal(c)
		f.Addr(key, "%s ", a)
		f.Literal(colorReset)
		return
	}
	switch word {
	case "via ":
		f.Addr(key, "via %s ", a)
	case "src ":
		f.Addr(key, "src %s ", a)
	default:
		f.Literal(word)
		f.Addr(key, "%s ", a)
	}
}

// dst prints the route's destination: "default", a label for MPLS, the
// bare address of a host route, ADDR/LEN otherwise; in colour when it is
// a network and colours are on.
func (w *writer) dst(r *rtnl.Route) {
	f := w.f
	switch {
	case r.Family == unix.AF_MPLS:
		f.Bytes("dst", "%s ", w.buf(strconv.AppendUint(w.scratch[:0], uint64(r.Label), 10)))
		return
	case !r.Dst.IsValid() || r.Dst.Bits() == 0:
		f.String("dst", "%s ", "default")
		return
	}
	c := familyColor(r.Family)
	colored := w.color && c != ""
	if colored {
		f.Literal(c)
	}
	if r.Dst.Bits() == grammar.HostLen(r.Family) {
		f.Addr("dst", "%s ", r.Dst.Addr())
	} else {
		f.Prefix("dst", "%s ", r.Dst)
	}
	if colored {
		f.Literal(colorReset)
	}
}

// coloredName prints an interface name ("dev %s "), the name in ip's
// colour for names when colours are on.
func (w *writer) coloredName(key, textFmt, name string) {
	if w.color {
		word, rest := splitWord(textFmt)
		w.f.Literal(word)
		w.f.Literal(format.ColorIfname)
		w.f.String(key, rest, name)
		w.f.Literal(colorReset)
		return
	}
	w.f.String(key, textFmt, name)
}

// linkName is the name of interface i: the last one asked for is kept,
// as the routes of a dump mostly share their device.
func (w *writer) linkName(i int32) string {
	if i != w.lastLink.index || w.lastLink.name == "" {
		w.lastLink.index, w.lastLink.name = i, w.links.Name(i)
	}
	return w.lastLink.name
}

// scopeName is the name of a scope, kept like linkName's.
func (w *writer) scopeName(s uint8) []byte {
	if s != w.lastScope.id || w.lastScope.name == nil {
		w.lastScope.id, w.lastScope.name = s, w.names.AppendScope(w.lastScope.name[:0], s)
	}
	return w.lastScope.name
}

// buf returns b, appended into the scratch buffer, keeping it as the
// scratch buffer when it grew (storing it every time would cost a write
// barrier per field).
func (w *writer) buf(b []byte) []byte {
	if cap(b) > cap(w.scratch) {
		w.scratch = b
	}
	return b
}

// appendPrefix appends a destination or source as ip prints it: the bare
// address for a host route, ADDR/LEN otherwise.
func appendPrefix(b []byte, p netip.Prefix, family uint8) []byte {
	b = p.Addr().AppendTo(b)
	if p.Bits() != grammar.HostLen(family) {
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(p.Bits()), 10)
	}
	return b
}

// viaFamily reports the family of a gateway carried in RTA_VIA (a gateway
// of another family than the route's, or any gateway of an MPLS route),
// or 0 for a plain RTA_GATEWAY.
func viaFamily(r *rtnl.Route, gw netip.Addr) uint8 {
	if !gw.IsValid() {
		return 0
	}
	f := uint8(unix.AF_INET6)
	if gw.Is4() {
		f = unix.AF_INET
	}
	if f != r.Family || r.Family == unix.AF_MPLS {
		return f
	}
	return 0
}

// prefName names an IPv6 router preference ("" for an unknown one).
func prefName(p uint8) string {
	switch p {
	case 3: // ICMPV6_ROUTER_PREF_LOW
		return "low"
	case 0:
		return "medium"
	case 1:
		return "high"
	}
	return ""
}

func enabled(on bool) string {
	if on {
		return "enabled"
	}
	return "disabled"
}

const colorReset = "\x1b[0m"

// familyColor is ip's colour for addresses of a family (none for others).
func familyColor(f uint8) string {
	switch f {
	case unix.AF_INET:
		return format.ColorInet
	case unix.AF_INET6:
		return format.ColorInet6
	}
	return ""
}

// splitWord cuts a format before its verb.
func splitWord(textFmt string) (word, rest string) {
	i := strings.IndexByte(textFmt, '%')
	if i < 0 {
		return "", textFmt
	}
	return textFmt[:i], textFmt[i:]
}
