// Package netns is `gip netns`, ip's named network namespaces: the files
// under /run/netns and the ids this namespace gives others.
//
//	object.go    the object: its verbs, ip's order for their abbreviations, the usage
//	names.go     what a namespace name may be, and the name argument verbs take
//	errors.go    file and mount failures worded as ip words them
//	list.go      list: the named namespaces and their ids
//	list_id.go   list-id: the ids, and the names they belong to
//	add.go       add: create a named namespace
//	attach.go    attach: name the namespace of a process
//	set.go       set: give a named namespace an id
//	delete.go    delete: remove one name, or every one with -all
//	identify.go  identify and pids: which names a process has, which processes a name
//	exec.go      exec: run a command inside a namespace, or in every one with -all
package netns
