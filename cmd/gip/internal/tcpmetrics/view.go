package tcpmetrics

import (
	"encoding/hex"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
)

// view prints one entry as ip's process_msg does.
type view struct {
	e       *tcpmetrics.Entry
	deleted bool
}

// names of the metrics ip prints by name, in its order.
var names = []struct {
	m    tcpmetrics.Metric
	name string
}{
	{tcpmetrics.MetricSSThresh, "ssthresh"}, {tcpmetrics.MetricCwnd, "cwnd"}, {tcpmetrics.MetricReordering, "reordering"},
}

func (v *view) Fields(f *format.Fields) {
	e := v.e
	if v.deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	f.StringColor(link.AddrColor(family(e.Dst)), "dst", "%s", format.Addr(e.Dst))
	if e.AgeMs != nil {
		seconds(f, "age", " age %.03fsec", float64(*e.AgeMs)/1000)
	}
	if e.TWTSStamp != nil {
		var tsval uint32
		if e.TWTSVal != nil {
			tsval = *e.TWTSVal
		}
		f.String("tw_ts_stamp", " tw_ts %s ago", fmt.Sprintf("%d/%d", tsval, *e.TWTSStamp))
	}
	v.metrics(f)
	if e.FopenMSS != nil {
		f.Uint("fopen_miss", " fo_mss %u", uint64(*e.FopenMSS))
	}
	if e.FopenSynDrops != nil {
		var ts uint64
		if e.FopenSynDropTSMs != nil {
			ts = *e.FopenSynDropTSMs
		}
		f.Uint("fopen_syn_drops", " fo_syn_drops %u", uint64(*e.FopenSynDrops))
		// ip divides milliseconds by a million and calls them
		// microseconds.
		seconds(f, "fopen_syn_drop_ts", "/%.03fusec ago", float64(ts)/1e6)
	}
	if e.FopenCookie != nil {
		c := e.FopenCookie
		if len(c) > 16 {
			c = c[:16]
		}
		f.String("fo_cookie", " fo_cookie %s", hex.EncodeToString(c))
	}
	if e.Src.IsValid() {
		f.String("source", " source %s", format.Addr(e.Src))
	}
	f.Literal("\n")
}

// metrics prints the cached values: the counts by name, then the round
// trip time and its variance in microseconds (seconds in JSON), from the
// microsecond values when there are, else from the millisecond ones.
func (v *view) metrics(f *format.Fields) {
	m := v.e.Metrics
	for _, n := range names {
		if val, ok := m[n.m]; ok {
			f.Uint(n.name, " "+n.name+" %u", uint64(val))
		}
	}
	rtt, rttvar := uint64(m[tcpmetrics.MetricRTT])*1000>>3, uint64(m[tcpmetrics.MetricRTTVar])*1000>>2
	if val, ok := m[tcpmetrics.MetricRTTUs]; ok {
		rtt = uint64(val) >> 3
	}
	if val, ok := m[tcpmetrics.MetricRTTVarUs]; ok {
		rttvar = uint64(val) >> 2
	}
	if rtt != 0 {
		micro(f, "rtt", " rtt %uus", rtt)
	}
	if rttvar != 0 {
		micro(f, "rttvar", " rttvar %uus", rttvar)
	}
}

// seconds prints a time as ip does: with three decimals through textFmt
// (C's %.03f) in text, as C's %g in JSON.
func seconds(f *format.Fields, key, textFmt string, v float64) {
	if f.JSON() {
		f.Float(key, "", v)
		return
	}
	f.Literal(fmt.Sprintf(textFmt, v))
}

// micro prints microseconds in text, seconds in JSON.
func micro(f *format.Fields, key, textFmt string, us uint64) {
	if f.JSON() {
		f.Float(key, "", float64(us)/1e6)
		return
	}
	f.Uint("", textFmt, us)
}
