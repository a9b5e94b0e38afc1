package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

type showOptions struct {
	Args []string
}

func newShowVerb() command.Verb {
	return command.Verb{Use: "show [ DEVICE | group GROUP ] [up] [master DEV] [type TYPE] [nomaster]", Short: "show links", Run: func(e *env.Env, args []string) error {
		return runShow(e, &showOptions{Args: args})
	}}
}

func runShow(e *env.Env, o *showOptions) error {
	f, err := ParseListFilter(e, grammar.NewArgs(o.Args), false)
	if err != nil {
		return err
	}
	links, cache, err := collectLinks(e, f)
	if err != nil {
		return err
	}
	p := e.Printer()
	for _, l := range links {
		if err := p.Print(&View{L: l, Cache: cache, G: e.G, Names: e.Names()}); err != nil {
			return err
		}
	}
	return p.Close()
}
