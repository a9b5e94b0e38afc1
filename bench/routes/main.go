// Command routes measures adding IPv4 routes through the engine, one request
// at a time (Execute) and pipelined (Batch), beside `ip -batch` adding the
// same routes, in the same run, each in a fresh network namespace, and
// prints the times as ratios of ip's. It needs root.
//
//	go run ./bench/routes -n 100000 -rounds 3
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
	n := flag.Int("n", 100000, "routes to add")
	rounds := flag.Int("rounds", 3, "rounds; the median is reported")
	check := flag.Bool("check", false, "exit 1 if a target is missed (Batch <= 0.5x ip, Execute <= 0.85x ip)")
	flag.Parse()
	if err := run(*n, *rounds, *check); err != nil {
		fmt.Fprintln(os.Stderr, "routes:", err)
		os.Exit(1)
	}
}

type method struct {
	name string
	add  func(ns string, n int) error
}

func run(n, rounds int, check bool) error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to create network namespaces")
	}
	dir, err := os.MkdirTemp("", "gip-bench-routes")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	batchFile := filepath.Join(dir, "routes.batch")
	if err := writeBatchFile(batchFile, n); err != nil {
		return err
	}
	methods := []method{
		{"ip -batch", func(ns string, n int) error { return ipBatch(ns, batchFile) }},
		{"engine Execute", engineExecute},
		{"engine Batch", engineBatch},
	}
	times := make([][]time.Duration, len(methods))
	var ipRSS int64
	for round := range rounds {
		for i, m := range methods {
			d, err := measure(fmt.Sprintf("gipbench-%d-%d-%d", os.Getpid(), round, i), n, m.add)
			if err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			times[i] = append(times[i], d)
		}
		ipRSS = max(ipRSS, lastChildRSS)
	}
	med := make([]time.Duration, len(methods))
	fmt.Printf("%d IPv4 routes added in a fresh namespace, median of %d rounds\n", n, rounds)
	for i, m := range methods {
		slices.Sort(times[i])
		med[i] = times[i][len(times[i])/2]
		fmt.Printf("  %-16s %8.3f s  %5.2fx ip\n", m.name, med[i].Seconds(), ratio(med[i], med[0]))
	}
	var self syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	fmt.Printf("  peak memory: ip %d MB, this process %d MB\n", ipRSS/1024, self.Maxrss/1024)
	targets := []struct {
		i     int
		limit float64
	}{{2, 0.5}, {1, 0.85}}
	missed := false
	for _, tg := range targets {
		r := ratio(med[tg.i], med[0])
		verdict := "met"
		if r > tg.limit {
			verdict, missed = "MISSED", true
		}
		fmt.Printf("  target %-16s <= %.2fx ip: %.2fx %s\n", methods[tg.i].name, tg.limit, r, verdict)
	}
	if check && missed {
		return errors.New("a target was missed")
	}
	return nil
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }

func prefix(i int) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), 32)
}

func writeBatchFile(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, "route add %s dev lo\n", prefix(i))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// measure runs add in a fresh namespace with lo up, checks that n routes
// landed, and removes the namespace.
func measure(ns string, n int, add func(ns string, n int) error) (time.Duration, error) {
	if err := nl.CreateNamedNetNS(ns); err != nil {
		return 0, err
	}
	defer nl.DeleteNamedNetNS(ns)
	c, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := loUp(c); err != nil {
		return 0, err
	}
	start := time.Now()
	if err := add(ns, n); err != nil {
		return 0, err
	}
	d := time.Since(start)
	got := 0
	for m, err := range c.Dump(rtnl.RouteDumpRequest(unix.AF_INET, &rtnl.Route{Table: unix.RT_TABLE_MAIN})) {
		if err != nil {
			return 0, err
		}
		if m.Data[1] == 32 {
			got++
		}
	}
	if got != n {
		return 0, fmt.Errorf("%d routes in the table after adding %d", got, n)
	}
	return d, nil
}

func loUp(c *nl.Conn) error {
	b := make([]byte, unix.SizeofIfInfomsg)
	b[4] = 1 // lo's index
	b[8] = unix.IFF_UP
	b[12] = unix.IFF_UP
	_, err := c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: b})
	return err
}

func route(i int) rtnl.Route {
	return rtnl.Route{Dst: prefix(i), OIF: 1, Scope: unix.RT_SCOPE_LINK}
}

var lastChildRSS int64

func ipBatch(ns, file string) error {
	cmd := exec.Command("ip", "-n", ns, "-batch", file)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return err
	}
	lastChildRSS = cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	return nil
}

func engineExecute(ns string, n int) error {
	c, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns})
	if err != nil {
		return err
	}
	defer c.Close()
	var buf []byte
	for i := range n {
		r := route(i)
		buf, err = r.AppendRequest(buf[:0], rtnl.RouteAdd)
		if err != nil {
			return err
		}
		if _, err := c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Excl}, Data: buf}); err != nil {
			return fmt.Errorf("route %d: %w", i, err)
		}
	}
	return nil
}

func engineBatch(ns string, n int) error {
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
	for i := range n {
		r := route(i)
		buf, err = r.AppendRequest(buf[:0], rtnl.RouteAdd)
		if err != nil {
			return err
		}
		if err := b.Add(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Excl}, Data: buf}); err != nil {
			return err
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return failed
}
