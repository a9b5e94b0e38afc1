package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
)

// Main is the program gip: Run, with -n NAME entering the namespace for
// the whole process as ip does (nl.EnterNetNS) instead of opening each
// socket there from a throwaway thread. Only a process that is gip and
// nothing else may do that; tests call Run.
func Main(args []string) int {
	return run(args, os.Stdin, os.Stdout, os.Stderr, true)
}

// Run is the whole program: global options, then one command line or a
// batch. It returns the exit status and leaves the calling process where
// it is.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr, false)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, wholeProcess bool) int {
	g, rest, err := env.ParseGlobal(command.Prog, args)
	if err == nil && wholeProcess && g.NetNS != "" && !g.Version && !g.Help {
		err = enterNetNS(g)
	}
	if err != nil {
		fail.Report(stderr, command.Prog, err)
		return fail.ExitCode(err)
	}
	switch {
	case g.Version:
		fmt.Fprintf(stdout, "%s utility, gip-suite %s\n", command.Prog, command.Version())
		return 0
	case g.Help:
		if err := writeHelp(stdout); err != nil {
			fail.Report(stderr, command.Prog, err)
			return fail.ExitCode(err)
		}
		return 0
	case g.Atomic && (!g.HasBatch || g.Force):
		err := fail.Usagef("-atomic takes -batch FILE, and no -force: an atomic batch stops at the first failure.")
		fail.Report(stderr, command.Prog, err)
		return fail.ExitCode(err)
	case g.HasBatch:
		return runBatch(g, stdin, stdout, stderr)
	}
	err = runLine(context.Background(), g, rest, stdin, stdout, stderr, nil, nil)
	fail.Report(stderr, command.Prog, err)
	return fail.ExitCode(err)
}

// runLine executes one command line (OBJECT VERB ARGS...) with the given
// global options. Everything a command keeps lives in the env.Env made
// here and dies with it, so a batch runner can call runLine once per line
// with a copy of the parsed options (g2 := *g) and nothing leaks from one
// line to the next; it then prints the error with fail.Report and maps it
// with fail.ExitCode. conn, when not nil, is a socket (in g.NetNS) shared by
// all lines; runLine does not close it.
func runLine(ctx context.Context, g *env.Global, words []string, stdin io.Reader, stdout, stderr io.Writer, conn *nl.Conn, bg *env.Background) error {
	e := &env.Env{Ctx: ctx, Prog: command.Prog, G: g, Stdin: stdin, Stdout: stdout, Stderr: stderr, Dispatch: dispatch, Batch: nestedBatch, Background: bg}
	if conn != nil {
		e.UseConn(conn)
	}
	defer e.Close()
	if g.NetNS != "" {
		if _, err := os.Stat(nl.NetNSPath(g.NetNS)); err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return &nl.NetNSError{Name: g.NetNS, Err: err}
		}
	}
	return dispatch(e, words)
}

// enterNetNS moves the process into the namespace of -n and clears the
// option, as everything now happens there. Where the runtime cannot move
// every thread (cgo), the option stays and sockets are opened there one by
// one.
func enterNetNS(g *env.Global) error {
	err := nl.EnterNetNS(g.NetNS)
	switch {
	case err == nil:
		g.NetNS = ""
	case errors.Is(err, errors.ErrUnsupported):
		err = nil
	}
	return err
}
