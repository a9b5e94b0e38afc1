// Command gip-tc measures gip tc beside tc, each in the same run, and
// prints medians and ratios:
//
//   - -batch: n u32 filters in 256 hash buckets (a divisor-256 table, a
//     hashing filter, then one filter per address), tc -batch beside
//     gip tc -batch, each run in a fresh namespace (target <= 0.5x), and
//     gip tc -force -batch (informational: it pipelines, as nothing has
//     to stop at a failure);
//   - listings of those filters: filter show, -s and -j (targets <= 1.0x),
//     with gip's peak memory.
//
// It needs root, changes only the namespaces it creates (gipbench-tc-PID-N)
// and deletes them when it ends, fails or is interrupted.
//
//	go run ./bench/gip-tc -n 10000 -rounds 5
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

type config struct {
	gip    string
	n      int
	rounds int
	check  bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 10000, "filters per batch")
	flag.IntVar(&cfg.rounds, "rounds", 5, "runs per tool and measurement; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if cfg.n < 1 || cfg.n > 256*4000 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-tc: -n must be 1..1024000 and -rounds at least 1")
		os.Exit(2)
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "gip-tc: needs root to create network namespaces")
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, cfg)
	stop()
	os.Exit(code)
}

// bench holds the scratch directory, the gip binary and every namespace
// created, so that each exit path deletes them.
type bench struct {
	ctx    context.Context
	dir    string
	gip    string
	spaces []string
}

func run(ctx context.Context, cfg config) int {
	dir, err := os.MkdirTemp("", "gip-bench-tc")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gip-tc:", err)
		return 1
	}
	b := &bench{ctx: ctx, dir: dir, gip: cfg.gip}
	defer b.close()
	rows, err := b.measure(cfg)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(os.Stderr, "gip-tc: interrupted")
		return 130
	case err != nil:
		fmt.Fprintln(os.Stderr, "gip-tc:", err)
		return 1
	}
	if report(rows) && cfg.check {
		return 1
	}
	return 0
}

func (b *bench) close() {
	for _, ns := range slices.Backward(b.spaces) {
		exec.Command("ip", "netns", "del", ns).Run()
	}
	os.RemoveAll(b.dir)
}

// row is one line of the report.
type row struct {
	name      string
	ref, gip  time.Duration
	limit     float64 // highest acceptable ratio; 0: informational
	gipMaxRSS int64   // kilobytes, 0 if not measured
}

func report(rows []row) (missed bool) {
	fmt.Printf("%-34s %12s %12s %8s %10s   %s\n", "benchmark", "tc median", "gip median", "gip/tc", "gip RSS", "target")
	for _, r := range rows {
		ratio := r.gip.Seconds() / r.ref.Seconds()
		verdict := "informational"
		if r.limit > 0 {
			verdict = fmt.Sprintf("<= %.2fx met", r.limit)
			if ratio > r.limit {
				verdict, missed = fmt.Sprintf("<= %.2fx MISSED", r.limit), true
			}
		}
		rss := "-"
		if r.gipMaxRSS > 0 {
			rss = fmt.Sprintf("%.1f MB", float64(r.gipMaxRSS)/1024)
		}
		fmt.Printf("%-34s %12s %12s %7.2fx %10s   %s\n", r.name, r.ref.Round(time.Microsecond), r.gip.Round(time.Microsecond), ratio, rss, verdict)
	}
	return missed
}

// measure builds gip, writes the batch file and times everything.
func (b *bench) measure(cfg config) ([]row, error) {
	if b.gip == "" {
		b.gip = filepath.Join(b.dir, "gip")
		cmd := exec.CommandContext(b.ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", b.gip, "./cmd/gip")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("building gip: %v: %s", err, out)
		}
	}
	file := filepath.Join(b.dir, "filters")
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
			{[]string{b.gip, "tc"}, &gipT},
			{[]string{b.gip, "tc", "-force"}, &forceT},
		} {
			ns, err := b.newNS()
			if err != nil {
				return nil, err
			}
			args := append(append([]string{}, tool.args...), "-n", ns, "-batch", file)
			d, _, err := b.timed(args...)
			if err != nil {
				return nil, err
			}
			if err := b.expectFilters(ns, cfg.n); err != nil {
				return nil, fmt.Errorf("%s: %w", strings.Join(tool.args, " "), err)
			}
			*tool.out = append(*tool.out, d)
			if round == cfg.rounds-1 && tool.out == &tcT {
				loaded = ns
				continue
			}
			b.deleteNS(ns)
		}
	}
	rows := []row{
		{name: fmt.Sprintf("-batch: %d u32 filters", cfg.n), ref: median(tcT), gip: median(gipT), limit: 0.5},
		{name: "-force -batch (pipelined)", ref: median(tcT), gip: median(forceT)},
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
			d, _, err := b.timed(append([]string{"tc", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			ref = append(ref, d)
			d, r, err := b.timed(append([]string{b.gip, "tc", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			got, rss = append(got, d), max(rss, r)
		}
		rows = append(rows, row{name: show.name, ref: median(ref), gip: median(got), limit: 1.0, gipMaxRSS: rss})
	}
	return rows, nil
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

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// timed runs a command with its output discarded and returns its wall
// time and peak memory (kilobytes).
func (b *bench) timed(args ...string) (time.Duration, int64, error) {
	cmd := exec.CommandContext(b.ctx, args[0], args[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss, nil
}

// expectFilters checks that a batch left n filters (and the hash tables).
func (b *bench) expectFilters(ns string, n int) error {
	out, err := exec.CommandContext(b.ctx, "tc", "-n", ns, "filter", "show", "dev", "v0").Output()
	if err != nil {
		return err
	}
	if got := strings.Count(string(out), "flowid 1:1"); got != n {
		return fmt.Errorf("%d filters after the batch, want %d", got, n)
	}
	return nil
}

// newNS makes a namespace with a veth pair v0/v1.
func (b *bench) newNS() (string, error) {
	ns := fmt.Sprintf("gipbench-tc-%d-%d", os.Getpid(), len(b.spaces))
	b.spaces = append(b.spaces, ns)
	if out, err := exec.CommandContext(b.ctx, "ip", "netns", "add", ns).CombinedOutput(); err != nil {
		return "", fmt.Errorf("ip netns add %s: %v: %s", ns, err, out)
	}
	if out, err := exec.CommandContext(b.ctx, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1").CombinedOutput(); err != nil {
		return "", fmt.Errorf("veth in %s: %v: %s", ns, err, out)
	}
	return ns, nil
}

func (b *bench) deleteNS(ns string) {
	if err := exec.Command("ip", "netns", "del", ns).Run(); err == nil {
		b.spaces = slices.DeleteFunc(b.spaces, func(s string) bool { return s == ns })
	}
}
