// Package nexthop is `gip nexthop`: the kernel's nexthop objects and
// groups, as ip nexthop reads and changes them, and the pieces of a
// nexthop that routes print too (encapsulation, flags).
//
// Where things live:
//
//	object.go  the usage text, the verbs and ip's order for abbreviating them
//	spec.go    the NH grammar of add and replace, and `id ID` of get and del
//	modify.go  add, replace, delete: planned steps
//	get.go     nexthop get
//	show.go    nexthop show and flush, and their SELECTOR
//	view.go    one nexthop object, field by field (format.Fields)
//	encap.go   `encap mpls LABELS [ttl N]`: its grammar and its view
//	flags.go   the RTNH_F_* / RTM_F_* flag words of routes and nexthops
package nexthop
