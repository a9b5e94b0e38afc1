package ntable

import (
	"fmt"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view prints one record as ip's print_ntable does; the configuration
// and statistics only with -s.
type view struct {
	t     *rtnl.NeighTable
	links *env.Links
	stats bool
}

func (v *view) Fields(f *format.Fields) {
	t := v.t
	f.String("family", "%s ", grammar.FamilyWord(t.Family))
	if t.Name != "" {
		f.String("name", "%s ", t.Name)
	}
	f.Line()
	thresholds := t.Thresh1 != nil || t.Thresh2 != nil || t.Thresh3 != nil || t.GCInterval != nil
	if thresholds {
		f.Literal("    ")
	}
	u32(f, "thresh1", "thresh1 %u ", t.Thresh1)
	u32(f, "thresh2", "thresh2 %u ", t.Thresh2)
	u32(f, "thresh3", "thresh3 %u ", t.Thresh3)
	u64(f, "gc_interval", "gc_int %u ", t.GCInterval)
	if thresholds {
		f.Line()
	}
	if t.Config != nil && v.stats {
		config(f, t.Config)
	}
	if t.Parms != nil {
		v.parms(f, t.Parms)
	}
	if t.Stats != nil && v.stats {
		stats(f, t.Stats)
	}
	f.Literal("\n")
}

// parms prints the parameters in ip's four lines.
func (v *view) parms(f *format.Fields, p *rtnl.NeighTableParms) {
	if p.Ifindex != nil {
		f.Literal("    dev ")
		f.StringColor(format.ColorIfname, "dev", "%s ", v.links.Name(int32(*p.Ifindex)))
		f.Line()
	}
	f.Literal("    ")
	u32(f, "refcnt", "refcnt %u ", p.Refcnt)
	u64(f, "reachable", "reachable %u ", p.ReachableTime)
	u64(f, "base_reachable", "base_reachable %u ", p.BaseReachableTime)
	u64(f, "retrans", "retrans %u ", p.RetransTime)
	nextLine(f)
	u64(f, "gc_stale", "gc_stale %u ", p.GCStaletime)
	u64(f, "delay_probe", "delay_probe %u ", p.DelayProbeTime)
	u32(f, "queue", "queue %u ", p.QueueLen)
	nextLine(f)
	u32(f, "app_probes", "app_probes %u ", p.AppProbes)
	u32(f, "ucast_probes", "ucast_probes %u ", p.UcastProbes)
	u32(f, "mcast_probes", "mcast_probes %u ", p.McastProbes)
	nextLine(f)
	u64(f, "anycast_delay", "anycast_delay %u ", p.AnycastDelay)
	u64(f, "proxy_delay", "proxy_delay %u ", p.ProxyDelay)
	u32(f, "proxy_queue", "proxy_queue %u ", p.ProxyQlen)
	u64(f, "locktime", "locktime %u ", p.Locktime)
	f.Line()
}

// config prints struct ndt_config; the flush and randomisation times are
// local dates counted back from now.
func config(f *format.Fields, c *rtnl.NeighTableConfig) {
	f.Uint("key_length", "    config key_len %u ", uint64(c.KeyLen))
	f.Uint("entry_size", "entry_size %u ", uint64(c.EntrySize))
	f.Uint("entries", "entries %u ", uint64(c.Entries))
	f.Line()
	f.String("last_flush", "        last_flush %s ", ago(c.LastFlush))
	f.String("last_rand", "last_rand %s ", ago(c.LastRand))
	f.Line()
	f.Uint("hash_rnd", "        hash_rnd %u ", uint64(c.HashRnd))
	if f.JSON() {
		f.String("hash_mask", "", fmt.Sprintf("%#x", c.HashMask))
	} else {
		f.Literal(fmt.Sprintf("hash_mask %08x ", c.HashMask))
	}
	f.Uint("hash_chain_gc", "hash_chain_gc %u ", uint64(c.HashChainGC))
	f.Uint("proxy_qlen", "proxy_qlen %u ", uint64(c.ProxyQlen))
	f.Line()
}

// ago is ip's ntable_strtime_delta: the local time msec milliseconds
// ago, to the second, or "(error)" for zero.
func ago(msec uint32) string {
	if msec == 0 {
		return "(error)"
	}
	return time.Unix(time.Now().Unix()-int64(msec/1000), 0).Format("2006-01-02 15:04:05")
}

// stats prints struct ndt_stats in ip's five lines.
func stats(f *format.Fields, s *rtnl.NeighTableStats) {
	f.Literal("    stats ")
	rows := [][]struct {
		key string
		v   uint64
	}{
		{{"allocs", s.Allocs}, {"destroys", s.Destroys}, {"hash_grows", s.HashGrows}},
		{{"res_failed", s.ResFailed}, {"lookups", s.Lookups}, {"hits", s.Hits}},
		{{"rcv_probes_mcast", s.RcvProbesMcast}, {"rcv_probes_ucast", s.RcvProbesUcast}},
		{{"periodic_gc_runs", s.PeriodicGCRuns}, {"forced_gc_runs", s.ForcedGCRuns}},
		{{"table_fulls", s.TableFulls}},
	}
	for i, row := range rows {
		if i > 0 {
			nextLine(f)
		}
		for _, c := range row {
			f.Uint(c.key, c.key+" %u ", c.v)
		}
	}
	f.Line()
}

// nextLine is ip's "%s    " of _SL_: a line break (or "\" with -o) and
// the indent.
func nextLine(f *format.Fields) {
	f.Line()
	f.Literal("    ")
}

func u32(f *format.Fields, key, textFmt string, v *uint32) {
	if v != nil {
		f.Uint(key, textFmt, uint64(*v))
	}
}

func u64(f *format.Fields, key, textFmt string, v *uint64) {
	if v != nil {
		f.Uint(key, textFmt, *v)
	}
}
