// Command gip-atomic measures gip -atomic -batch against ip -batch in the
// same run, each in a fresh network namespace: a batch of route additions
// into an empty table (the target the issue sets: at most 0.5x ip's time,
// under 30 MB), and, for information, the same batch made to fail at its
// last line, so that every addition is rolled back and verified. It needs
// root, builds gip from this tree, and deletes its namespaces even when it
// fails.
//
//	go run ./bench/gip-atomic -n 100000 -rounds 3
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
)

func main() {
	n := flag.Int("n", 100000, "route additions per batch")
	rounds := flag.Int("rounds", 3, "rounds; the median is reported")
	check := flag.Bool("check", false, "exit 1 if a target is missed")
	flag.Parse()
	if err := run(*n, *rounds, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gip-atomic:", err)
		os.Exit(1)
	}
}

// result is one timed command.
type result struct {
	wall time.Duration
	rss  int64 // KB
	code int
}

func run(n, rounds int, check bool) error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to create network namespaces")
	}
	dir, err := os.MkdirTemp("", "gip-bench-atomic")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	gip := filepath.Join(dir, "gip")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", gip, "./cmd/gip")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building gip: %w", err)
	}
	adds := filepath.Join(dir, "add.batch")
	if err := writeBatch(adds, n, ""); err != nil {
		return err
	}
	// The same additions, then one the kernel refuses (a duplicate).
	failing := filepath.Join(dir, "fail.batch")
	if err := writeBatch(failing, n, fmt.Sprintf("route add %s dev lo\n", prefix(0))); err != nil {
		return err
	}
	var ipT, gipT, rbT []result
	for round := range rounds {
		for _, c := range []struct {
			out  *[]result
			file string
			want int
			cmd  []string
		}{
			{&ipT, adds, 0, []string{"ip"}},
			{&gipT, adds, 0, []string{gip, "-atomic"}},
			{&rbT, failing, 1, []string{gip, "-atomic"}},
		} {
			ns := fmt.Sprintf("gipbench-atomic-%d-%d", os.Getpid(), round)
			r, err := inNamespace(ns, func() (result, error) {
				r, err := timed(c.cmd[0], append(slices.Clone(c.cmd[1:]), "-n", ns, "-batch", c.file)...)
				if err != nil {
					return r, err
				}
				if r.code != c.want {
					return r, fmt.Errorf("%v -batch exited %d, want %d", c.cmd, r.code, c.want)
				}
				left, err := countRoutes(ns)
				if err != nil {
					return r, err
				}
				if want := map[int]int{0: n, 1: 0}[c.want]; left != want {
					return r, fmt.Errorf("%v: %d routes in main after the batch, want %d", c.cmd, left, want)
				}
				return r, nil
			})
			if err != nil {
				return err
			}
			*c.out = append(*c.out, r)
		}
	}
	ip, g, rb := median(ipT), median(gipT), median(rbT)
	ratio := g.wall.Seconds() / ip.wall.Seconds()
	fmt.Printf("%-40s ip %7.3f s %6d MB\n", fmt.Sprintf("ip -batch, %dk route adds", n/1000), ip.wall.Seconds(), ip.rss/1024)
	fmt.Printf("%-40s gip %6.3f s %6d MB   %.2fx ip\n", fmt.Sprintf("gip -atomic -batch, %dk route adds", n/1000), g.wall.Seconds(), g.rss/1024, ratio)
	fmt.Printf("%-40s gip %6.3f s %6d MB   %.2fx ip (informational)\n", "  the same, failing at the last line", rb.wall.Seconds(), rb.rss/1024, rb.wall.Seconds()/ip.wall.Seconds())
	missed := ratio > 0.5 || g.rss > 30*1024
	verdict := "met"
	if missed {
		verdict = "MISSED"
	}
	fmt.Printf("target: <= 0.50x ip, <= 30 MB: %s\n", verdict)
	if check && missed {
		return errors.New("a target was missed")
	}
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
	for _, b := range out {
		if b == '\n' {
			lines++
		}
	}
	return lines, nil
}

// inNamespace runs fn in a fresh namespace with lo up and deletes it.
func inNamespace(ns string, fn func() (result, error)) (result, error) {
	if err := nl.CreateNamedNetNS(ns); err != nil {
		return result{}, err
	}
	defer nl.DeleteNamedNetNS(ns)
	if out, err := exec.Command("ip", "-n", ns, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return result{}, fmt.Errorf("lo up: %v: %s", err, out)
	}
	return fn()
}

// timed runs name with args, output discarded, and returns its wall time,
// peak memory and exit status.
func timed(name string, args ...string) (result, error) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return result{}, fmt.Errorf("%s %v: %w", name, args, err)
	}
	return result{d, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, cmd.ProcessState.ExitCode()}, nil
}

func median(rs []result) result {
	slices.SortFunc(rs, func(a, b result) int { return int(a.wall - b.wall) })
	m := rs[len(rs)/2]
	for _, r := range rs {
		m.rss = max(m.rss, r.rss)
	}
	return m
}
