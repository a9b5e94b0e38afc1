package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the cake qdisc (TCA_CAKE_* in pkt_sched.h).
const (
	tcaCakeBaseRate64   = 2
	tcaCakeDiffservMode = 3
	tcaCakeATM          = 4
	tcaCakeFlowMode     = 5
	tcaCakeOverhead     = 6
	tcaCakeRTT          = 7
	tcaCakeTarget       = 8
	tcaCakeAutorate     = 9
	tcaCakeMemory       = 10
	tcaCakeNAT          = 11
	tcaCakeRaw          = 12
	tcaCakeWash         = 13
	tcaCakeMPU          = 14
	tcaCakeIngress      = 15
	tcaCakeAckFilter    = 16
	tcaCakeSplitGSO     = 17
	tcaCakeFwmark       = 18
)

// Cake's modes (CAKE_DIFFSERV_*, CAKE_FLOW_*, CAKE_ATM_*, CAKE_ACK_*).
const (
	CakeDiffserv3   = 0
	CakeDiffserv4   = 1
	CakeDiffserv8   = 2
	CakeBestEffort  = 3
	CakePrecedence  = 4
	CakeDiffservMax = 5

	CakeFlowNone    = 0
	CakeFlowSrcIP   = 1
	CakeFlowDstIP   = 2
	CakeFlowHosts   = 3
	CakeFlowFlows   = 4
	CakeFlowDualSrc = 5
	CakeFlowDualDst = 6
	CakeFlowTriple  = 7
	CakeFlowMax     = 8

	CakeATMNone = 0
	CakeATMATM  = 1
	CakeATMPTM  = 2

	CakeAckNone       = 0
	CakeAckFilter     = 1
	CakeAckAggressive = 2
)

// Cake is the options of the cake qdisc: every attribute optional, each a
// 32-bit value but the base rate. The kernel reports them all.
type Cake struct {
	BaseRate  Opt[uint64] // bytes/s; 0 is unlimited
	Diffserv  Opt[uint32]
	ATM       Opt[uint32]
	FlowMode  Opt[uint32]
	Overhead  Opt[int32]
	MPU       Opt[uint32]
	RTT       Opt[uint32] // µs
	Target    Opt[uint32] // µs
	Autorate  Opt[uint32]
	Memory    Opt[uint32] // bytes
	Fwmark    Opt[uint32]
	NAT       Opt[uint32]
	Wash      Opt[uint32]
	SplitGSO  Opt[uint32]
	Ingress   Opt[uint32]
	AckFilter Opt[uint32]
	// Raw is TCA_CAKE_RAW, whose presence is its meaning: the kernel
	// reports it as a flag, tc sends it with a zero u32 (RawValue).
	Raw      bool
	RawValue bool
}

// Encode implements TCOptions, in tc's order.
func (c *Cake) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := c.BaseRate.Get(); ok {
		e.Uint64(tcaCakeBaseRate64, v)
	}
	u32 := func(typ uint16, o Opt[uint32]) {
		if v, ok := o.Get(); ok {
			e.Uint32(typ, v)
		}
	}
	u32(tcaCakeDiffservMode, c.Diffserv)
	u32(tcaCakeATM, c.ATM)
	u32(tcaCakeFlowMode, c.FlowMode)
	if v, ok := c.Overhead.Get(); ok {
		e.Int32(tcaCakeOverhead, v)
	}
	if c.Raw {
		if c.RawValue {
			e.Uint32(tcaCakeRaw, 0)
		} else {
			e.Flag(tcaCakeRaw)
		}
	}
	u32(tcaCakeMPU, c.MPU)
	u32(tcaCakeRTT, c.RTT)
	u32(tcaCakeTarget, c.Target)
	u32(tcaCakeAutorate, c.Autorate)
	u32(tcaCakeMemory, c.Memory)
	u32(tcaCakeFwmark, c.Fwmark)
	u32(tcaCakeNAT, c.NAT)
	u32(tcaCakeWash, c.Wash)
	u32(tcaCakeSplitGSO, c.SplitGSO)
	u32(tcaCakeIngress, c.Ingress)
	u32(tcaCakeAckFilter, c.AckFilter)
	e.Unnest()
}

// Decode implements TCOptions. As tc, it takes a value from the first
// bytes of an attribute at least as long as the value, and ignores
// shorter ones.
func (c *Cake) Decode(b []byte) error {
	*c = Cake{}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		v := d.Bytes()
		var dst *Opt[uint32]
		switch d.Type() {
		case tcaCakeBaseRate64:
			if len(v) >= 8 {
				c.BaseRate = Some(ne.Uint64(v))
			}
		case tcaCakeOverhead:
			if len(v) >= 4 {
				c.Overhead = Some(int32(ne.Uint32(v)))
			}
		case tcaCakeRaw:
			c.Raw, c.RawValue = true, len(v) > 0
		case tcaCakeDiffservMode:
			dst = &c.Diffserv
		case tcaCakeATM:
			dst = &c.ATM
		case tcaCakeFlowMode:
			dst = &c.FlowMode
		case tcaCakeMPU:
			dst = &c.MPU
		case tcaCakeRTT:
			dst = &c.RTT
		case tcaCakeTarget:
			dst = &c.Target
		case tcaCakeAutorate:
			dst = &c.Autorate
		case tcaCakeMemory:
			dst = &c.Memory
		case tcaCakeFwmark:
			dst = &c.Fwmark
		case tcaCakeNAT:
			dst = &c.NAT
		case tcaCakeWash:
			dst = &c.Wash
		case tcaCakeSplitGSO:
			dst = &c.SplitGSO
		case tcaCakeIngress:
			dst = &c.Ingress
		case tcaCakeAckFilter:
			dst = &c.AckFilter
		}
		if dst != nil && len(v) >= 4 {
			*dst = Some(ne.Uint32(v))
		}
	}
	return d.Err()
}

// Cake's statistics (TCA_CAKE_STATS_*), nested in TCA_STATS_APP.
const (
	CakeStatsCapacityEstimate64 = 2
	CakeStatsMemoryLimit        = 3
	CakeStatsMemoryUsed         = 4
	CakeStatsAvgNetoff          = 5
	CakeStatsMinNetlen          = 6
	CakeStatsMaxNetlen          = 7
	CakeStatsMinAdjlen          = 8
	CakeStatsMaxAdjlen          = 9
	CakeStatsTinStats           = 10
	CakeStatsDeficit            = 11
	CakeStatsCobaltCount        = 12
	CakeStatsDropping           = 13
	CakeStatsDropNextUS         = 14
	CakeStatsPDrop              = 15
	CakeStatsBlueTimerUS        = 16
	CakeStatsMax                = 16
)

// Statistics of one of cake's tins (TCA_CAKE_TIN_STATS_*).
const (
	CakeTinSentPackets       = 2
	CakeTinSentBytes64       = 3
	CakeTinDroppedPackets    = 4
	CakeTinDroppedBytes64    = 5
	CakeTinAcksDroppedPkts   = 6
	CakeTinAcksDroppedBytes  = 7
	CakeTinECNMarkedPackets  = 8
	CakeTinECNMarkedBytes64  = 9
	CakeTinBacklogPackets    = 10
	CakeTinBacklogBytes      = 11
	CakeTinThresholdRate64   = 12
	CakeTinTargetUS          = 13
	CakeTinIntervalUS        = 14
	CakeTinWayIndirectHits   = 15
	CakeTinWayMisses         = 16
	CakeTinWayCollisions     = 17
	CakeTinPeakDelayUS       = 18
	CakeTinAvgDelayUS        = 19
	CakeTinBaseDelayUS       = 20
	CakeTinSparseFlows       = 21
	CakeTinBulkFlows         = 22
	CakeTinUnresponsiveFlows = 23
	CakeTinMaxSkblen         = 24
	CakeTinFlowQuantum       = 25
	CakeTinMax               = 25
	CakeMaxTins              = 8
)

// CakeStats is cake's statistics of the qdisc or of one of its flows:
// the raw value of each attribute present, by type, and each tin's.
type CakeStats struct {
	Attrs [CakeStatsMax + 1][]byte
	Tins  [][CakeTinMax + 1][]byte
}

// DecodeCakeStats reads the payload of TCA_STATS_APP of cake. Tins are
// read as tc reads them: those numbered from 1 without a gap.
func DecodeCakeStats(b []byte) CakeStats {
	var s CakeStats
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if t := d.Type(); t <= CakeStatsMax {
			s.Attrs[t] = d.Bytes()
		}
	}
	tins := s.Attrs[CakeStatsTinStats]
	if tins == nil {
		return s
	}
	var byNum [CakeMaxTins + 1][]byte
	var seen [CakeMaxTins + 1]bool
	td := nl.NewAttrDecoder(tins)
	for td.Next() {
		if t := td.Type(); t <= CakeMaxTins {
			byNum[t], seen[t] = td.Bytes(), true
		}
	}
	for i := 1; i <= CakeMaxTins && seen[i]; i++ {
		var tin [CakeTinMax + 1][]byte
		ad := nl.NewAttrDecoder(byNum[i])
		for ad.Next() {
			if t := ad.Type(); t <= CakeTinMax {
				tin[t] = ad.Bytes()
			}
		}
		s.Tins = append(s.Tins, tin)
	}
	return s
}

// AttrU32 is a statistic's value as tc reads it: the first four bytes
// (zero when shorter).
func AttrU32(b []byte) uint32 {
	if len(b) < 4 {
		return 0
	}
	return ne.Uint32(b)
}

// AttrU64 is the first eight bytes of b (zero when shorter).
func AttrU64(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return ne.Uint64(b)
}
