package route

import (
	"bufio"
	"errors"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// routeHidden lists the fields a show filter pins down, which ip leaves
// out of each line (`ip route show table 100` prints no "table 100").
type routeHidden struct {
	table, proto, scope, dev, metric, tos bool
}

// routeWriter prints routes the way ip's print_route does, in text or in
// iproute2's JSON, straight into a buffered writer: one reused scratch
// buffer, no per-route allocation, so a table of any size is printed in
// constant memory.
type routeWriter struct {
	out    *bufio.Writer
	Json   *format.JSONWriter // nil for text
	Names  *env.Names
	Links  *env.Links
	hidden routeHidden
	// viaBits and prefsrcBits are the lengths of the via and src
	// selectors (-1 without): a full-length one hides the field.
	viaBits, prefsrcBits int
	details              int
	stats                int
	numeric              bool
	Oneline              bool
	Color                bool // -c: ip's colours on addresses and interface names

	// nexthopObjects are the nexthop objects by id, for -d's nh_info.
	nexthopObjects map[uint32]*rtnl.NexthopObject
	re             *env.Env

	b       []byte // the text of the route being printed
	scratch []byte
	count   int
	started bool // JSON: the array was opened
	flushed bool // bytes already reached out
}

// Trailing "\n" of multi-line records: ip's _SL_, a backslash with -o.
func (w *routeWriter) lineBreak() byte {
	if w.Oneline {
		return '\\'
	}
	return '\n'
}

// start opens the JSON array. Text needs nothing.
func (w *routeWriter) start() {
	if w.Json != nil && !w.started {
		w.Json.StartArray()
		w.started = true
	}
}

// finish closes the JSON array (with its newline) and flushes.
func (w *routeWriter) finish() error {
	if w.Json != nil {
		w.start()
		w.Json.EndArray()
		if err := w.Json.StreamTo(w.out); err != nil {
			return err
		}
		if err := w.out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return w.out.Flush()
}

// abort ends the output after an error: nothing if nothing was written
// yet (stdout stays empty rather than holding half a JSON document), else
// the array is closed so what was printed is still valid JSON.
func (w *routeWriter) abort() error {
	if w.Json != nil && !w.flushed {
		return nil
	}
	return w.finish()
}

// route prints one route; deleted marks a RTM_DELROUTE notification.
func (w *routeWriter) Route(r *rtnl.Route, deleted bool) error {
	w.count++
	if w.Json != nil {
		w.start()
		w.routeJSON(r, deleted)
		if w.Json.Buffered() >= 32<<10 {
			w.flushed = true
			return w.Json.StreamTo(w.out)
		}
		return nil
	}
	w.b = w.appendText(w.b[:0], r, deleted)
	_, err := w.out.Write(w.b)
	w.flushed = true
	return err
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

// appendDst appends the route's destination: "default", a label for MPLS.
func appendDst(b []byte, r *rtnl.Route) []byte {
	switch {
	case r.Family == unix.AF_MPLS:
		return strconv.AppendUint(b, uint64(r.Label), 10)
	case !r.Dst.IsValid() || r.Dst.Bits() == 0:
		return append(b, "default"...)
	}
	return appendPrefix(b, r.Dst, r.Family)
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

// Routing cache flags (RTCF_*), in print_cache_flags order.
var cacheFlagWords = []struct {
	bit  uint32
	word string
}{
	{0x80000000, "local"}, {0x00000200, "reject"}, {0x20000000, "mc"}, {0x10000000, "brd"},
	{0x08000000, "dst-nat"}, {0x00010000, "src-nat"}, {0x00020000, "masq"}, {0x04000000, "dst-direct"},
	{0x00400000, "src-direct"}, {0x00040000, "redirected"}, {0x01000000, "redirect"},
	{0x00200000, "fastroute"}, {0x00800000, "notify"}, {0x40000000, "proxy"},
}

// Metric names by RTAX_* (mx_names).
var metricNames = [...]string{
	unix.RTAX_MTU: "mtu", unix.RTAX_WINDOW: "window", unix.RTAX_RTT: "rtt", unix.RTAX_RTTVAR: "rttvar",
	unix.RTAX_SSTHRESH: "ssthresh", unix.RTAX_CWND: "cwnd", unix.RTAX_ADVMSS: "advmss",
	unix.RTAX_REORDERING: "reordering", unix.RTAX_HOPLIMIT: "hoplimit", unix.RTAX_INITCWND: "initcwnd",
	unix.RTAX_FEATURES: "features", unix.RTAX_RTO_MIN: "rto_min", unix.RTAX_INITRWND: "initrwnd",
	unix.RTAX_QUICKACK: "quickack", unix.RTAX_CC_ALGO: "congctl", unix.RTAX_FASTOPEN_NO_COOKIE: "fastopen_no_cookie",
}

// sysconf(_SC_CLK_TCK): the unit of rta_cacheinfo times

func (w *routeWriter) table(r *rtnl.Route) uint32 { return r.Table }

func hasMetrics(r *rtnl.Route) bool {
	return len(r.Metrics) > 0 || r.CongCtl != "" || r.Locked != 0
}

// metricValue returns metric i of r and whether ip prints it.
func metricValue(r *rtnl.Route, i uint16) (uint32, bool) {
	v, ok := r.Metrics[i]
	if i == unix.RTAX_CC_ALGO {
		ok = r.CongCtl != ""
	}
	locked := r.Locked&(1<<i) != 0
	if !ok && !locked {
		return 0, false
	}
	if i == unix.RTAX_HOPLIMIT && int32(v) == -1 {
		return 0, false
	}
	return v, true
}

// appendText appends the route's line(s) in ip's text format.
func (w *routeWriter) appendText(b []byte, r *rtnl.Route, deleted bool) []byte {
	if deleted {
		b = append(b, "Deleted "...)
	}
	if r.Type != unix.RTN_UNICAST || w.details > 0 {
		b = env.AppendRouteType(b, r.Type, w.numeric)
		b = append(b, ' ')
	}
	if w.Color && r.Family != unix.AF_MPLS && r.Dst.IsValid() && r.Dst.Bits() > 0 {
		b = append(b, familyColor(r.Family)...)
		b = appendDst(b, r)
		b = append(b, ' ')
		b = append(b, colorReset...)
	} else {
		b = appendDst(b, r)
		b = append(b, ' ')
	}
	if r.Src.IsValid() && (r.Src.Bits() > 0 || !r.Src.Addr().IsUnspecified()) {
		b = w.startColor(b, familyColor(r.Family))
		b = append(b, "from "...)
		b = appendPrefix(b, r.Src, r.Family)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(r.Family))
	}
	if r.NHID != 0 {
		b = append(b, "nhid "...)
		b = strconv.AppendUint(b, uint64(r.NHID), 10)
		b = append(b, ' ')
	}
	if len(r.NewDst) > 0 {
		b = append(b, "as to "...)
		b = rtnl.FormatMPLSLabels(b, r.NewDst)
		b = append(b, ' ')
	}
	if r.EncapType != 0 {
		b = nexthop.AppendEncapText(b, r.EncapType, r.Encap)
	}
	if r.TOS != 0 && !w.hidden.tos {
		b = append(b, "tos "...)
		b = w.Names.AppendDSField(b, r.TOS)
		b = append(b, ' ')
	}
	if vf := viaFamily(r, r.Gateway); vf != 0 {
		b = append(b, "via "...)
		b = append(b, grammar.FamilyWord(vf)...)
		b = append(b, ' ')
		b = w.startColor(b, familyColor(vf))
		b = r.Gateway.AppendTo(b)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(vf))
	} else if r.Gateway.IsValid() && w.viaBits != grammar.HostLen(r.Family) {
		b = append(b, "via "...)
		b = w.startColor(b, familyColor(r.Family))
		b = r.Gateway.AppendTo(b)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(r.Family))
	}
	if r.OIF != 0 && !w.hidden.dev {
		b = append(b, "dev "...)
		b = w.startColor(b, format.ColorIfname)
		b = append(b, w.Links.Name(r.OIF)...)
		b = append(b, ' ')
		b = w.endColor(b, format.ColorIfname)
	}
	if t := w.table(r); t != 0 && (t != unix.RT_TABLE_MAIN || w.details > 0) && !w.hidden.table {
		b = append(b, "table "...)
		b = w.Names.AppendTable(b, t)
		b = append(b, ' ')
	}
	if r.Flags&unix.RTM_F_CLONED == 0 {
		if (r.Protocol != unix.RTPROT_BOOT || w.details > 0) && !w.hidden.proto {
			b = append(b, "proto "...)
			b = w.Names.AppendProto(b, r.Protocol)
			b = append(b, ' ')
		}
		if (r.Scope != unix.RT_SCOPE_UNIVERSE || w.details > 0) && !w.hidden.scope {
			b = append(b, "scope "...)
			b = w.Names.AppendScope(b, r.Scope)
			b = append(b, ' ')
		}
	}
	if r.PrefSrc.IsValid() && w.prefsrcBits != grammar.HostLen(r.Family) {
		b = append(b, "src "...)
		b = w.startColor(b, familyColor(r.Family))
		b = r.PrefSrc.AppendTo(b)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(r.Family))
	}
	if r.Priority != nil && !w.hidden.metric {
		b = append(b, "metric "...)
		b = strconv.AppendUint(b, uint64(*r.Priority), 10)
		b = append(b, ' ')
	}
	b = nexthop.AppendFlagWords(b, r.Flags)
	if r.Mark != 0 {
		b = append(b, "mark "...)
		if r.Mark >= 16 {
			b = append(b, "0x"...)
			b = strconv.AppendUint(b, uint64(r.Mark), 16)
		} else {
			b = strconv.AppendUint(b, uint64(r.Mark), 10)
		}
		b = append(b, ' ')
	}
	if r.Realms != 0 {
		b = w.appendRealmsText(b, r.Realms)
	}
	if r.UID != nil {
		b = append(b, "uid "...)
		b = strconv.AppendUint(b, uint64(*r.UID), 10)
		b = append(b, ' ')
	}
	if r.Family == unix.AF_INET && r.Flags&unix.RTM_F_CLONED != 0 {
		b = append(b, w.lineBreak())
		b = append(b, "    cache "...)
		if f := r.Flags &^ 0xffff; f != 0 {
			b = append(b, '<')
			for _, cf := range cacheFlagWords {
				if f&cf.bit != 0 {
					f &^= cf.bit
					b = append(b, cf.word...)
					if f != 0 {
						b = append(b, ',')
					} else {
						b = append(b, "> "...)
					}
				}
			}
			if f != 0 {
				b = strconv.AppendUint(b, uint64(f), 16)
				b = append(b, '>')
			}
		}
	}
	if ci := r.CacheInfo; ci != nil && (r.Family == unix.AF_INET || r.Family == unix.AF_INET6) {
		b = w.appendCacheInfoText(b, ci)
	}
	if hasMetrics(r) {
		b = appendMetricsText(b, r)
	}
	if r.IIF != 0 {
		b = append(b, "iif "...)
		b = w.startColor(b, format.ColorIfname)
		b = append(b, w.Links.Name(r.IIF)...)
		b = append(b, ' ')
		b = w.endColor(b, format.ColorIfname)
	}
	if r.Pref != nil {
		b = appendPrefText(b, *r.Pref)
	}
	if r.TTLPropagate != nil {
		b = append(b, "ttl-propogate "...)
		if *r.TTLPropagate != 0 {
			b = append(b, "enabled"...)
		} else {
			b = append(b, "disabled"...)
		}
	}
	if nh := w.nhInfo(r); nh != nil {
		b = append(b, "\n\tnh_info "...)
		b = nexthop.AppendNexthopText(b, w.re, nh, false)
	}
	for i := range r.Nexthops {
		b = w.appendNexthopText(b, r, &r.Nexthops[i])
	}
	return append(b, '\n')
}

func (w *routeWriter) appendRealmsText(b []byte, realms uint32) []byte {
	from, to := realms>>16, realms&0xffff
	b = append(b, "realm"...)
	if from != 0 {
		b = append(b, 's')
	}
	b = append(b, ' ')
	if from != 0 {
		b = w.Names.AppendRealm(b, from)
		b = append(b, '/')
	}
	b = w.Names.AppendRealm(b, to)
	return append(b, ' ')
}

func (w *routeWriter) appendCacheInfoText(b []byte, ci *rtnl.RouteCacheInfo) []byte {
	if ci.Expires != 0 {
		b = append(b, "expires "...)
		b = strconv.AppendInt(b, int64(ci.Expires/env.UserHZ), 10)
		b = append(b, "sec "...)
	}
	if ci.Error != 0 {
		b = append(b, "error "...)
		b = strconv.AppendUint(b, uint64(ci.Error), 10)
		b = append(b, ' ')
	}
	if w.stats > 0 {
		if ci.ClntRef != 0 {
			b = append(b, "users "...)
			b = strconv.AppendUint(b, uint64(ci.ClntRef), 10)
			b = append(b, ' ')
		}
		if ci.Used != 0 {
			b = append(b, "used "...)
			b = strconv.AppendUint(b, uint64(ci.Used), 10)
			b = append(b, ' ')
		}
		if ci.LastUse != 0 {
			b = append(b, "age "...)
			b = strconv.AppendUint(b, uint64(ci.LastUse/env.UserHZ), 10)
			b = append(b, "sec "...)
		}
	}
	if ci.ID != 0 {
		b = append(b, "ipid 0x"...)
		b = appendHexPad(b, uint64(ci.ID), 4)
		b = append(b, ' ')
	}
	if ci.TS != 0 || ci.TSAge != 0 {
		b = append(b, "ts 0x"...)
		b = strconv.AppendUint(b, uint64(ci.TS), 16)
		b = append(b, "tsage "...)
		b = strconv.AppendUint(b, uint64(ci.TSAge), 10)
		b = append(b, "sec "...)
	}
	return b
}

func appendHexPad(b []byte, v uint64, width int) []byte {
	var tmp [16]byte
	h := strconv.AppendUint(tmp[:0], v, 16)
	for i := len(h); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, h...)
}

// appendMetricsText appends RTA_METRICS as print_rta_metrics does.
func appendMetricsText(b []byte, r *rtnl.Route) []byte {
	for i := uint16(2); i <= unix.RTAX_FASTOPEN_NO_COOKIE; i++ {
		v, ok := metricValue(r, i)
		if !ok {
			continue
		}
		if name := metricNames[i]; name != "" {
			b = append(b, name...)
			b = append(b, ' ')
		} else {
			b = append(b, "metric "...)
			b = strconv.AppendUint(b, uint64(i), 10)
			b = append(b, ' ')
		}
		if r.Locked&(1<<i) != 0 {
			b = append(b, "lock "...)
		}
		switch i {
		case unix.RTAX_FEATURES:
			f := v
			if f&unix.RTAX_FEATURE_ECN != 0 {
				b = append(b, "ecn "...)
				f &^= unix.RTAX_FEATURE_ECN
			}
			if f != 0 {
				b = append(b, "0x"...)
				b = strconv.AppendUint(b, uint64(v), 16)
				b = append(b, ' ')
			}
		case unix.RTAX_RTT, unix.RTAX_RTTVAR, unix.RTAX_RTO_MIN:
			b = appendRTTText(b, rttValue(i, v))
		case unix.RTAX_CC_ALGO:
			b = append(b, r.CongCtl...)
			b = append(b, ' ')
		default:
			b = strconv.AppendUint(b, uint64(v), 10)
			b = append(b, ' ')
		}
	}
	return b
}

// rttValue converts the kernel's rtt (1/8 ms) and rttvar (1/4 ms) to ms.
func rttValue(i uint16, v uint32) uint32 {
	switch i {
	case unix.RTAX_RTT:
		return v / 8
	case unix.RTAX_RTTVAR:
		return v / 4
	}
	return v
}

// appendRTTText prints milliseconds as ip does: "%ums", or "%gs" from a
// second up.
func appendRTTText(b []byte, ms uint32) []byte {
	if ms >= 1000 {
		b = strconv.AppendFloat(b, float64(ms)/1e3, 'g', 6, 64)
		return append(b, "s "...)
	}
	b = strconv.AppendUint(b, uint64(ms), 10)
	return append(b, "ms "...)
}

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

func appendPrefText(b []byte, p uint8) []byte {
	if n := prefName(p); n != "" {
		b = append(b, "pref "...)
		return append(b, n...)
	}
	return strconv.AppendUint(b, uint64(p), 10)
}

func (w *routeWriter) appendNexthopText(b []byte, r *rtnl.Route, nh *rtnl.Nexthop) []byte {
	b = append(b, w.lineBreak())
	b = append(b, "\tnexthop "...)
	if nh.EncapType != 0 {
		b = nexthop.AppendEncapText(b, nh.EncapType, nh.Encap)
	}
	if len(nh.NewDst) > 0 {
		b = append(b, "as to "...)
		b = rtnl.FormatMPLSLabels(b, nh.NewDst)
		b = append(b, ' ')
	}
	if vf := viaFamily(r, nh.Gateway); vf != 0 {
		b = append(b, "via "...)
		b = append(b, grammar.FamilyWord(vf)...)
		b = append(b, ' ')
		b = w.startColor(b, familyColor(vf))
		b = nh.Gateway.AppendTo(b)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(vf))
	} else if nh.Gateway.IsValid() {
		b = append(b, "via "...)
		b = w.startColor(b, familyColor(r.Family))
		b = nh.Gateway.AppendTo(b)
		b = append(b, ' ')
		b = w.endColor(b, familyColor(r.Family))
	}
	if nh.Realms != 0 {
		b = w.appendRealmsText(b, nh.Realms)
	}
	b = append(b, "dev "...)
	b = append(b, w.Links.Name(nh.IfIndex)...)
	b = append(b, ' ')
	if r.Family != unix.AF_MPLS {
		b = append(b, "weight "...)
		b = strconv.AppendInt(b, int64(nh.Weight), 10)
		b = append(b, ' ')
	}
	return nexthop.AppendFlagWords(b, uint32(nh.Flags))
}

// routeJSON writes the route as one JSON object with ip's keys, in ip's
// order.
func (w *routeWriter) routeJSON(r *rtnl.Route, deleted bool) {
	j := w.Json
	s := w.scratch[:0]
	j.StartObject()
	if deleted {
		j.Name("deleted")
		j.BoolValue(true)
	}
	if r.Type != unix.RTN_UNICAST || w.details > 0 {
		j.Name("type")
		j.BytesValue(env.AppendRouteType(s[:0], r.Type, w.numeric))
	}
	j.Name("dst")
	j.BytesValue(appendDst(s[:0], r))
	if r.Src.IsValid() && (r.Src.Bits() > 0 || !r.Src.Addr().IsUnspecified()) {
		j.Name("from")
		j.BytesValue(appendPrefix(s[:0], r.Src, r.Family))
	}
	if r.NHID != 0 {
		j.Name("nhid")
		j.UintValue(uint64(r.NHID))
	}
	if len(r.NewDst) > 0 {
		j.Name("to")
		j.BytesValue(rtnl.FormatMPLSLabels(s[:0], r.NewDst))
	}
	if r.EncapType != 0 {
		w.encapJSON(r.EncapType, r.Encap)
	}
	if r.TOS != 0 && !w.hidden.tos {
		j.Name("tos")
		j.StringValue(string(w.Names.AppendDSField(s[:0], r.TOS)))
	}
	if vf := viaFamily(r, r.Gateway); vf != 0 {
		w.viaJSON(vf, r.Gateway)
	} else if r.Gateway.IsValid() && w.viaBits != grammar.HostLen(r.Family) {
		j.Name("gateway")
		j.BytesValue(r.Gateway.AppendTo(s[:0]))
	}
	if r.OIF != 0 && !w.hidden.dev {
		j.Name("dev")
		j.StringValue(w.Links.Name(r.OIF))
	}
	if t := w.table(r); t != 0 && (t != unix.RT_TABLE_MAIN || w.details > 0) && !w.hidden.table {
		j.Name("table")
		j.StringValue(string(w.Names.AppendTable(s[:0], t)))
	}
	if r.Flags&unix.RTM_F_CLONED == 0 {
		if (r.Protocol != unix.RTPROT_BOOT || w.details > 0) && !w.hidden.proto {
			j.Name("protocol")
			j.StringValue(string(w.Names.AppendProto(s[:0], r.Protocol)))
		}
		if (r.Scope != unix.RT_SCOPE_UNIVERSE || w.details > 0) && !w.hidden.scope {
			j.Name("scope")
			j.StringValue(string(w.Names.AppendScope(s[:0], r.Scope)))
		}
	}
	if r.PrefSrc.IsValid() && w.prefsrcBits != grammar.HostLen(r.Family) {
		j.Name("prefsrc")
		j.BytesValue(r.PrefSrc.AppendTo(s[:0]))
	}
	if r.Priority != nil && !w.hidden.metric {
		j.Name("metric")
		j.UintValue(uint64(*r.Priority))
	}
	nexthop.FlagsJSON(j, r.Flags)
	if r.Mark != 0 {
		j.Name("mark")
		j.UintValue(uint64(r.Mark))
	}
	if r.Realms != 0 {
		w.realmsJSON(r.Realms)
	}
	if r.UID != nil {
		j.Name("uid")
		j.UintValue(uint64(*r.UID))
	}
	if r.Family == unix.AF_INET && r.Flags&unix.RTM_F_CLONED != 0 {
		j.Name("cache")
		j.StartArray()
		f := r.Flags &^ 0xffff
		for _, cf := range cacheFlagWords {
			if f&cf.bit != 0 {
				f &^= cf.bit
				j.StringValue(cf.word)
			}
		}
		if f != 0 {
			j.Name("flags")
			j.StringValue(strconv.FormatUint(uint64(f), 16))
		}
		j.EndArray()
	}
	if ci := r.CacheInfo; ci != nil && (r.Family == unix.AF_INET || r.Family == unix.AF_INET6) {
		w.cacheInfoJSON(ci)
	}
	if hasMetrics(r) {
		metricsJSON(j, r)
	}
	if r.IIF != 0 {
		j.Name("iif")
		j.StringValue(w.Links.Name(r.IIF))
	}
	if r.Pref != nil {
		j.Name("pref")
		if n := prefName(*r.Pref); n != "" {
			j.StringValue(n)
		} else {
			j.UintValue(uint64(*r.Pref))
		}
	}
	if r.TTLPropagate != nil {
		j.Name("ttl-propogate")
		j.BoolValue(*r.TTLPropagate != 0)
	}
	if nh := w.nhInfo(r); nh != nil {
		j.Name("nh_info")
		nexthop.NexthopJSON(j, w.re, nh, false)
	}
	if len(r.Nexthops) > 0 {
		j.Name("nexthops")
		j.StartArray()
		for i := range r.Nexthops {
			w.nexthopJSON(r, &r.Nexthops[i])
		}
		j.EndArray()
	}
	j.EndObject()
	w.scratch = s
}

func (w *routeWriter) viaJSON(family uint8, gw netip.Addr) {
	j := w.Json
	j.Name("via")
	j.StartObject()
	j.Name("family")
	j.StringValue(grammar.FamilyWord(family))
	j.Name("host")
	j.BytesValue(gw.AppendTo(w.scratch[:0]))
	j.EndObject()
}

func (w *routeWriter) encapJSON(typ uint16, encap []byte) {
	j := w.Json
	j.Name("encap")
	j.StringValue(nexthop.EncapTypeName(typ))
	if typ == rtnl.EncapMPLS {
		labels, ttl := rtnl.DecodeMPLSEncap(encap)
		if len(labels) > 0 {
			j.Name("dst")
			j.BytesValue(rtnl.FormatMPLSLabels(w.scratch[:0], labels))
		}
		if ttl != 0 {
			j.Name("ttl")
			j.UintValue(uint64(ttl))
		}
	}
}

func (w *routeWriter) realmsJSON(realms uint32) {
	j := w.Json
	from, to := realms>>16, realms&0xffff
	j.Name("flow")
	j.StartObject()
	if from != 0 {
		j.Name("from")
		j.StringValue(string(w.Names.AppendRealm(w.scratch[:0], from)))
	}
	j.Name("to")
	j.StringValue(string(w.Names.AppendRealm(w.scratch[:0], to)))
	j.EndObject()
}

func (w *routeWriter) cacheInfoJSON(ci *rtnl.RouteCacheInfo) {
	j := w.Json
	if ci.Expires != 0 {
		j.Name("expires")
		j.IntValue(int64(ci.Expires / env.UserHZ))
	}
	if ci.Error != 0 {
		j.Name("error")
		j.UintValue(uint64(ci.Error))
	}
	if w.stats > 0 {
		if ci.ClntRef != 0 {
			j.Name("users")
			j.UintValue(uint64(ci.ClntRef))
		}
		if ci.Used != 0 {
			j.Name("used")
			j.UintValue(uint64(ci.Used))
		}
		if ci.LastUse != 0 {
			j.Name("age")
			j.UintValue(uint64(ci.LastUse / env.UserHZ))
		}
	}
	if ci.ID != 0 {
		j.Name("ipid")
		j.StringValue("0x" + string(appendHexPad(nil, uint64(ci.ID), 4)))
	}
	if ci.TS != 0 || ci.TSAge != 0 {
		j.Name("ts")
		j.StringValue("0x" + strconv.FormatUint(uint64(ci.TS), 16))
		j.Name("tsage")
		j.UintValue(uint64(ci.TSAge))
	}
}

// metricsJSON writes "metrics": [ { ... } ] as print_rta_metrics does.
func metricsJSON(j *format.JSONWriter, r *rtnl.Route) {
	j.Name("metrics")
	j.StartArray()
	j.StartObject()
	for i := uint16(2); i <= unix.RTAX_FASTOPEN_NO_COOKIE; i++ {
		v, ok := metricValue(r, i)
		if !ok {
			continue
		}
		switch i {
		case unix.RTAX_FEATURES:
			f := v
			if f&unix.RTAX_FEATURE_ECN != 0 {
				j.Name("ecn")
				j.NullValue()
				f &^= unix.RTAX_FEATURE_ECN
			}
			if f != 0 {
				j.Name("features")
				j.StringValue("0x" + strconv.FormatUint(uint64(v), 16))
			}
		case unix.RTAX_CC_ALGO:
			j.Name("congestion")
			j.StringValue(r.CongCtl)
		default:
			j.Name(metricNames[i])
			j.UintValue(uint64(rttValue(i, v)))
		}
	}
	j.EndObject()
	j.EndArray()
}

func (w *routeWriter) nexthopJSON(r *rtnl.Route, nh *rtnl.Nexthop) {
	j := w.Json
	j.StartObject()
	if nh.EncapType != 0 {
		w.encapJSON(nh.EncapType, nh.Encap)
	}
	if len(nh.NewDst) > 0 {
		j.Name("to")
		j.BytesValue(rtnl.FormatMPLSLabels(w.scratch[:0], nh.NewDst))
	}
	if vf := viaFamily(r, nh.Gateway); vf != 0 {
		w.viaJSON(vf, nh.Gateway)
	} else if nh.Gateway.IsValid() {
		j.Name("gateway")
		j.BytesValue(nh.Gateway.AppendTo(w.scratch[:0]))
	}
	if nh.Realms != 0 {
		w.realmsJSON(nh.Realms)
	}
	j.Name("dev")
	j.StringValue(w.Links.Name(nh.IfIndex))
	if r.Family != unix.AF_MPLS {
		j.Name("weight")
		j.IntValue(int64(nh.Weight))
	}
	nexthop.FlagsJSON(j, uint32(nh.Flags))
	j.EndObject()
}

// nhInfo is the nexthop object -d prints for a route using one.
func (w *routeWriter) nhInfo(r *rtnl.Route) *rtnl.NexthopObject {
	if r.NHID == 0 || w.details == 0 || w.nexthopObjects == nil {
		return nil
	}
	return w.nexthopObjects[r.NHID]
}

// loadNexthopObjects reads every nexthop object, for nh_info.
func (w *routeWriter) loadNexthopObjects() error {
	c, err := w.re.Conn()
	if err != nil {
		return err
	}
	w.nexthopObjects = map[uint32]*rtnl.NexthopObject{}
	for m, err := range c.Dump(rtnl.NexthopDumpRequest()) {
		if err != nil {
			if errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, nl.ErrDumpInterrupted) {
				return nil
			}
			return err
		}
		n, err := rtnl.DecodeNexthop(m)
		if err != nil {
			return err
		}
		w.nexthopObjects[n.ID] = &n
	}
	return nil
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

func (w *routeWriter) startColor(b []byte, c string) []byte {
	if w.Color && c != "" {
		b = append(b, c...)
	}
	return b
}

func (w *routeWriter) endColor(b []byte, c string) []byte {
	if w.Color && c != "" {
		b = append(b, colorReset...)
	}
	return b
}
