package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Object is ip's neighbour object.
func Object() *command.Object {
	return &command.Object{
		Name:     "neighbour",
		Aliases:  []string{"neighbor", "neigh"},
		HelpName: "neigh",
		Short:    "neighbour (ARP/NDP) entries: add, change, replace, delete, flush, show, get",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
			{"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
			{"get", "get"}, {"flush", "flush"},
		},
		Default: "show",
		Usage:   usage,
		Verbs: []command.Verb{
			modifyVerb("add", unix.RTM_NEWNEIGH, rtnl.FlagsAdd),
			modifyVerb("change", unix.RTM_NEWNEIGH, rtnl.FlagsChange),
			modifyVerb("replace", unix.RTM_NEWNEIGH, rtnl.FlagsReplace),
			modifyVerb("delete", unix.RTM_DELNEIGH, 0),
			showVerb("show", false),
			showVerb("flush", true),
			getVerb(),
		},
	}
}

const usage = `Usage: gip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                [ dev DEV ] [ router ] [ extern_learn ]

       gip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
                                 [ vrf NAME ] [ master DEV ] [ unused ]

       gip neigh get { ADDR | proxy ADDR } dev DEV

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }`
