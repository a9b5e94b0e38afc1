package route

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The rarer parts of a route: the IPv4 cache flags, rta_cacheinfo,
// RTA_METRICS and the paths of a multipath route.

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

// cacheFlags prints a cached IPv4 route's flags as print_cache_flags does.
func (w *writer) cacheFlags(flags uint32) {
	f := w.f
	f.Line()
	f.Literal("    cache ")
	f.OpenArray("cache")
	if rest := flags &^ 0xffff; rest != 0 {
		f.Literal("<")
		for _, cf := range cacheFlagWords {
			if rest&cf.bit == 0 {
				continue
			}
			rest &^= cf.bit
			f.Element("%s", cf.word)
			if rest != 0 {
				f.Literal(",")
			} else {
				f.Literal("> ")
			}
		}
		if rest != 0 {
			f.Bytes("flags", "%s>", w.buf(strconv.AppendUint(w.scratch[:0], uint64(rest), 16)))
		}
	}
	f.CloseArray()
}

// cacheInfo prints rta_cacheinfo: expiry, error, use counts, IP id and
// timestamps.
func (w *writer) cacheInfo(ci *rtnl.RouteCacheInfo) {
	f := w.f
	if ci.Expires != 0 {
		f.Int("expires", "expires %dsec ", int64(ci.Expires/env.UserHZ))
	}
	if ci.Error != 0 {
		f.Uint("error", "error %u ", uint64(ci.Error))
	}
	if w.stats > 0 {
		if ci.ClntRef != 0 {
			f.Uint("users", "users %u ", uint64(ci.ClntRef))
		}
		if ci.Used != 0 {
			f.Uint("used", "used %u ", uint64(ci.Used))
		}
		if ci.LastUse != 0 {
			f.Uint("age", "age %usec ", uint64(ci.LastUse/env.UserHZ))
		}
	}
	if ci.ID != 0 {
		b := append(w.scratch[:0], "0x"...)
		for n := uint32(0x1000); n > 1 && uint32(ci.ID) < n; n >>= 4 {
			b = append(b, '0')
		}
		f.Bytes("ipid", "ipid %s ", w.buf(strconv.AppendUint(b, uint64(ci.ID), 16)))
	}
	if ci.TS != 0 || ci.TSAge != 0 {
		f.Bytes("ts", "ts %s", w.buf(strconv.AppendUint(append(w.scratch[:0], "0x"...), uint64(ci.TS), 16)))
		f.Uint("tsage", "tsage %usec ", uint64(ci.TSAge))
	}
}

// metrics prints RTA_METRICS as print_rta_metrics does: "NAME [lock]
// VALUE" in text, "metrics": [ {NAME: VALUE} ] in JSON.
func (w *writer) metrics(r *rtnl.Route) {
	f := w.f
	f.OpenArray("metrics")
	f.OpenElement()
	for i := uint16(2); i <= unix.RTAX_FASTOPEN_NO_COOKIE; i++ {
		v, ok := shownMetric(r, i)
		if !ok {
			continue
		}
		f.Literal(metricNames[i])
		f.Literal(" ")
		if r.Locked&(1<<i) != 0 {
			f.Literal("lock ")
		}
		switch i {
		case unix.RTAX_FEATURES:
			if v&unix.RTAX_FEATURE_ECN != 0 {
				f.Null("ecn", "ecn ")
			}
			if v&^unix.RTAX_FEATURE_ECN != 0 {
				f.Bytes("features", "%s ", w.buf(strconv.AppendUint(append(w.scratch[:0], "0x"...), uint64(v), 16)))
			}
		case unix.RTAX_RTT, unix.RTAX_RTTVAR, unix.RTAX_RTO_MIN:
			ms := rttMillis(i, v)
			if ms >= 1000 {
				// From a second up ip prints seconds with %g.
				f.Uint(metricNames[i], "", uint64(ms))
				f.Float("", "%gs ", float64(ms)/1e3)
			} else {
				f.Uint(metricNames[i], "%ums ", uint64(ms))
			}
		case unix.RTAX_CC_ALGO:
			f.String("congestion", "%s ", r.CongCtl)
		default:
			f.Uint(metricNames[i], "%u ", uint64(v))
		}
	}
	f.Close()
	f.CloseArray()
}

// nexthops prints the paths of a multipath route.
func (w *writer) nexthops(r *rtnl.Route) {
	if len(r.Nexthops) == 0 {
		return
	}
	f := w.f
	f.OpenArray("nexthops")
	for i := range r.Nexthops {
		nh := &r.Nexthops[i]
		f.Line()
		f.Literal("\tnexthop ")
		f.OpenElement()
		if nh.EncapType != 0 {
			nexthop.EncapFields(f, nh.EncapType, nh.Encap)
		}
		if len(nh.NewDst) > 0 {
			f.Bytes("to", "as to %s ", w.buf(rtnl.FormatMPLSLabels(w.scratch[:0], nh.NewDst)))
		}
		w.gateway(r, nh.Gateway, true)
		if nh.Realms != 0 {
			w.realms(nh.Realms)
		}
		f.String("dev", "dev %s ", w.links.Name(nh.IfIndex))
		if r.Family != unix.AF_MPLS {
			f.Int("weight", "weight %d ", int64(nh.Weight))
		}
		nexthop.FlagFields(f, uint32(nh.Flags))
		f.Close()
	}
	f.CloseArray()
}
