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
	harness.Main("gip-xfrm", "ip", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// measure writes the batch file and times everything.
func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	file := filepath.Join(b.Dir, "batch")
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
		}{{"ip", &ipT}, {b.Gip, &gipT}} {
			ns, err := b.NewNS()
			if err != nil {
				return nil, err
			}
			d, _, err := b.Timed(tool.bin, "-n", ns, "-batch", file)
			if err != nil {
				return nil, err
			}
			if err := expectCount(b, ns, cfg.object, cfg.n); err != nil {
				return nil, fmt.Errorf("%s: %w", tool.bin, err)
			}
			*tool.out = append(*tool.out, d)
			if round == cfg.rounds-1 && tool.bin == "ip" {
				loaded = ns
				continue
			}
			b.DeleteNS(ns)
		}
	}
	rows := []harness.Row{{Name: fmt.Sprintf("-batch: %d %s adds", cfg.n, cfg.object), Ref: harness.Median(ipT), Gip: harness.Median(gipT), Limit: 0.5}}
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
			d, _, err := b.Timed(append([]string{"ip", "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			ref = append(ref, d)
			d, r, err := b.Timed(append([]string{b.Gip, "-n", loaded}, show.args...)...)
			if err != nil {
				return nil, err
			}
			got, rss = append(got, d), max(rss, r)
		}
		rows = append(rows, harness.Row{Name: show.name, Ref: harness.Median(ref), Gip: harness.Median(got), Limit: show.limit, GipMaxRSS: rss})
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

// expectCount checks that a batch left n outbound policies, or n states.
func expectCount(b *harness.Bench, ns, object string, n int) error {
	out, err := exec.CommandContext(b.Ctx, "ip", "-n", ns, "xfrm", object, "count").Output()
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
