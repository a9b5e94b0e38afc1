// Package mroute is `gip mroute`, ip's view of the multicast forwarding
// cache (RTNL_FAMILY_IPMR, and IP6MR with -6): show, filtered by table,
// input device and addresses.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	show.go    show: the filter words and the dump
//	view.go    one entry as text and JSON
package mroute
