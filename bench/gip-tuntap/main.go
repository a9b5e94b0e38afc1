// Command gip-tuntap measures gip -batch of TUN/TAP devices beside
// ip -batch of the same file, in the same run, each in a fresh namespace:
// n `tuntap add` lines (tap and tun, persistent) then the n `tuntap del`
// lines (target <= 1.0x ip), the devices counted after the adds (a run of
// its own) and after the whole file. It needs root, changes only the
// namespaces it creates (gipbench-tuntap-PID-N) and deletes them when it
// ends, fails or is interrupted.
//
//	go run ./bench/gip-tuntap -n 1000 -rounds 5
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
	gip       string
	n, rounds int
	check     bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 1000, "devices added, then deleted, per batch")
	flag.IntVar(&cfg.rounds, "rounds", 5, "runs per tool; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if cfg.n < 1 || cfg.n > 100000 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-tuntap: -n must be 1..100000 and -rounds at least 1")
		os.Exit(2)
	}
	harness.Main("gip-tuntap", "ip", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// measure writes the batch files and times both tools on each.
func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	var adds, dels strings.Builder
	for i := range cfg.n {
		mode := "tap"
		if i%2 == 1 {
			mode = "tun"
		}
		fmt.Fprintf(&adds, "tuntap add dev t%d mode %s\n", i, mode)
		fmt.Fprintf(&dels, "tuntap del dev t%d mode %s\n", i, mode)
	}
	addFile, bothFile := filepath.Join(b.Dir, "add"), filepath.Join(b.Dir, "add-del")
	if err := os.WriteFile(addFile, []byte(adds.String()), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(bothFile, []byte(adds.String()+dels.String()), 0o644); err != nil {
		return nil, err
	}
	fmt.Printf("%d tuntap adds, then as many deletes, %d rounds\n\n", cfg.n, cfg.rounds)
	var rows []harness.Row
	for _, c := range []struct {
		name  string
		file  string
		left  int
		limit float64
	}{
		{fmt.Sprintf("-batch: %d tuntap add", cfg.n), addFile, cfg.n, 0},
		{fmt.Sprintf("-batch: %d tuntap add + del", cfg.n), bothFile, 0, 1.0},
	} {
		var ipT, gipT []time.Duration
		var rss int64
		for range cfg.rounds {
			for _, tool := range []string{"ip", b.Gip} {
				d, r, err := once(b, tool, c.file, c.left)
				if err != nil {
					return nil, err
				}
				if tool == "ip" {
					ipT = append(ipT, d)
				} else {
					gipT, rss = append(gipT, d), max(rss, r)
				}
			}
		}
		rows = append(rows, harness.Row{Name: c.name, Ref: harness.Median(ipT), Gip: harness.Median(gipT), Limit: c.limit, GipMaxRSS: rss})
	}
	return rows, nil
}

// once runs tool -batch file in a fresh namespace and checks that left
// TUN/TAP devices stand after it.
func once(b *harness.Bench, tool, file string, left int) (time.Duration, int64, error) {
	ns, err := b.NewNS()
	if err != nil {
		return 0, 0, err
	}
	defer b.DeleteNS(ns)
	d, rss, err := b.Timed(tool, "-n", ns, "-batch", file)
	if err != nil {
		return 0, 0, err
	}
	out, err := exec.Command("ip", "-n", ns, "-o", "tuntap", "show").Output()
	if err != nil {
		return 0, 0, fmt.Errorf("ip tuntap show: %v", err)
	}
	if n := strings.Count(string(out), "\n"); n != left {
		return 0, 0, fmt.Errorf("%s -batch %s left %d devices, want %d", tool, filepath.Base(file), n, left)
	}
	return d, rss, nil
}
