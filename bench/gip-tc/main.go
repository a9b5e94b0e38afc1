// Command gip-tc measures gip tc beside tc, each in the same run, and
// prints medians and ratios:
//
//   - -batch: n u32 filters in 256 hash buckets (a divisor-256 table, a
//     hashing filter, then one filter per address), tc -batch beside
//     gip tc -batch, each run in a fresh namespace (target <= 0.5x), and
//     gip tc -force -batch (informational: it pipelines, as nothing has
//     to stop at a failure);
//   - listings of those filters: filter show, -s and -j (targets <= 1.0x),
//     with gip's peak memory;
//   - with -stream N (1000000 in make bench's run): gip tc -batch of an
//     N-line file that replaces 4096 filters in turn (the kernel's state
//     stays that size, so the lines measure gip alone), once whole and once
//     its first tenth: gip's peak memory must stay under 30 MB and grow by
//     at most 4 MB from the tenth to the whole, as a batch streams its
//     lines (tc -batch is not run: it keeps memory per line, 400 MB at
//     100k lines here).
//
// It needs root, changes only the namespaces it creates (gipbench-tc-PID-N)
// and deletes them when it ends, fails or is interrupted.
//
//	go run ./bench/gip-tc -n 10000 -rounds 5
//	go run ./bench/gip-tc -n 10000 -rounds 5 -stream 1000000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gip-suite/gip/bench/internal/harness"
)

type config struct {
	gip    string
	n      int
	rounds int
	check  bool
	stream int
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 10000, "filters per batch")
	flag.IntVar(&cfg.rounds, "rounds", 5, "runs per tool and measurement; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.IntVar(&cfg.stream, "stream", 0, "lines of the streaming batch (0: not run)")
	flag.Parse()
	if cfg.n < 1 || cfg.n > 256*4000 || cfg.rounds < 1 || cfg.stream < 0 || cfg.stream > 0 && cfg.stream < 10*(streamFilters+3) {
		fmt.Fprintln(os.Stderr, "gip-tc: -n must be 1..1024000, -rounds at least 1, -stream 0 or at least 40990")
		os.Exit(2)
	}
	harness.Main("gip-tc", "tc", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// measure writes the batch file and times everything.
func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	file := filepath.Join(b.Dir, "filters")
	if err := os.WriteFile(file, []byte(batchFile(cfg.n)), 0o644); err != nil {
		return nil, err
	}
	fmt.Printf("%d u32 filters in 256 buckets, %d rounds\n\n", cfg.n, cfg.rounds)
	var tcT, gipT, forceT []time.Duration
	var loaded string
	for round := range cfg.rounds {
		for _, tool := range []struct {
			args []string
			out  *[]time.Duration
		}{
			{[]string{"tc"}, &tcT},
			{[]string{b.Gip, "tc"}, &gipT},
			{[]string{b.Gip, "tc", "-force"}, &forceT},
		} {
			ns, err := b.NewNS("link add v0 type veth peer name v1")
			if err != nil {
				return nil, err
			}
			args := append(append([]string{}, tool.args...), "-n", ns, "-batch", file)
			d, _, err := b.Timed(args...)
			if err != nil {
				return nil, err
			}
			if err := expectFilters(b, ns, cfg.n); err != nil {
				return nil, fmt.Errorf("%s: %w", strings.Join(tool.args, " "), err)
			}
			*tool.out = append(*tool.out, d)
			if round == cfg.rounds-1 && tool.out == &tcT {
				loaded = ns
				continue
			}
			b.DeleteNS(ns)
		}
	}
	rows := []harness.Row{
		{Name: fmt.Sprintf("-batch: %d u32 filters", cfg.n), Ref: harness.Median(tcT), Gip: harness.Median(gipT), Limit: 0.5},
		{Name: "-force -batch (pipelined)", Ref: harness.Median(tcT), Gip: harness.Median(forceT)},
	}
	for _, show := range []struct {
		name string
		args []string
	}{
		{"filter show", []string{"filter", "show", "dev", "v0"}},
		{"-s filter show", []string{"-s", "filter", "show", "dev", "v0"}},
		{"-j filter show", []string{"-j", "filter", "show", "dev", "v0"}},
	} {
		var ref, got []time.Duration
		var rss int64
		for range cfg.rounds {
			d, _, err := b.Timed(append([]string{"tc", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			ref = append(ref, d)
			d, r, err := b.Timed(append([]string{b.Gip, "tc", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			got, rss = append(got, d), max(rss, r)
		}
		rows = append(rows, harness.Row{Name: show.name, Ref: harness.Median(ref), Gip: harness.Median(got), Limit: 1.0, GipMaxRSS: rss})
	}
	if cfg.stream > 0 {
		stream, err := measureStream(b, cfg.stream)
		if err != nil {
			return nil, err
		}
		rows = append(rows, stream...)
	}
	return rows, nil
}

// streamFilters is how many filters the streaming batch replaces in turn.
const streamFilters = 4096

// measureStream runs gip tc -batch of the first tenth of an n-line
// replacing batch, then of all of it, each in a fresh namespace, and
// checks the filters left.
func measureStream(b *harness.Bench, n int) ([]harness.Row, error) {
	var rows []harness.Row
	var tenth int64
	for _, lines := range []int{n / 10, n} {
		file := filepath.Join(b.Dir, "stream")
		if err := writeStreamFile(file, lines); err != nil {
			return nil, err
		}
		ns, err := b.NewNS("link add v0 type veth peer name v1")
		if err != nil {
			return nil, err
		}
		d, rss, err := b.Timed(b.Gip, "tc", "-n", ns, "-batch", file)
		if err != nil {
			return nil, err
		}
		if err := expectFilters(b, ns, streamFilters); err != nil {
			return nil, fmt.Errorf("streaming batch of %d lines: %w", lines, err)
		}
		b.DeleteNS(ns)
		os.Remove(file)
		row := harness.Row{Name: fmt.Sprintf("-batch of %d lines (streamed)", lines), Gip: d, Budget: streamBudget(lines), GipMaxRSS: rss, RSSLimit: 30 * 1024}
		if lines == n {
			row.RSSLimit = min(row.RSSLimit, tenth+4*1024)
		}
		tenth = rss
		rows = append(rows, row)
	}
	return rows, nil
}

// streamBudget is a generous wall time for a streaming batch: 200 µs a
// line (it takes about 50 µs here).
func streamBudget(lines int) time.Duration { return time.Duration(lines) * 200 * time.Microsecond }

// writeStreamFile writes the streaming batch: the hash table and hashing
// filter of batchFile, then lines replacing streamFilters filters (16 in
// each of the 256 buckets) in turn, each with another address.
func writeStreamFile(path string, lines int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	head := strings.SplitAfterN(batchFile(0), "\n", 4)
	for _, l := range head[:3] {
		w.WriteString(l)
	}
	for i := range lines - 3 {
		bucket, node := i%256, 0x800+(i>>8)%(streamFilters/256)
		fmt.Fprintf(w, "filter replace dev v0 parent 1: protocol ip prio 10 handle 2:%x:%x u32 ht 2:%x: match ip dst 10.%d.%d.%d/32 flowid 1:1\n",
			bucket, node, bucket, i>>16&0xff, i>>8&0xff, bucket)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// batchFile is the tc batch: a hash table of 256 buckets, the filter that
// hashes on the destination's last byte, and n filters in the buckets.
func batchFile(n int) string {
	var s strings.Builder
	s.WriteString("qdisc add dev v0 root handle 1: htb\n")
	s.WriteString("filter add dev v0 parent 1: prio 10 handle 2: protocol ip u32 divisor 256\n")
	s.WriteString("filter add dev v0 parent 1: protocol ip prio 10 u32 ht 800:: match ip dst 10.0.0.0/8 hashkey mask 0x000000ff at 16 link 2:\n")
	for i := range n {
		fmt.Fprintf(&s, "filter add dev v0 parent 1: protocol ip prio 10 u32 ht 2:%x: match ip dst 10.%d.%d.%d/32 flowid 1:1\n",
			i%256, i>>16&0xff, i>>8&0xff, i&0xff)
	}
	return s.String()
}

// expectFilters checks that a batch left n filters (and the hash tables).
func expectFilters(b *harness.Bench, ns string, n int) error {
	out, err := exec.CommandContext(b.Ctx, "tc", "-n", ns, "filter", "show", "dev", "v0").Output()
	if err != nil {
		return err
	}
	if got := strings.Count(string(out), "flowid 1:1"); got != n {
		return fmt.Errorf("%d filters after the batch, want %d", got, n)
	}
	return nil
}
