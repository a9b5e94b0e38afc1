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

func newSetVerb() command.Verb {
	return changeVerb("set { DEVICE | dev DEVICE | group DEVGROUP } [ up | down ] ...", "change a link's attributes", buildSet)
}

// buildSet reads a set and makes its request.
func buildSet(e *env.Env, args []string, c *cleanup) (nl.Message, error) {
	la, err := parseLinkArgs(e, grammar.NewArgs(args), false)
	if err != nil {
		return nl.Message{}, err
	}
	c.add(la.close)
	s := &la.spec
	s.Family = e.G.Family // ip's ifi_family is its -4/-6 (the kernel reads none)
	if la.dev == "" && la.group == nil {
		return nl.Message{}, fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	var cur *rtnl.Link
	if la.dev != "" {
		if cur, err = env.LookupLink(e, la.dev); err != nil {
			return nl.Message{}, err
		}
	}
	if la.Kind != "" {
		kind, err := parseKind(e, la.Kind, la.kindArgs, cur, true)
		if err != nil {
			return nl.Message{}, err
		}
		c.add(kind.close)
		if err := kind.resolve(e); err != nil {
			return nl.Message{}, err
		}
		s.Kind = kind.spec
	}
	if la.dev == "" {
		// A whole group: index 0 and IFLA_GROUP select the links.
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
		return s.Message(unix.RTM_NEWLINK, 0)
	}
	s.Index = cur.Index
	s.Group = la.group
	return s.Message(unix.RTM_NEWLINK, 0)
}
