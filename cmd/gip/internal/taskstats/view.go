package taskstats

import (
	"strconv"
	"time"

	"github.com/gip-suite/gip/internal/format"
	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

// view prints one record: a header line saying whose statistics they
// are, then a line per concern, then a table of the delays. In JSON the
// times are integers of the unit their key names (_us, _ns), the delays
// an object per kind under "delays".
//
// A thread group's record carries only what the kernel sums over the
// group's threads (delays, CPU and elapsed time, context switches); the
// rest of struct taskstats is left out rather than shown as zeros.
type view struct {
	r    ts.Record
	exit bool // an exit record of monitor
	// delayacct is whether the kernel's delay accounting is on, when
	// known (show says so; monitor records do not repeat it).
	delayacct *bool
}

// delayKinds names the delays: the JSON key (the kernel's field prefix)
// and the text label.
var delayKinds = [...]struct{ key, label string }{
	{"cpu", "cpu"}, {"blkio", "block I/O"}, {"swapin", "swap-in"}, {"freepages", "memory reclaim"},
	{"thrashing", "thrashing"}, {"compact", "compaction"}, {"wpcopy", "write-protect copy"}, {"irq", "IRQ"},
}

// delaysOf lists the delays a version of struct taskstats has.
func delaysOf(s *ts.Stats) []ts.Delay {
	d := s.Delays
	all := []ts.Delay{d.CPU, d.BlockIO, d.SwapIn, d.Reclaim, d.Thrashing, d.Compact, d.WPCopy, d.IRQ}
	switch {
	case s.Version < 11:
		return all[:5]
	case s.Version < 13:
		return all[:6]
	case s.Version < 14:
		return all[:7]
	}
	return all
}

func (v *view) Fields(f *format.Fields) {
	r, s := &v.r, &v.r.Stats
	group := r.Scope == ts.ScopeTGID
	if v.exit {
		f.String("event", "%s ", "exit")
	}
	f.String("scope", "%s ", r.Scope.String())
	f.Uint("id", "%u ", uint64(r.ID))
	if !group {
		f.Uint("tgid", "tgid %u ", uint64(s.TGID))
		f.Uint("ppid", "ppid %u ", uint64(s.PPID))
		f.String("comm", "comm %s ", s.Comm)
		f.Uint("uid", "uid %u ", uint64(s.UID))
		f.Uint("gid", "gid %u ", uint64(s.GID))
		f.Int("nice", "nice %d ", int64(s.Nice))
		flags(f, s.Flags)
	}
	if v.exit && !group {
		exitStatus(f, s.ExitCode)
	}
	f.Uint("version", "version %u", uint64(s.Version))
	f.Line()

	f.Literal("    ")
	if !group && !s.Begin.IsZero() {
		f.Int("btime", "", s.Begin.Unix())
		f.String("", "started %s ", s.Begin.UTC().Format(time.RFC3339))
	}
	duration(f, "etime_us", "elapsed %s ", s.Elapsed, time.Microsecond)
	duration(f, "utime_us", "user %s ", s.User, time.Microsecond)
	duration(f, "stime_us", "system %s ", s.System, time.Microsecond)
	duration(f, "cpu_run_real_ns", "on-cpu %s ", s.CPURunReal, time.Nanosecond)
	duration(f, "cpu_run_virtual_ns", "virtual %s", s.CPURunVirt, time.Nanosecond)
	f.Line()
	if !group {
		f.Literal("    ")
		f.Uint("minflt", "faults minor %u ", s.MinorFaults)
		f.Uint("majflt", "major %u ", s.MajorFaults)
		f.Uint("hiwater_rss_kb", "peak rss %ukB ", s.PeakRSS)
		f.Uint("hiwater_vm_kb", "peak vm %ukB ", s.PeakVM)
		f.Uint("coremem_mb_us", "rss-time %uMB*us ", s.CoreMem)
		f.Uint("virtmem_mb_us", "vm-time %uMB*us", s.VirtMem)
		f.Line()
		f.Literal("    ")
		f.Uint("read_char", "read %u bytes ", s.ReadChars)
		f.Uint("read_syscalls", "in %u syscalls ", s.ReadSyscalls)
		f.Uint("write_char", "written %u bytes ", s.WriteChars)
		f.Uint("write_syscalls", "in %u syscalls", s.WriteSyscalls)
		f.Line()
		f.Literal("    ")
		f.Uint("read_bytes", "storage read %u bytes ", s.ReadBytes)
		f.Uint("write_bytes", "written %u bytes ", s.WriteBytes)
		f.Uint("cancelled_write_bytes", "cancelled %u bytes", s.CancelledWriteBytes)
		f.Line()
	}
	f.Literal("    ")
	f.Uint("nvcsw", "context switches voluntary %u ", s.VoluntarySwitches)
	f.Uint("nivcsw", "involuntary %u", s.InvoluntarySwitches)
	f.Line()
	delays(f, s)
	if v.delayacct != nil {
		f.Bool("delayacct", "", *v.delayacct)
		if !*v.delayacct {
			f.Line()
			f.Literal("    delay accounting is off: only cpu delays are counted (sysctl kernel.task_delayacct=1 turns it on)")
		}
	}
	f.Literal("\n")
}

// delays prints the delay table: a heading, then a line per kind with its
// count, total, average and, from version 16, its longest and shortest
// wait (in ms, three decimals, as the kernel's getdelays prints them).
func delays(f *format.Fields, s *ts.Stats) {
	extremes := s.Version >= 16
	f.Literal("    delay                   count        total      average")
	if extremes {
		f.Literal("          max          min")
	}
	f.Open("delays")
	for i, d := range delaysOf(s) {
		f.Line()
		f.Open(delayKinds[i].key)
		f.String("", "    %-18s ", delayKinds[i].label)
		f.Uint("count", "%10u ", d.Count)
		ms(f, "total_ns", "%12s ", d.Total)
		ms(f, "average_ns", "%12s", d.Average())
		if extremes {
			ms(f, "max_ns", " %12s", d.Max)
			ms(f, "min_ns", " %12s", d.Min)
			if !d.MaxAt.IsZero() {
				f.String("max_ts", " at %s", d.MaxAt.UTC().Format(time.RFC3339Nano))
			}
		}
		f.Close()
	}
	f.Close()
}

// duration prints a time: in JSON an integer of unit (the key says
// which), in text as Go writes a duration.
func duration(f *format.Fields, key, textFmt string, d, unit time.Duration) {
	if f.JSON() {
		f.Uint(key, "", uint64(d/unit))
		return
	}
	f.String("", textFmt, d.String())
}

// ms prints a delay: nanoseconds in JSON, milliseconds in text.
func ms(f *format.Fields, key, textFmt string, d time.Duration) {
	if f.JSON() {
		f.Uint(key, "", uint64(d))
		return
	}
	f.String("", textFmt, strconv.FormatFloat(float64(d)/1e6, 'f', 3, 64)+"ms")
}

// flagNames are ac_flag's bits, as acct(5) names them.
var flagNames = []struct {
	bit  ts.Flag
	name string
}{{ts.FlagFork, "fork"}, {ts.FlagSU, "su"}, {ts.FlagCore, "core"}, {ts.FlagSignal, "xsig"}}

// flags prints the accounting flags that are set.
func flags(f *format.Fields, fl ts.Flag) {
	f.OpenArray("flags")
	var any bool
	for _, n := range flagNames {
		if fl&n.bit == 0 {
			continue
		}
		if !any {
			f.Literal("flags ")
		} else {
			f.Literal(",")
		}
		f.Element("%s", n.name)
		any = true
	}
	if any {
		f.Literal(" ")
	}
	f.CloseArray()
}

// exitStatus prints an exit record's wait status: the exit code, or the
// signal that ended the task.
func exitStatus(f *format.Fields, status uint32) {
	if sig := status & 0x7f; sig != 0 && sig != 0x7f {
		f.Uint("signal", "signal %u ", uint64(sig))
		f.Bool("core_dumped", "core-dumped ", status&0x80 != 0)
		return
	}
	f.Uint("exit_code", "exit-code %u ", uint64(status>>8&0xff))
}
