// Package mptcp is `gip mptcp`, ip's mptcp object: the endpoints and
// limits of the kernel's MPTCP path manager (the mptcp_pm generic netlink
// family) in a network namespace.
//
//	object.go    the object, its endpoint and limits sub-objects, the usage
//	socket.go    the family's socket in the namespace -n names
//	endpoint.go  endpoint add, change and delete: the grammar, planned steps
//	show.go      endpoint show and flush
//	limits.go    limits set (planned) and show
//	view.go      an endpoint and the limits as text and JSON
package mptcp
