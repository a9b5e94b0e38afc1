// Package token is `gip token`, ip's token object: the IPv6 tokenized
// interface identifier of a device, which SLAAC uses as the low 64 bits
// of the addresses it forms instead of one derived from the hardware
// address.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	set.go     set and del: one planned RTM_SETLINK
//	show.go    list and get
//	view.go    one device's token as text and JSON
package token
