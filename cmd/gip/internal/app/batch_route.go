package app

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// isRouteModifyWord reports a word of ip route's that changes routes.
func isRouteModifyWord(w string) bool {
	v, ok := command.MatchWord(w, route.RouteVerbs)
	return ok && isRouteModifyVerb(v)
}

func isRouteModifyVerb(v string) bool {
	switch v {
	case "add", "delete", "change", "replace", "append", "prepend":
		return true
	}
	return false
}

var routeOps = map[string]rtnl.RouteOp{
	"add": rtnl.RouteAdd, "delete": rtnl.RouteDelete, "change": rtnl.RouteChange,
	"replace": rtnl.RouteReplace, "append": rtnl.RouteAppend, "prepend": rtnl.RoutePrepend,
}

// routeModify parses and resolves a route change, then sends it: queued
// in the pipeline when that cannot change the outcome, at once otherwise.
func (br *batchRunner) routeModify(word string, words []string, lineno int) error {
	g := br.o.g
	names := br.names
	verb, _ := command.MatchWord(word, route.RouteVerbs)
	op := routeOps[verb]
	s, err := route.ParseRouteSpec(words, op, g.Family, names)
	if err != nil {
		if perr := br.flushRoutes(); perr != nil {
			return perr
		}
		if err == route.ErrRouteUsage {
			return route.UsageError(command.Prog)
		}
		return br.failed(err, lineno)
	}
	re := &env.Env{Ctx: br.ctx, Prog: command.Prog, G: g, Stdin: br.stdin, Stdout: br.stdout, Stderr: br.stderr}
	re.UseLinks(br.links)
	re.UseNames(names)
	if err := route.ResolveRouteSpec(re, s); err != nil {
		if perr := br.flushRoutes(); perr != nil {
			return perr
		}
		return br.failed(err, lineno)
	}
	m, err := route.RouteMessage(s, false, br.buf)
	if err != nil {
		return br.failed(err, lineno)
	}
	br.buf = m.Data
	// Pipelined: everything under -force; without it only additions, whose
	// effect can be undone exactly should a line before them fail.
	if br.o.force || op == rtnl.RouteAdd {
		c, err := br.socket()
		if err != nil {
			return err
		}
		if br.pipe == nil {
			br.pipe = newRoutePipeline(c, br)
		}
		return br.pipe.Add(m, lineno)
	}
	if err := br.flushRoutes(); err != nil {
		return err
	}
	c, err := br.socket()
	if err != nil {
		return err
	}
	if _, err := c.Execute(m); err != nil {
		return br.failed(err, lineno)
	}
	return nil
}

func (br *batchRunner) flushRoutes() error {
	if br.pipe == nil {
		return nil
	}
	return br.pipe.flush()
}

// routePipeline sends route requests through an nl.Batch, many per
// sendmsg. Under -force each failure is reported in line order. Without
// -force only additions are queued, and when one fails the kernel has
// already handled the ones queued after it: those that succeeded are
// deleted again, newest first, so the batch ends exactly where ip's
// line-by-line run would have stopped.
type routePipeline struct {
	c     *nl.Conn
	br    *batchRunner
	batch *nl.Batch

	lines   []int    // line numbers of queued requests, from base
	undo    [][]byte // payloads of queued requests, for undoing them
	arena   []byte
	base    int
	stopErr error // the first failure without -force
	stopAt  int
	toUndo  []int // indexes (from base) of requests to undo
	results int   // results received for the queued requests
}

func newRoutePipeline(c *nl.Conn, br *batchRunner) *routePipeline {
	p := &routePipeline{c: c, br: br}
	p.batch = c.NewBatch(p.result)
	return p
}

func (p *routePipeline) Add(m nl.Message, lineno int) error {
	p.lines = append(p.lines, lineno)
	if !p.br.o.force {
		start := len(p.arena)
		p.arena = append(p.arena, m.Data...)
		p.undo = append(p.undo, p.arena[start:len(p.arena):len(p.arena)])
	}
	if err := p.batch.Add(m); err != nil {
		return err
	}
	return p.settle()
}

func (p *routePipeline) flush() error {
	if err := p.batch.Flush(); err != nil {
		return err
	}
	return p.settle()
}

// result receives each request's outcome, in order.
func (p *routePipeline) result(index int, err error) {
	i := index - p.base
	p.results++
	switch {
	case p.br.o.force:
		if err != nil {
			fail.Report(p.br.stderr, command.Prog, err)
			fmt.Fprintf(p.br.stderr, "Command failed %s:%d\n", p.br.o.file, p.lines[i])
			p.br.fail = true
		}
	case p.stopErr != nil:
		if err == nil {
			p.toUndo = append(p.toUndo, i)
		}
	case err != nil:
		p.stopErr, p.stopAt = err, p.lines[i]
	}
}

// settle acts on the results that came in: once every queued request has
// its result, the queue is emptied; a failure without -force undoes what
// ran after it and ends the batch.
func (p *routePipeline) settle() error {
	if p.stopErr != nil {
		// Every request queued so far has its result once the batch's
		// pending window is flushed.
		if err := p.batch.Flush(); err != nil {
			return err
		}
		for k := len(p.toUndo) - 1; k >= 0; k-- {
			data := p.undo[p.toUndo[k]]
			if _, err := p.c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_DELROUTE}, Data: data}); err != nil {
				return fmt.Errorf("undoing line %d after line %d failed: %w", p.lines[p.toUndo[k]], p.stopAt, err)
			}
		}
		fail.Report(p.br.stderr, command.Prog, p.stopErr)
		fmt.Fprintf(p.br.stderr, "Command failed %s:%d\n", p.br.o.file, p.stopAt)
		p.br.fail = true
		return &batchFailed{}
	}
	if p.results == len(p.lines) {
		p.base += len(p.lines)
		p.results = 0
		p.lines = p.lines[:0]
		p.undo = p.undo[:0]
		p.arena = p.arena[:0]
	}
	return nil
}
