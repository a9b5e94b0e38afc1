// Command gip-route measures gip against ip, in the same run, each in a
// fresh network namespace, and prints the ratios the issue sets targets
// for: -batch of route additions and deletions (IPv4 and IPv6, with and
// without -force), `route show` of a large table in text and JSON, and
// `route show table 100` beside a large main table. It needs root, builds
// gip from this tree unless -gip names a binary, and deletes its
// namespaces (gipbench-route-PID-N) when it ends, fails or is interrupted.
//
//	go run ./bench/gip-route -n 100000 -show 1000000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/gip-suite/gip/bench/internal/harness"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

type config struct {
	gip             string
	n, show, rounds int
	check           bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static)")
	flag.IntVar(&cfg.n, "n", 100000, "routes per batch")
	flag.IntVar(&cfg.show, "show", 1000000, "routes in the table for the show benchmarks (0 skips them)")
	flag.IntVar(&cfg.rounds, "rounds", 3, "rounds; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if cfg.n < 1 || cfg.n > 1<<23 || cfg.show < 0 || cfg.show > 1<<23 || cfg.rounds < 1 {
		fmt.Fprintln(os.Stderr, "gip-route: -n must be 1..8388608, -show 0..8388608 and -rounds at least 1")
		os.Exit(2)
	}
	harness.Main("gip-route", "ip", cfg.gip, cfg.check, func(b *harness.Bench) ([]harness.Row, error) { return measure(b, cfg) })
}

// measure times the batches of each family, then the listings.
func measure(b *harness.Bench, cfg config) ([]harness.Row, error) {
	const rssLimit = 30 * 1024
	var rows []harness.Row
	for _, fam := range []int{4, 6} {
		adds := filepath.Join(b.Dir, fmt.Sprintf("add%d.batch", fam))
		dels := filepath.Join(b.Dir, fmt.Sprintf("del%d.batch", fam))
		if err := writeBatch(adds, "add", fam, cfg.n); err != nil {
			return nil, err
		}
		if err := writeBatch(dels, "del", fam, cfg.n); err != nil {
			return nil, err
		}
		for _, force := range []bool{false, true} {
			opts, label, limit := []string{}, "", 0.8
			if force {
				opts, label, limit = []string{"-force"}, " -force", 0.5
			}
			for _, kind := range []struct {
				name string
				file string
				pre  string // a batch that fills the namespace first
			}{{"add", adds, ""}, {"del", dels, adds}} {
				var ipT, gipT []time.Duration
				var rss int64
				for range cfg.rounds {
					for _, tool := range []string{"ip", b.Gip} {
						d, r, err := batchOnce(b, tool, kind.pre, append(opts, "-batch", kind.file))
						if err != nil {
							return nil, fmt.Errorf("%s -batch %s: %w", tool, kind.name, err)
						}
						if tool == "ip" {
							ipT = append(ipT, d)
						} else {
							gipT, rss = append(gipT, d), max(rss, r)
						}
					}
				}
				rows = append(rows, harness.Row{
					Name: fmt.Sprintf("-batch%s %dk IPv%d %s", label, cfg.n/1000, fam, kind.name),
					Ref:  harness.Median(ipT), Gip: harness.Median(gipT), Limit: limit, GipMaxRSS: rss, RSSLimit: rssLimit,
				})
			}
		}
	}
	if cfg.show > 0 {
		shows, err := showBenchmarks(b, cfg.show, cfg.rounds)
		if err != nil {
			return nil, err
		}
		rows = append(rows, shows...)
	}
	return rows, nil
}

// batchOnce runs tool with args in a fresh namespace with lo up, after gip
// applied the batch file pre there if pre is set.
func batchOnce(b *harness.Bench, tool, pre string, args []string) (time.Duration, int64, error) {
	ns, err := b.NewNS("link set lo up")
	if err != nil {
		return 0, 0, err
	}
	defer b.DeleteNS(ns)
	if pre != "" {
		if _, _, err := b.Timed(b.Gip, "-n", ns, "-force", "-batch", pre); err != nil {
			return 0, 0, err
		}
	}
	return b.Timed(append([]string{tool, "-n", ns}, args...)...)
}

// showBenchmarks fills one namespace with n routes in main and 10 in
// table 100 and times the listings.
func showBenchmarks(b *harness.Bench, n, rounds int) ([]harness.Row, error) {
	const rssLimit = 30 * 1024
	ns, err := b.NewNS("link set lo up")
	if err != nil {
		return nil, err
	}
	defer b.DeleteNS(ns)
	if err := fill(ns, n); err != nil {
		return nil, err
	}
	var rows []harness.Row
	for _, c := range []struct {
		name  string
		args  []string
		limit float64
	}{
		{fmt.Sprintf("route show %dk", n/1000), []string{"route", "show"}, 0.9},
		{fmt.Sprintf("-j route show %dk", n/1000), []string{"-j", "route", "show"}, 1.0},
	} {
		var ipT, gipT []time.Duration
		var rss int64
		for range rounds {
			d, _, err := b.Timed(append([]string{"ip", "-n", ns}, c.args...)...)
			if err != nil {
				return nil, err
			}
			ipT = append(ipT, d)
			d, r, err := b.Timed(append([]string{b.Gip, "-n", ns}, c.args...)...)
			if err != nil {
				return nil, err
			}
			gipT, rss = append(gipT, d), max(rss, r)
		}
		rows = append(rows, harness.Row{Name: c.name, Ref: harness.Median(ipT), Gip: harness.Median(gipT), Limit: c.limit, GipMaxRSS: rss, RSSLimit: rssLimit})
	}
	var gipT []time.Duration
	var rss int64
	for range rounds {
		d, r, err := b.Timed(b.Gip, "-n", ns, "route", "show", "table", "100")
		if err != nil {
			return nil, err
		}
		gipT, rss = append(gipT, d), max(rss, r)
	}
	rows = append(rows, harness.Row{
		Name: fmt.Sprintf("route show table 100 (%dk main)", n/1000),
		Gip:  harness.Median(gipT), Budget: 100 * time.Millisecond, GipMaxRSS: rss, RSSLimit: rssLimit,
	})
	return rows, nil
}

// fill adds n routes to main and 10 to table 100 through the engine.
func fill(ns string, n int) error {
	c, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns})
	if err != nil {
		return err
	}
	defer c.Close()
	var failed error
	b := c.NewBatch(func(i int, err error) {
		if err != nil && failed == nil {
			failed = fmt.Errorf("route %d: %w", i, err)
		}
	})
	var buf []byte
	add := func(r rtnl.Route) error {
		buf, err = r.AppendRequest(buf[:0], rtnl.RouteAdd)
		if err != nil {
			return err
		}
		return b.Add(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Excl}, Data: buf})
	}
	for i := range n {
		if err := add(rtnl.Route{Dst: prefix(4, i), OIF: 1, Scope: unix.RT_SCOPE_LINK}); err != nil {
			return err
		}
	}
	for i := range 10 {
		if err := add(rtnl.Route{Dst: prefix(4, 1<<23+i), OIF: 1, Scope: unix.RT_SCOPE_LINK, Table: 100}); err != nil {
			return err
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return failed
}

func prefix(fam, i int) netip.Prefix {
	if fam == 6 {
		var a [16]byte
		a[0], a[1], a[2], a[3] = 0x20, 0x01, 0x0d, 0xb8
		a[13], a[14], a[15] = byte(i>>16), byte(i>>8), byte(i)
		return netip.PrefixFrom(netip.AddrFrom16(a), 128)
	}
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), 32)
}

func writeBatch(path, verb string, fam, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, "route %s %s dev lo\n", verb, prefix(fam, i))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
