// Package tuntap is `gip tuntap`, ip's tuntap object: persistent TUN and
// TAP devices, made and removed through the ioctls of /dev/net/tun in the
// namespace of -n, and listed from the link table and sysfs.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	args.go    the words add and del take (mode, user, group, flags, name)
//	modify.go  add and del: TUNSETIFF, then TUNSETOWNER, TUNSETGROUP and TUNSETPERSIST
//	show.go    show: the tun links of the namespace with their sysfs flags
//	sysfs.go   reading sysfs as the namespace sees it
//	procs.go   the processes that hold a device's queues (-d)
//	view.go    one device as text and JSON
package tuntap
