// Command gip-route measures gip against ip, in the same run, each in a
// fresh network namespace, and prints the ratios the issue sets targets
// for: -batch of route additions and deletions (IPv4 and IPv6, with and
// without -force), `route show` of a large table in text and JSON, and
// `route show table 100` beside a large main table. It needs root, builds
// gip from this tree, and deletes its namespaces even when it fails.
//
//	go run ./bench/gip-route -n 100000 -show 1000000
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func main() {
	n := flag.Int("n", 100000, "routes per batch")
	show := flag.Int("show", 1000000, "routes in the table for the show benchmarks (0 skips them)")
	rounds := flag.Int("rounds", 3, "rounds; the median is reported")
	check := flag.Bool("check", false, "exit 1 if a target is missed")
	flag.Parse()
	if err := run(*n, *show, *rounds, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gip-route:", err)
		os.Exit(1)
	}
}

// result is one timed command.
type result struct {
	wall time.Duration
	rss  int64 // KB
}

type target struct {
	name     string
	ratio    float64
	limit    float64
	rssMB    float64
	rssLimit float64
}

func run(n, show, rounds int, check bool) error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to create network namespaces")
	}
	dir, err := os.MkdirTemp("", "gip-bench-route")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	gip := filepath.Join(dir, "gip")
	build := exec.Command("go", "build", "-o", gip, "./cmd/gip")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building gip: %w", err)
	}
	var targets []target
	for _, fam := range []int{4, 6} {
		adds := filepath.Join(dir, fmt.Sprintf("add%d.batch", fam))
		dels := filepath.Join(dir, fmt.Sprintf("del%d.batch", fam))
		if err := writeBatch(adds, "add", fam, n); err != nil {
			return err
		}
		if err := writeBatch(dels, "del", fam, n); err != nil {
			return err
		}
		for _, force := range []bool{false, true} {
			opts := []string{}
			label, limit := "", 0.8
			if force {
				opts, label, limit = []string{"-force"}, " -force", 0.5
			}
			for _, kind := range []struct {
				name string
				file string
				pre  string
			}{{"add", adds, ""}, {"del", dels, adds}} {
				var ipT, gipT []result
				for round := range rounds {
					for _, tool := range []string{"ip", gip} {
						r, err := inNamespace(fmt.Sprintf("gipbench-%d-%d", os.Getpid(), round), func(ns string) (result, error) {
							if kind.pre != "" {
								if _, err := timed(gip, "-n", ns, "-force", "-batch", kind.pre); err != nil {
									return result{}, err
								}
							}
							return timed(tool, append(append([]string{"-n", ns}, opts...), "-batch", kind.file)...)
						})
						if err != nil {
							return fmt.Errorf("%s -batch %s: %w", tool, kind.name, err)
						}
						if tool == "ip" {
							ipT = append(ipT, r)
						} else {
							gipT = append(gipT, r)
						}
					}
				}
				ip, g := median(ipT), median(gipT)
				name := fmt.Sprintf("-batch%s %dk IPv%d %s", label, n/1000, fam, kind.name)
				fmt.Printf("%-32s ip %7.3f s %6d MB   gip %7.3f s %4d MB   %.2fx\n", name, ip.wall.Seconds(), ip.rss/1024,
					g.wall.Seconds(), g.rss/1024, g.wall.Seconds()/ip.wall.Seconds())
				targets = append(targets, target{name, g.wall.Seconds() / ip.wall.Seconds(), limit, float64(g.rss) / 1024, 30})
			}
		}
	}
	if show > 0 {
		ts, err := showBenchmarks(gip, show, rounds)
		if err != nil {
			return err
		}
		targets = append(targets, ts...)
	}
	missed := false
	fmt.Println("targets:")
	for _, t := range targets {
		verdict := "met"
		if t.ratio > t.limit || t.rssMB > t.rssLimit {
			verdict, missed = "MISSED", true
		}
		fmt.Printf("  %-32s %.2fx (<= %.2fx), %.0f MB (<= %.0f MB): %s\n", t.name, t.ratio, t.limit, t.rssMB, t.rssLimit, verdict)
	}
	if check && missed {
		return errors.New("a target was missed")
	}
	return nil
}

func showBenchmarks(gip string, n, rounds int) ([]target, error) {
	ns := fmt.Sprintf("gipbench-show-%d", os.Getpid())
	var out []target
	_, err := inNamespace(ns, func(ns string) (result, error) {
		if err := fill(ns, n); err != nil {
			return result{}, err
		}
		for _, c := range []struct {
			name  string
			args  []string
			limit float64
		}{
			{fmt.Sprintf("route show %dk", n/1000), []string{"route", "show"}, 0.9},
			{fmt.Sprintf("-j route show %dk", n/1000), []string{"-j", "route", "show"}, 1.0},
		} {
			var ipT, gipT []result
			for range rounds {
				r, err := timed("ip", append([]string{"-n", ns}, c.args...)...)
				if err != nil {
					return result{}, err
				}
				ipT = append(ipT, r)
				if r, err = timed(gip, append([]string{"-n", ns}, c.args...)...); err != nil {
					return result{}, err
				}
				gipT = append(gipT, r)
			}
			ip, g := median(ipT), median(gipT)
			fmt.Printf("%-32s ip %7.3f s %6d MB   gip %7.3f s %4d MB   %.2fx\n", c.name, ip.wall.Seconds(), ip.rss/1024,
				g.wall.Seconds(), g.rss/1024, g.wall.Seconds()/ip.wall.Seconds())
			out = append(out, target{c.name, g.wall.Seconds() / ip.wall.Seconds(), c.limit, float64(g.rss) / 1024, 30})
		}
		var gipT []result
		for range rounds {
			r, err := timed(gip, "-n", ns, "route", "show", "table", "100")
			if err != nil {
				return result{}, err
			}
			gipT = append(gipT, r)
		}
		g := median(gipT)
		name := fmt.Sprintf("route show table 100 (%dk main)", n/1000)
		fmt.Printf("%-32s gip %7.3f s %4d MB (target 0.1 s)\n", name, g.wall.Seconds(), g.rss/1024)
		// Expressed as a ratio of the 0.1 s budget.
		out = append(out, target{name, g.wall.Seconds() / 0.1, 1.0, float64(g.rss) / 1024, 30})
		return result{}, nil
	})
	return out, err
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

// inNamespace runs fn in a fresh namespace with lo up and deletes it.
func inNamespace(ns string, fn func(ns string) (result, error)) (result, error) {
	if err := nl.CreateNamedNetNS(ns); err != nil {
		return result{}, err
	}
	defer nl.DeleteNamedNetNS(ns)
	if out, err := exec.Command("ip", "-n", ns, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return result{}, fmt.Errorf("lo up: %v: %s", err, out)
	}
	return fn(ns)
}

// timed runs a command with stdout to /dev/null and returns its wall time
// and peak memory.
func timed(name string, args ...string) (result, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return result{}, err
	}
	defer devnull.Close()
	cmd.Stdout = devnull
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%s %v: %w", name, args, err)
	}
	return result{d, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss}, nil
}

func median(rs []result) result {
	slices.SortFunc(rs, func(a, b result) int { return int(a.wall - b.wall) })
	m := rs[len(rs)/2]
	for _, r := range rs {
		m.rss = max(m.rss, r.rss)
	}
	return m
}
