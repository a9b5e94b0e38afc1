// Package harness is what the bench programs share: a run that needs root,
// stops on SIGINT/SIGTERM, keeps a scratch directory and the namespaces it
// creates (deleted on every way out), builds gip when no binary is given,
// times commands with their peak memory, and prints a report of medians
// and ratios against the tool gip replaces.
package harness

import (
	"context"
	"errors"
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

// Bench is one run of a bench program.
type Bench struct {
	Ctx context.Context
	// Dir is a scratch directory, removed at the end.
	Dir string
	// Gip is the gip binary measured.
	Gip string

	name   string
	spaces []string
}

// Row is one line of the report: the reference tool's and gip's medians.
type Row struct {
	Name      string
	Ref, Gip  time.Duration
	Limit     float64 // highest acceptable ratio; 0: informational
	GipMaxRSS int64   // kilobytes, 0 if not measured
	RSSLimit  int64   // highest acceptable GipMaxRSS in kilobytes; 0: none
	// Budget, when set, is a time gip must stay within where there is
	// no reference run to compare with (Ref and Limit are not used).
	Budget time.Duration
}

// Main runs the bench program called name (gip-tc) after its flags: measure gets a
// Bench (gip built from ./cmd/gip unless gip names a binary) and returns
// the rows, which are printed with ref as the reference tool's name. The
// exit status is 1 when something fails, or when check is set and a
// target is missed; 130 when interrupted.
func Main(name, ref, gip string, check bool, measure func(b *Bench) ([]Row, error)) {
	if os.Geteuid() != 0 {
		fmt.Fprintf(os.Stderr, "%s: needs root to create network namespaces\n", name)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, name, ref, gip, check, measure)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, name, ref, gip string, check bool, measure func(b *Bench) ([]Row, error)) int {
	dir, err := os.MkdirTemp("", "gip-bench-"+strings.TrimPrefix(name, "gip-"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return 1
	}
	b := &Bench{Ctx: ctx, Dir: dir, Gip: gip, name: name}
	defer b.close()
	if err == nil && b.Gip == "" {
		err = b.buildGip()
	}
	var rows []Row
	if err == nil {
		rows, err = measure(b)
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(os.Stderr, "%s: interrupted\n", name)
		return 130
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return 1
	}
	if Report(ref, rows) && check {
		return 1
	}
	return 0
}

func (b *Bench) buildGip() error {
	b.Gip = filepath.Join(b.Dir, "gip")
	cmd := exec.CommandContext(b.Ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", b.Gip, "./cmd/gip")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building gip: %v: %s", err, out)
	}
	return nil
}

func (b *Bench) close() {
	for _, ns := range slices.Backward(b.spaces) {
		exec.Command("ip", "netns", "del", ns).Run()
	}
	os.RemoveAll(b.Dir)
}

// Report prints the rows and says whether a target was missed.
func Report(ref string, rows []Row) (missed bool) {
	width := len("benchmark")
	for _, r := range rows {
		width = max(width, len(r.Name))
	}
	fmt.Printf("%-*s %12s %12s %8s %10s   %s\n", width, "benchmark", ref+" median", "gip median", "gip/"+ref, "gip RSS", "target")
	for _, r := range rows {
		ref, ratio, verdict := r.Ref.Round(time.Microsecond).String(), "", "informational"
		if r.Budget > 0 {
			ref, ratio, verdict = "-", "-", fmt.Sprintf("<= %s met", r.Budget)
			if r.Gip > r.Budget {
				verdict, missed = fmt.Sprintf("<= %s MISSED", r.Budget), true
			}
		} else {
			x := r.Gip.Seconds() / r.Ref.Seconds()
			ratio = fmt.Sprintf("%.2fx", x)
			if r.Limit > 0 {
				verdict = fmt.Sprintf("<= %.2fx met", r.Limit)
				if x > r.Limit {
					verdict, missed = fmt.Sprintf("<= %.2fx MISSED", r.Limit), true
				}
			}
		}
		rss := "-"
		if r.GipMaxRSS > 0 {
			rss = fmt.Sprintf("%.1f MB", float64(r.GipMaxRSS)/1024)
		}
		if r.RSSLimit > 0 {
			limit := fmt.Sprintf(", <= %d MB", r.RSSLimit/1024)
			if r.GipMaxRSS > r.RSSLimit {
				verdict, missed = verdict+limit+" MISSED", true
			} else {
				verdict += limit + " met"
			}
		}
		fmt.Printf("%-*s %12s %12s %8s %10s   %s\n", width, r.Name, ref, r.Gip.Round(time.Microsecond), ratio, rss, verdict)
	}
	return missed
}

// Median is the middle of d (the upper one of an even count).
func Median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// Timed runs a command with its output discarded and returns its wall
// time and peak memory (kilobytes); a command that fails is an error.
func (b *Bench) Timed(args ...string) (time.Duration, int64, error) {
	return b.TimedExit(0, args...)
}

// TimedExit is Timed for a command expected to exit with status code.
func (b *Bench) TimedExit(code int, args ...string) (time.Duration, int64, error) {
	cmd := exec.CommandContext(b.Ctx, args[0], args[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var exit *exec.ExitError
	switch {
	case err != nil && !errors.As(err, &exit):
		return 0, 0, fmt.Errorf("%s: %v", strings.Join(args, " "), err)
	case cmd.ProcessState.ExitCode() != code:
		return 0, 0, fmt.Errorf("%s: exit status %d, want %d: %s", strings.Join(args, " "), cmd.ProcessState.ExitCode(), code, stderr.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss, nil
}

// NewNS makes a namespace (gipbench-NAME-PID-N, NAME the program's
// without "gip-"), deleted at the end, and
// runs setup's ip commands in it ("link add v0 type veth peer name v1").
func (b *Bench) NewNS(setup ...string) (string, error) {
	ns := fmt.Sprintf("gipbench-%s-%d-%d", strings.TrimPrefix(b.name, "gip-"), os.Getpid(), len(b.spaces))
	b.spaces = append(b.spaces, ns)
	if out, err := exec.CommandContext(b.Ctx, "ip", "netns", "add", ns).CombinedOutput(); err != nil {
		return "", fmt.Errorf("ip netns add %s: %v: %s", ns, err, out)
	}
	for _, line := range setup {
		args := append([]string{"-n", ns}, strings.Fields(line)...)
		if out, err := exec.CommandContext(b.Ctx, "ip", args...).CombinedOutput(); err != nil {
			return "", fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	return ns, nil
}

// DeleteNS deletes a namespace NewNS made, before the end.
func (b *Bench) DeleteNS(ns string) {
	if err := exec.Command("ip", "netns", "del", ns).Run(); err == nil {
		b.spaces = slices.DeleteFunc(b.spaces, func(s string) bool { return s == ns })
	}
}
