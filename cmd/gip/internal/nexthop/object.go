package nexthop

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const usage = `Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR
       ip nexthop { add | replace } id ID NH [ protocol ID ]
       ip nexthop { get | del } id ID
SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]
            [ groups ] [ fdb ]
NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]
        [ encap ENCAPTYPE ENCAPHDR ] |
        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }
GROUP := [ <id[,weight]>/<id[,weight]>/... ]
TYPE := { mpath | resilient }
TYPE_ARGS := [ RESILIENT_ARGS ]
RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]
                  [ unbalanced_timer UNBALANCED ]
ENCAPTYPE := [ mpls ]
ENCAPHDR := [ MPLSLABEL ]`

// verbWords are ip nexthop's verbs in ip's matching order.
var verbWords = [][2]string{
	{"add", "add"}, {"replace", "replace"}, {"delete", "delete"}, {"show", "show"}, {"list", "show"},
	{"lst", "show"}, {"get", "get"}, {"flush", "flush"},
}

// Object is `gip nexthop`.
func Object() *command.Object {
	return &command.Object{
		Name:    "nexthop",
		Short:   "nexthop objects and groups",
		Match:   verbWords,
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip nexthop", command.Prog+" nexthop"),
		Verbs: []command.Verb{
			command.Planned("add id ID NH", "add a nexthop object", planModify(rtnl.NexthopAdd)),
			command.Planned("replace id ID NH", "add or replace a nexthop object", planModify(rtnl.NexthopReplace)),
			command.Planned("delete id ID", "delete a nexthop object", planDelete),
			{Use: "get id ID", Short: "show one nexthop object", Run: runGet},
			{Use: "show SELECTOR", Short: "list nexthop objects", Run: runShow},
			{Use: "flush SELECTOR", Short: "delete the selected nexthop objects", Run: runFlush},
		},
	}
}

func usageError() error {
	return fail.Usagef("%s", strings.ReplaceAll(usage, "ip nexthop", command.Prog+" nexthop"))
}
