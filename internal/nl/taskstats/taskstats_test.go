package taskstats_test

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"

	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

// sample is a full record of the newest version this package knows.
func sample() ts.Stats {
	return ts.Stats{
		Version: ts.Version, ExitCode: 3 << 8, Flags: ts.FlagFork | ts.FlagSU, Nice: -5, Sched: 1,
		Delays: ts.Delays{
			CPU:       ts.Delay{Count: 10, Total: 5 * time.Millisecond, Max: time.Millisecond, Min: time.Microsecond, MaxAt: time.Unix(1700000000, 5)},
			BlockIO:   ts.Delay{Count: 2, Total: 3 * time.Millisecond, Max: 2 * time.Millisecond, Min: time.Millisecond},
			SwapIn:    ts.Delay{Count: 3, Total: 7},
			Reclaim:   ts.Delay{Count: 4, Total: 8},
			Thrashing: ts.Delay{Count: 5, Total: 9},
			Compact:   ts.Delay{Count: 6, Total: 10},
			WPCopy:    ts.Delay{Count: 7, Total: 11},
			IRQ:       ts.Delay{Count: 8, Total: 12, Max: 4, Min: 1, MaxAt: time.Unix(1700000001, 0)},
		},
		CPURunReal: 20 * time.Millisecond, CPURunVirt: 19 * time.Millisecond, CPUScaledRunReal: 18 * time.Millisecond,
		Comm: "worker", UID: 1000, GID: 1001, PID: 42, PPID: 1, TGID: 41,
		Begin: time.Unix(1700000000, 0), Elapsed: time.Second, GroupElapsed: 2 * time.Second,
		User: 3 * time.Millisecond, System: 4 * time.Millisecond, UserScaled: 5 * time.Millisecond, SystemScaled: 6 * time.Millisecond,
		MinorFaults: 100, MajorFaults: 2, CoreMem: 7, VirtMem: 8, PeakRSS: 9, PeakVM: 10,
		ReadChars: 4096, WriteChars: 12, ReadSyscalls: 13, WriteSyscalls: 14,
		ReadBytes: 15, WriteBytes: 16, CancelledWriteBytes: 17,
		VoluntarySwitches: 18, InvoluntarySwitches: 19, ExeDev: 20, ExeInode: 21,
	}
}

func TestStatsRoundTrip(t *testing.T) {
	want := sample()
	b := want.Append(nil)
	if len(b) != ts.Size {
		t.Fatalf("encoded %d bytes, want %d", len(b), ts.Size)
	}
	got, err := ts.ParseStats(b)
	if err != nil {
		t.Fatal(err)
	}
	if !equal(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// equal compares Stats, times by instant.
func equal(a, b ts.Stats) bool {
	if !a.Begin.Equal(b.Begin) {
		return false
	}
	da, db := a.Delays, b.Delays
	for _, x := range []*[2]ts.Delay{{da.CPU, db.CPU}, {da.BlockIO, db.BlockIO}, {da.SwapIn, db.SwapIn}, {da.Reclaim, db.Reclaim},
		{da.Thrashing, db.Thrashing}, {da.Compact, db.Compact}, {da.WPCopy, db.WPCopy}, {da.IRQ, db.IRQ}} {
		if !x[0].MaxAt.Equal(x[1].MaxAt) {
			return false
		}
	}
	a.Begin, b.Begin = time.Time{}, time.Time{}
	for _, d := range []*ts.Delays{&a.Delays, &b.Delays} {
		for _, x := range []*ts.Delay{&d.CPU, &d.BlockIO, &d.SwapIn, &d.Reclaim, &d.Thrashing, &d.Compact, &d.WPCopy, &d.IRQ} {
			x.MaxAt = time.Time{}
		}
	}
	return a == b
}

// TestStatsVersions decodes what kernels of older versions send: the
// struct stops at their last field, and what comes later is zero.
func TestStatsVersions(t *testing.T) {
	full := sample()
	cases := []struct {
		version uint16
		size    int
		check   func(ts.Stats) bool
	}{
		{13, 416, func(s ts.Stats) bool {
			return s.Delays.WPCopy.Count == 7 && s.Delays.IRQ.Count == 0 && s.Delays.CPU.Max == 0
		}},
		{14, 432, func(s ts.Stats) bool { return s.Delays.IRQ.Count == 8 && s.Delays.CPU.Max == 0 }},
		{16, 560, func(s ts.Stats) bool {
			return s.Delays.CPU.Max == time.Millisecond && s.Delays.CPU.MaxAt.IsZero() && s.Delays.IRQ.Min == 1
		}},
		{17, 688, func(s ts.Stats) bool { return s.Delays.IRQ.MaxAt.Equal(time.Unix(1700000001, 0)) }},
		{12, 400, func(s ts.Stats) bool { return s.TGID == 41 && s.ExeInode == 21 && s.Delays.WPCopy.Count == 0 }},
		{10, 352, func(s ts.Stats) bool { return s.Begin.Equal(full.Begin) && s.TGID == 0 && s.Delays.Compact.Count == 0 }},
	}
	for _, c := range cases {
		s := full
		s.Version = c.version
		b := s.Append(nil)
		if len(b) != c.size || ts.SizeOf(c.version) != c.size {
			t.Errorf("version %d: %d bytes, want %d", c.version, len(b), c.size)
		}
		got, err := ts.ParseStats(b)
		if err != nil {
			t.Errorf("version %d: %v", c.version, err)
			continue
		}
		if got.Version != c.version || got.Comm != "worker" || got.PID != 42 || got.ReadChars != 4096 || !c.check(got) {
			t.Errorf("version %d: decoded %+v", c.version, got)
		}
	}
}

// TestStatsOldBtime: before version 10 the begin time is the 32-bit
// ac_btime.
func TestStatsOldBtime(t *testing.T) {
	b := make([]byte, 344)
	binary.NativeEndian.PutUint16(b, 9)
	binary.NativeEndian.PutUint32(b[136:], 1234567)
	s, err := ts.ParseStats(b)
	if err != nil || !s.Begin.Equal(time.Unix(1234567, 0)) {
		t.Fatalf("got %v, %v", s.Begin, err)
	}
}

func TestStatsErrors(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":      nil,
		"one byte":   {1},
		"version 0":  make([]byte, 352),
		"version 15": {15, 0, 0, 0},
	} {
		if _, err := ts.ParseStats(b); !errors.Is(err, ts.ErrVersion) {
			t.Errorf("%s: err = %v, want ErrVersion", name, err)
		}
	}
}

func TestDelayAverage(t *testing.T) {
	if a := (ts.Delay{Count: 4, Total: 10}).Average(); a != 2 {
		t.Errorf("average = %v", a)
	}
	if a := (ts.Delay{}).Average(); a != 0 {
		t.Errorf("average of none = %v", a)
	}
}

func TestRecords(t *testing.T) {
	pid := ts.Record{Scope: ts.ScopePID, ID: 42, Stats: sample()}
	tgid := ts.Record{Scope: ts.ScopeTGID, ID: 41, Stats: ts.Stats{Version: 16, VoluntarySwitches: 3}}
	b, err := ts.AppendRecord(nil, pid)
	if err != nil {
		t.Fatal(err)
	}
	b, err = ts.AppendRecord(b, tgid)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ts.ParseRecords(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Scope != ts.ScopePID || recs[0].ID != 42 || !equal(recs[0].Stats, pid.Stats) ||
		recs[1].Scope != ts.ScopeTGID || recs[1].ID != 41 || recs[1].Stats.VoluntarySwitches != 3 {
		t.Fatalf("records = %+v", recs)
	}
	if ts.ScopePID.String() != "pid" || ts.ScopeTGID.String() != "tgid" || ts.Scope(9).String() != "scope(9)" {
		t.Error("scope names")
	}
	// An aggregate without its struct is an error, not an empty record.
	if _, err := ts.ParseRecords([]byte{12, 0, 4, 0, 8, 0, 1, 0, 42, 0, 0, 0}); err == nil {
		t.Error("a record without statistics was accepted")
	}
}
