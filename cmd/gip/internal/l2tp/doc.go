// Package l2tp is `gip l2tp`, ip's l2tp object: L2TPv3 tunnels and their
// Ethernet pseudowire sessions (the l2tp generic netlink family) in a
// network namespace.
//
//	object.go  the object and its usage
//	parse.go   ip's one grammar for every verb
//	change.go  add and del: ip's checks, planned steps
//	show.go    show tunnel and show session: the dumps
//	view.go    a tunnel and a session as text and JSON
package l2tp
