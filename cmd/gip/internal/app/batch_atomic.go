package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/atomic"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
)

// Exit statuses of gip -atomic -batch beside 0 (applied): the batch
// failed and the namespace is as it was (1), or is not quite (3).
const (
	exitRolledBack = fail.ExitLocal
	exitResidue    = 3
)

// verifyTries and verifyWait bound how long a rollback waits for the
// kernel's late consequences (carrier, IPv6 link-local addresses) before
// it calls a difference a residue.
const (
	verifyTries = 10
	verifyWait  = 200 * time.Millisecond
)

// atomicBatch is what -atomic adds to a batch: the pre-image, and the
// count of changes to roll back.
type atomicBatch struct {
	txn   *atomic.Txn
	steps *plan.Pipeline // the batch's pipeline, once a planned line opened it
	lines int            // lines run whole that succeeded
	// started says a line was read: a failure from then on is a
	// rollback's, even of nothing.
	started bool
}

// pipelined makes the batch's pipeline atomic: every step pipelined, the
// pre-image of each type taken before the first step that changes it.
func (a *atomicBatch) pipelined(p *plan.Pipeline) {
	a.steps = p
	p.Atomic = true
	p.Touch = a.txn.Touch
}

// wholeLine takes every pre-image before a line whose changes gip does
// not see (a flush, a property): it may change anything.
func (a *atomicBatch) wholeLine() error { return a.txn.TouchAll() }

// changes is how many changes the kernel accepted.
func (a *atomicBatch) changes() int {
	n := a.lines
	if a.steps != nil {
		n += a.steps.Accepted
	}
	return n
}

// runAtomicBatch is gip -atomic -batch FILE: every line, or on the first
// failure none (the failure reported as ip reports it, then "rolled back
// N changes"), verified by dumping the touched types again.
func runAtomicBatch(g *env.Global, stdin io.Reader, stdout, stderr io.Writer) int {
	conn, err := nl.Dial(nl.Route, &nl.Config{NetNS: g.NetNS})
	if err != nil {
		fail.Report(stderr, command.Prog, err)
		return fail.ExitCode(err)
	}
	defer conn.Close()
	a := &atomicBatch{txn: atomic.New(conn)}
	err = runBatchFile(context.Background(), &batchOptions{file: g.Batch, g: g, atomic: a}, stdin, stdout, stderr)
	if err == nil {
		return 0
	}
	var failed *batchFailed
	if !errors.As(err, &failed) {
		fail.Report(stderr, command.Prog, err) // an error the batch ended on at once
	}
	if !a.started {
		return exitRolledBack // the batch could not start
	}
	a.txn.Rollback()
	residue := a.txn.Verify(verifyTries, verifyWait)
	if len(residue) > 0 {
		// A restored link may have taken objects with it as it came
		// back (a port's addresses as it is enslaved): once more.
		a.txn.Rollback()
		residue = a.txn.Verify(verifyTries, verifyWait)
	}
	if len(residue) == 0 {
		fmt.Fprintf(stderr, "rolled back %d changes\n", a.changes())
		return exitRolledBack
	}
	fmt.Fprintf(stderr, "rolled back %d changes, but the namespace differs from before the batch:\n", a.changes())
	for _, r := range a.txn.Refused {
		fmt.Fprintf(stderr, "  %s\n", r)
	}
	for _, r := range residue {
		fmt.Fprintf(stderr, "  %s\n", r)
	}
	return exitResidue
}
