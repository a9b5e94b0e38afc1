// Command gip-state measures gip state beside ip, each in the same run,
// and prints medians and ratios:
//
//   - apply: a state file of n routes (on lo, lo up) applied to an empty
//     namespace, beside ip -batch of the same routes (and link set lo
//     up), each run in a fresh namespace, the count checked after it
//     (target <= 1.0x);
//   - plan on a namespace holding -plan routes: of a small file, and of
//     the file naming all of them (nothing to change), beside ip -j
//     route show of the same table (informational: the target is
//     an absolute one, under 1 s, printed beside it).
//
// It needs root, changes only the namespaces it creates
// (gipbench-state-PID-N) and deletes them when it ends, fails or is
// interrupted.
//
//	go run ./bench/gip-state -n 10000 -plan 100000 -rounds 5
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
	plan   int
	rounds int
	check  bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 10000, "routes the applied file holds")
	flag.IntVar(&cfg.plan, "plan", 100000, "routes of the namespace plans run against")
	flag.IntVar(&cfg.rounds, "rounds", 5, "runs per tool and measurement; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if cfg.n < 1 || cfg.plan < 1 || cfg.n > 1<<24 || cfg.plan > 1<<24 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-state: -n and -plan must be 1..16777216 and -rounds at least 1")
		os.Exit(2)
	}
	harness.Main("gip-state", "ip", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// route is the i-th route of the files: a /32 of 10.0.0.0/8 on lo.
func route(i int) string { return fmt.Sprintf("10.%d.%d.%d/32", i>>16&255, i>>8&255, i&255) }

// writeFiles writes the state file and the batch of n routes.
func writeFiles(dir string, n int) (state, batch string, err error) {
	state, batch = filepath.Join(dir, fmt.Sprintf("state-%d.yaml", n)), filepath.Join(dir, fmt.Sprintf("batch-%d", n))
	for _, f := range []struct {
		path       string
		head, line string
	}{
		{state, "links:\n  - name: lo\n    up: true\nroutes:\n", "  - dst: %s\n    dev: lo\n"},
		{batch, "link set lo up\n", "route add %s dev lo\n"},
	} {
		out, err := os.Create(f.path)
		if err != nil {
			return "", "", err
		}
		w := bufio.NewWriter(out)
		w.WriteString(f.head)
		for i := range n {
			fmt.Fprintf(w, f.line, route(i))
		}
		if err := w.Flush(); err != nil {
			out.Close()
			return "", "", err
		}
		if err := out.Close(); err != nil {
			return "", "", err
		}
	}
	return state, batch, nil
}

// countRoutes counts the routes of the main table.
func countRoutes(ns string) (int, error) {
	out, err := exec.Command("ip", "-n", ns, "-4", "route", "show", "table", "main").Output()
	if err != nil {
		return 0, err
	}
	return strings.Count(string(out), "\n"), nil
}

func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	state, batch, err := writeFiles(b.Dir, cfg.n)
	if err != nil {
		return nil, err
	}
	fmt.Printf("apply of %d routes, plan on %d routes, %d rounds\n\n", cfg.n, cfg.plan, cfg.rounds)
	var ipT, gipT []time.Duration
	var rss int64
	for range cfg.rounds {
		for _, c := range []struct {
			out  *[]time.Duration
			args []string
		}{
			{&ipT, []string{"ip", "-batch", batch}},
			{&gipT, []string{b.Gip, "state", "apply", state}},
		} {
			ns, err := b.NewNS()
			if err != nil {
				return nil, err
			}
			d, r, err := b.Timed(append([]string{c.args[0], "-n", ns}, c.args[1:]...)...)
			if err != nil {
				return nil, err
			}
			if got, err := countRoutes(ns); err != nil || got != cfg.n {
				return nil, fmt.Errorf("%s: %d routes in main after it (%v), want %d", c.args[0], got, err, cfg.n)
			}
			*c.out = append(*c.out, d)
			if c.args[0] == b.Gip {
				rss = max(rss, r)
			}
			b.DeleteNS(ns)
		}
	}
	rows := []harness.Row{{Name: fmt.Sprintf("state apply, %dk routes (ip: -batch)", cfg.n/1000), Ref: harness.Median(ipT), Gip: harness.Median(gipT), Limit: 1.0, GipMaxRSS: rss}}

	// Plans against a namespace holding cfg.plan routes.
	bigState, bigBatch, err := writeFiles(b.Dir, cfg.plan)
	if err != nil {
		return nil, err
	}
	small := filepath.Join(b.Dir, "small.yaml")
	if err := os.WriteFile(small, []byte("routes:\n  - dst: 192.0.2.0/24\n    dev: lo\n"), 0o644); err != nil {
		return nil, err
	}
	ns, err := b.NewNS()
	if err != nil {
		return nil, err
	}
	if _, _, err := b.Timed("ip", "-n", ns, "-batch", bigBatch); err != nil {
		return nil, err
	}
	var showT, smallT, fullT []time.Duration
	var planRSS int64
	for range cfg.rounds {
		for _, c := range []struct {
			out  *[]time.Duration
			args []string
		}{
			{&showT, []string{"ip", "-n", ns, "-j", "route", "show", "table", "all"}},
			{&smallT, []string{b.Gip, "-n", ns, "state", "plan", small}},
			{&fullT, []string{b.Gip, "-n", ns, "state", "plan", bigState}},
		} {
			d, r, err := b.Timed(c.args...)
			if err != nil {
				return nil, err
			}
			*c.out = append(*c.out, d)
			if c.args[0] == b.Gip {
				planRSS = max(planRSS, r)
			}
		}
	}
	k := cfg.plan / 1000
	rows = append(rows,
		harness.Row{Name: fmt.Sprintf("state plan, 1 route, ns of %dk (ip: -j route show)", k), Ref: harness.Median(showT), Gip: harness.Median(smallT), GipMaxRSS: planRSS},
		harness.Row{Name: fmt.Sprintf("state plan, file of all %dk (ip: -j route show)", k), Ref: harness.Median(showT), Gip: harness.Median(fullT), GipMaxRSS: planRSS})
	missed := false
	for _, r := range rows[1:] {
		verdict := "met"
		if r.Gip > time.Second {
			verdict, missed = "MISSED", true
		}
		fmt.Printf("%s: %s, target < 1 s: %s\n", r.Name, r.Gip.Round(time.Millisecond), verdict)
	}
	fmt.Println()
	if missed && cfg.check {
		harness.Report("ip", rows)
		return nil, fmt.Errorf("a target was missed")
	}
	return rows, nil
}
