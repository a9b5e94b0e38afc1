package taskstats

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/format"
	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

func render(t *testing.T, opts format.Options, v *view) string {
	t.Helper()
	var b bytes.Buffer
	p := format.NewPrinter(&b, opts)
	if err := p.Print(v); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestViewExitRecord prints a version 14 exit record (no extremes) of a
// task killed by a signal, as text and JSON.
func TestViewExitRecord(t *testing.T) {
	s := ts.Stats{Version: 14, ExitCode: 9, Flags: ts.FlagSignal, Comm: "sleep", PID: 7, TGID: 7, PPID: 1, UID: 1000, GID: 100,
		Begin: time.Unix(1700000000, 0), Elapsed: 1500 * time.Millisecond, User: time.Millisecond, ReadChars: 2048, ReadSyscalls: 1024,
		Delays: ts.Delays{CPU: ts.Delay{Count: 2, Total: 3 * time.Millisecond}, IRQ: ts.Delay{Count: 1, Total: 500 * time.Microsecond}}}
	v := &view{r: ts.Record{Scope: ts.ScopePID, ID: 7, Stats: s}, exit: true}
	want := `exit pid 7 tgid 7 ppid 1 comm sleep uid 1000 gid 100 nice 0 flags xsig signal 9 version 14
    started 2023-11-14T22:13:20Z elapsed 1.5s user 1ms system 0s on-cpu 0s virtual 0s
    faults minor 0 major 0 peak rss 0kB peak vm 0kB rss-time 0MB*us vm-time 0MB*us
    read 2048 bytes in 1024 syscalls written 0 bytes in 0 syscalls
    storage read 0 bytes written 0 bytes cancelled 0 bytes
    context switches voluntary 0 involuntary 0
    delay                   count        total      average
    cpu                         2      3.000ms      1.500ms
    block I/O                   0      0.000ms      0.000ms
    swap-in                     0      0.000ms      0.000ms
    memory reclaim              0      0.000ms      0.000ms
    thrashing                   0      0.000ms      0.000ms
    compaction                  0      0.000ms      0.000ms
    write-protect copy          0      0.000ms      0.000ms
    IRQ                         1      0.500ms      0.500ms
`
	if got := render(t, format.Options{}, v); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	j := render(t, format.Options{JSON: true}, v)
	for _, part := range []string{`"event":"exit","scope":"pid","id":7,`, `"flags":["xsig"],"signal":9,"core_dumped":false,"version":14,`,
		`"btime":1700000000,"etime_us":1500000,`, `"cpu":{"count":2,"total_ns":3000000,"average_ns":1500000}`,
		`"irq":{"count":1,"total_ns":500000,"average_ns":500000}}}]`} {
		if !strings.Contains(j, part) {
			t.Errorf("JSON lacks %s:\n%s", part, j)
		}
	}
}

// TestViewGroupWithExtremes prints a version 17 group record: no
// identity, the delays with their extremes and when the longest ended.
func TestViewGroupWithExtremes(t *testing.T) {
	s := ts.Stats{Version: 17, VoluntarySwitches: 4, Delays: ts.Delays{
		BlockIO: ts.Delay{Count: 2, Total: 4 * time.Millisecond, Max: 3 * time.Millisecond, Min: time.Millisecond, MaxAt: time.Unix(1700000000, 0)}}}
	off := false
	v := &view{r: ts.Record{Scope: ts.ScopeTGID, ID: 9, Stats: s}, delayacct: &off}
	got := render(t, format.Options{}, v)
	for _, part := range []string{"tgid 9 version 17\n    elapsed 0s user 0s", "\n    context switches voluntary 4 involuntary 0\n",
		"          max          min\n", "    block I/O                   2      4.000ms      2.000ms      3.000ms      1.000ms at 2023-11-14T22:13:20Z\n",
		"\n    delay accounting is off: only cpu delays are counted (sysctl kernel.task_delayacct=1 turns it on)\n"} {
		if !strings.Contains(got, part) {
			t.Errorf("text lacks %q:\n%s", part, got)
		}
	}
	if strings.Contains(got, "comm") || strings.Contains(got, "read ") {
		t.Errorf("a group record shows fields the kernel leaves empty:\n%s", got)
	}
	j := render(t, format.Options{JSON: true}, v)
	if !strings.Contains(j, `"blkio":{"count":2,"total_ns":4000000,"average_ns":2000000,"max_ns":3000000,"min_ns":1000000,"max_ts":"2023-11-14T22:13:20Z"}`) ||
		!strings.HasSuffix(j, `}},"delayacct":false}]`+"\n") {
		t.Errorf("JSON:\n%s", j)
	}
}

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		args string
		want target
		ok   bool
	}{
		{"pid 1", target{ts.ScopePID, 1}, true},
		{"tgid 2147483647", target{ts.ScopeTGID, 2147483647}, true},
		{"pid 2147483648", target{}, false},
		{"pid -1", target{}, false},
		{"pid 0x10", target{}, false},
		{"", target{}, false},
		{"pid 1 pid 2", target{}, false},
	} {
		got, err := parseTarget(strings.Fields(c.args))
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%q: %v %v", c.args, got, err)
		}
	}
}

func TestParseMask(t *testing.T) {
	for _, c := range []struct {
		args, want string
		ok         bool
	}{
		{"cpumask 0-3,8", "0-3,8", true},
		{"cpumask 1", "1", true},
		{"cpumask 3-", "", false},
		{"cpumask ,", "", false},
		{"cpumask a", "", false},
	} {
		got, err := parseMask(strings.Fields(c.args))
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%q: %q %v", c.args, got, err)
		}
	}
	if m, err := parseMask(nil); err != nil || !validMask(m) {
		t.Errorf("the default mask %q: %v", m, err)
	}
}

// FuzzArgs: any words give a target, a mask or an error, never a panic;
// a mask accepted is one validMask accepts.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{"pid 1", "tgid 42", "pid", "cpumask 0-3,8", "cpumask 1-", "pid 1 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		if tg, err := parseTarget(words); err == nil && (tg.id == 0 || tg.id > 1<<31-1) {
			t.Fatalf("target %v", tg)
		}
		if m, err := parseMask(words); err == nil && !validMask(m) {
			t.Fatalf("mask %q", m)
		}
	})
}
