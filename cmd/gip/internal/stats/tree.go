package stats

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// levels are the words of a selection, outermost first.
var levels = [3]string{"group", "subgroup", "suite"}

// node is a group of statistics (subs set) or a leaf that prints one
// part of a device's statistics.
type node struct {
	name string
	subs []*node

	// A leaf: its place in ip's printing order, what it asks the kernel
	// for and how it prints what came back.
	order int
	pack  func(f *rtnl.StatsFilter)
	show  func(f *format.Fields, s *rtnl.IfStats, g *env.Global)
}

func (n *node) leaf() bool { return n.subs == nil }

func (n *node) sub(name string) *node {
	for _, s := range n.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// xstatsGroup is xstats or xstats_slave: a kind's statistics of the
// device, or of the port as its master's kind sees it.
func xstatsGroup(name string, g rtnl.StatsGroup, bondOrder, mcastOrder, stpOrder int) *node {
	pack := func(f *rtnl.StatsFilter) { f.Enable(g, 0) }
	pick := func(s *rtnl.IfStats) *rtnl.XStats {
		if g == rtnl.StatsXStats {
			return s.XStats
		}
		return s.XStatsSlave
	}
	bridge := func(s *rtnl.IfStats) *rtnl.BridgeXStats {
		if x := pick(s); x != nil {
			return x.Bridge
		}
		return nil
	}
	return &node{name: name, subs: []*node{
		{name: "bridge", subs: []*node{
			{name: "stp", order: stpOrder, pack: pack, show: func(f *format.Fields, s *rtnl.IfStats, _ *env.Global) {
				if br := bridge(s); br != nil && br.STP != nil {
					f.Line()
					bridgeSTP(f, br.STP)
				}
			}},
			{name: "mcast", order: mcastOrder, pack: pack, show: func(f *format.Fields, s *rtnl.IfStats, _ *env.Global) {
				if br := bridge(s); br != nil && br.Mcast != nil {
					f.Line()
					bridgeMcast(f, br.Mcast)
				}
			}},
		}},
		{name: "bond", subs: []*node{
			{name: "802.3ad", order: bondOrder, pack: pack, show: func(f *format.Fields, s *rtnl.IfStats, _ *env.Global) {
				if x := pick(s); x != nil && x.Bond != nil && x.Bond.LACP != nil {
					f.Line()
					bond3AD(f, x.Bond.LACP)
				}
			}},
		}},
	}}
}

// tree is ip's tree of statistics. The orders are ip's printing order
// of the leaves, which is not the tree's.
var tree = &node{name: "top-level", subs: []*node{
	{name: "link", order: 1, pack: func(f *rtnl.StatsFilter) { f.Enable(rtnl.StatsLink64, 0) }, show: showLink},
	xstatsGroup("xstats", rtnl.StatsXStats, 6, 9, 10),
	xstatsGroup("xstats_slave", rtnl.StatsXStatsSlave, 5, 7, 8),
	{name: "offload", subs: []*node{
		{name: "cpu_hit", order: 4, pack: offload(rtnl.OffloadCPUHit), show: showCPUHit},
		{name: "hw_stats_info", order: 3, pack: offload(rtnl.OffloadHWSInfo), show: showHWSInfo},
		{name: "l3_stats", order: 2, pack: offload(rtnl.OffloadL3Stats, rtnl.OffloadHWSInfo), show: showL3Stats},
	}},
	{name: "afstats", subs: []*node{
		{name: "mpls", order: 0, pack: func(f *rtnl.StatsFilter) { f.Enable(rtnl.StatsAFSpec, 0) }, show: showMPLS},
	}},
}}

func offload(subs ...uint16) func(f *rtnl.StatsFilter) {
	return func(f *rtnl.StatsFilter) {
		for _, s := range subs {
			f.Enable(rtnl.StatsOffload, s)
		}
	}
}

// enabled is one leaf a selection names, with the path that names it.
type enabled struct {
	n    *node
	path []string
}

// selection is ip's reading of "group G subgroup S suite T ...": the
// path being given, and the leaves of the paths already complete.
type selection struct {
	path   [len(levels)]string
	leaves []enabled
}

// choose reads "LEVEL NAME": the levels above must be chosen already; a
// choice at a level already chosen completes the path so far first.
func (s *selection) choose(level int, name string) error {
	for i := range level {
		if s.path[i] == "" {
			return invalid("Error: %s %s requested without selecting a %s first", levels[level], name, levels[i])
		}
	}
	for i := level; i < len(levels); i++ {
		if s.path[i] != "" {
			if err := s.complete(); err != nil {
				return err
			}
			break
		}
	}
	s.path[level] = name
	for i := level + 1; i < len(levels); i++ {
		s.path[i] = ""
	}
	return nil
}

// complete enables every leaf under the path given.
func (s *selection) complete() error {
	n := tree
	var path []string
	for i, name := range s.path {
		if name == "" {
			break
		}
		if n.leaf() {
			return invalid("Error: %s %s requested inside leaf %s %s", levels[i], name, levels[i-1], n.name)
		}
		next := n.sub(name)
		if next == nil {
			return invalid("Error: no %s named %s found inside %s", levels[i], name, n.name)
		}
		n, path = next, append(path, name)
	}
	s.enable(n, path)
	return nil
}

func (s *selection) enable(n *node, path []string) {
	if n.leaf() {
		for _, e := range s.leaves {
			if e.n == n {
				return
			}
		}
		s.leaves = append(s.leaves, enabled{n: n, path: path})
		return
	}
	for _, sub := range n.subs {
		s.enable(sub, append(path[:len(path):len(path)], sub.name))
	}
}

// invalid is a selection ip refuses: its message, exit status EINVAL.
func invalid(format string, a ...any) error {
	return &fail.Error{Code: int(unix.EINVAL), Msg: fmt.Sprintf(format, a...)}
}
