package qdisc

import (
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// PrintStats prints the generic statistics of a qdisc or class as tc's
// -s does, each line starting with prefix; it ends without a line break.
func PrintStats(f *format.Fields, s *rtnl.TCStats, prefix string, v *View) {
	if s.Legacy {
		printLegacyStats(f, s, prefix, v)
		return
	}
	if s.HasBasic {
		f.Literal(prefix)
		f.Uint("bytes", "Sent %u bytes", s.Bytes)
		f.Uint("packets", " %u pkt", s.Packets)
	}
	if s.HasQueue {
		f.Uint("drops", " (dropped %u", uint64(s.Drops))
		f.Uint("overlimits", ", overlimits %u", uint64(s.Overlimits))
		f.Uint("requeues", " requeues %u) ", uint64(s.Requeues))
	}
	if s.HasHW && (s.HWBytes != 0 || s.HWPackets != 0) {
		if s.HasBasic && s.Bytes >= s.HWBytes && s.Packets >= s.HWPackets {
			f.Line()
			f.Literal(prefix)
			f.Uint("sw_bytes", "Sent software %u bytes", s.Bytes-s.HWBytes)
			f.Uint("sw_packets", " %u pkt", s.Packets-s.HWPackets)
		}
		f.Line()
		f.Literal(prefix)
		f.Uint("hw_bytes", "Sent hardware %u bytes", s.HWBytes)
		f.Uint("hw_packets", " %u pkt", s.HWPackets)
	}
	if s.HasRate64 || s.HasRate32 {
		f.Literal("\n" + prefix)
		f.Uint("rate", "", s.RateBps)
		f.Literal("rate " + v.Rate(s.RateBps))
		f.Uint("pps", " %upps", s.RatePps)
	}
	if s.HasQueue {
		if !s.HasRate32 {
			f.Line()
		}
		f.Literal(prefix)
		f.Uint("backlog", "", uint64(s.Backlog))
		f.Literal("backlog " + sched.SizeText(uint64(s.Backlog)))
		f.Uint("qlen", " %up", uint64(s.Qlen))
		f.Literal(" requeues " + utoa(uint64(s.Requeues)))
	}
}

// printLegacyStats prints struct tc_stats the way tc does for kernels that
// send nothing newer.
func printLegacyStats(f *format.Fields, s *rtnl.TCStats, prefix string, v *View) {
	f.Literal(prefix + "Sent " + utoa(s.Bytes) + " bytes " + utoa(s.Packets) + " pkts (dropped " +
		utoa(uint64(s.Drops)) + ", overlimits " + utoa(uint64(s.Overlimits)) + ") ")
	if s.RateBps == 0 && s.RatePps == 0 && s.Qlen == 0 && s.Backlog == 0 {
		return
	}
	f.Literal("\n" + prefix)
	if s.RateBps != 0 || s.RatePps != 0 {
		f.Literal("rate ")
		if s.RateBps != 0 {
			f.Literal(v.Rate(s.RateBps) + " ")
		}
		if s.RatePps != 0 {
			f.Literal(utoa(s.RatePps) + "pps ")
		}
	}
	if s.Qlen != 0 || s.Backlog != 0 {
		f.Literal("backlog ")
		if s.Backlog != 0 {
			f.Literal(sched.SizeText(uint64(s.Backlog)) + " ")
		}
		if s.Qlen != 0 {
			f.Literal(utoa(uint64(s.Qlen)) + "p ")
		}
	}
}
