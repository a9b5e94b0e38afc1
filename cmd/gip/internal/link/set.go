package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

type setOptions struct{ Args []string }

func newSetVerb() command.Verb {
	return command.Verb{Use: "set { DEVICE | dev DEVICE | group DEVGROUP } [ up | down ] ...", Short: "change a link's attributes", Run: func(e *env.Env, args []string) error {
		return runSet(e, &setOptions{Args: args})
	}}
}

func runSet(e *env.Env, o *setOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	defer la.close()
	s := &la.spec
	if la.dev == "" && la.group == nil {
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	if la.Kind != "" {
		kind, err := parseKind(e, la.Kind, la.kindArgs)
		if err != nil {
			return err
		}
		defer kind.close()
		if err := kind.resolve(e); err != nil {
			return err
		}
		s.Kind = kind.spec
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if la.dev == "" {
		// A whole group: index 0 and IFLA_GROUP select the links.
		s.Extra = append(s.Extra, rtnl.U32(unix.IFLA_GROUP, *la.group))
		return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, 0))
	}
	l, err := env.LookupLink(e, la.dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	s.Group = la.group
	return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, 0))
}
