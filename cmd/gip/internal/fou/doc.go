// Package fou is `gip fou`, ip's fou object: the ports on which the kernel
// receives foo-over-UDP and GUE (the fou generic netlink family) in a
// network namespace.
//
//	object.go  the object and its usage
//	change.go  add and del: ip's grammar, its checks, planned steps
//	show.go    show: the dump
//	view.go    a port as text and JSON
package fou
