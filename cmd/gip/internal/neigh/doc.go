// Package neigh is `gip neighbour`, ip's neighbour object: the ARP and NDP
// tables of the kernel.
//
//	object.go  the object: its verbs, ip's order for their abbreviations, the usage
//	entry.go   the words that name one entry (add, change, replace, delete, get)
//	modify.go  add, change, replace and delete, as plans of one request
//	get.go     get: one entry, asked of the kernel
//	filter.go  the selectors show and flush take, and the match they make
//	show.go    show and flush
//	view.go    one entry as text (normal, -o, -br), JSON and a -table row
package neigh
