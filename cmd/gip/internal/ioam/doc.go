// Package ioam is `gip ioam`, ip's view of IPv6 In-situ OAM over the
// generic netlink family IOAM6: namespaces (add, del, show, and set,
// which binds a schema) and schemas (add, del, show).
//
//	object.go     the object: namespace and schema and their verbs, all whole words as ip reads them, the usage
//	socket.go     the family's socket and a change as a plan step
//	namespace.go  namespace show, add, del and set
//	schema.go     schema show, add and del
//	view.go       a namespace and a schema as text and JSON
package ioam
