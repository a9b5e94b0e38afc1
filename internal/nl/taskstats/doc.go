// Package taskstats is the kernel's per-task accounting (the TASKSTATS
// generic netlink family) on the engine: a task's or a thread group's
// statistics on request, and the records the kernel sends as tasks exit
// to a listener registered for a set of CPUs.
//
// struct taskstats grows at its end with each version; Stats decodes
// every version the kernel sends (a shorter struct from an older kernel
// leaves the fields it lacks zero, and Version says which it had).
//
//	stats.go    Stats, the typed struct taskstats, and its decoder
//	record.go   the messages: a PID's or TGID's statistics, exit records
//	client.go   Client: get by pid or tgid, register for exit records
package taskstats
