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
	return changeVerb(verb+" [link DEV] [ name ] NAME ... type TYPE [ ARGS ]", verb+" a link",
		func(e *env.Env, args []string, c *cleanup) (nl.Message, error) { return buildAdd(e, args, flags, c) })
}

// buildAdd reads an add or replace and makes its request.
func buildAdd(e *env.Env, args []string, flags nl.Flags, c *cleanup) (nl.Message, error) {
	la, err := parseLinkArgs(e, grammar.NewArgs(args), true)
	if err != nil {
		return nl.Message{}, err
	}
	c.add(la.close)
	if la.Kind == "" {
		return nl.Message{}, fail.Localf("Not enough information: \"type\" argument is required")
	}
	s := &la.spec
	s.Name = la.dev
	s.Family = e.G.Family // ip's ifi_family is its -4/-6 (the kernel reads none)
	if la.group != nil {
		s.Group = la.group
	}
	kind, err := parseKind(e, la.Kind, la.kindArgs, nil, false)
	if err != nil {
		return nl.Message{}, err
	}
	c.add(kind.close)
	if err := kind.resolve(e); err != nil {
		return nl.Message{}, err
	}
	s.Kind = kind.spec
	return s.Message(unix.RTM_NEWLINK, flags)
}
