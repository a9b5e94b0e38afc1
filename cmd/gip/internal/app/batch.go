package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// batchOptions is `gip [-force] -batch FILE|-`.
type batchOptions struct {
	file  string // "-" for stdin
	force bool
	G     *env.Global // the options every line starts from
}

// runBatch runs a batch file and returns the exit status, as ip does: 0,
// or 1 when a line failed (the first failure stops the batch unless
// -force), or the code of an error ip exits on at once (a bad argument).
func runBatch(g *env.Global, stdin io.Reader, stdout, stderr io.Writer) int {
	err := runBatchFile(context.Background(), &batchOptions{file: g.Batch, force: g.Force, G: g}, stdin, stdout, stderr)
	if err == nil {
		return 0
	}
	var failed *batchFailed
	if errors.As(err, &failed) {
		return fail.ExitLocal
	}
	fail.Report(stderr, command.Prog, err)
	return fail.ExitCode(err)
}

// batchFailed says some lines failed (each was reported already).
type batchFailed struct{}

func (*batchFailed) Error() string { return "batch: a command failed" }

// batchLines reads a batch file as ip's getcmdline does: '#' starts a
// comment anywhere on a line, a backslash at the end of a line joins the
// next one, and the line number counts physical lines.
type batchLines struct {
	r    *bufio.Reader
	line int
}

// next returns the next command line and the number of its last physical
// line; io.EOF at the end.
func (b *batchLines) next() (string, int, error) {
	s, err := b.readPhysical()
	if err != nil {
		return "", b.line, err
	}
	for strings.HasSuffix(s, "\\\n") {
		more, err := b.readPhysical()
		if err != nil {
			return "", b.line, fail.Localf("Missing continuation line")
		}
		s = s[:len(s)-2] + more
	}
	return s, b.line, nil
}

func (b *batchLines) readPhysical() (string, error) {
	s, err := b.r.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		return "", err
	}
	b.line++
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	return s, nil
}

// splitBatchLine is ip's makeargs: words split on blanks; a word starting
// with a quote runs to the same quote, which has no escapes.
func splitBatchLine(s string, words []string) ([]string, error) {
	const blanks = " \t\r\n"
	words = words[:0]
	for {
		s = strings.TrimLeft(s, blanks)
		if s == "" {
			return words, nil
		}
		if q := s[0]; q == '\'' || q == '"' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fail.Fatal(fail.ExitLocal, "Unterminated quoted string")
			}
			words = append(words, s[1:1+end])
			s = s[2+end:]
			if s != "" {
				s = s[1:] // the character after the quote separates words
			}
			continue
		}
		end := strings.IndexAny(s, blanks)
		if end < 0 {
			return append(words, s), nil
		}
		words = append(words, s[:end])
		s = s[end+1:]
	}
}

// batchRunner runs the lines of one batch. Route commands share one
// socket and one link cache; additions and deletions are pipelined (see
// routePipeline); lines of other objects run one by one with fresh state.
type batchRunner struct {
	Ctx    context.Context
	o      *batchOptions
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer

	Conn *nl.Conn
	// lookup is a second socket for interface names: requests on conn
	// must not interleave with a pipelined window's sequence numbers.
	Lookup *nl.Conn
	Links  *env.Links
	pipe   *routePipeline
	Names  map[bool]*env.Names // by -N
	words  []string
	buf    []byte
	fail   bool
}

func runBatchFile(ctx context.Context, o *batchOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	in := stdin
	if o.file != "-" {
		f, err := os.Open(o.file)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fail.Localf("Cannot open file \"%s\" for reading: %s", o.file, fail.Strerror(err))
		}
		defer f.Close()
		in = f
	}
	if o.G.NetNS != "" {
		if _, err := os.Stat(nl.NetNSPath(o.G.NetNS)); err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return &nl.NetNSError{Name: o.G.NetNS, Err: err}
		}
	}
	br := &batchRunner{Ctx: ctx, o: o, Stdin: stdin, Stdout: stdout, Stderr: stderr, Names: map[bool]*env.Names{}}
	defer br.close()
	br.Links = env.NewLinks(br.lookupSocket)
	lines := &batchLines{r: bufio.NewReaderSize(in, 64<<10)}
	for {
		text, lineno, err := lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if perr := br.flushPipe(); perr != nil {
				return perr
			}
			return err
		}
		br.words, err = splitBatchLine(text, br.words)
		if err != nil {
			if perr := br.flushPipe(); perr != nil {
				return perr
			}
			return err
		}
		if len(br.words) == 0 {
			continue
		}
		if err := br.runLine(br.words, lineno); err != nil {
			return err
		}
	}
	if err := br.flushPipe(); err != nil {
		return err
	}
	if br.fail {
		return &batchFailed{}
	}
	return nil
}

func (br *batchRunner) close() {
	if br.Conn != nil {
		br.Conn.Close()
	}
	if br.Lookup != nil {
		br.Lookup.Close()
	}
}

// lookupSocket is the socket interface names are resolved on.
func (br *batchRunner) lookupSocket() (*nl.Conn, error) {
	if br.Lookup != nil {
		return br.Lookup, nil
	}
	c, err := nl.Dial(nl.Route, &nl.Config{NetNS: br.o.G.NetNS})
	if err != nil {
		return nil, err
	}
	br.Lookup = c
	return c, nil
}

// socket is the batch's shared rtnetlink socket, opened on first use.
func (br *batchRunner) socket() (*nl.Conn, error) {
	if br.Conn != nil {
		return br.Conn, nil
	}
	cfg := &nl.Config{
		NetNS:   br.o.G.NetNS,
		RecvBuf: br.o.G.RcvBuf,
		Warn:    func(msg string) { fmt.Fprintf(br.Stderr, "Warning: %s\n", msg) },
	}
	c, err := nl.Dial(nl.Route, cfg)
	if err != nil {
		return nil, err
	}
	br.Conn = c
	return c, nil
}

// lineGlobal is a fresh copy of the batch's global options for one line.
func (br *batchRunner) lineGlobal() *env.Global {
	g := *br.o.G
	g.Batch = "" // HasBatch stays: commands may need to know they run in a batch
	return &g
}

// failed reports a line's error as ip does. It returns the error that ends
// the batch, if this one does.
func (br *batchRunner) failed(err error, lineno int) error {
	if fail.IsFatal(err) || fail.ExitCode(err) == fail.ExitUsage {
		return err // ip exits on the spot, without "Command failed"
	}
	fail.Report(br.Stderr, command.Prog, err)
	fmt.Fprintf(br.Stderr, "Command failed %s:%d\n", br.o.file, lineno)
	br.fail = true
	if !br.o.force {
		return &batchFailed{}
	}
	return nil
}

// runLine runs one command line.
func (br *batchRunner) runLine(words []string, lineno int) error {
	if name, _, ok := lookupObject(words[0]); ok && name == "route" && len(words) > 1 {
		verb, ok := command.MatchWord(words[1], route.Verbs)
		if ok && isRouteModifyVerb(verb) {
			return br.routeModify(verb, words[2:], lineno)
		}
	}
	// Anything else runs alone, with fresh state, after what is queued.
	if err := br.flushPipe(); err != nil {
		return err
	}
	br.Links.Forget()
	conn, _ := br.socket() // nil if it cannot be opened: the line opens its own and says why
	err := runLine(br.Ctx, br.lineGlobal(), words, br.Stdin, br.Stdout, br.Stderr, conn)
	if err != nil {
		return br.failed(err, lineno)
	}
	return nil
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
func (br *batchRunner) routeModify(verb string, words []string, lineno int) error {
	g := br.o.G
	names := br.Names[g.Numeric]
	if names == nil {
		names = env.NewNames(g.Numeric)
		br.Names[g.Numeric] = names
	}
	op := routeOps[verb]
	s, err := route.ParseSpec(words, op, g.Family, names)
	if err != nil {
		if perr := br.flushPipe(); perr != nil {
			return perr
		}
		if err == route.ErrUsage {
			return route.UsageError(command.Prog)
		}
		return br.failed(err, lineno)
	}
	re := &env.Env{Ctx: br.Ctx, Prog: command.Prog, G: g, Stdin: br.Stdin, Stdout: br.Stdout, Stderr: br.Stderr}
	re.UseLinks(br.Links)
	re.UseNames(names)
	if err := s.Resolve(re); err != nil {
		if perr := br.flushPipe(); perr != nil {
			return perr
		}
		return br.failed(err, lineno)
	}
	m, err := s.Message(false, br.buf)
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
	if err := br.flushPipe(); err != nil {
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

func (br *batchRunner) flushPipe() error {
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
			fail.Report(p.br.Stderr, command.Prog, err)
			fmt.Fprintf(p.br.Stderr, "Command failed %s:%d\n", p.br.o.file, p.lines[i])
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
		fail.Report(p.br.Stderr, command.Prog, p.stopErr)
		fmt.Fprintf(p.br.Stderr, "Command failed %s:%d\n", p.br.o.file, p.stopAt)
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
