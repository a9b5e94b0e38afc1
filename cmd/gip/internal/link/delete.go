package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

type deleteOptions struct{ Args []string }

func newDeleteVerb() command.Verb {
	return command.Verb{Use: "delete { DEVICE | dev DEVICE | group DEVGROUP } [ type TYPE ]", Short: "delete a link", Run: func(e *env.Env, args []string) error {
		return runDelete(e, &deleteOptions{Args: args})
	}}
}

func runDelete(e *env.Env, o *deleteOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	defer la.close()
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	s := &rtnl.LinkSpec{}
	switch {
	case la.dev != "":
		l, err := env.LookupLink(e, la.dev)
		if err != nil {
			return err
		}
		s.Index = l.Index
	case la.group != nil:
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
	default:
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	return env.Kernel(s.Do(conn, unix.RTM_DELLINK, 0))
}
