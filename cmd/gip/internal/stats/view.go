package stats

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view prints one selected leaf of one device's statistics as ip's
// ipstats_process_ifsm does: the device and the path of the leaf, then
// what the leaf shows. In a dump, a blank line follows a device's last
// leaf.
type view struct {
	s    *rtnl.IfStats
	name string
	leaf enabled
	g    *env.Global
	last bool
}

func (v *view) Fields(f *format.Fields) {
	f.Int("ifindex", "%d:", int64(v.s.Index))
	f.StringColor(format.ColorIfname, "ifname", " %s:", v.name)
	for i, name := range v.leaf.path {
		f.String(levels[i], " "+levels[i]+" %s", name)
	}
	v.leaf.n.show(f, v.s, v.g)
	f.Line()
	if v.last {
		f.Line()
	}
}

func showLink(f *format.Fields, s *rtnl.IfStats, g *env.Global) { stats64(f, s.Link64, g) }

func showCPUHit(f *format.Fields, s *rtnl.IfStats, g *env.Global) {
	var c *rtnl.LinkStats
	if s.Offload != nil {
		c = s.Offload.CPUHit
	}
	stats64(f, c, g)
}

// stats64 is a line break, then the link block when there are counters
// (the block begins each of its rows with the break).
func stats64(f *format.Fields, s *rtnl.LinkStats, g *env.Global) {
	if s == nil {
		f.Line()
		return
	}
	link.Stats64(f, s, g)
}

// hwsInfo is the info of a device's hardware statistics suites, nil when
// the kernel sent none.
func hwsInfo(s *rtnl.IfStats) *rtnl.HWStatsInfo {
	if s.Offload == nil {
		return nil
	}
	return s.Offload.HWSInfo
}

func showHWSInfo(f *format.Fields, s *rtnl.IfStats, _ *env.Global) {
	info := hwsInfo(s)
	if info == nil {
		return
	}
	f.Line()
	f.Open("info")
	if info.L3 != nil {
		f.Literal("    l3_stats")
		f.Open("l3_stats")
		suiteState(f, info.L3)
		f.Close()
	}
	f.Close()
}

func showL3Stats(f *format.Fields, s *rtnl.IfStats, g *env.Global) {
	info := hwsInfo(s)
	if info == nil {
		return
	}
	f.Open("info")
	if info.L3 != nil {
		suiteState(f, info.L3)
	}
	f.Close()
	if st := s.Offload.L3Stats; st != nil {
		f.Line()
		f.Open("stats64")
		hwStats(f, st, g)
		f.Close()
	}
}

// suiteState prints whether a suite was asked for and is in use: " on
// used off" in text, booleans in JSON.
func suiteState(f *format.Fields, st *rtnl.HWSuiteState) {
	onOff(f, "request", " %s", st.Request)
	onOff(f, "used", " used %s", st.Used)
}

func onOff(f *format.Fields, key, textFmt string, v *uint8) {
	if v == nil {
		return
	}
	if f.JSON() {
		f.Bool(key, "", *v != 0)
		return
	}
	s := "off"
	if *v != 0 {
		s = "on"
	}
	f.String(key, textFmt, s)
}

func showMPLS(f *format.Fields, s *rtnl.IfStats, g *env.Global) {
	if s.AFSpec == nil || s.AFSpec.MPLS == nil || s.AFSpec.MPLS.Link == nil {
		return
	}
	f.Line()
	f.Open("mpls_stats")
	mplsStats(f, s.AFSpec.MPLS.Link, g)
	f.Close()
}

// pad is the indent of the lines of a kind's statistics (ip's "%-16s    "
// of an empty name).
const pad = "                    "

func bridgeSTP(f *format.Fields, s *rtnl.BridgeSTPStats) {
	f.Open("stp")
	f.Literal(pad + "STP BPDU:  ")
	f.Uint("rx_bpdu", "RX: %u ", s.RxBPDU)
	f.Uint("tx_bpdu", "TX: %u\n", s.TxBPDU)
	f.Literal(pad + "STP TCN:   ")
	f.Uint("rx_tcn", "RX: %u ", s.RxTCN)
	f.Uint("tx_tcn", "TX: %u\n", s.TxTCN)
	f.Literal(pad + "STP Transitions: ")
	f.Uint("transition_blk", "Blocked: %u ", s.TransitionBlk)
	f.Uint("transition_fwd", "Forwarding: %u\n", s.TransitionFwd)
	f.Close()
}

// versions prints one direction's counters by protocol version: "RX: v1
// 0 v2 0 v3 0" in text, rx_v1... in JSON.
func versions(f *format.Fields, dir string, vals ...uint64) {
	f.Literal(pad + "  " + strings.ToUpper(dir) + ": ")
	for i, v := range vals {
		end := " "
		if i == len(vals)-1 {
			end = "\n"
		}
		f.Uint(fmt.Sprintf("%s_v%d", dir, i+1), fmt.Sprintf("v%d %%u%s", i+1, end), v)
	}
}

func bridgeMcast(f *format.Fields, m *rtnl.BridgeMcastStats) {
	const rx, tx = 0, 1
	f.Open("multicast")
	queries := func(key, title string, c ...[2]uint64) {
		f.Open(key)
		f.Literal(pad + title + ":\n")
		for _, d := range []int{rx, tx} {
			vals := make([]uint64, len(c))
			for i := range c {
				vals[i] = c[i][d]
			}
			versions(f, []string{"rx", "tx"}[d], vals...)
		}
		f.Close()
	}
	leaves := func(key, title string, c [2]uint64) {
		f.Open(key)
		f.Literal(pad + title + ": ")
		f.Uint("rx", "RX: %u ", c[rx])
		f.Uint("tx", "TX: %u\n", c[tx])
		f.Close()
	}
	queries("igmp_queries", "IGMP queries", m.IGMPv1Queries, m.IGMPv2Queries, m.IGMPv3Queries)
	queries("igmp_reports", "IGMP reports", m.IGMPv1Reports, m.IGMPv2Reports, m.IGMPv3Reports)
	leaves("igmp_leaves", "IGMP leaves", m.IGMPLeaves)
	f.Literal(pad + "IGMP parse errors: ")
	f.Uint("igmp_parse_errors", "%u\n", m.IGMPParseErrors)
	queries("mld_queries", "MLD queries", m.MLDv1Queries, m.MLDv2Queries)
	queries("mld_reports", "MLD reports", m.MLDv1Reports, m.MLDv2Reports)
	leaves("mld_leaves", "MLD leaves", m.MLDLeaves)
	f.Literal(pad + "MLD parse errors: ")
	f.Uint("mld_parse_errors", "%u\n", m.MLDParseErrors)
	f.Close()
}

// bond3ADNames are the 802.3ad counters as ip prints them, by index.
var bond3ADNames = [rtnl.Bond3ADMax + 1]struct{ key, text string }{
	{"lacpdu_rx", "LACPDU Rx"}, {"lacpdu_tx", "LACPDU Tx"},
	{"lacpdu_unknown_rx", "LACPDU Unknown type Rx"}, {"lacpdu_illegal_rx", "LACPDU Illegal Rx"},
	{"marker_rx", "Marker Rx"}, {"marker_tx", "Marker Tx"},
	{"marker_response_rx", "Marker response Rx"}, {"marker_response_tx", "Marker response Tx"},
	{"marker_unknown_rx", "Marker unknown type Rx"},
}

func bond3AD(f *format.Fields, c map[rtnl.Bond3AD]uint64) {
	f.Open("802.3ad")
	for i, n := range bond3ADNames {
		if v, ok := c[rtnl.Bond3AD(i)]; ok {
			f.Literal(pad)
			f.Uint(n.key, n.text+" %u\n", v)
		}
	}
	f.Close()
}
