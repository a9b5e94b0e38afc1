// Package rule is `gip rule`: the kernel's policy routing rules, as ip
// rule reads and changes them.
//
// Where things live:
//
//	object.go    the usage text, the verbs and ip's order for abbreviating them
//	selector.go  the keywords rules and their filters share (pref, fwmark, iif, ports, ...)
//	spec.go      SELECTOR ACTION of add and del
//	modify.go    add and del: planned steps
//	filter.go    the SELECTOR of list, flush and save, and which rules it picks
//	show.go      list, flush and save
//	restore.go   restore
//	view.go      one rule, field by field (format.Fields)
package rule
