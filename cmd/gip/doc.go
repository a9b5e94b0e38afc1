// Gip manages links, addresses, neighbours, network namespaces and bridge
// ports with iproute2's syntax, text output, JSON and exit codes:
//
//	gip [ OPTIONS ] OBJECT { COMMAND | help }
//
// Objects and verbs may be abbreviated as ip allows ("gip a", "gip l sh").
// The command tree is in objects.go; each object has its own file
// (link.go, addr.go, neigh.go, netns.go, bridge.go) with one options struct,
// constructor and run function per verb, and its views (view_*.go) that own
// iproute2's text and JSON layout.
package main
