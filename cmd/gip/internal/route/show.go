package route

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runShow is route show: the selected routes of a dump, printed as they
// stream in.
func runShow(e *env.Env, f *filter) error {
	c, err := e.Conn()
	if err != nil {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	w := newWriter(e, f)
	if e.G.Details > 0 {
		if err := w.loadNexthopObjects(); err != nil {
			return err
		}
	}
	err = f.dump(e, c, dumpShow, func() { w.abort() }, func(m nl.Message, r *rtnl.Route) error {
		return w.write(r, m.Header.Type == unix.RTM_DELROUTE)
	})
	if err != nil {
		return err
	}
	return w.finish()
}

// dumpKind says how a dump of routes reports trouble.
type dumpKind int

const (
	dumpShow  dumpKind = iota // show, save: warn of an interrupted dump
	dumpFlush                 // flush: go on quietly after an interrupted dump
)

// dump streams the routes the filter selects to fn, decoding each into
// one reused Route. An interrupted dump ends early, a missing table is
// empty; on other failures of the dump onFail runs (a printer closes
// what it printed) before the error returns. fn's own errors return as
// they are.
func (f *filter) dump(e *env.Env, c *nl.Conn, kind dumpKind, onFail func(), fn func(m nl.Message, r *rtnl.Route) error) error {
	var r rtnl.Route
	for m, err := range c.Dump(f.dumpRequest()) {
		if err != nil {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				if kind == dumpShow {
					fmt.Fprintln(e.Stderr, "Dump was interrupted and may be inconsistent.")
				}
				break
			}
			if missingTableIsEmpty(e, f, err) {
				break
			}
			onFail()
			if kind == dumpFlush {
				return fail.DumpError(err, "Flush terminated")
			}
			return fail.DumpError(err, "Dump terminated")
		}
		if err := rtnl.DecodeRoute(m, &r); err != nil {
			onFail()
			return err
		}
		if !f.match(&r) {
			continue
		}
		if err := fn(m, &r); err != nil {
			return err
		}
	}
	return nil
}

// missingTableIsEmpty reports whether a dump that failed because its table
// does not exist counts as empty: for table main (ip suppresses that
// error), and for any table inside a batch, where ip's dumps are not
// strict and so filter in userspace and never see the error.
func missingTableIsEmpty(e *env.Env, f *filter, err error) bool {
	if !errors.Is(err, unix.ENOENT) {
		return false
	}
	return f.table == unix.RT_TABLE_MAIN || e.G.HasBatch
}
