package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func newAddVerb(verb string, flags nl.Flags) command.Verb {
	return command.Verb{Use: verb + " [link DEV] [ name ] NAME ... type TYPE [ ARGS ]", Short: verb + " a link", Run: func(e *env.Env, args []string) error {
		return runAdd(e, &addOptions{Args: args, Flags: flags})
	}}
}

type addOptions struct {
	Args  []string
	Flags nl.Flags
}

func runAdd(e *env.Env, o *addOptions) error {
	la, err := parseLinkArgs(e, grammar.NewArgs(o.Args), true)
	if err != nil {
		return err
	}
	defer la.close()
	if la.Kind == "" {
		return fail.Localf("Not enough information: \"type\" argument is required")
	}
	s := &la.spec
	s.Name = la.dev
	if la.group != nil {
		s.Group = la.group
	}
	kind, err := parseKind(e, la.Kind, la.kindArgs)
	if err != nil {
		return err
	}
	defer kind.close()
	if err := kind.resolve(e); err != nil {
		return err
	}
	s.Kind = kind.spec
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(s.Do(conn, unix.RTM_NEWLINK, o.Flags))
}
