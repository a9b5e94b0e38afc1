package link

import (
	"maps"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

func Object() *command.Object {
	return &command.Object{
		Name:  "link",
		Short: "network devices: show, add, set, delete",
		Match: [][2]string{
			{"add", "add"}, {"set", "set"}, {"change", "set"}, {"replace", "replace"},
			{"delete", "delete"}, {"show", "show"}, {"lst", "show"}, {"list", "show"},
			{"property", "property"},
		},
		Default:   "show",
		UsageFunc: usage,
		Verbs: []command.Verb{
			newShowVerb(),
			newAddVerb("add", rtnl.FlagsAdd),
			newAddVerb("replace", rtnl.FlagsReplace),
			newSetVerb(),
			newDeleteVerb(),
			newPropertyVerb()},
	}
}

const usageVerbs = `Usage: gip link add [link DEV] [ name ] NAME
		    [ txqueuelen PACKETS ]
		    [ address LLADDR ]
		    [ broadcast LLADDR ]
		    [ mtu MTU ] [index IDX ]
		    [ numtxqueues QUEUE_COUNT ]
		    [ numrxqueues QUEUE_COUNT ]
		    [ netns { PID | NAME } ]
		    type TYPE [ ARGS ]

	gip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]

	gip link set { DEVICE | dev DEVICE | group DEVGROUP }
			[ { up | down } ]
			[ type TYPE ARGS ]
		[ arp { on | off } ]
		[ dynamic { on | off } ]
		[ multicast { on | off } ]
		[ allmulticast { on | off } ]
		[ promisc { on | off } ]
		[ trailers { on | off } ]
		[ carrier { on | off } ]
		[ txqueuelen PACKETS ]
		[ name NEWNAME ]
		[ address LLADDR ]
		[ broadcast LLADDR ]
		[ mtu MTU ]
		[ netns { PID | NAME } ]
		[ link-netns NAME | link-netnsid ID ]
		[ alias NAME ]
		[ master DEVICE ][ vrf NAME ]
		[ nomaster ]
		[ addrgenmode { eui64 | none | stable_secret | random } ]
		[ protodown { on | off } ]
		[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]
		[ gro_max_size BYTES ]

	gip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]
		[nomaster]

	gip link property add dev DEVICE [ altname NAME .. ]
	gip link property del dev DEVICE [ altname NAME .. ]

	gip link help

`

// usage is the object's usage: the verbs, then the kinds gip knows, as
// ip lists them after "TYPE :=".
func usage() string { return usageVerbs + typeList() }

// kindNames lists the registered kinds, sorted. It is set by init, not
// initialised with the table, because the table's parsers (veth's and
// netkit's peer) print the usage that lists the kinds.
var kindNames func() []string

func init() {
	kindNames = func() []string { return slices.Sorted(maps.Keys(kinds())) }
}

// typeList is the "TYPE := { ... }" paragraph of the usage, wrapped as ip
// wraps it.
func typeList() string {
	names := kindNames()
	var b strings.Builder
	line := "TYPE := {"
	for i, n := range names {
		w := " " + n
		if i < len(names)-1 {
			w += " |"
		} else {
			w += " }"
		}
		if len(line)+len(w) > 78 {
			b.WriteString(line + "\n")
			line = "         "
		}
		line += w
	}
	b.WriteString(line)
	return b.String()
}
