// Package netconf is `gip netconf`, ip's netconf object: the per-device
// forwarding and filtering settings of IPv4, IPv6 and MPLS, read with
// RTM_GETNETCONF.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	show.go    show: one device of one family, or a dump
//	view.go    one family's settings of one device as text and JSON
package netconf
