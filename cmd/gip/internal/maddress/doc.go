// Package maddress is `gip maddress`, ip's maddr object: the multicast
// groups of each device, read from /proc/net/dev_mcast, /proc/net/igmp
// and /proc/net/igmp6 as the namespace of -n sees them, and link-layer
// groups joined and left with the SIOCADDMULTI and SIOCDELMULTI ioctls.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	proc.go    reading the three tables in the namespace
//	show.go    show: the groups by device
//	modify.go  add and del of a link-layer group
//	view.go    a device's header and one group, as text and JSON
package maddress
