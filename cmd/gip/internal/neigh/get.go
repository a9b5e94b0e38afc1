package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

func getVerb() command.Verb {
	return command.Verb{Use: "get { ADDR | proxy ADDR } dev DEV", Short: "show one neighbour entry", Run: runGet}
}

// runGet asks the kernel for one entry and prints it.
func runGet(e *env.Env, args []string) error {
	en, err := parseEntry(args, e.G.Family)
	if err != nil {
		return err
	}
	if !en.hasDst || en.dev == "" {
		return fail.Localf("Device and address are required arguments.")
	}
	idx, err := e.Links().Index(en.dev)
	if err != nil {
		return err
	}
	s := en.spec
	s.Index, s.State = idx, 0
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	n, err := s.Get(conn)
	if err != nil {
		return fail.Kernel(err)
	}
	p := e.Printer()
	if err := p.Print(&view{n: n, dev: e.Links().Name(n.Index), showDev: true, stats: e.G.Stats > 0}); err != nil {
		return err
	}
	return p.Close()
}
