// Package bridge is `gip bridge`, iproute2's separate bridge tool as a gip
// object: `gip bridge link|fdb|mdb|vlan|vni ...` takes what `bridge
// link|fdb|mdb|vlan|vni ...` takes, prints what it prints and, as it does, exits 255 on every
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
//	vlan_tunnel.go    bridge vlan tunnelshow: the tunnel ids vlans map to
//	vlan_set.go       bridge vlan set: options of port vlans (RTM_NEWVLAN)
//	vlan_global.go    bridge vlan global set, and the global object
//	vlan_global_show.go  bridge vlan global show
//	vni.go        bridge vni: add and delete as plans (RTM_NEWTUNNEL/DELTUNNEL)
//	vni_show.go   bridge vni show
//	fdb_get.go    bridge fdb get: one entry
//	fdb_flush.go  bridge fdb flush: a bulk delete as a plan
//	mdb.go, mdb_show.go  bridge mdb
package bridge
