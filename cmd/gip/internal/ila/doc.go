// Package ila is `gip ila`, ip's view of Identifier Locator Addressing
// over the generic netlink family "ila": add, delete and list the
// mappings of a locator to match to a locator.
//
//	object.go   the object: the family resolved before the verb as ip does, the verbs, the usage
//	mapping.go  add and delete: ip's reading of a mapping, its complaints, the request
//	list.go     list, and a mapping as text and JSON
package ila
