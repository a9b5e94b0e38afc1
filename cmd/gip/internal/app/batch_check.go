package app

import (
	"bufio"
	"context"
	"io"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// checkBatch parses every line of a batch file the way its run will,
// sending nothing, and returns the first line that does not parse with its
// error (0, nil when all do). gip tc -batch runs it first, so that a
// mistake on line 900 applies nothing, where tc applies the 899 lines
// before it. Only lines whose verb has a plan are checked; they are the
// ones that change the kernel.
func checkBatch(ctx context.Context, o *batchOptions, r io.Reader, stdin io.Reader) (int, error) {
	g := *o.g
	g.Batch = ""
	e := &env.Env{Ctx: ctx, Prog: command.Prog, G: &g, Stdin: stdin, Stdout: io.Discard, Stderr: io.Discard}
	defer e.Close()
	lines := &batchLines{r: bufio.NewReaderSize(r, 64<<10)}
	var words []string
	for {
		text, lineno, err := lines.next()
		if err == io.EOF {
			return 0, nil
		}
		if err == nil {
			words, err = splitBatchLine(text, words)
		}
		if err != nil {
			return lineno, err
		}
		if len(words) == 0 {
			continue
		}
		line := append(append([]string{}, o.prefix...), words...)
		if v, args := plannedVerb(line); v != nil {
			steps, err := v.Plan(e, args)
			for _, s := range steps {
				if s.Done != nil {
					s.Done() // what the step held open (a loaded program) is not sent
				}
			}
			if err != nil && fail.ExitCode(err) != fail.ExitOK {
				return lineno, err
			}
		}
	}
}

// noUndo is what a batch line changes that an atomic batch cannot undo
// (its verb's NoUndo or CannotUndo), or "" for anything else. The
// object's own options (nft -j, tunnel's family) are read into a scratch
// environment of the batch's family, only to find the verb.
func noUndo(family uint8, words []string) string {
	_, o, ok := lookupObject(words[0])
	if !ok || o == nil {
		return ""
	}
	rest := words[1:]
	e := &env.Env{G: &env.Global{Family: family}}
	if o.Options != nil {
		var done bool
		var err error
		rest, done, err = o.Options(e, rest)
		if err != nil || done {
			return ""
		}
	}
	return o.NoUndo(e, rest)
}

// lineVerb is the verb a command line runs, looking through objects that
// hold objects, and its arguments; nil for an unknown word.
func lineVerb(words []string) (*command.Verb, []string) {
	_, o, ok := lookupObject(words[0])
	if !ok || o == nil {
		return nil, nil
	}
	rest := words[1:]
	for len(rest) > 0 {
		v, ok := o.Lookup(rest[0])
		if !ok {
			return nil, nil
		}
		if v.Sub == nil {
			return v, rest[1:]
		}
		o, rest = v.Sub, rest[1:]
	}
	return nil, nil
}

// plannedVerb is the verb with a plan a batch line names and its
// arguments; nil if it has none.
func plannedVerb(words []string) (*command.Verb, []string) {
	if v, args := lineVerb(words); v != nil && v.Plan != nil && !asksHelp(args) {
		return v, args
	}
	return nil, nil
}

// spoolStdin copies standard input to a temporary file, for a batch that
// reads its lines twice (checked, then run); the caller removes it.
func spoolStdin(stdin io.Reader) (*os.File, error) {
	f, err := os.CreateTemp("", "gip-batch-")
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(f, stdin); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}
