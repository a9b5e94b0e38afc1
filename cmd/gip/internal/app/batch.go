package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/atomic"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/progress"
)

// batchOptions is `gip [-force] -batch FILE|-`.
type batchOptions struct {
	file   string // "-" for stdin
	force  bool
	g      *env.Global // the options every line starts from
	prefix []string    // words before every line ("tc" for gip tc -batch)
	// echoed prints the kernel's echoes under -echo (the object's
	// printer, which planned lines use; other lines set their own).
	echoed func(nl.Message)
	// atomic, under -atomic, takes the pre-image of what the lines
	// change before they change it.
	atomic *atomicBatch
}

// runBatch runs a batch file and returns the exit status, as ip does: 0,
// or 1 when a line failed (the first failure stops the batch unless
// -force), or the code of an error ip exits on at once (a bad argument).
func runBatch(g *env.Global, stdin io.Reader, stdout, stderr io.Writer) int {
	if g.Atomic {
		return runAtomicBatch(g, stdin, stdout, stderr)
	}
	err := runBatchFile(context.Background(), &batchOptions{file: g.Batch, force: g.Force, g: g}, stdin, stdout, stderr)
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

// nestedBatch is a batch an object's own -batch option asks for (gip tc
// -batch FILE): its lines are that object's, run with the options given
// before -batch. A failed line makes the exit status 1.
func nestedBatch(e *env.Env, prefix []string) error {
	g := *e.G
	g.HasBatch = false
	err := runBatchFile(e.Context(), &batchOptions{file: g.Batch, force: g.Force, g: &g, prefix: prefix, echoed: e.Echoed}, e.Stdin, e.Stdout, e.Stderr)
	var failed *batchFailed
	if errors.As(err, &failed) {
		return &fail.Error{Code: fail.ExitLocal}
	}
	return err
}

// batchFailed says some lines failed (each was reported already).
type batchFailed struct{}

func (*batchFailed) Error() string { return "batch: a command failed" }

// batchRunner runs the lines of one batch. A line whose verb has a plan
// (route add, neigh add, rule del, ...) becomes steps that one
// plan.Pipeline sends many per round trip, resolving names through a link
// cache the batch keeps; every other line runs alone, with fresh state,
// after what is queued, and the link cache is forgotten after it.
type batchRunner struct {
	ctx    context.Context
	o      *batchOptions
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	conn *nl.Conn
	// lookup is a second socket for interface names: requests on conn
	// must not interleave with a pipelined window's sequence numbers.
	lookup  *nl.Conn
	links   *env.Links
	names   *env.Names
	planEnv *env.Env       // what planned lines run with
	steps   *plan.Pipeline // opened on the first planned line
	proto   int            // the netlink protocol of steps' socket
	others  map[int]*nl.Conn
	fatal   error // an error on which the batch ends at once
	// bg is the work lines leave running (tuntap deletes' closes).
	bg    *env.Background
	words []string
	fail  bool
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
	if o.g.NetNS != "" {
		if _, err := os.Stat(nl.NetNSPath(o.g.NetNS)); err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return &nl.NetNSError{Name: o.g.NetNS, Err: err}
		}
	}
	if o.prefix != nil && !o.force {
		// gip tc -batch parses the whole file before it sends anything.
		if o.file == "-" {
			f, err := spoolStdin(stdin)
			if err != nil {
				return err
			}
			defer os.Remove(f.Name())
			defer f.Close()
			in = f
		}
		lineno, err := checkBatch(ctx, o, in, stdin)
		if err != nil {
			fail.Report(stderr, command.Prog, err)
			fmt.Fprintf(stderr, "Command failed %s:%d\n", o.file, lineno)
			if fail.IsFatal(err) || fail.ExitCode(err) == fail.ExitUsage {
				return err
			}
			return &batchFailed{}
		}
		if s, ok := in.(io.Seeker); ok {
			if _, err := s.Seek(0, io.SeekStart); err != nil {
				return err
			}
		}
	}
	meter := batchMeter(o, in, stdout, stderr)
	defer meter.Done()
	if meter != nil {
		// What the lines print erases the progress line first; colours
		// stay as the terminal asked for them.
		if f, ok := stdout.(*os.File); ok && progress.IsTerminal(f) {
			g := *o.g
			if g.Color == env.ColorAuto {
				g.Color = env.ColorAlways
			}
			o.g = &g
			stdout = meter.Writer(stdout)
		}
		stderr = meter.Writer(stderr)
	}
	br := &batchRunner{ctx: ctx, o: o, stdin: stdin, stdout: stdout, stderr: stderr, names: env.NewNames(o.g.Numeric),
		bg: env.NewBackground(backgroundWork)}
	defer br.close()
	br.links = env.NewLinks(br.lookupSocket)
	lines := &batchLines{r: bufio.NewReaderSize(meter.Reader(in), 64<<10)}
	for {
		text, lineno, err := lines.next()
		if err == io.EOF {
			break
		}
		if err == nil {
			br.words, err = splitBatchLine(text, br.words)
		}
		if err != nil {
			if ferr := br.flush(); ferr != nil {
				return ferr
			}
			return err
		}
		if len(br.words) == 0 {
			continue
		}
		if o.prefix != nil {
			br.words = append(append(make([]string, 0, len(o.prefix)+len(br.words)), o.prefix...), br.words...)
		}
		if err := br.runLine(br.words, lineno); err != nil {
			return err
		}
		meter.Step()
	}
	if err := br.flush(); err != nil {
		return err
	}
	if br.fail {
		return &batchFailed{}
	}
	return nil
}

// batchMeter is the progress line of a batch when standard error is a
// terminal (never under -j): how much of the file has been read, and how
// many lines ran.
func batchMeter(o *batchOptions, in io.Reader, stdout, stderr io.Writer) *progress.Meter {
	if o.g.JSON {
		return nil
	}
	var size int64
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	return progress.New(stderr, command.Prog+": batch "+o.file, size)
}

// backgroundWork bounds the work a batch's lines leave running at once.
const backgroundWork = 16

func (br *batchRunner) close() {
	br.bg.Wait()
	if br.conn != nil {
		br.conn.Close()
	}
	if br.lookup != nil {
		br.lookup.Close()
	}
	for _, c := range br.others {
		c.Close()
	}
}

// socketOf is the batch's socket of netlink protocol proto.
func (br *batchRunner) socketOf(proto int) (*nl.Conn, error) {
	if proto == nl.Route {
		return br.socket()
	}
	if c := br.others[proto]; c != nil {
		return c, nil
	}
	c, err := nl.Dial(proto, &nl.Config{NetNS: br.o.g.NetNS, RecvBuf: br.o.g.RcvBuf})
	if err != nil {
		return nil, err
	}
	if br.others == nil {
		br.others = map[int]*nl.Conn{}
	}
	br.others[proto] = c
	return c, nil
}

// lookupSocket is the socket interface names are resolved on.
func (br *batchRunner) lookupSocket() (*nl.Conn, error) {
	if br.lookup != nil {
		return br.lookup, nil
	}
	c, err := nl.Dial(nl.Route, &nl.Config{NetNS: br.o.g.NetNS})
	if err != nil {
		return nil, err
	}
	br.lookup = c
	return c, nil
}

// socket is the batch's shared rtnetlink socket, opened on first use.
func (br *batchRunner) socket() (*nl.Conn, error) {
	if br.conn != nil {
		return br.conn, nil
	}
	cfg := &nl.Config{
		NetNS:   br.o.g.NetNS,
		RecvBuf: br.o.g.RcvBuf,
		Warn:    func(msg string) { fmt.Fprintf(br.stderr, "Warning: %s\n", env.WarningText(msg)) },
	}
	c, err := nl.Dial(nl.Route, cfg)
	if err != nil {
		return nil, err
	}
	br.conn = c
	return c, nil
}

// lineGlobal is a fresh copy of the batch's global options for one line.
func (br *batchRunner) lineGlobal() *env.Global {
	g := *br.o.g
	g.Batch = "" // HasBatch stays: commands may need to know they run in a batch
	return &g
}

// failed reports a line's error as ip does. It returns the error that ends
// the batch, if this one does.
func (br *batchRunner) failed(err error, lineno int) error {
	if br.report(lineno, err) {
		if br.fatal != nil {
			return br.fatal
		}
		return &batchFailed{}
	}
	return nil
}

// report prints a failed line the way ip does and says whether the batch
// ends there: at once, without "Command failed", for an error ip exits
// on (a bad argument); after "Command failed FILE:LINE" without -force.
func (br *batchRunner) report(lineno int, err error) (stop bool) {
	if fail.IsFatal(err) || fail.ExitCode(err) == fail.ExitUsage {
		br.fatal = err
		return true
	}
	fail.Report(br.stderr, command.Prog, err)
	fmt.Fprintf(br.stderr, "Command failed %s:%d\n", br.o.file, lineno)
	br.fail = true
	return !br.o.force
}

// runLine runs one command line.
func (br *batchRunner) runLine(words []string, lineno int) error {
	if a := br.o.atomic; a != nil {
		a.started = true
	}
	if v, _ := lineVerb(words); v == nil || !v.Overlap {
		br.bg.Wait()
	}
	if v, args := plannedVerb(words); v != nil {
		return br.planned(v, args, lineno)
	}
	// Anything else runs alone, with fresh state, after what is queued.
	if err := br.flush(); err != nil {
		return err
	}
	br.links.Forget()
	if a := br.o.atomic; a != nil {
		if what := noUndo(br.o.g.Family, words); what != "" {
			return br.failed(atomic.Unsupported(what), lineno)
		}
		if err := a.wholeLine(); err != nil {
			return br.failed(err, lineno)
		}
	}
	conn, _ := br.socket() // nil if it cannot be opened: the line opens its own and says why
	err := runLine(br.ctx, br.lineGlobal(), words, br.stdin, br.stdout, br.stderr, conn, br.bg)
	if err != nil {
		return br.failed(err, lineno)
	}
	if a := br.o.atomic; a != nil {
		a.lines++
	}
	return nil
}

// planned queues the steps of a line whose verb has a plan.
func (br *batchRunner) planned(v *command.Verb, args []string, lineno int) error {
	if br.planEnv == nil {
		e := &env.Env{Ctx: br.ctx, Prog: command.Prog, G: br.lineGlobal(), Stdin: br.stdin, Stdout: br.stdout, Stderr: br.stderr,
			Echoed: br.o.echoed}
		if c, err := br.lookupSocket(); err == nil {
			e.UseConn(c)
		}
		e.UseLinks(br.links)
		e.UseNames(br.names)
		br.planEnv = e
	}
	steps, err := v.Plan(br.planEnv, args)
	if err != nil {
		if ferr := br.flush(); ferr != nil {
			return ferr
		}
		return br.failed(err, lineno)
	}
	proto := nl.Route
	if len(steps) > 0 {
		proto = steps[0].Proto
	}
	if br.o.atomic != nil {
		for _, s := range steps {
			if s.Proto != nl.Route || s.Send != nil {
				// Only rtnetlink's objects have pre-images to go back to.
				if ferr := br.flush(); ferr != nil {
					return ferr
				}
				return br.failed(atomic.Unsupported(br.words[0]), lineno)
			}
		}
	}
	if br.steps != nil && br.proto != proto {
		// Another protocol's socket: what is queued settles first.
		if err := br.flush(); err != nil {
			return err
		}
		br.steps = nil
	}
	if br.steps == nil {
		c, err := br.socketOf(proto)
		if err != nil {
			return err
		}
		br.steps, br.proto = plan.NewPipeline(c, br.o.force, br.report), proto
		if a := br.o.atomic; a != nil {
			a.pipelined(br.steps)
		}
	}
	return br.stopped(br.steps.Add(br.planEnv, lineno, steps))
}

// stopped turns the pipeline's ErrStopped into the batch's end, and a
// failed undo into an error that says what is left behind.
func (br *batchRunner) stopped(err error) error {
	var ue *plan.UndoError
	switch {
	case errors.As(err, &ue):
		return fail.Localf("%s: line %d could not be undone after line %d failed, and stays applied: %s",
			command.Prog, ue.Line, ue.After, (&fail.KernelError{Err: ue.Err}).Error())
	case errors.Is(err, plan.ErrStopped):
		if br.fatal != nil {
			return br.fatal
		}
		return &batchFailed{}
	}
	return err
}

// flush settles everything queued.
func (br *batchRunner) flush() error {
	if br.steps == nil {
		return nil
	}
	return br.stopped(br.steps.Flush())
}

// asksHelp reports a --help among a line's words, which writeHelp answers.
func asksHelp(words []string) bool {
	for _, w := range words {
		if w == "--help" {
			return true
		}
	}
	return false
}
