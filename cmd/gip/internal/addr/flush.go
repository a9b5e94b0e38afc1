package addr

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

type addrFlushOptions struct{ Args []string }

func newAddrFlushVerb() command.Verb {
	return command.Verb{Use: "flush [ dev IFNAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ]", Short: "delete the selected addresses", Run: func(e *env.Env, args []string) error {
		return runAddrFlush(e, &addrFlushOptions{Args: args})
	}}
}

func runAddrFlush(e *env.Env, o *addrFlushOptions) error {
	if len(o.Args) == 0 {
		return fail.Localf("Flush requires arguments.")
	}
	f, err := link.ParseListFilter(e, grammar.NewArgs(o.Args), true)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	maxRounds := e.G.Loops
	if maxRounds == 0 {
		maxRounds = 10
	}
	for round := 1; ; round++ {
		res, err := listAddrs(e, f)
		if err != nil {
			return err
		}
		var todo []*rtnl.Addr
		for _, l := range res.Links {
			todo = append(todo, res.Addrs[l.Index]...)
		}
		if len(todo) == 0 {
			if e.G.Stats > 0 {
				if round == 1 {
					fmt.Fprintln(e.Stdout, "Nothing to flush.")
				} else {
					fmt.Fprintf(e.Stdout, "*** Flush is complete after %d round%s ***\n", round-1, plural(round-1))
				}
			}
			return nil
		}
		if e.G.Stats > 0 {
			fmt.Fprintf(e.Stdout, "\n*** Round %d, deleting %d addresses ***\n", round, len(todo))
		}
		for _, a := range todo {
			s := &rtnl.AddrSpec{Family: a.Family, PrefixLen: a.PrefixLen, Index: a.Index,
				Local: a.Local, Address: a.Address}
			err := s.Do(conn, unix.RTM_DELADDR, 0)
			if err != nil && !errors.Is(err, unix.EADDRNOTAVAIL) && !errors.Is(err, unix.ENOENT) {
				return fail.Kernel(err)
			}
		}
		if round >= maxRounds {
			return fail.Localf("*** Flush remains incomplete after %d rounds. ***", round)
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
