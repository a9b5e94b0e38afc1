package route

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// metricKind is how a metric keyword reads its value.
type metricKind int

const (
	metricNumber  metricKind = iota // a number, "lock" allowed
	metricTime                      // rtt, rttvar: a time, kept in the kernel's unit
	metricRTOMin                    // rto_min: a time, always locked
	metricFeature                   // features ecn
	metricBool                      // 0 or 1
	metricCongCtl                   // a congestion control name
)

// metricWord is one RTA_METRICS keyword of the ROUTE grammar.
type metricWord struct {
	word   string
	prefix bool // ip matches abbreviations of it
	metric uint16
	what   string // the name ip's messages use
	kind   metricKind
	max    uint64 // largest number, 0 for 32 bits
	scale  uint32 // metricTime: units per millisecond
}

// metricWords are the metric keywords in ip's matching order.
var metricWords = []metricWord{
	{word: "mtu", metric: unix.RTAX_MTU, what: "mtu"},
	{word: "hoplimit", metric: unix.RTAX_HOPLIMIT, what: "hoplimit", max: 255},
	{word: "advmss", metric: unix.RTAX_ADVMSS, what: "mss"},
	{word: "reordering", prefix: true, metric: unix.RTAX_REORDERING, what: "reordering"},
	{word: "rtt", metric: unix.RTAX_RTT, what: "rtt", kind: metricTime, scale: 8},
	{word: "rttvar", prefix: true, metric: unix.RTAX_RTTVAR, what: "rttvar", kind: metricTime, scale: 4},
	{word: "rto_min", metric: unix.RTAX_RTO_MIN, what: "rto_min", kind: metricRTOMin},
	{word: "window", prefix: true, metric: unix.RTAX_WINDOW, what: "window"},
	{word: "cwnd", prefix: true, metric: unix.RTAX_CWND, what: "cwnd"},
	{word: "initcwnd", prefix: true, metric: unix.RTAX_INITCWND, what: "initcwnd"},
	{word: "initrwnd", prefix: true, metric: unix.RTAX_INITRWND, what: "initrwnd"},
	{word: "ssthresh", prefix: true, metric: unix.RTAX_SSTHRESH, what: "ssthresh"},
	{word: "features", prefix: true, metric: unix.RTAX_FEATURES, kind: metricFeature},
	{word: "quickack", prefix: true, metric: unix.RTAX_QUICKACK, what: "quickack", kind: metricBool},
	{word: "fastopen_no_cookie", prefix: true, metric: unix.RTAX_FASTOPEN_NO_COOKIE, what: "fastopen_no_cookie", kind: metricBool},
	{word: "congctl", prefix: true, metric: unix.RTAX_CC_ALGO, kind: metricCongCtl},
}

// lookupMetric finds the metric keyword w stands for, or nil.
func lookupMetric(w string) *metricWord {
	for i := range metricWords {
		k := &metricWords[i]
		if w == k.word || k.prefix && grammar.Matches(w, k.word) {
			return k
		}
	}
	return nil
}

// parse reads the keyword's value into r.
func (k *metricWord) parse(a *grammar.Args, r *rtnl.Route) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	lockable := k.kind == metricNumber || k.kind == metricTime || k.kind == metricCongCtl
	if lockable && v == "lock" || k.kind == metricRTOMin {
		r.Locked |= 1 << k.metric
		if k.kind != metricRTOMin {
			if v, err = a.Value(); err != nil {
				return err
			}
		}
	}
	bad := func() error { return fail.Invalid("\""+k.what+"\" value is invalid\n", v) }
	switch k.kind {
	case metricTime, metricRTOMin:
		t, raw, ok := grammar.ParseTimeRTT(v)
		if !ok {
			return bad()
		}
		if !raw && k.scale != 0 {
			t *= k.scale
		}
		setMetric(r, k.metric, t)
	case metricFeature:
		if v != "ecn" {
			return fail.Invalid("\"features\" value not valid\n", v)
		}
		setMetric(r, k.metric, unix.RTAX_FEATURE_ECN)
	case metricCongCtl:
		r.CongCtl = v
	default:
		n, ok := grammar.ParseCUint(v, 32)
		if !ok || k.max != 0 && n > k.max {
			return bad()
		}
		if k.kind == metricBool && n > 1 {
			return fail.Invalid("\""+k.what+"\" value should be 0 or 1\n", v)
		}
		setMetric(r, k.metric, uint32(n))
	}
	return nil
}

func setMetric(r *rtnl.Route, t uint16, v uint32) {
	if r.Metrics == nil {
		r.Metrics = map[uint16]uint32{}
	}
	r.Metrics[t] = v
}

// metricNames name the metrics by RTAX_* as ip prints them (mx_names).
var metricNames = [...]string{
	unix.RTAX_MTU: "mtu", unix.RTAX_WINDOW: "window", unix.RTAX_RTT: "rtt", unix.RTAX_RTTVAR: "rttvar",
	unix.RTAX_SSTHRESH: "ssthresh", unix.RTAX_CWND: "cwnd", unix.RTAX_ADVMSS: "advmss",
	unix.RTAX_REORDERING: "reordering", unix.RTAX_HOPLIMIT: "hoplimit", unix.RTAX_INITCWND: "initcwnd",
	unix.RTAX_FEATURES: "features", unix.RTAX_RTO_MIN: "rto_min", unix.RTAX_INITRWND: "initrwnd",
	unix.RTAX_QUICKACK: "quickack", unix.RTAX_CC_ALGO: "congctl", unix.RTAX_FASTOPEN_NO_COOKIE: "fastopen_no_cookie",
}

func hasMetrics(r *rtnl.Route) bool {
	return len(r.Metrics) > 0 || r.CongCtl != "" || r.Locked != 0
}

// shownMetric returns metric i of r and whether ip prints it.
func shownMetric(r *rtnl.Route, i uint16) (uint32, bool) {
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

// rttMillis converts the kernel's rtt (1/8 ms) and rttvar (1/4 ms) to ms.
func rttMillis(i uint16, v uint32) uint32 {
	switch i {
	case unix.RTAX_RTT:
		return v / 8
	case unix.RTAX_RTTVAR:
		return v / 4
	}
	return v
}
