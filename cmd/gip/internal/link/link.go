package link

import (
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
		Default: "show",
		Usage:   usage,
		Verbs: []command.Verb{
			newShowVerb(),
			newAddVerb("add", rtnl.FlagsAdd),
			newAddVerb("replace", rtnl.FlagsReplace),
			newSetVerb(),
			newDeleteVerb(),
			newPropertyVerb()},
	}
}

const usage = `Usage: gip link add [link DEV] [ name ] NAME
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

TYPE := { bond | bond_slave | bridge | bridge_slave | dummy | geneve | gre |
          gretap | ifb | ip6gre | ip6gretap | ip6tnl | ipip | ipvlan | ipvtap |
          macvlan | macvtap | nlmon | sit | veth | vlan | vrf | vxlan | wireguard }`
