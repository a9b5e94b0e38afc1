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

// version is set at link time (-ldflags "-X main.version=...").
var version = "0.1.0"

// run is the whole program: global options, then one command line. It
// returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g, rest, err := env.ParseGlobal(command.Prog, args)
	if err != nil {
		fail.Report(stderr, command.Prog, err)
		return fail.ExitCode(err)
	}
	switch {
	case g.Version:
		fmt.Fprintf(stdout, "%s utility, gip-suite %s\n", command.Prog, version)
		return 0
	case g.Help:
		root := newRootCmd(&env.Env{G: g, Stdout: stdout, Stderr: stderr, Stdin: stdin, Prog: command.Prog})
		root.SetOut(stdout)
		_ = root.Help()
		return 0
	case g.HasBatch:
		return runBatch(g, stdin, stdout, stderr)
	}
	err = runLine(context.Background(), g, rest, stdin, stdout, stderr, nil)
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
func runLine(ctx context.Context, g *env.Global, words []string, stdin io.Reader, stdout, stderr io.Writer, conn *nl.Conn) error {
	e := &env.Env{Ctx: ctx, Prog: command.Prog, G: g, Stdin: stdin, Stdout: stdout, Stderr: stderr, Dispatch: dispatch}
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
