// Package tcpmetrics is `gip tcp_metrics` (also `tcpmetrics`), ip's view
// of the kernel's cache of TCP metrics per destination: show, delete and
// flush over the generic netlink family tcp_metrics.
//
//	object.go    the object: its verbs, ip's order for their abbreviations, the usage
//	selector.go  the address and source words every verb reads, as ip reads them
//	show.go      show: one entry asked for by address, or the filtered dump
//	delete.go    delete and flush
//	view.go      one entry as text and JSON
package tcpmetrics
