// Package route is `gip route`: the kernel's routing tables, as ip route
// reads and changes them.
//
// Where things live:
//
//	object.go     the usage text, the verbs and ip's order for abbreviating them
//	spec.go       the ROUTE grammar of add/change/replace/...: a Spec
//	nexthops.go   the `nexthop NH ...` part of that grammar
//	metrics.go    the RTA_METRICS keywords (mtu, rtt, window, ...) and their names
//	words.go      values several grammars share (via, metric, vrf)
//	modify.go     add, change, replace, prepend, append, delete, test: planned steps
//	filter.go     the SELECTOR of show, flush and save: a filter
//	match.go      which routes a filter selects
//	show.go       route show / list, and the dump loop show, save and flush share
//	flush.go      route flush
//	save.go       route save, restore and showdump
//	get.go        route get
//	writer.go     the streaming printer (text or JSON, constant memory)
//	view.go       one route, field by field (format.Fields)
//	view_extra.go the rarer parts of a route: cache, metrics, multipath hops
package route
