package neigh

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// showVerb is show, or flush, which deletes what show would print.
func showVerb(name string, flush bool) command.Verb {
	return command.Verb{
		Use:   name + " [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ] [ master DEV ] [ unused ]",
		Short: name + " neighbour entries",
		Run:   func(e *env.Env, args []string) error { return runShow(e, args, flush) },
	}
}

func runShow(e *env.Env, args []string, flush bool) error {
	if flush && len(args) == 0 {
		return fail.Localf("Flush requires arguments.")
	}
	f, err := parseFilter(e, args, flush)
	if err != nil {
		return err
	}
	if f.dev != "" {
		l, err := env.LookupLink(e, f.dev)
		if err != nil {
			return err
		}
		f.dump.Index = l.Index
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if f.family == unix.AF_INET || f.family == unix.AF_INET6 {
		f.dump.Family = f.family
	}
	var entries []*rtnl.Neigh
	for n, err := range rtnl.Neighs(conn, f.dump) {
		if err != nil {
			return fail.Kernel(err)
		}
		if f.match(n) {
			entries = append(entries, n)
		}
	}
	if flush {
		return flushEntries(e, conn, entries)
	}
	links := e.Links()
	p := e.Printer()
	for _, n := range entries {
		v := &view{n: n, dev: links.Name(n.Index), showDev: f.dump.Index == 0, stats: e.G.Stats > 0}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

// flushEntries deletes entries in one round, skipping those already gone,
// and says so under -s as ip does.
func flushEntries(e *env.Env, conn *nl.Conn, entries []*rtnl.Neigh) error {
	for _, n := range entries {
		m, err := deleteRequest(n)
		if err != nil {
			return err
		}
		if _, err := conn.Execute(m); err != nil {
			if fail.IsGone(err) {
				continue
			}
			return fail.Kernel(err)
		}
	}
	if e.G.Stats == 0 {
		return nil
	}
	msg := "Nothing to flush.\n"
	if len(entries) > 0 {
		msg = "\n*** Round 1, deleting " + strconv.Itoa(len(entries)) + " entries ***\n*** Flush is complete after 1 round ***\n"
	}
	_, err := e.Stdout.Write([]byte(msg))
	return err
}
