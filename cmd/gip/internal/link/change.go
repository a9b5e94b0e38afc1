package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
)

// changeVerb is a link add, set or delete as one planned step that reads
// its words when it is built: like ip, it looks devices up (and opens
// namespaces) as it reads them, which in a batch must happen after the
// lines before it have run. The step is a barrier, since it changes what
// link names resolve to, and has no undo.
func changeVerb(use, short string, build func(e *env.Env, args []string, c *cleanup) (nl.Message, error)) command.Verb {
	return command.Planned(use, short, func(_ *env.Env, args []string) ([]plan.Step, error) {
		c := &cleanup{}
		return []plan.Step{{
			Build: func(e *env.Env) (nl.Message, error) {
				m, err := build(e, args, c)
				if err != nil {
					c.run()
				}
				return m, err
			},
			Done:    c.run,
			Barrier: true,
			Report:  fail.Kernel,
		}}, nil
	})
}

// cleanup is what a change holds open until the kernel has answered it.
type cleanup struct{ fns []func() }

func (c *cleanup) add(f func()) { c.fns = append(c.fns, f) }

// run releases everything once.
func (c *cleanup) run() {
	for _, f := range c.fns {
		f()
	}
	c.fns = nil
}
