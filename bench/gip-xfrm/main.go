// Command gip-xfrm measures gip xfrm beside ip xfrm, each in the same run,
// and prints medians and ratios:
//
//   - -batch: n `xfrm policy add` lines (a selector, a priority and an
//     ESP tunnel template each), ip -batch beside gip -batch, each run in a
//     fresh namespace, the count checked after it (target <= 0.5x);
//   - listings of those policies: xfrm policy list and -s (targets
//     <= 1.0x), with gip's peak memory; gip -j (ip -j prints text, so it
//     is informational).
//
// With -state it does the same with n `xfrm state add` lines (ESP with
// cbc(aes) and hmac(sha256)), which need the kernel's ESP: the vm tier
// (target <= 0.5x).
//
// It needs root, changes only the namespaces it creates
// (gipbench-xfrm-PID-N) and deletes them when it ends, fails or is
// interrupted.
//
//	go run ./bench/gip-xfrm -n 10000 -rounds 5
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
	object string // "policy" or "state"
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 10000, "policies per batch")
	flag.IntVar(&cfg.rounds, "rounds", 5, "runs per tool and measurement; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	state := flag.Bool("state", false, "measure state adds (needs ESP: the vm tier) instead of policy adds")
	flag.Parse()
	cfg.object = "policy"
	if *state {
		cfg.object = "state"
	}
	if cfg.n < 1 || cfg.n > 1<<22 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-xfrm: -n must be 1..4194304 and -rounds at least 1")
		os.Exit(2)
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "gip-xfrm: needs root to create network namespaces")
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
	dir, err := os.MkdirTemp("", "gip-bench-xfrm")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gip-xfrm:", err)
		return 1
	}
	b := &bench{ctx: ctx, dir: dir, gip: cfg.gip}
	defer b.close()
	rows, err := b.measure(cfg)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(os.Stderr, "gip-xfrm: interrupted")
		return 130
	case err != nil:
		fmt.Fprintln(os.Stderr, "gip-xfrm:", err)
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
	fmt.Printf("%-30s %12s %12s %8s %10s   %s\n", "benchmark", "ip median", "gip median", "gip/ip", "gip RSS", "target")
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
		fmt.Printf("%-30s %12s %12s %7.2fx %10s   %s\n", r.name, r.ref.Round(time.Microsecond), r.gip.Round(time.Microsecond), ratio, rss, verdict)
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
	file := filepath.Join(b.dir, "batch")
	if err := os.WriteFile(file, []byte(batchFile(cfg.object, cfg.n)), 0o644); err != nil {
		return nil, err
	}
	fmt.Printf("%d xfrm %s adds, %d rounds\n\n", cfg.n, cfg.object, cfg.rounds)
	var ipT, gipT []time.Duration
	var loaded string
	for round := range cfg.rounds {
		for _, tool := range []struct {
			bin string
			out *[]time.Duration
		}{{"ip", &ipT}, {b.gip, &gipT}} {
			ns, err := b.newNS()
			if err != nil {
				return nil, err
			}
			d, _, err := b.timed(tool.bin, "-n", ns, "-batch", file)
			if err != nil {
				return nil, err
			}
			if err := b.expectCount(ns, cfg.object, cfg.n); err != nil {
				return nil, fmt.Errorf("%s: %w", tool.bin, err)
			}
			*tool.out = append(*tool.out, d)
			if round == cfg.rounds-1 && tool.bin == "ip" {
				loaded = ns
				continue
			}
			b.deleteNS(ns)
		}
	}
	rows := []row{{name: fmt.Sprintf("-batch: %d %s adds", cfg.n, cfg.object), ref: median(ipT), gip: median(gipT), limit: 0.5}}
	for _, show := range []struct {
		name  string
		args  []string
		limit float64
	}{
		{"xfrm " + cfg.object + " list", []string{"xfrm", cfg.object, "list"}, 1.0},
		{"-s xfrm " + cfg.object + " list", []string{"-s", "xfrm", cfg.object, "list"}, 1.0},
		{"-j xfrm " + cfg.object + " list (ip: text)", []string{"-j", "xfrm", cfg.object, "list"}, 0},
	} {
		var ref, got []time.Duration
		var rss int64
		for range cfg.rounds {
			d, _, err := b.timed(append([]string{"ip", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			ref = append(ref, d)
			d, r, err := b.timed(append([]string{b.gip, "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			got, rss = append(got, d), max(rss, r)
		}
		rows = append(rows, row{name: show.name, ref: median(ref), gip: median(got), limit: show.limit, gipMaxRSS: rss})
	}
	return rows, nil
}

// batchFile is n policy adds, each with its own source and an ESP tunnel
// template, or n ESP state adds, each with its own SPI.
func batchFile(object string, n int) string {
	var s strings.Builder
	for i := range n {
		if object == "state" {
			fmt.Fprintf(&s, "xfrm state add src 192.0.2.1 dst 10.%d.%d.%d proto esp spi 0x%x reqid %d mode tunnel "+
				"enc cbc(aes) 0x00112233445566778899aabbccddeeff auth hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
				i>>16&0xff, i>>8&0xff, i&0xff, 0x1000+i, i%100)
			continue
		}
		fmt.Fprintf(&s, "xfrm policy add src 10.%d.%d.%d/32 dst 172.16.0.0/12 proto tcp dport %d dir out priority %d tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid %d mode tunnel\n",
			i>>16&0xff, i>>8&0xff, i&0xff, 1+i%60000, i%1000, i%100)
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

// expectCount checks that a batch left n outbound policies, or n states.
func (b *bench) expectCount(ns, object string, n int) error {
	out, err := exec.CommandContext(b.ctx, "ip", "-n", ns, "xfrm", object, "count").Output()
	if err != nil {
		return err
	}
	want := fmt.Sprintf("OUT %d ", n)
	if object == "state" {
		want = fmt.Sprintf("SAD count %d\n", n)
	}
	if !strings.Contains(string(out), want) {
		return fmt.Errorf("after the batch: %q, want %q", strings.TrimSpace(string(out)), want)
	}
	return nil
}

// newNS makes an empty namespace.
func (b *bench) newNS() (string, error) {
	ns := fmt.Sprintf("gipbench-xfrm-%d-%d", os.Getpid(), len(b.spaces))
	b.spaces = append(b.spaces, ns)
	if out, err := exec.CommandContext(b.ctx, "ip", "netns", "add", ns).CombinedOutput(); err != nil {
		return "", fmt.Errorf("ip netns add %s: %v: %s", ns, err, out)
	}
	return ns, nil
}

func (b *bench) deleteNS(ns string) {
	if err := exec.Command("ip", "netns", "del", ns).Run(); err == nil {
		b.spaces = slices.DeleteFunc(b.spaces, func(s string) bool { return s == ns })
	}
}
