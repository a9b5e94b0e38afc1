// Package taskstats is `gip taskstats`: the kernel's per-task accounting
// (the TASKSTATS generic netlink family) of a task or a thread group, and
// the records the kernel sends as tasks exit: CPU time and the delays a
// task waited through (for a CPU, block I/O, swap-in, memory reclaim,
// thrashing, compaction, write-protect copies, interrupts), its I/O and
// its context switches. ip has no such object; this one is gip's own.
//
//	object.go   the object: its verbs and usage
//	args.go     the words: pid, tgid, cpumask
//	show.go     show: one task's or group's statistics
//	monitor.go  monitor: exit records as they come
//	view.go     a record as text and JSON
package taskstats
