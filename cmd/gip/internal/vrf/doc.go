// Package vrf is `gip vrf`, ip's view of VRF devices and of the processes
// bound to them: show lists the VRFs and their tables, exec runs a command
// whose sockets bind to a VRF (as ip does it: a cgroup v2 per VRF, under
// the namespace's, with a BPF program that sets each new socket's bound
// device), identify and pids read those cgroups back.
//
//	object.go    the object: its verbs, ip's order for their abbreviations, the usage
//	show.go      show: every VRF with its table, or one
//	lookup.go    a VRF by name: its index and table (ip's name_is_vrf, ipvrf_get_table)
//	cgroup.go    the cgroup v2 mount and the paths of a VRF's cgroup
//	bpf.go       the socket program that binds sockets to the VRF
//	exec.go      exec: the cgroup made and joined, the program attached, the command run
//	identify.go  identify and pids
package vrf
