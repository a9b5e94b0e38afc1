// Package bridge is `gip bridge`, iproute2's separate bridge tool as a gip
// object: `gip bridge link|fdb|vlan ...` takes what `bridge link|fdb|vlan
// ...` takes, prints what it prints and, as it does, exits 255 on every
// failure.
//
// Each of bridge's objects is a command.Object of its own, reached through
// a verb of the bridge object:
//
//	bridge.go     the bridge object, its usage, and bridge's exit status
//	link.go       bridge link: set, and the object's verbs
//	link_show.go  bridge link show: the ports and their STP and flag settings
//	fdb.go        bridge fdb: add, append, replace, del as plans, and the object's verbs
//	fdb_show.go   bridge fdb show: the forwarding database
//	vlan.go       bridge vlan: add and del as plans, and the object's verbs
//	vlan_show.go  bridge vlan show: the vlans of each port
package bridge
