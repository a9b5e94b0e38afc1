// Package ntable is `gip ntable`, ip's neighbour table object: the
// thresholds, timers and per-device parameters of the ARP and IPv6
// neighbour discovery caches, shown and changed over
// RTM_GETNEIGHTBL/RTM_SETNEIGHTBL.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	show.go    show: the dump, filtered by device and name
//	change.go  change: one planned RTM_SETNEIGHTBL
//	view.go    one table (or one device's parameters) as text and JSON
package ntable
