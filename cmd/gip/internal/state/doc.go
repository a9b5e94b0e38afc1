// Package state is `gip state`: a namespace's configuration as a
// document, and the plan and atomic apply that make a namespace what a
// document says.
//
// A document (YAML; JSON is YAML too) has one section per object type:
// links, addresses, nexthops, routes, rules, neighbours, qdiscs,
// classes, filters. Each section is
// a list of objects, each a mapping of fields (gip state show writes
// every field it knows; a file may give fewer). What the kernel makes by
// itself is never written and never managed: local, broadcast, multicast
// and anycast routes, routes of the local table and of the protocols
// kernel, ra and redirect; the default rules; IPv6 link-local and
// autoconfigured addresses; lo's addresses, and lo unless it is up;
// qdiscs of handle 0 (a device's default, mq's children, a class's
// default leaf), the classes a qdisc makes itself (prio's, mqprio's,
// ets's bands, whose quanta the ets qdisc's options carry) and a qdisc's
// root class (hfsc's), and u32's root hash tables.
//
// Traffic control's options are the words tc takes after the kind, which
// each kind of package tc writes back from the kernel's answer
// (qdisc.OptionWords, filter.OptionWords): a file's words are read
// through the kind's grammar and written again before they compare, so a
// kind new to gip tc needs nothing here (kind_tc.go).
//
// What is managed: only the objects a file names, and of those only the
// fields it gives. An object of a named type that the file does not name
// stays as it is, unless its section purges:
//
//	routes:
//	  purge: true      # every route the file does not name is deleted
//	  config:
//	    - dst: 10.1.0.0/16
//	      via: 192.0.2.1
//
// An object with "state: absent" is deleted if it exists. A section the
// file leaves out is not read at all.
//
// Identity: a link by name; an address by address, peer and device; a
// nexthop by id; a route by table, destination, tos and metric (and
// device, for IPv6); a neighbour by address and device; a rule by
// everything it says (a rule that differs is another rule, replaced); a
// qdisc by device and parent; a class by device and class id; a filter
// by device, parent, chain, protocol, priority and handle.
// A link whose kind, peer or lower device differs, or whose kind options
// cannot change in place (vxlan, vlan, the tunnels: link_options.go), is
// replaced: deleted and created again.
//
// A link's kind options are under "options", one table line each in
// link_options*.go (a kind without options needs none); a bridge or bond
// port's options under "port" (the two tables' names differ, so the
// options say the kind of port); "master: \"\"" takes a link off its
// master. A bond's primary names a port: it is set after every link's
// settings, once the port has joined. A bridge's or bridge port's vlans
// are the list "vlans", the device's whole set (link_vlans.go).
//
// apply runs the plan as one atomic batch (package atomic's pre-image and
// rollback, package plan's pipeline), then reads the namespace back until
// no change is left to make (bounded retries for DAD and carrier); a
// refusal or a difference that stays rolls everything back.
//
//	managers.go  the warning that a network manager may revert an apply to the host's namespace
//	document.go  the document model: sections, objects, fields
//	kind*.go     one file per object type: fields, identity, how it is read and changed
//	link_options.go  the options of link kinds and of ports, and their words;
//	                 link_options_{bond,bridge,vxlan}.go the long tables
//	link_vlans.go    the vlans of bridges and bridge ports
//	read.go      the namespace read through gip's own JSON views
//	parse.go     a file read, every fault FILE:LINE: message
//	encode.go    a document written as YAML or JSON
//	diff.go      the plan: actions and the batch that makes them
//	show.go plan.go apply.go confirm.go   the verbs (confirm.go: apply --confirm, confirm, rollback, the watchdog)
package state
