// Command gip-atomic measures gip -atomic -batch against ip -batch in the
// same run, each in a fresh network namespace: a batch of route additions
// into an empty table (the target the issue sets: at most 0.5x ip's time,
// under 30 MB), and, for information, the same batch made to fail at its
// last line, so that every addition is rolled back and verified. It needs
// root, builds gip from this tree unless -gip names a binary, and deletes
// its namespaces (gipbench-atomic-PID-N) when it ends, fails or is
// interrupted.
//
//	go run ./bench/gip-atomic -n 100000 -rounds 3
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gip-suite/gip/bench/internal/harness"
)

type config struct {
	gip       string
	n, rounds int
	check     bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 100000, "route additions per batch")
	flag.IntVar(&cfg.rounds, "rounds", 3, "rounds; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if cfg.n < 1 || cfg.n > 1<<24 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-atomic: -n must be 1..16777216 and -rounds at least 1")
		os.Exit(2)
	}
	harness.Main("gip-atomic", "ip", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// run is one way of applying a batch file: the command, the exit status
// it must end with and the routes that must stand after it.
type run struct {
	cmd    []string
	file   string
	code   int
	routes int
	times  []time.Duration
	rss    int64 // the peak over all rounds, kilobytes
}

func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	adds := filepath.Join(b.Dir, "add.batch")
	if err := writeBatch(adds, cfg.n, ""); err != nil {
		return nil, err
	}
	// The same additions, then one the kernel refuses (a duplicate).
	failing := filepath.Join(b.Dir, "fail.batch")
	if err := writeBatch(failing, cfg.n, fmt.Sprintf("route add %s dev lo\n", prefix(0))); err != nil {
		return nil, err
	}
	fmt.Printf("%d route adds, %d rounds\n\n", cfg.n, cfg.rounds)
	ip := &run{cmd: []string{"ip"}, file: adds, routes: cfg.n}
	atomic := &run{cmd: []string{b.Gip, "-atomic"}, file: adds, routes: cfg.n}
	rolledBack := &run{cmd: []string{b.Gip, "-atomic"}, file: failing, code: 1}
	for range cfg.rounds {
		for _, r := range []*run{ip, atomic, rolledBack} {
			if err := r.once(b); err != nil {
				return nil, err
			}
		}
	}
	return []harness.Row{
		{Name: "-atomic -batch: route adds", Ref: harness.Median(ip.times), Gip: harness.Median(atomic.times), Limit: 0.5, GipMaxRSS: atomic.rss, RSSLimit: 30 * 1024},
		{Name: "  the same, failing at the last line", Ref: harness.Median(ip.times), Gip: harness.Median(rolledBack.times), GipMaxRSS: rolledBack.rss},
	}, nil
}

// once applies r's batch in a fresh namespace and checks what it left.
func (r *run) once(b *harness.Bench) error {
	ns, err := b.NewNS("link set lo up")
	if err != nil {
		return err
	}
	defer b.DeleteNS(ns)
	args := append(append([]string{}, r.cmd...), "-n", ns, "-batch", r.file)
	d, rss, err := b.TimedExit(r.code, args...)
	if err != nil {
		return err
	}
	left, err := countRoutes(ns)
	if err != nil {
		return err
	}
	if left != r.routes {
		return fmt.Errorf("%v: %d routes in main after the batch, want %d", r.cmd, left, r.routes)
	}
	r.times, r.rss = append(r.times, d), max(r.rss, rss)
	return nil
}

func prefix(i int) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), 32)
}

// writeBatch writes n route additions on lo, then tail.
func writeBatch(path string, n int, tail string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, "route add %s dev lo\n", prefix(i))
	}
	w.WriteString(tail)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// countRoutes counts the routes of the main table.
func countRoutes(ns string) (int, error) {
	out, err := exec.Command("ip", "-n", ns, "-4", "route", "show", "table", "main").Output()
	if err != nil {
		return 0, err
	}
	lines := 0
	for _, c := range out {
		if c == '\n' {
			lines++
		}
	}
	return lines, nil
}
