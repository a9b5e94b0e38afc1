package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func newDeleteVerb() command.Verb {
	return changeVerb("delete { DEVICE | dev DEVICE | group DEVGROUP } [ type TYPE ]", "delete a link", buildDelete)
}

// buildDelete reads a delete and makes its request.
func buildDelete(e *env.Env, args []string, c *cleanup) (nl.Message, error) {
	la, err := parseLinkArgs(e, grammar.NewArgs(args), false)
	if err != nil {
		return nl.Message{}, err
	}
	c.add(la.close)
	s := &rtnl.LinkSpec{}
	switch {
	case la.dev != "":
		l, err := env.LookupLink(e, la.dev)
		if err != nil {
			return nl.Message{}, err
		}
		s.Index = l.Index
	case la.group != nil:
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
	default:
		return nl.Message{}, fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	return s.Message(unix.RTM_DELLINK, 0)
}
