// Command gcalc answers questions about IP addresses and networks and
// transforms lists of them: subnet facts, collapse, summarize, exclude,
// subnets, supernet, contains, overlaps, hosts, sort and validate, printed
// as plain CIDR, Cisco, Juniper, iptables, netmask, hostmask or JSON.
//
// It follows CPython 3.13's ipaddress module for what is a valid address or
// network; see package internal/ipaddress.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == manCommand {
		if err := writeManPage(os.Args[2]); err != nil {
			fmt.Fprintf(os.Stderr, "gcalc: %v\n", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1   // bad input, or a file that cannot be read
	exitFalse = 2   // contains / overlaps answered no
	exitUsage = 255 // bad flags or arguments, as in the rest of the suite
)

// errFalse is returned by predicates (contains, overlaps) whose answer is no.
// It prints nothing.
var errFalse = errors.New("false")

// usageError is a command line that does not fit the command's grammar.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode maps a command's error to the process exit status. It is the only
// place that does.
func exitCode(err error) int {
	var u usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFalse):
		return exitFalse
	case errors.As(err, &u):
		return exitUsage
	}
	return exitError
}

// run executes one gcalc command line and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tty := isTerminal(stdout)
	return runEnv(&env{stdin: stdin, stdout: stdout, stderr: stderr, isTTY: tty, color: colorWanted(tty)}, args)
}

// colorWanted reports whether output to a terminal (or not) is coloured:
// on a terminal, unless NO_COLOR is set to something (no-color.org).
func colorWanted(tty bool) bool { return tty && os.Getenv("NO_COLOR") == "" }

// runEnv executes one command line in e.
func runEnv(e *env, args []string) int {
	stderr := e.stderr
	cmd := newRootCmd(e)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err != nil && !errors.Is(err, errFalse) {
		fmt.Fprintf(stderr, "gcalc: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(stderr, "Run 'gcalc --help' for usage.")
		}
	}
	return exitCode(err)
}

// env is what a command reads from and writes to.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	isTTY          bool // stdout is a terminal: tables where output has rows
	color          bool // colour tables: on a terminal, unless NO_COLOR is set
}

// isTerminal reports whether a stream is a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
