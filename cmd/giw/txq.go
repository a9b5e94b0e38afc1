package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

// txqJSON is the JSON view of "giw -j phy X get txq": the limits and
// counters the kernel reports (none for a driver without TXQs).
type txqJSON struct {
	Phy         string        `json:"phy"`
	Limit       *uint32       `json:"limit_packets,omitempty"`
	MemoryLimit *uint32       `json:"memory_limit_bytes,omitempty"`
	Quantum     *uint32       `json:"quantum_bytes,omitempty"`
	Stats       *txqStatsJSON `json:"stats,omitempty"`
}

type txqStatsJSON struct {
	Queues         *uint32 `json:"queues,omitempty"`
	BacklogPackets *uint32 `json:"backlog_packets,omitempty"`
	BacklogBytes   *uint32 `json:"backlog_bytes,omitempty"`
	Overlimit      *uint32 `json:"overlimit,omitempty"`
	Overmemory     *uint32 `json:"overmemory,omitempty"`
	Collisions     *uint32 `json:"collisions,omitempty"`
}

// runPhyGetTxq prints the phy's queue limits and statistics as iw does,
// ignoring what follows "get txq" as iw does.
func runPhyGetTxq(e *env, tg target, _ []string) error {
	q := tg.phy.TXQ
	if e.opts.json {
		v := txqJSON{Phy: tg.phy.Name, Limit: q.Limit, MemoryLimit: q.MemoryLimit, Quantum: q.Quantum}
		if s := q.Stats; s != nil {
			v.Stats = &txqStatsJSON{Queues: s.MaxFlows, BacklogPackets: s.BacklogPackets, BacklogBytes: s.BacklogBytes,
				Overlimit: s.Overlimit, Overmemory: s.Overmemory, Collisions: s.Collisions}
		}
		return printJSON(e, v)
	}
	t := &tw{w: e.stdout}
	printTXQ(t, q)
	return t.err
}

func printTXQ(t *tw, q nl80211.TXQInfo) {
	line := func(format string, v *uint32) {
		if v != nil {
			t.f(format, *v)
		}
	}
	line("Packet limit:\t\t%d pkts\n", q.Limit)
	line("Memory limit:\t\t%d bytes\n", q.MemoryLimit)
	line("Quantum:\t\t%d bytes\n", q.Quantum)
	if s := q.Stats; s != nil {
		line("Number of queues:\t%d\n", s.MaxFlows)
		line("Backlog:\t\t%d pkts\n", s.BacklogPackets)
		line("Memory usage:\t\t%d bytes\n", s.BacklogBytes)
		line("Packet limit overflows:\t%d\n", s.Overlimit)
		line("Memory limit overflows:\t%d\n", s.Overmemory)
		line("Hash collisions:\t%d\n", s.Collisions)
	}
}
