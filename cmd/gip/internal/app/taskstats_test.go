package app

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/testenv"
)

// needTaskstats skips where the kernel has no TASKSTATS family (and
// fails in the vm tier, whose kernel has it).
func needTaskstats(t *testing.T) {
	t.Helper()
	c, err := genl.Dial("TASKSTATS", nil)
	if err != nil {
		testenv.Missing(t, testenv.GenlTaskstats, "%v", err)
	}
	c.Close()
}

// procFile reads /proc/PID/NAME.
func procFile(t *testing.T, pid int, name string) string {
	t.Helper()
	return readFile(t, fmt.Sprintf("/proc/%d/%s", pid, name))
}

// readFile reads a file the test needs.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// procKeys reads a "key: value" file of /proc (io, status) into numbers.
func procKeys(t *testing.T, pid int, name string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	for line := range strings.Lines(procFile(t, pid, name)) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		if n, err := strconv.ParseUint(fields[0], 10, 64); err == nil {
			out[k] = n
		}
	}
	return out
}

// procStat is /proc/PID/stat split after the command name: field 3 (the
// state) is [0].
func procStat(t *testing.T, pid int) []string {
	t.Helper()
	s := procFile(t, pid, "stat")
	return strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
}

// knownFile writes a file of n bytes for a child to read.
func knownFile(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// stoppedReader starts cat reading a file of n bytes, then its standard
// input (a pipe the test holds open), and stops it once it has read the
// file: its accounting stands still while the test compares.
func stoppedReader(t *testing.T, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("cat", knownFile(t, n), "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		stdin.Close()
		cmd.Wait()
	})
	pid := cmd.Process.Pid
	for deadline := time.Now().Add(10 * time.Second); procKeys(t, pid, "io")["rchar"] < uint64(n); {
		if time.Now().After(deadline) {
			t.Fatalf("cat never read the file: %v", procKeys(t, pid, "io"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // into its read of standard input
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// The state comes from status, not stat: reading stat runs the kernel's
	// CPU time adjustment, whose remembered split the comparison of CPU
	// times below must not inherit from a moment the process still ran.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(procFile(t, pid, "status"), "\nState:\tT"); {
		if time.Now().After(deadline) {
			t.Fatal("cat never stopped")
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cmd
}

// TestTaskstatsShowMatchesProc compares gip taskstats show of a stopped
// process the test started with what /proc says of it: identity, I/O,
// faults, context switches and the scheduler's figures exactly, CPU
// times within the granularity of /proc/PID/stat.
func TestTaskstatsShowMatchesProc(t *testing.T) {
	needTaskstats(t)
	const size = 123457
	cmd := stoppedReader(t, size)
	pid := cmd.Process.Pid
	r := gip(t, "-j", "taskstats", "show", "pid", strconv.Itoa(pid))
	if r.code != 0 || r.Stderr != "" {
		t.Fatalf("gip -j taskstats show pid %d: exit %d %q", pid, r.code, r.Stderr)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &recs); err != nil || len(recs) != 1 {
		t.Fatalf("not one record: %v\n%s", err, r.Stdout)
	}
	got := recs[0]
	num := func(path ...string) uint64 {
		var v any = got
		for _, k := range path {
			m, _ := v.(map[string]any)
			v = m[k]
		}
		f, ok := v.(float64)
		if !ok {
			t.Fatalf("no number at %v in %s", path, r.Stdout)
		}
		return uint64(f)
	}
	io, status, stat := procKeys(t, pid, "io"), procKeys(t, pid, "status"), procStat(t, pid)
	sched := strings.Fields(procFile(t, pid, "schedstat"))
	statNum := func(field int) uint64 { // field as proc(5) numbers them
		n, _ := strconv.ParseUint(stat[field-3], 10, 64)
		return n
	}
	schedNum := func(i int) uint64 { n, _ := strconv.ParseUint(sched[i], 10, 64); return n }
	exact := []struct {
		what      string
		got, want uint64
	}{
		{"id", num("id"), uint64(pid)},
		{"tgid", num("tgid"), uint64(pid)},
		{"ppid", num("ppid"), uint64(os.Getpid())},
		{"uid", num("uid"), status["Uid"]},
		{"gid", num("gid"), status["Gid"]},
		// The kernel rounds these four down to a multiple of 1024.
		{"read_char", num("read_char"), io["rchar"] &^ 1023},
		{"write_char", num("write_char"), io["wchar"] &^ 1023},
		{"read_syscalls", num("read_syscalls"), io["syscr"] &^ 1023},
		{"write_syscalls", num("write_syscalls"), io["syscw"] &^ 1023},
		{"read_bytes", num("read_bytes"), io["read_bytes"]},
		{"write_bytes", num("write_bytes"), io["write_bytes"]},
		{"cancelled_write_bytes", num("cancelled_write_bytes"), io["cancelled_write_bytes"]},
		{"minflt", num("minflt"), statNum(10)},
		{"majflt", num("majflt"), statNum(12)},
		{"nvcsw", num("nvcsw"), status["voluntary_ctxt_switches"]},
		{"nivcsw", num("nivcsw"), status["nonvoluntary_ctxt_switches"]},
		{"cpu_run_virtual_ns (schedstat run time)", num("cpu_run_virtual_ns"), schedNum(0)},
		{"delays.cpu.total_ns (schedstat wait time)", num("delays", "cpu", "total_ns"), schedNum(1)},
		{"delays.cpu.count (schedstat timeslices)", num("delays", "cpu", "count"), schedNum(2)},
	}
	for _, c := range exact {
		if c.got != c.want {
			t.Errorf("%s: gip %d, /proc %d", c.what, c.got, c.want)
		}
	}
	if num("read_char") < size&^1023 {
		t.Errorf("read_char %d is less than the %d bytes cat read", num("read_char"), size)
	}
	if got["comm"] != "cat" || int64(num("nice")) != int64(statNum(19)) {
		t.Errorf("comm %v nice %v, want cat %d", got["comm"], got["nice"], statNum(19))
	}
	// taskstats gives the raw, tick-sampled user and system times;
	// /proc/PID/stat gives them scaled so that they add up to the run time
	// (the kernel's cputime_adjust: stime = rtime*stime/(stime+utime),
	// utime = rtime-stime), in clock ticks of USER_HZ 100. The process is
	// stopped and stat was not read before, so that scaling is exact up to
	// the microseconds taskstats truncates to: a tick either way.
	gu, gs, rtime := num("utime_us"), num("stime_us"), schedNum(0)
	var wantS uint64
	switch {
	case gs == 0:
	case gu == 0:
		wantS = rtime
	default:
		wantS = uint64(float64(rtime) * float64(gs) / float64(gs+gu))
	}
	for _, c := range []struct {
		key   string
		field int
		want  uint64
	}{{"utime_us", 14, (rtime - wantS) / 1e7}, {"stime_us", 15, wantS / 1e7}} {
		if d := int64(statNum(c.field)) - int64(c.want); d < -1 || d > 1 {
			t.Errorf("%s: /proc %d ticks, %d ticks from gip's utime %d µs, stime %d µs and a run time of %d ns",
				c.key, statNum(c.field), c.want, gu, gs, rtime)
		}
	}

	if on := strings.TrimSpace(readFile(t, "/proc/sys/kernel/task_delayacct")) != "0"; got["delayacct"] != on {
		t.Errorf("delayacct %v, kernel.task_delayacct says %v", got["delayacct"], on)
	}
	// The begin time is the boot time plus the start in ticks.
	var boot uint64
	for line := range strings.Lines(readFile(t, "/proc/stat")) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			boot, _ = strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		}
	}
	if d := int64(num("btime")) - int64(boot+statNum(22)/100); d < -1 || d > 1 {
		t.Errorf("btime %d, /proc says %d + %d ticks", num("btime"), boot, statNum(22))
	}

	// The text says the same.
	txt := gip(t, "taskstats", "show", "pid", strconv.Itoa(pid))
	for _, want := range []string{
		fmt.Sprintf("pid %d tgid %d ppid %d comm cat uid %d gid %d ", pid, pid, os.Getpid(), status["Uid"], status["Gid"]),
		fmt.Sprintf("    read %d bytes in %d syscalls written %d bytes in %d syscalls\n", io["rchar"]&^1023, io["syscr"]&^1023, io["wchar"]&^1023, io["syscw"]&^1023),
		fmt.Sprintf("    context switches voluntary %d involuntary %d\n", status["voluntary_ctxt_switches"], status["nonvoluntary_ctxt_switches"]),
		fmt.Sprintf("    cpu                %10d ", schedNum(2)),
		"    block I/O ", "    swap-in ", "    memory reclaim ", "    thrashing ", "    compaction ",
	} {
		if !strings.Contains(txt.Stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, txt.Stdout)
		}
	}
	if n := strings.Count(txt.Stdout, "\n"); txt.code != 0 || n < 10 {
		t.Errorf("text: exit %d, %d lines", txt.code, n)
	}
	one := gip(t, "-o", "taskstats", "show", "pid", strconv.Itoa(pid))
	elapsed := regexp.MustCompile(`elapsed [^ ]+ `)
	if strings.Count(one.Stdout, "\n") != 1 || elapsed.ReplaceAllString(strings.ReplaceAll(one.Stdout, "\\", "\n"), "") != elapsed.ReplaceAllString(txt.Stdout, "") {
		t.Errorf("-o is not the text on one line:\n%s", one.Stdout)
	}

	// The thread group of a single-threaded process has its thread's
	// figures.
	r = gip(t, "-j", "taskstats", "show", "tgid", strconv.Itoa(pid))
	var grp []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &grp); err != nil || len(grp) != 1 || r.code != 0 {
		t.Fatalf("tgid: exit %d %v\n%s", r.code, err, r.Stdout)
	}
	if grp[0]["scope"] != "tgid" || grp[0]["id"] != float64(pid) || grp[0]["nvcsw"] != got["nvcsw"] ||
		grp[0]["delays"].(map[string]any)["cpu"].(map[string]any)["count"] != float64(schedNum(2)) {
		t.Errorf("tgid record %v differs from its one thread's %v", grp[0], got)
	}
	if _, ok := grp[0]["comm"]; ok {
		t.Errorf("the group record shows a comm the kernel does not fill: %v", grp[0])
	}

	// Once the process is gone.
	cmd.Process.Kill()
	cmd.Wait()
	for _, scope := range []string{"pid", "tgid"} {
		r := gip(t, "taskstats", "show", scope, strconv.Itoa(pid))
		if want := fmt.Sprintf("Cannot find %s %d\n", scope, pid); r.code != 1 || r.Stderr != want || r.Stdout != "" {
			t.Errorf("show %s of a process gone: exit %d %q %q, want 1 %q", scope, r.code, r.Stderr, r.Stdout, want)
		}
	}
}

// TestTaskstatsErrors: bad words are usage errors (255), a refused mask
// the kernel's answer (2), and a missing object word prints the usage.
func TestTaskstatsErrors(t *testing.T) {
	needTaskstats(t)
	for _, c := range []struct {
		args   string
		code   int
		stderr string
	}{
		{"taskstats show", 255, "\"gip taskstats show\" needs \"pid PID\" or \"tgid TGID\".\n"},
		{"taskstats show pid", 255, "Command line is not complete. Try option \"help\"\n"},
		{"taskstats show pid x", 255, "Error: argument \"x\" is wrong: \"pid\" must be a process ID (1 or more)\n"},
		{"taskstats show tgid 0", 255, "Error: argument \"0\" is wrong: \"tgid\" must be a process ID (1 or more)\n"},
		{"taskstats show pid 4294967296", 255, "Error: argument \"4294967296\" is wrong: \"pid\" must be a process ID (1 or more)\n"},
		{"taskstats show pid 1 2", 255, "Error: either \"pid\" is duplicate, or \"2\" is a garbage.\n"},
		{"taskstats show frob 1", 255, "Error: argument \"frob\" is wrong: expected \"pid\" or \"tgid\"\n"},
		{"taskstats monitor cpumask", 255, "Command line is not complete. Try option \"help\"\n"},
		{"taskstats monitor cpumask 1-x", 255, "Error: argument \"1-x\" is wrong: \"cpumask\" is a CPU list such as 0-3,8\n"},
		{"taskstats monitor frob", 255, "Error: either \"cpumask\" is duplicate, or \"frob\" is a garbage.\n"},
		{"taskstats monitor cpumask 4095", 2, "taskstats answers: Numerical result out of range\n"},
		{"taskstats frob", 255, "Command \"frob\" is unknown, try \"gip taskstats help\".\n"},
	} {
		r := gip(t, splitArgs(c.args)...)
		if r.code != c.code || r.Stderr != c.stderr || r.Stdout != "" {
			t.Errorf("%s: exit %d %q %q, want %d %q", c.args, r.code, r.Stderr, r.Stdout, c.code, c.stderr)
		}
	}
	if r := gip(t, "taskstats"); r.code != 255 || !strings.HasPrefix(r.Stderr, "Usage: gip taskstats show { pid PID | tgid TGID }\n") {
		t.Errorf("gip taskstats: exit %d %q", r.code, r.Stderr)
	}
}

// TestTaskstatsMonitor watches exits with gip taskstats monitor, text and
// -j, and finds the records of children the test starts: one reading a
// known file, one exiting with a code, one killed by a signal.
func TestTaskstatsMonitor(t *testing.T) {
	needTaskstats(t)
	if os.Geteuid() != 0 {
		t.Skip("skipped: registering for exit records needs CAP_NET_ADMIN")
	}
	js := startWatcher(t, true, "-j", "taskstats", "monitor")
	txt := startWatcher(t, true, "taskstats", "monitor")
	// The watchers have registered once they report a child's exit.
	for i := 0; ; i++ {
		c := exec.Command("true")
		if err := c.Run(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
		mark := fmt.Sprintf("pid %d ", c.Process.Pid)
		if strings.Contains(txt.out.String(), mark) && strings.Contains(js.out.String(), fmt.Sprintf(`"id":%d,`, c.Process.Pid)) {
			break
		}
		if i == 100 {
			t.Fatalf("the monitors never reported an exit:\n%s\n%s", txt.out.String(), js.out.String())
		}
	}
	const size = 65536
	reader := exec.Command("cat", knownFile(t, size))
	coded := exec.Command("sh", "-c", "exit 3")
	killed := exec.Command("sleep", "30")
	// gip itself has threads: its exit closes a thread group.
	threaded := exec.Command(os.Args[0], "-V")
	threaded.Env = append(os.Environ(), asMainEnv+"=1")
	for _, c := range []*exec.Cmd{reader, coded, killed, threaded} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	killed.Process.Signal(syscall.SIGKILL)
	for _, c := range []*exec.Cmd{reader, coded, killed, threaded} {
		c.Wait()
	}
	var group map[string]any // the thread group record of threaded
	var threads int          // its threads' records
	records := func() map[int]map[string]any {
		out := map[int]map[string]any{}
		threads = 0
		for line := range strings.Lines(js.out.String()) {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("monitor -j printed a line that is not JSON: %q", line)
			}
			switch {
			case m["scope"] == "pid":
				out[int(m["id"].(float64))] = m
				if m["tgid"] == float64(threaded.Process.Pid) {
					threads++
				}
			case m["id"] == float64(threaded.Process.Pid):
				group = m
			}
		}
		return out
	}
	var recs map[int]map[string]any
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		recs = records()
		if recs[reader.Process.Pid] != nil && recs[coded.Process.Pid] != nil && recs[killed.Process.Pid] != nil && group != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no records of the children %d %d %d:\n%s", reader.Process.Pid, coded.Process.Pid, killed.Process.Pid, js.out.String())
		}
	}
	r := recs[reader.Process.Pid]
	if r["event"] != "exit" || r["comm"] != "cat" || r["ppid"] != float64(os.Getpid()) || r["exit_code"] != float64(0) ||
		r["read_char"].(float64) < size || r["write_char"] != float64(size) {
		t.Errorf("the reader's record: %v", r)
	}
	if c := recs[coded.Process.Pid]; c["comm"] != "sh" || c["exit_code"] != float64(3) {
		t.Errorf("the record of exit 3: %v", c)
	}
	if k := recs[killed.Process.Pid]; k["comm"] != "sleep" || k["signal"] != float64(9) || k["exit_code"] != nil {
		t.Errorf("the record of the killed child: %v", k)
	}
	if threads < 2 || group["scope"] != "tgid" || group["event"] != "exit" || group["comm"] != nil ||
		group["nvcsw"].(float64)+group["nivcsw"].(float64) < 1 {
		t.Errorf("the thread group of gip -V: %d thread records, group record %v", threads, group)
	}
	waitFor(t, fmt.Sprintf("exit tgid %d version ", threaded.Process.Pid), txt)
	waitFor(t, fmt.Sprintf("exit pid %d tgid %d ppid %d comm sleep ", killed.Process.Pid, killed.Process.Pid, os.Getpid()), txt)
	if threads < 2 || group["scope"] != "tgid" || group["event"] != "exit" || group["comm"] != nil ||
		group["nvcsw"].(float64)+group["nivcsw"].(float64) < 1 {
		t.Errorf("the thread group of gip -V: %d thread records, group record %v", threads, group)
	}
	waitFor(t, fmt.Sprintf("exit tgid %d version ", threaded.Process.Pid), txt)
	waitFor(t, fmt.Sprintf("exit pid %d tgid %d ppid %d comm sh ", coded.Process.Pid, coded.Process.Pid, os.Getpid()), txt)
	for _, want := range []string{"signal 9 version", "exit-code 3 version"} {
		if !strings.Contains(txt.out.String(), want) {
			t.Errorf("the text lacks %q", want)
		}
	}
}
