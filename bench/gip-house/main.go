// Command gip-house measures gip beside the programs it is held to, each in
// the same run as its reference, and prints medians and ratios:
//
//   - start-up: `gip -n NS -br link` on a small namespace beside a static
//     hello-world Go binary built with the same flags (target <= 1.15x);
//   - neighbours: -batch of n `neigh add` lines on one veth beside
//     `ip -batch` of the same file, each on an emptied table (<= 0.5x);
//   - mixed: -batch of link, addr, route, neigh and rule lines beside
//     `ip -batch`, each run in a fresh namespace (informational).
//
// Route batches are measured by bench/gip-route. The benchmark needs root,
// changes only the namespaces it creates (gipbench-house-PID-N) and deletes
// them when it ends, fails or is interrupted.
//
//	go run ./bench/gip-house -n 20000 -rounds 5
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// config holds the command-line flags.
type config struct {
	gip      string
	n        int
	rounds   int
	startups int
	check    bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.gip, "gip", "", "gip binary to measure (default: build ./cmd/gip static and stripped)")
	flag.IntVar(&cfg.n, "n", 20000, "lines per batch")
	flag.IntVar(&cfg.rounds, "rounds", 5, "batch runs per tool; the median is reported")
	flag.IntVar(&cfg.startups, "startups", 300, "start-ups per program; the median is reported")
	flag.BoolVar(&cfg.check, "check", false, "exit 1 if a target is missed")
	flag.Parse()
	if err := validate(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "gip-house:", err)
		os.Exit(2)
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "gip-house: needs root to create network namespaces")
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, cfg)
	stop()
	os.Exit(code)
}

func validate(cfg config) error {
	switch {
	case cfg.n < 6 || cfg.n/6 > 65535:
		return errors.New("-n must be between 6 and 393210")
	case cfg.rounds < 1 || cfg.startups < 1:
		return errors.New("-rounds and -startups must be at least 1")
	}
	return nil
}

// run measures every target and prints the table; it returns the exit
// code. Its deferred clean-up deletes the namespaces on every path.
func run(ctx context.Context, cfg config) int {
	b, err := newBench(ctx, cfg.gip)
	if b != nil {
		defer b.close()
	}
	var rows []row
	if err == nil {
		rows, err = b.measure(cfg)
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(os.Stderr, "gip-house: interrupted")
		return 130
	case err != nil:
		fmt.Fprintln(os.Stderr, "gip-house:", err)
		return 1
	}
	if missed := report(os.Stdout, rows); missed && cfg.check {
		return 1
	}
	return 0
}

// bench holds what the measurements share: the programs, a scratch
// directory and every namespace created so far, so that each exit path can
// delete them.
type bench struct {
	ctx     context.Context
	dir     string
	gip     string
	hello   string
	devnull *os.File
	errlog  *os.File      // standard error of timed runs, kept for error messages
	spaces  []string      // namespaces created (or being created), to delete at the end
	small   string        // small namespace for start-ups and settle probes
	calm    time.Duration // usual time of a settle probe
}

// newBench builds the programs, creates the small namespace and times the
// settle probe while nothing else runs. On error the returned bench, if
// any, still needs closing.
func newBench(ctx context.Context, gip string) (*bench, error) {
	dir, err := os.MkdirTemp("", "gip-bench-house")
	if err != nil {
		return nil, err
	}
	b := &bench{ctx: ctx, dir: dir, hello: filepath.Join(dir, "hello")}
	if b.devnull, err = os.OpenFile(os.DevNull, os.O_WRONLY, 0); err != nil {
		return b, err
	}
	if b.errlog, err = os.Create(filepath.Join(dir, "stderr")); err != nil {
		return b, err
	}
	if err := b.buildPrograms(gip); err != nil {
		return b, err
	}
	if b.small, err = b.newNS(); err != nil {
		return b, err
	}
	if err := b.addVeth(b.small); err != nil {
		return b, err
	}
	return b, b.timeProbe()
}

// close deletes every namespace the benchmark created and its scratch
// directory. It does not use the benchmark's context, which an interrupt
// has cancelled by then.
func (b *bench) close() {
	for _, ns := range slices.Backward(b.spaces) {
		b.deleteNS(ns)
	}
	for _, f := range []*os.File{b.devnull, b.errlog} {
		if f != nil {
			f.Close()
		}
	}
	os.RemoveAll(b.dir)
}

// measure runs the three measurements in turn.
func (b *bench) measure(cfg config) ([]row, error) {
	fmt.Printf("gip %s\n%s", b.gip, ipVersion())
	fmt.Printf("%d batch lines, %d rounds, %d start-ups\n\n", cfg.n, cfg.rounds, cfg.startups)
	var rows []row
	for _, m := range []func(config) (row, error){b.startup, b.neighbours, b.mixed} {
		r, err := m(cfg)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// row is one line of the report: the medians of gip and its reference.
type row struct {
	name  string
	ref   string
	refT  time.Duration
	gipT  time.Duration
	limit float64 // highest acceptable gip/ref ratio; 0 for none
}

// report prints the table and returns whether a target was missed.
func report(w io.Writer, rows []row) (missed bool) {
	fmt.Fprintf(w, "%-30s %-16s %12s %12s %8s   %s\n", "benchmark", "reference", "ref median", "gip median", "gip/ref", "target")
	for _, r := range rows {
		ratio := r.gipT.Seconds() / r.refT.Seconds()
		verdict := "informational"
		if r.limit > 0 {
			verdict = fmt.Sprintf("<= %.2fx met", r.limit)
			if ratio > r.limit {
				verdict, missed = fmt.Sprintf("<= %.2fx MISSED", r.limit), true
			}
		}
		fmt.Fprintf(w, "%-30s %-16s %12s %12s %7.2fx   %s\n", r.name, r.ref, human(r.refT), human(r.gipT), ratio, verdict)
	}
	fmt.Fprintln(w, "route batches: measured by `go run ./bench/gip-route`")
	return missed
}

// startup times `gip -n NS -br link` on the small namespace and the
// hello-world binary, alternating, cfg.startups times each.
func (b *bench) startup(cfg config) (row, error) {
	hello := func() (time.Duration, error) { return b.timed(b.hello) }
	gip := func() (time.Duration, error) { return b.timed(b.gip, "-n", b.small, "-br", "link") }
	helloT, gipT, err := alternate(cfg.startups, hello, gip)
	if err != nil {
		return row{}, err
	}
	return row{"start-up: -br link, small ns", "hello (static Go)", median(helloT), median(gipT), 1.15}, nil
}

// neighbours times -batch of cfg.n `neigh add` lines on veth0 of one
// namespace, by ip and gip alternately, emptying the table before each run.
func (b *bench) neighbours(cfg config) (row, error) {
	file := filepath.Join(b.dir, "neigh.batch")
	if err := writeBatch(file, cfg.n, neighLines); err != nil {
		return row{}, err
	}
	ns, err := b.newNS()
	if err != nil {
		return row{}, err
	}
	if err := b.addVeth(ns); err != nil {
		return row{}, err
	}
	if err := b.ip(ns, "addr", "add", "10.0.0.1/8", "dev", "veth0"); err != nil {
		return row{}, err
	}
	// The kernel's neighbour hash table is shared by all namespaces and
	// only grows; an untimed fill sizes it for n entries, so that the
	// first timed run does not pay for that alone.
	if _, err := b.fillNeighbours(ns, "ip", file, cfg.n); err != nil {
		return row{}, err
	}
	fill := func(tool string) func() (time.Duration, error) {
		return func() (time.Duration, error) { return b.fillNeighbours(ns, tool, file, cfg.n) }
	}
	ipT, gipT, err := alternate(cfg.rounds, fill("ip"), fill(b.gip))
	if err != nil {
		return row{}, err
	}
	if err := b.retireNS(ns); err != nil {
		return row{}, err
	}
	return row{fmt.Sprintf("-batch: %d neigh add", cfg.n), "ip -batch", median(ipT), median(gipT), 0.5}, nil
}

// fillNeighbours empties veth0's neighbour table, times tool -batch file
// and checks that all n entries are there afterwards.
func (b *bench) fillNeighbours(ns, tool, file string, n int) (time.Duration, error) {
	if err := b.ip(ns, "neigh", "flush", "dev", "veth0", "nud", "all"); err != nil {
		return 0, err
	}
	if err := b.expect(ns, "neighbours on veth0 after flush", 0, "neigh", "show", "dev", "veth0"); err != nil {
		return 0, err
	}
	d, err := b.timed(tool, "-n", ns, "-batch", file)
	if err != nil {
		return 0, err
	}
	return d, b.expect(ns, "neighbours on veth0 after "+filepath.Base(tool)+" -batch", n, "neigh", "show", "dev", "veth0")
}

// neighLines writes one `neigh add` line: distinct addresses in 10.0.0.0/8
// after veth0's own 10.0.0.1, each with its own MAC address.
func neighLines(w io.Writer, i int) {
	k := i + 2
	a, b, c := k>>16&255, k>>8&255, k&255
	fmt.Fprintf(w, "neigh add 10.%d.%d.%d lladdr 02:00:00:%02x:%02x:%02x dev veth0\n", a, b, c, a, b, c)
}

// mixed times -batch of cfg.n/6 groups of mixedLines, each run by ip or
// gip in a fresh namespace, alternately.
func (b *bench) mixed(cfg config) (row, error) {
	groups := cfg.n / 6
	file := filepath.Join(b.dir, "mixed.batch")
	if err := writeBatch(file, groups, mixedLines); err != nil {
		return row{}, err
	}
	runIn := func(tool string) func() (time.Duration, error) {
		return func() (time.Duration, error) { return b.mixedRun(tool, file, groups) }
	}
	ipT, gipT, err := alternate(cfg.rounds, runIn("ip"), runIn(b.gip))
	if err != nil {
		return row{}, err
	}
	return row{fmt.Sprintf("-batch: %d mixed lines", 6*groups), "ip -batch", median(ipT), median(gipT), 0}, nil
}

// mixedLines writes group i of the mixed batch: a veth pair, its end
// brought up, an address, a route, a neighbour and a rule.
func mixedLines(w io.Writer, i int) {
	k := i + 1
	x, y := k>>8, k&255
	fmt.Fprintf(w, "link add d%d type veth peer name e%d\n", i, i)
	fmt.Fprintf(w, "link set d%d up\n", i)
	fmt.Fprintf(w, "addr add 10.1.%d.%d/32 dev d%d\n", x, y, i)
	fmt.Fprintf(w, "route add 10.200.%d.%d/32 dev d%d\n", x, y, i)
	fmt.Fprintf(w, "neigh add 10.2.%d.%d lladdr 02:00:00:02:%02x:%02x dev d%d\n", x, y, x, y, i)
	fmt.Fprintf(w, "rule add from 10.3.%d.%d/32 table 100 pref %d\n", x, y, 1000+i)
}

// mixedRun times tool -batch file in a fresh namespace, checks what it
// built, and deletes the namespace.
func (b *bench) mixedRun(tool, file string, groups int) (time.Duration, error) {
	ns, err := b.newNS()
	if err != nil {
		return 0, err
	}
	d, err := b.timed(tool, "-n", ns, "-batch", file)
	if err != nil {
		return 0, err
	}
	after := " after " + filepath.Base(tool) + " -batch"
	for _, c := range []struct {
		what string
		want int
		args []string
	}{
		{"links", 2*groups + 1, []string{"-br", "link", "show"}},
		{"IPv4 addresses", groups + 1, []string{"-4", "-o", "addr", "show"}},
		{"routes in main", groups, []string{"route", "show"}},
		{"IPv4 neighbours", groups, []string{"-4", "neigh", "show"}},
		{"rules", groups + 3, []string{"rule", "show"}},
	} {
		if err := b.expect(ns, c.what+after, c.want, c.args...); err != nil {
			return 0, err
		}
	}
	return d, b.retireNS(ns)
}

// alternate takes rounds measurements of ref and of gip, swapping which
// goes first every round, and returns both sets of times.
func alternate(rounds int, ref, gip func() (time.Duration, error)) (refT, gipT []time.Duration, err error) {
	for r := range rounds {
		steps := []struct {
			measure func() (time.Duration, error)
			into    *[]time.Duration
		}{{ref, &refT}, {gip, &gipT}}
		if r%2 == 1 {
			steps[0], steps[1] = steps[1], steps[0]
		}
		for _, s := range steps {
			d, err := s.measure()
			if err != nil {
				return nil, nil, err
			}
			*s.into = append(*s.into, d)
		}
	}
	return refT, gipT, nil
}

// newNS creates a namespace named gipbench-house-PID-N with lo up. The name
// is recorded before the namespace exists, so that an interrupt while it
// is being created still deletes it.
func (b *bench) newNS() (string, error) {
	ns := fmt.Sprintf("gipbench-house-%d-%d", os.Getpid(), len(b.spaces)+1)
	b.spaces = append(b.spaces, ns)
	if _, err := b.output("ip", "netns", "add", ns); err != nil {
		return "", err
	}
	return ns, b.ip(ns, "link", "set", "lo", "up")
}

// addVeth adds the pair veth0/veth1 to ns, both up.
func (b *bench) addVeth(ns string) error {
	for _, args := range [][]string{
		{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"link", "set", "veth0", "up"},
		{"link", "set", "veth1", "up"},
	} {
		if err := b.ip(ns, args...); err != nil {
			return err
		}
	}
	return nil
}

// deleteNS deletes ns if it exists; it runs without the benchmark's
// context so that it works after an interrupt.
func (b *bench) deleteNS(ns string) error {
	if _, err := os.Stat(filepath.Join("/run/netns", ns)); err != nil {
		return nil
	}
	if out, err := exec.Command("ip", "netns", "del", ns).CombinedOutput(); err != nil {
		return fmt.Errorf("ip netns del %s: %v: %s", ns, err, bytes.TrimSpace(out))
	}
	return nil
}

// retireNS deletes ns in the middle of the measurements and waits until
// the kernel has finished with it.
func (b *bench) retireNS(ns string) error {
	if err := b.deleteNS(ns); err != nil {
		return err
	}
	return b.settle()
}

// settle waits until the kernel has finished dismantling a deleted
// namespace. It does that on a workqueue after `ip netns del` returns,
// holding the rtnl lock for up to a second after a few thousand veth pairs,
// and a run started meanwhile would wait for it. The wait ends when two
// probes in a row, a trivial rtnl request in the small namespace, take
// their usual time, or after ten seconds.
func (b *bench) settle() error {
	deadline := time.Now().Add(10 * time.Second)
	for calm := 0; calm < 2 && time.Now().Before(deadline); {
		d, err := b.probe()
		if err != nil {
			return err
		}
		if d <= 3*b.calm {
			calm++
		} else {
			calm = 0
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// probe times one rtnl request in the small namespace.
func (b *bench) probe() (time.Duration, error) {
	return b.timed("ip", "-n", b.small, "link", "set", "lo", "up")
}

// timeProbe records the median time of a settle probe on a quiet system.
func (b *bench) timeProbe() error {
	var ts []time.Duration
	for range 9 {
		d, err := b.probe()
		if err != nil {
			return err
		}
		ts = append(ts, d)
	}
	b.calm = median(ts)
	return nil
}

// ip runs ip inside ns. Every change the benchmark makes goes through here
// or through a batch run with -n, so the host's configuration is never
// touched.
func (b *bench) ip(ns string, args ...string) error {
	_, err := b.output("ip", append([]string{"-n", ns}, args...)...)
	return err
}

// expect checks that `ip -n ns args` prints want lines.
func (b *bench) expect(ns, what string, want int, args ...string) error {
	out, err := b.output("ip", append([]string{"-n", ns}, args...)...)
	if err != nil {
		return err
	}
	if got := bytes.Count(out, []byte("\n")); got != want {
		return fmt.Errorf("%s: %d %s, want %d", ns, got, what, want)
	}
	return nil
}

// output runs a program and returns its standard output; an error carries
// its standard error.
func (b *bench) output(name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(b.ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// timed runs a program with its output discarded and returns its wall
// time. Standard error goes to a file rather than a pipe, so that the
// measurement includes no copying; the file is read only on failure.
func (b *bench) timed(name string, args ...string) (time.Duration, error) {
	if err := b.errlog.Truncate(0); err != nil {
		return 0, err
	}
	if _, err := b.errlog.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	cmd := exec.CommandContext(b.ctx, name, args...)
	cmd.Stdout, cmd.Stderr = b.devnull, b.errlog
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		msg, _ := os.ReadFile(b.errlog.Name())
		return 0, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, lastLines(msg, 5))
	}
	return d, nil
}

// buildPrograms builds the hello-world reference and, unless a binary was
// given, gip from ./cmd/gip, both static and stripped.
func (b *bench) buildPrograms(gip string) error {
	src := filepath.Join(b.dir, "hello.go")
	if err := os.WriteFile(src, []byte(helloSource), 0o644); err != nil {
		return err
	}
	if err := b.build(b.dir, b.hello, "hello.go"); err != nil {
		return err
	}
	if gip != "" {
		abs, err := filepath.Abs(gip)
		if err != nil {
			return err
		}
		if _, err := os.Stat(abs); err != nil {
			return err
		}
		b.gip = abs
		return nil
	}
	if _, err := os.Stat(filepath.Join("cmd", "gip")); err != nil {
		return errors.New("./cmd/gip not found: run from the module root or pass -gip")
	}
	b.gip = filepath.Join(b.dir, "gip")
	return b.build(".", b.gip, "./cmd/gip")
}

const helloSource = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// build compiles pkg in dir the way release binaries are built.
func (b *bench) build(dir, out, pkg string) error {
	cmd := exec.CommandContext(b.ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", pkg, err, msg)
	}
	return nil
}

// writeBatch writes count groups of batch lines, made by lines, to path.
func writeBatch(path string, count int, lines func(w io.Writer, i int)) error {
	var buf bytes.Buffer
	for i := range count {
		lines(&buf, i)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func ipVersion() string {
	out, err := exec.Command("ip", "-V").Output()
	if err != nil {
		return "ip: version unknown\n"
	}
	return string(out)
}

func median(ts []time.Duration) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	return s[len(s)/2]
}

// human formats a duration in milliseconds below a second, else seconds.
func human(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.3f s", d.Seconds())
}

// lastLines returns at most n trailing lines of msg.
func lastLines(msg []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(msg)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
