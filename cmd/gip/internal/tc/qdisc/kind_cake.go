package qdisc

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const cakeUsage = `Usage: ... cake [ bandwidth RATE | unlimited* | autorate-ingress ]
                [ rtt TIME | datacentre | lan | metro | regional |
                  internet* | oceanic | satellite | interplanetary ]
                [ besteffort | diffserv8 | diffserv4 | diffserv3* ]
                [ flowblind | srchost | dsthost | hosts | flows |
                  dual-srchost | dual-dsthost | triple-isolate* ]
                [ nat | nonat* ]
                [ wash | nowash* ]
                [ split-gso* | no-split-gso ]
                [ ack-filter | ack-filter-aggressive | no-ack-filter* ]
                [ memlimit LIMIT ]
                [ fwmark MASK ]
                [ ptm | atm | noatm* ] [ overhead N | conservative | raw* ]
                [ mpu N ] [ ingress | egress* ]
                (* marks defaults)`

// cakeKind is cake, Common Applications Kept Enhanced. tc knows no class
// options of it; the kernel lists its flows as classes, whose statistics
// are printed by the qdisc's xstats printer.
func cakeKind() *Kind {
	k := &Kind{Name: "cake", Usage: cakeUsage, XStats: printCakeXStats}
	k.New, k.Parse, k.Print = typed(parseCake, printCake)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return cakeOptionWords(o.(*rtnl.Cake)) }
	return k
}

// cakePreset is one of the named round-trip times: target and interval
// in µs.
type cakePreset struct {
	name             string
	target, interval uint32
}

var cakePresets = []cakePreset{
	{"datacentre", 5, 100},
	{"lan", 50, 1000},
	{"metro", 500, 10000},
	{"regional", 1500, 30000},
	{"internet", 5000, 100000},
	{"oceanic", 15000, 300000},
	{"satellite", 50000, 1000000},
	{"interplanetary", 50000000, 1000000000},
}

var cakeDiffservNames = [rtnl.CakeDiffservMax]string{"diffserv3", "diffserv4", "diffserv8", "besteffort", "precedence"}

var cakeFlowNames = [rtnl.CakeFlowMax]string{"flowblind", "srchost", "dsthost", "hosts", "flows", "dual-srchost", "dual-dsthost", "triple-isolate"}

// cakeWords are the words that set one value, and what they set.
var cakeWords = map[string]func(o *rtnl.Cake){
	"autorate-ingress": func(o *rtnl.Cake) { o.Autorate = rtnl.Some[uint32](1) },
	"besteffort":       func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakeBestEffort) },
	"precedence":       func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakePrecedence) },
	"diffserv8":        func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakeDiffserv8) },
	"diffserv4":        func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakeDiffserv4) },
	"diffserv":         func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakeDiffserv4) },
	"diffserv3":        func(o *rtnl.Cake) { o.Diffserv = rtnl.Some[uint32](rtnl.CakeDiffserv3) },
	"nowash":           func(o *rtnl.Cake) { o.Wash = rtnl.Some[uint32](0) },
	"wash":             func(o *rtnl.Cake) { o.Wash = rtnl.Some[uint32](1) },
	"split-gso":        func(o *rtnl.Cake) { o.SplitGSO = rtnl.Some[uint32](1) },
	"no-split-gso":     func(o *rtnl.Cake) { o.SplitGSO = rtnl.Some[uint32](0) },
	"flowblind":        func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowNone) },
	"srchost":          func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowSrcIP) },
	"dsthost":          func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowDstIP) },
	"hosts":            func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowHosts) },
	"flows":            func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowFlows) },
	"dual-srchost":     func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowDualSrc) },
	"dual-dsthost":     func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowDualDst) },
	"triple-isolate":   func(o *rtnl.Cake) { o.FlowMode = rtnl.Some[uint32](rtnl.CakeFlowTriple) },
	"nat":              func(o *rtnl.Cake) { o.NAT = rtnl.Some[uint32](1) },
	"nonat":            func(o *rtnl.Cake) { o.NAT = rtnl.Some[uint32](0) },
	"ptm":              func(o *rtnl.Cake) { o.ATM = rtnl.Some[uint32](rtnl.CakeATMPTM) },
	"atm":              func(o *rtnl.Cake) { o.ATM = rtnl.Some[uint32](rtnl.CakeATMATM) },
	"noatm":            func(o *rtnl.Cake) { o.ATM = rtnl.Some[uint32](rtnl.CakeATMNone) },
	"ingress":          func(o *rtnl.Cake) { o.Ingress = rtnl.Some[uint32](1) },
	"egress":           func(o *rtnl.Cake) { o.Ingress = rtnl.Some[uint32](0) },
	"no-ack-filter":    func(o *rtnl.Cake) { o.AckFilter = rtnl.Some[uint32](rtnl.CakeAckNone) },
	"ack-filter":       func(o *rtnl.Cake) { o.AckFilter = rtnl.Some[uint32](rtnl.CakeAckFilter) },
	"ack-filter-aggressive": func(o *rtnl.Cake) {
		o.AckFilter = rtnl.Some[uint32](rtnl.CakeAckAggressive)
	},
}

// cakeFraming are the link framings: the ATM mode they set (-1: none)
// and the overhead they add.
var cakeFraming = map[string]struct {
	atm      int
	overhead int32
}{
	"ipoa-vcmux": {rtnl.CakeATMATM, 8}, "ipoa-llcsnap": {rtnl.CakeATMATM, 16},
	"bridged-vcmux": {rtnl.CakeATMATM, 24}, "bridged-llcsnap": {rtnl.CakeATMATM, 32},
	"pppoa-vcmux": {rtnl.CakeATMATM, 10}, "pppoa-llc": {rtnl.CakeATMATM, 14},
	"pppoe-vcmux": {rtnl.CakeATMATM, 32}, "pppoe-llcsnap": {rtnl.CakeATMATM, 40},
	"pppoe-ptm": {rtnl.CakeATMPTM, 30}, "bridged-ptm": {rtnl.CakeATMPTM, 22},
	"ether-vlan": {-1, 4},
}

func parseCake(p *Parser, o *rtnl.Cake) error {
	*o = rtnl.Cake{}
	var (
		bandwidth        uint64
		unlimited        bool
		interval, target uint32
		preset           *cakePreset
		overhead         int32
		overheadSet      bool
		mpu              int64
		memlimit         uint32
	)
	for p.More() {
		w := p.Next()
		if set, ok := cakeWords[w]; ok {
			set(o)
			continue
		}
		if f, ok := cakeFraming[w]; ok {
			if f.atm >= 0 {
				o.ATM = rtnl.Some(uint32(f.atm))
			}
			overhead += f.overhead
			overheadSet = true
			continue
		}
		if i := cakePresetIndex(w); i >= 0 {
			if preset != nil {
				return fail.Duplicate(w, preset.name)
			}
			preset = &cakePresets[i]
			target, interval = preset.target, preset.interval
			continue
		}
		switch w {
		case "bandwidth":
			v, err := p.Value()
			if err != nil {
				return err
			}
			r, err := grammar.ParseRate(v)
			if err != nil {
				return p.Fail(false, `Illegal "bandwidth"`)
			}
			bandwidth, unlimited = r, false
			o.Autorate = rtnl.Some[uint32](0)
		case "unlimited":
			bandwidth, unlimited = 0, true
			o.Autorate = rtnl.Some[uint32](0)
		case "rtt":
			v, err := p.Value()
			if err != nil {
				return err
			}
			t, err := grammar.ParseTime(v)
			if err != nil || t > 1<<32-1 {
				return p.Fail(false, `Illegal "rtt"`)
			}
			interval, target = uint32(t), max(uint32(t)/20, 1)
		case "raw":
			o.ATM = rtnl.Some[uint32](rtnl.CakeATMNone)
			overhead, overheadSet = 0, true
			o.Raw, o.RawValue = true, true
		case "conservative":
			o.ATM = rtnl.Some[uint32](rtnl.CakeATMATM)
			overhead, overheadSet = 48, true
		case "via-ethernet":
			// Ignored by tc since cake compensates by itself.
		case "ethernet":
			overhead += 38
			overheadSet, mpu = true, 84
		case "docsis":
			o.ATM = rtnl.Some[uint32](rtnl.CakeATMNone)
			overhead += 18
			overheadSet, mpu = true, 64
		case "overhead":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := cStrtol(v)
			if !ok || n < -64 || n > 256 {
				// tc's message ends in a backslash and an n, not a line break.
				return &fail.Error{Code: fail.ExitLocal, Msg: `Illegal "overhead", valid range is -64 to 256\n`, Bare: true}
			}
			overhead, overheadSet = int32(n), true
		case "mpu":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := cStrtol(v)
			if !ok || n < 0 || n > 256 {
				return &fail.Error{Code: fail.ExitLocal, Msg: `Illegal "mpu", valid range is 0 to 256\n`, Bare: true}
			}
			mpu = n
		case "memlimit":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, err := grammar.ParseSize32(v)
			if err != nil {
				return p.Fail(false, `Illegal value for "memlimit": "`+v+`"`)
			}
			memlimit = n
		case "fwmark":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := cStrtoul(v, 0, 1<<32-1)
			if !ok {
				return p.Fail(false, `Illegal value for "fwmark": "`+v+`"`)
			}
			o.Fwmark = rtnl.Some(uint32(n))
		case "help":
			return p.Fail(true)
		default:
			return p.WhatIs(w)
		}
	}
	if bandwidth != 0 || unlimited {
		o.BaseRate = rtnl.Some(bandwidth)
	}
	if overheadSet {
		o.Overhead = rtnl.Some(overhead)
	}
	if mpu > 0 {
		o.MPU = rtnl.Some(uint32(mpu))
	}
	if interval != 0 {
		o.RTT = rtnl.Some(interval)
	}
	if target != 0 {
		o.Target = rtnl.Some(target)
	}
	if memlimit != 0 {
		o.Memory = rtnl.Some(memlimit)
	}
	if f, ok := o.Fwmark.Get(); ok && f == 0 {
		o.Fwmark = rtnl.Opt[uint32]{}
	}
	return nil
}

func cakePresetIndex(w string) int {
	for i := range cakePresets {
		if cakePresets[i].name == w {
			return i
		}
	}
	return -1
}

// cakeMode prints one of cake's modes by name, or tc's "(?key?)" for a
// value it has no name for.
func cakeMode(f *format.Fields, key string, v uint32, names []string) {
	if v < uint32(len(names)) {
		f.String(key, "%s ", names[v])
		return
	}
	f.String(key, "", "unknown")
	f.Literal("(?" + key + "?)")
}

func printCake(f *format.Fields, o *rtnl.Cake, v *View) {
	if bw, ok := o.BaseRate.Get(); ok {
		if bw != 0 {
			f.Uint("bandwidth", "", bw)
			f.Literal("bandwidth " + v.Rate(bw) + " ")
		} else {
			f.String("bandwidth", "bandwidth %s ", "unlimited")
		}
	}
	if a, ok := o.Autorate.Get(); ok {
		switch {
		case a == 1:
			f.String("autorate", "%s ", "autorate-ingress")
		case a != 0:
			f.String("autorate", "(?autorate?) ", "unknown")
		}
	}
	if d, ok := o.Diffserv.Get(); ok {
		cakeMode(f, "diffserv", d, cakeDiffservNames[:])
	}
	if m, ok := o.FlowMode.Get(); ok {
		cakeMode(f, "flowmode", m, cakeFlowNames[:])
	}
	onOff := func(key, on, off string, v uint32) {
		if v != 0 {
			f.Literal(on)
		} else {
			f.Literal(off)
		}
		f.Bool(key, "", v != 0)
	}
	onOff("nat", "nat ", "nonat ", o.NAT.V)
	onOff("wash", "wash ", "nowash ", o.Wash.V)
	onOff("ingress", "ingress ", "", o.Ingress.V)
	switch o.AckFilter.V {
	case rtnl.CakeAckAggressive:
		f.String("ack-filter", "ack-filter-%s ", "aggressive")
	case rtnl.CakeAckFilter:
		f.String("ack-filter", "ack-filter ", "enabled")
	default:
		f.String("ack-filter", "no-ack-filter ", "disabled")
	}
	onOff("split_gso", "split-gso ", "no-split-gso ", o.SplitGSO.V)
	if o.RTT.V != 0 {
		f.Literal("rtt " + sched.TimeText(uint64(o.RTT.V)) + " ")
	}
	f.Uint("rtt", "", uint64(o.RTT.V))
	f.Bool("raw", "raw ", o.Raw)
	switch {
	case o.ATM.V == rtnl.CakeATMATM:
		f.String("atm", "%s ", "atm")
	case o.ATM.V == rtnl.CakeATMPTM:
		f.String("atm", "%s ", "ptm")
	case !o.Raw:
		f.String("atm", "%s ", "noatm")
	}
	f.Int("overhead", "overhead %d ", int64(o.Overhead.V))
	if o.MPU.V != 0 {
		f.Uint("mpu", "mpu %u ", uint64(o.MPU.V))
	}
	if o.Memory.V != 0 {
		f.Uint("memlimit", "", uint64(o.Memory.V))
		f.Literal("memlimit " + sched.SizeText(uint64(o.Memory.V)) + " ")
	}
	if o.Fwmark.V != 0 {
		f.Literal("fwmark 0x" + strconv.FormatUint(uint64(o.Fwmark.V), 16) + " ")
	}
	f.String("fwmark", "", cHex(uint64(o.Fwmark.V)))
}

// cakeTinRows are the rows of the tins' table under -s: the label, the
// statistic, and how its value reads (rate, time, size or number).
var cakeTinRows = []struct {
	label string
	attr  int
	kind  byte // 't' time, 's' size, 'u' u32, 'U' u64
}{
	{"  target  ", rtnl.CakeTinTargetUS, 't'},
	{"  interval", rtnl.CakeTinIntervalUS, 't'},
	{"  pk_delay", rtnl.CakeTinPeakDelayUS, 't'},
	{"  av_delay", rtnl.CakeTinAvgDelayUS, 't'},
	{"  sp_delay", rtnl.CakeTinBaseDelayUS, 't'},
	{"  backlog ", rtnl.CakeTinBacklogBytes, 's'},
	{"  pkts    ", rtnl.CakeTinSentPackets, 'u'},
	{"  bytes   ", rtnl.CakeTinSentBytes64, 'U'},
	{"  way_inds", rtnl.CakeTinWayIndirectHits, 'u'},
	{"  way_miss", rtnl.CakeTinWayMisses, 'u'},
	{"  way_cols", rtnl.CakeTinWayCollisions, 'u'},
	{"  drops   ", rtnl.CakeTinDroppedPackets, 'u'},
	{"  marks   ", rtnl.CakeTinECNMarkedPackets, 'u'},
	{"  ack_drop", rtnl.CakeTinAcksDroppedPkts, 'u'},
	{"  sp_flows", rtnl.CakeTinSparseFlows, 'u'},
	{"  bk_flows", rtnl.CakeTinBulkFlows, 'u'},
	{"  un_flows", rtnl.CakeTinUnresponsiveFlows, 'u'},
	{"  max_len ", rtnl.CakeTinMaxSkblen, 'u'},
	{"  quantum ", rtnl.CakeTinFlowQuantum, 'u'},
}

// cakeTinJSON are the tins' statistics under -j, in tc's order; tc prints
// every one as a 64-bit number.
var cakeTinJSON = []struct {
	key  string
	attr int
	u64  bool
}{
	{"threshold_rate", rtnl.CakeTinThresholdRate64, true},
	{"sent_bytes", rtnl.CakeTinSentBytes64, true},
	{"backlog_bytes", rtnl.CakeTinBacklogBytes, false},
	{"target_us", rtnl.CakeTinTargetUS, false},
	{"interval_us", rtnl.CakeTinIntervalUS, false},
	{"peak_delay_us", rtnl.CakeTinPeakDelayUS, false},
	{"avg_delay_us", rtnl.CakeTinAvgDelayUS, false},
	{"base_delay_us", rtnl.CakeTinBaseDelayUS, false},
	{"sent_packets", rtnl.CakeTinSentPackets, false},
	{"way_indirect_hits", rtnl.CakeTinWayIndirectHits, false},
	{"way_misses", rtnl.CakeTinWayMisses, false},
	{"way_collisions", rtnl.CakeTinWayCollisions, false},
	{"drops", rtnl.CakeTinDroppedPackets, false},
	{"ecn_mark", rtnl.CakeTinECNMarkedPackets, false},
	{"ack_drops", rtnl.CakeTinAcksDroppedPkts, false},
	{"sparse_flows", rtnl.CakeTinSparseFlows, false},
	{"bulk_flows", rtnl.CakeTinBulkFlows, false},
	{"unresponsive_flows", rtnl.CakeTinUnresponsiveFlows, false},
	{"max_pkt_len", rtnl.CakeTinMaxSkblen, false},
	{"flow_quantum", rtnl.CakeTinFlowQuantum, false},
}

// printCakeXStats prints cake's statistics, of the qdisc (memory, sizes,
// tins) or of a flow listed as a class (deficit, count, dropping, blue).
func printCakeXStats(f *format.Fields, b []byte, v *View) {
	s := rtnl.DecodeCakeStats(b)
	st := &s.Attrs
	u32 := func(a int) uint32 { return rtnl.AttrU32(st[a]) }
	if st[rtnl.CakeStatsMemoryUsed] != nil && st[rtnl.CakeStatsMemoryLimit] != nil {
		f.Literal(" memory used: " + sched.SizeText(uint64(u32(rtnl.CakeStatsMemoryUsed))))
		f.Literal(" of " + sched.SizeText(uint64(u32(rtnl.CakeStatsMemoryLimit))) + "\n")
		f.Uint("memory_used", "", uint64(u32(rtnl.CakeStatsMemoryUsed)))
		f.Uint("memory_limit", "", uint64(u32(rtnl.CakeStatsMemoryLimit)))
	}
	if c := st[rtnl.CakeStatsCapacityEstimate64]; c != nil {
		f.Uint("capacity_estimate", "", rtnl.AttrU64(c))
		f.Literal(" capacity estimate: " + v.Rate(rtnl.AttrU64(c)) + "\n")
	}
	if st[rtnl.CakeStatsMinNetlen] != nil && st[rtnl.CakeStatsMaxNetlen] != nil {
		f.Uint("min_network_size", " min/max network layer size: %12u", uint64(u32(rtnl.CakeStatsMinNetlen)))
		f.Uint("max_network_size", " /%8u\n", uint64(u32(rtnl.CakeStatsMaxNetlen)))
	}
	if st[rtnl.CakeStatsMinAdjlen] != nil && st[rtnl.CakeStatsMaxAdjlen] != nil {
		f.Uint("min_adj_size", " min/max overhead-adjusted size: %8u", uint64(u32(rtnl.CakeStatsMinAdjlen)))
		f.Uint("max_adj_size", " /%8u\n", uint64(u32(rtnl.CakeStatsMaxAdjlen)))
	}
	if st[rtnl.CakeStatsAvgNetoff] != nil {
		f.Uint("avg_hdr_offset", " average network hdr offset: %12u\n\n", uint64(u32(rtnl.CakeStatsAvgNetoff)))
	}
	if st[rtnl.CakeStatsDeficit] != nil {
		f.Int("deficit", "  deficit %d", int64(int32(u32(rtnl.CakeStatsDeficit))))
	}
	if st[rtnl.CakeStatsCobaltCount] != nil {
		f.Uint("count", " count %u", uint64(u32(rtnl.CakeStatsCobaltCount)))
	}
	if st[rtnl.CakeStatsDropping] != nil && u32(rtnl.CakeStatsDropping) != 0 {
		f.Bool("dropping", " dropping", true)
		if st[rtnl.CakeStatsDropNextUS] != nil {
			if next := int32(u32(rtnl.CakeStatsDropNextUS)); next < 0 {
				f.Literal(" drop_next -" + sched.TimeText(uint64(uint32(-next))))
			} else {
				f.Uint("drop_next", "", uint64(next))
				f.Literal(" drop_next " + sched.TimeText(uint64(next)))
			}
		}
	}
	if st[rtnl.CakeStatsPDrop] != nil {
		f.Uint("blue_prob", " blue_prob %u", uint64(u32(rtnl.CakeStatsPDrop)))
		if st[rtnl.CakeStatsBlueTimerUS] != nil {
			if t := int32(u32(rtnl.CakeStatsBlueTimerUS)); t < 0 {
				// tc 6.1 prints the negative time as an unsigned one.
				f.Literal(" blue_timer -" + sched.TimeText(uint64(uint32(t))))
			} else {
				f.Uint("blue_timer", "", uint64(t))
				f.Literal(" blue_timer " + sched.TimeText(uint64(t)))
			}
		}
	}
	if len(s.Tins) == 0 {
		return
	}
	if f.JSON() {
		f.OpenArray("tins")
		for _, tin := range s.Tins {
			f.OpenElement()
			for _, k := range cakeTinJSON {
				if a := tin[k.attr]; a != nil {
					n := uint64(rtnl.AttrU32(a))
					if k.u64 {
						n = rtnl.AttrU64(a)
					}
					f.Uint(k.key, "", n)
				}
			}
			f.Close()
		}
		f.CloseArray()
		return
	}
	switch len(s.Tins) {
	case 3:
		f.Literal("                   Bulk  Best Effort        Voice\n")
	case 4:
		f.Literal("                   Bulk  Best Effort        Video        Voice\n")
	default:
		f.Literal("          ")
		for i := range s.Tins {
			f.Literal(fmt.Sprintf("        Tin %d", i))
		}
		f.Line()
	}
	if s.Tins[0][rtnl.CakeTinThresholdRate64] != nil {
		f.Literal("  thresh  ")
		for _, tin := range s.Tins {
			f.Literal(fmt.Sprintf(" %12s", v.Rate(rtnl.AttrU64(tin[rtnl.CakeTinThresholdRate64]))))
		}
		f.Line()
	}
	for _, r := range cakeTinRows {
		if s.Tins[0][r.attr] == nil {
			continue
		}
		f.Literal(r.label)
		for _, tin := range s.Tins {
			a := tin[r.attr]
			switch r.kind {
			case 't':
				f.Literal(fmt.Sprintf(" %12s", sched.TimeText(uint64(rtnl.AttrU32(a)))))
			case 's':
				f.Literal(fmt.Sprintf(" %12s", sched.SizeText(uint64(rtnl.AttrU32(a)))))
			case 'u':
				f.Literal(fmt.Sprintf(" %12d", rtnl.AttrU32(a)))
			default:
				f.Literal(fmt.Sprintf(" %12d", rtnl.AttrU64(a)))
			}
		}
		f.Line()
	}
}

// cakeOptionWords are a cake's words, a group for each value set (the
// kernel reports them all): the bandwidth with autorate-ingress, the
// round-trip time (its target a twentieth of it, as rtt and the presets
// set it), the modes by name, the overhead or raw before the
// ATM mode (raw sets it), the mpu, memory limit and fwmark when not 0
// (tc has no words for 0: they are the kernel's defaults).
func cakeOptionWords(o *rtnl.Cake) (Words, error) {
	var w Words
	if bw, ok := o.BaseRate.Get(); ok {
		g := []string{"unlimited"}
		if bw != 0 {
			r, err := ExactRate("cake bandwidth", bw)
			if err != nil {
				return nil, err
			}
			g = []string{"bandwidth", r}
		}
		w = append(w, g)
	}
	// After the bandwidth, which turns it off.
	switch a := o.Autorate.V; {
	case a == 1:
		w = append(w, []string{"autorate-ingress"})
	case a != 0:
		return nil, ErrInexact{"cake autorate mode"}
	}
	if rtt, ok := o.RTT.Get(); ok {
		if t, ok := o.Target.Get(); ok && t != max(rtt/20, 1) {
			return nil, ErrInexact{"cake target " + strconv.FormatUint(uint64(t), 10) + "us with rtt"}
		}
		w = append(w, []string{"rtt", TimeWord(uint64(rtt))})
	}
	named := func(what string, v rtnl.Opt[uint32], names []string) error {
		if x, ok := v.Get(); ok {
			if x >= uint32(len(names)) {
				return ErrInexact{"cake " + what + " " + strconv.FormatUint(uint64(x), 10)}
			}
			w = append(w, []string{names[x]})
		}
		return nil
	}
	for _, m := range []struct {
		what  string
		v     rtnl.Opt[uint32]
		names []string
	}{
		{"diffserv mode", o.Diffserv, cakeDiffservNames[:]},
		{"flow mode", o.FlowMode, cakeFlowNames[:]},
		{"nat", o.NAT, []string{"nonat", "nat"}},
		{"wash", o.Wash, []string{"nowash", "wash"}},
		{"ingress", o.Ingress, []string{"egress", "ingress"}},
		{"ack filter", o.AckFilter, []string{"no-ack-filter", "ack-filter", "ack-filter-aggressive"}},
		{"split-gso", o.SplitGSO, []string{"no-split-gso", "split-gso"}},
	} {
		if err := named(m.what, m.v, m.names); err != nil {
			return nil, err
		}
	}
	switch oh, ok := o.Overhead.Get(); {
	case o.Raw && ok && oh != 0:
		return nil, ErrInexact{"cake overhead with raw"}
	case o.Raw:
		w = append(w, []string{"raw"})
	case ok && (oh < -64 || oh > 256):
		return nil, ErrInexact{"cake overhead " + strconv.Itoa(int(oh))}
	case ok:
		w = append(w, []string{"overhead", strconv.Itoa(int(oh))})
	}
	if err := named("atm mode", o.ATM, []string{"noatm", "atm", "ptm"}); err != nil {
		return nil, err
	}
	if m := o.MPU.V; m > 256 {
		return nil, ErrInexact{"cake mpu " + u32Word(m)}
	} else if m != 0 {
		w = append(w, []string{"mpu", u32Word(m)})
	}
	if m := o.Memory.V; m != 0 {
		w = append(w, []string{"memlimit", SizeWord(uint64(m))})
	}
	if f := o.Fwmark.V; f != 0 {
		w = append(w, []string{"fwmark", cHex(uint64(f))})
	}
	return w, nil
}
