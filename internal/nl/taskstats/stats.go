package taskstats

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Version is the newest struct taskstats this package knows
// (TASKSTATS_VERSION); a newer kernel's extra fields are ignored.
const Version = 17

// Size is the size of struct taskstats at Version.
const Size = 688

// unstableVersion is the one version whose layout the kernel withdrew:
// version 15 placed the delay maxima and minima between older fields,
// version 16 moved them to the end. No released kernel sent it.
const unstableVersion = 15

// ErrVersion is returned for a struct taskstats whose layout is not
// known.
var ErrVersion = errors.New("taskstats: struct taskstats of an unknown layout")

// Flag is ac_flag, the accounting flags of <linux/acct.h>.
type Flag uint8

// The accounting flags.
const (
	FlagFork   Flag = 0x01 // AFORK: forked but did not exec
	FlagSU     Flag = 0x02 // ASU: used super-user privileges
	FlagCore   Flag = 0x08 // ACORE: dumped core
	FlagSignal Flag = 0x10 // AXSIG: killed by a signal
)

// Delay is one kind of delay a task waited through: how often, for how
// long in all and, from version 16, the longest and shortest single wait
// (and, from version 17, when the longest ended).
type Delay struct {
	Count uint64
	Total time.Duration
	Max   time.Duration
	Min   time.Duration
	MaxAt time.Time // zero when the kernel did not say
}

// Average is the mean wait, zero when there was none.
func (d Delay) Average() time.Duration {
	if d.Count == 0 {
		return 0
	}
	return d.Total / time.Duration(d.Count)
}

// Delays are the delay accounting fields, by what the task waited for.
type Delays struct {
	CPU       Delay // runnable, waiting for a CPU
	BlockIO   Delay // synchronous block I/O
	SwapIn    Delay // page faults on swapped-out pages
	Reclaim   Delay // memory reclaim (freepages_*)
	Thrashing Delay // pages read again soon after eviction
	Compact   Delay // memory compaction (version 11)
	WPCopy    Delay // copying a write-protected page (version 13)
	IRQ       Delay // interrupt and softirq work (version 14)
}

// Stats is struct taskstats: what the kernel accounted for a task, or
// summed over a thread group.
type Stats struct {
	Version  uint16
	ExitCode uint32 // the wait status of an exit record
	Flags    Flag
	Nice     int8
	Sched    uint8

	Delays     Delays
	CPURunReal time.Duration // on CPU, wall clock
	CPURunVirt time.Duration // on CPU, as the kernel saw it
	// CPUScaledRunReal is CPURunReal scaled for CPU frequency.
	CPUScaledRunReal time.Duration

	Comm                string
	UID, GID            uint32
	PID, PPID, TGID     uint32
	Begin               time.Time     // ac_btime64 (ac_btime before version 10)
	Elapsed             time.Duration // since the task began
	GroupElapsed        time.Duration // of the thread group (version 12)
	User, System        time.Duration
	UserScaled          time.Duration
	SystemScaled        time.Duration
	MinorFaults         uint64
	MajorFaults         uint64
	CoreMem, VirtMem    uint64 // accumulated RSS and VM, MB times µs
	PeakRSS, PeakVM     uint64 // high-water marks, KiB
	ReadChars           uint64 // bytes read through read(2) and the like
	WriteChars          uint64
	ReadSyscalls        uint64
	WriteSyscalls       uint64
	ReadBytes           uint64 // bytes the task made storage read
	WriteBytes          uint64
	CancelledWriteBytes uint64
	VoluntarySwitches   uint64
	InvoluntarySwitches uint64
	ExeDev, ExeInode    uint64 // the program's file (version 12)
}

// wire is struct taskstats of version 17 as it lies in memory on the
// kernel's side: blank fields are the compiler's padding.
type wire struct {
	Version            uint16
	_                  [2]byte
	ExitCode           uint32
	Flag               uint8
	Nice               int8
	_                  [6]byte
	CPUCount           uint64
	CPUDelayTotal      uint64
	BlkioCount         uint64
	BlkioDelayTotal    uint64
	SwapinCount        uint64
	SwapinDelayTotal   uint64
	CPURunRealTotal    uint64
	CPURunVirtualTotal uint64
	Comm               [32]byte
	Sched              uint8
	_                  [7]byte
	UID, GID           uint32
	PID, PPID          uint32
	BTime              uint32
	_                  [4]byte
	ETime, UTime       uint64
	STime              uint64
	MinFlt, MajFlt     uint64
	CoreMem, VirtMem   uint64
	HiwaterRSS         uint64
	HiwaterVM          uint64
	ReadChar           uint64
	WriteChar          uint64
	ReadSyscalls       uint64
	WriteSyscalls      uint64
	ReadBytes          uint64
	WriteBytes         uint64
	CancelledWrite     uint64
	NVCSW, NIVCSW      uint64
	UTimeScaled        uint64
	STimeScaled        uint64
	CPUScaledRunReal   uint64
	FreepagesCount     uint64
	FreepagesDelay     uint64
	ThrashingCount     uint64
	ThrashingDelay     uint64
	BTime64            uint64
	CompactCount       uint64
	CompactDelay       uint64
	TGID               uint32
	_                  [4]byte
	TGETime            uint64
	ExeDev, ExeInode   uint64
	WPCopyCount        uint64
	WPCopyDelay        uint64
	IRQCount           uint64
	IRQDelay           uint64
	MaxMin             [8][2]uint64 // max, min per delay (version 16)
	MaxAt              [8][2]int64  // seconds, nanoseconds (version 17)
}

// ParseStats decodes a struct taskstats in the kernel's byte order. A
// struct shorter than this package's leaves the fields it lacks zero; one
// shorter than its version field, or of version 15, is an error.
func ParseStats(b []byte) (Stats, error) {
	if len(b) < 2 {
		return Stats{}, fmt.Errorf("%w: %d bytes", ErrVersion, len(b))
	}
	var full [Size]byte
	copy(full[:], b)
	var w wire
	if _, err := binary.Decode(full[:], binary.NativeEndian, &w); err != nil {
		return Stats{}, fmt.Errorf("taskstats: decoding struct taskstats: %w", err)
	}
	if w.Version == unstableVersion || w.Version == 0 {
		return Stats{}, fmt.Errorf("%w: version %d", ErrVersion, w.Version)
	}
	return w.stats(), nil
}

func usec(v uint64) time.Duration { return time.Duration(v) * time.Microsecond }

func (w *wire) stats() Stats {
	s := Stats{
		Version:  w.Version,
		ExitCode: w.ExitCode,
		Flags:    Flag(w.Flag),
		Nice:     w.Nice,
		Sched:    w.Sched,
		Delays: Delays{
			CPU:       Delay{Count: w.CPUCount, Total: time.Duration(w.CPUDelayTotal)},
			BlockIO:   Delay{Count: w.BlkioCount, Total: time.Duration(w.BlkioDelayTotal)},
			SwapIn:    Delay{Count: w.SwapinCount, Total: time.Duration(w.SwapinDelayTotal)},
			Reclaim:   Delay{Count: w.FreepagesCount, Total: time.Duration(w.FreepagesDelay)},
			Thrashing: Delay{Count: w.ThrashingCount, Total: time.Duration(w.ThrashingDelay)},
			Compact:   Delay{Count: w.CompactCount, Total: time.Duration(w.CompactDelay)},
			WPCopy:    Delay{Count: w.WPCopyCount, Total: time.Duration(w.WPCopyDelay)},
			IRQ:       Delay{Count: w.IRQCount, Total: time.Duration(w.IRQDelay)},
		},
		CPURunReal:          time.Duration(w.CPURunRealTotal),
		CPURunVirt:          time.Duration(w.CPURunVirtualTotal),
		CPUScaledRunReal:    time.Duration(w.CPUScaledRunReal),
		Comm:                cString(w.Comm[:]),
		UID:                 w.UID,
		GID:                 w.GID,
		PID:                 w.PID,
		PPID:                w.PPID,
		TGID:                w.TGID,
		Elapsed:             usec(w.ETime),
		GroupElapsed:        usec(w.TGETime),
		User:                usec(w.UTime),
		System:              usec(w.STime),
		UserScaled:          usec(w.UTimeScaled),
		SystemScaled:        usec(w.STimeScaled),
		MinorFaults:         w.MinFlt,
		MajorFaults:         w.MajFlt,
		CoreMem:             w.CoreMem,
		VirtMem:             w.VirtMem,
		PeakRSS:             w.HiwaterRSS,
		PeakVM:              w.HiwaterVM,
		ReadChars:           w.ReadChar,
		WriteChars:          w.WriteChar,
		ReadSyscalls:        w.ReadSyscalls,
		WriteSyscalls:       w.WriteSyscalls,
		ReadBytes:           w.ReadBytes,
		WriteBytes:          w.WriteBytes,
		CancelledWriteBytes: w.CancelledWrite,
		VoluntarySwitches:   w.NVCSW,
		InvoluntarySwitches: w.NIVCSW,
		ExeDev:              w.ExeDev,
		ExeInode:            w.ExeInode,
	}
	switch {
	case w.Version >= 10:
		if w.BTime64 != 0 {
			s.Begin = time.Unix(int64(w.BTime64), 0)
		}
	case w.BTime != 0:
		s.Begin = time.Unix(int64(w.BTime), 0)
	}
	if w.Version >= 16 {
		for i, d := range s.Delays.all() {
			d.Max, d.Min = time.Duration(w.MaxMin[i][0]), time.Duration(w.MaxMin[i][1])
			if w.Version >= 17 && (w.MaxAt[i][0] != 0 || w.MaxAt[i][1] != 0) {
				d.MaxAt = time.Unix(w.MaxAt[i][0], w.MaxAt[i][1])
			}
		}
	}
	return s
}

// all is the delays in the kernel's order of their maxima and minima.
func (d *Delays) all() [8]*Delay {
	return [8]*Delay{&d.CPU, &d.BlockIO, &d.SwapIn, &d.Reclaim, &d.Thrashing, &d.Compact, &d.WPCopy, &d.IRQ}
}

// Append encodes s as the kernel would send it at version s.Version (or
// Version when zero): for tests and fakes.
func (s *Stats) Append(b []byte) []byte {
	w := wire{
		Version: s.Version, ExitCode: s.ExitCode, Flag: uint8(s.Flags), Nice: s.Nice, Sched: s.Sched,
		CPUCount: s.Delays.CPU.Count, CPUDelayTotal: uint64(s.Delays.CPU.Total),
		BlkioCount: s.Delays.BlockIO.Count, BlkioDelayTotal: uint64(s.Delays.BlockIO.Total),
		SwapinCount: s.Delays.SwapIn.Count, SwapinDelayTotal: uint64(s.Delays.SwapIn.Total),
		CPURunRealTotal: uint64(s.CPURunReal), CPURunVirtualTotal: uint64(s.CPURunVirt),
		UID: s.UID, GID: s.GID, PID: s.PID, PPID: s.PPID,
		ETime: uint64(s.Elapsed / time.Microsecond), UTime: uint64(s.User / time.Microsecond),
		STime: uint64(s.System / time.Microsecond), MinFlt: s.MinorFaults, MajFlt: s.MajorFaults,
		CoreMem: s.CoreMem, VirtMem: s.VirtMem, HiwaterRSS: s.PeakRSS, HiwaterVM: s.PeakVM,
		ReadChar: s.ReadChars, WriteChar: s.WriteChars, ReadSyscalls: s.ReadSyscalls, WriteSyscalls: s.WriteSyscalls,
		ReadBytes: s.ReadBytes, WriteBytes: s.WriteBytes, CancelledWrite: s.CancelledWriteBytes,
		NVCSW: s.VoluntarySwitches, NIVCSW: s.InvoluntarySwitches,
		UTimeScaled: uint64(s.UserScaled / time.Microsecond), STimeScaled: uint64(s.SystemScaled / time.Microsecond),
		CPUScaledRunReal: uint64(s.CPUScaledRunReal),
		FreepagesCount:   s.Delays.Reclaim.Count, FreepagesDelay: uint64(s.Delays.Reclaim.Total),
		ThrashingCount: s.Delays.Thrashing.Count, ThrashingDelay: uint64(s.Delays.Thrashing.Total),
		CompactCount: s.Delays.Compact.Count, CompactDelay: uint64(s.Delays.Compact.Total),
		TGID: s.TGID, TGETime: uint64(s.GroupElapsed / time.Microsecond), ExeDev: s.ExeDev, ExeInode: s.ExeInode,
		WPCopyCount: s.Delays.WPCopy.Count, WPCopyDelay: uint64(s.Delays.WPCopy.Total),
		IRQCount: s.Delays.IRQ.Count, IRQDelay: uint64(s.Delays.IRQ.Total),
	}
	if w.Version == 0 {
		w.Version = Version
	}
	copy(w.Comm[:], s.Comm)
	if !s.Begin.IsZero() {
		w.BTime, w.BTime64 = uint32(s.Begin.Unix()), uint64(s.Begin.Unix())
	}
	d := s.Delays
	for i, x := range d.all() {
		w.MaxMin[i] = [2]uint64{uint64(x.Max), uint64(x.Min)}
		if !x.MaxAt.IsZero() {
			w.MaxAt[i] = [2]int64{x.MaxAt.Unix(), int64(x.MaxAt.Nanosecond())}
		}
	}
	var full [Size]byte
	binary.Encode(full[:], binary.NativeEndian, &w) // a fixed-size struct into its size cannot fail
	return append(b, full[:SizeOf(w.Version)]...)
}

// SizeOf is the size of struct taskstats at version v, as far as this
// package knows the layouts; newer versions are at least Size.
func SizeOf(v uint16) int {
	switch {
	case v >= 17:
		return Size
	case v == 16:
		return 560
	case v >= 14:
		return 432
	case v == 13:
		return 416
	case v == 12:
		return 400
	case v == 11:
		return 368
	default:
		return 352 // version 10: up to ac_btime64
	}
}

// cString is the text of a NUL-terminated array (all of it when there is
// no NUL).
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
