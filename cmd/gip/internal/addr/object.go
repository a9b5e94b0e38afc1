package addr

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func Object() *command.Object {
	return &command.Object{
		Name:    "address",
		Aliases: []string{"addr"},
		Short:   "protocol addresses: add, change, replace, delete, flush, show",
		Match: [][2]string{
			{"add", "add"}, {"change", "change"}, {"chg", "change"}, {"replace", "replace"},
			{"delete", "delete"}, {"list", "show"}, {"show", "show"}, {"lst", "show"},
			{"flush", "flush"},
		},
		Default: "show",
		Usage:   link.AddrUsage,
		Verbs: []command.Verb{
			modifyVerb("add", unix.RTM_NEWADDR, rtnl.FlagsAdd),
			modifyVerb("change", unix.RTM_NEWADDR, rtnl.FlagsChange),
			modifyVerb("replace", unix.RTM_NEWADDR, rtnl.FlagsReplace),
			modifyVerb("delete", unix.RTM_DELADDR, 0),
			newAddrShowVerb(),
			newAddrFlushVerb()},
	}
}
