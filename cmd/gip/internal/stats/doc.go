// Package stats is `gip stats`, ip's view of the statistics of
// RTM_GETSTATS: show a device's (or every device's) counters by group,
// subgroup and suite (link, xstats, xstats_slave, offload, afstats), and
// set, which turns a device's L3 hardware statistics on or off.
//
//	object.go    the object: its verbs (matched exactly, as ip does), the usage
//	tree.go      the tree of groups, subgroups and suites; ip's selection grammar over it
//	show.go      show: one device or the dump, filtered to what the selection asks for
//	set.go       set dev DEV l3_stats on|off
//	view.go      one selected leaf of one device as text and JSON
//	counters.go  the counter tables: link (ip link's -s block), hardware and MPLS
package stats
