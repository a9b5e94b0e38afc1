// Package addrlabel is `gip addrlabel`, ip's addrlabel object: the IPv6
// address label table of RFC 6724 that source address selection reads.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	modify.go  add and del: planned steps of one request
//	show.go    list and flush
//	view.go    one label as text and JSON
package addrlabel
