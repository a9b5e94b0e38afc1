package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/gip-suite/gip/internal/completion"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"github.com/gip-suite/gip/internal/version"
)

// iwVersion is the iw whose grammar and formats giw follows.
const iwVersion = "5.19"

// versionLine is what giw --version prints: "giw VERSION (iw 5.19
// compatible), commit HASH, go1.26.8".
func versionLine() string {
	b := version.Get()
	return "giw " + b.Version + " (iw " + iwVersion + " compatible), " + b.Details()
}

// globalOptions are the options before the command.
type globalOptions struct {
	json   bool
	pretty bool
	netns  string
	debug  bool
}

// env is what every command handler gets.
type env struct {
	ctx    context.Context
	opts   globalOptions
	stdin  io.Reader // nil: none (psk - then fails)
	stdout io.Writer
	stderr io.Writer
	client *nl80211.Client
}

// usageError asks run to print a command's usage and exit 1, as iw does.
type usageError struct {
	cmd *command // nil: the general usage
	msg string   // an extra line before the usage, if any
}

func (e *usageError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return "usage"
}

// exitError carries a message already formatted and an exit code.
type exitError struct {
	msg  string
	code int
	// toStdout prints msg on standard output, where iw prints some of
	// its refusals.
	toStdout bool
}

// refusal is iw's exit 2 with a message on standard output.
func refusal(msg string) error { return &exitError{code: 2, msg: msg, toStdout: true} }

func (e *exitError) Error() string { return e.msg }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runInput(ctx, args, stdin, stdout, stderr)
}

// runContext runs giw without a standard input.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runInput(ctx, args, nil, stdout, stderr)
}

func runInput(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	switch {
	case len(args) > 0 && args[0] == completion.Command:
		if err := complete(stdout, args[1:]); err != nil {
			return report(stdout, stderr, err)
		}
		return 0
	case len(args) > 0 && args[0] == completionCommand:
		return writeCompletion(stdout, stderr, args[1:])
	}
	var opts globalOptions
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-j", "-json", "--json":
			opts.json = true
		case "-p", "-pretty", "--pretty":
			opts.pretty = true
		case "-n", "-netns", "--netns":
			if len(args) < 2 {
				fmt.Fprintf(stderr, "option %s needs a namespace name\n", args[0])
				return 1
			}
			opts.netns = args[1]
			args = args[1:]
		case "--debug":
			opts.debug = true
		case "--version", "-V":
			fmt.Fprintf(stdout, "%s\n", versionLine())
			return 0
		case "-h", "-help", "--help":
			printUsage(stdout, commands(), nil)
			return 0
		default:
			fmt.Fprintf(stderr, "Option %q is unknown, try \"giw help\".\n", args[0])
			return 1
		}
		args = args[1:]
	}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" {
		var filt []string
		if len(args) > 1 {
			filt = args[1:]
		}
		printUsage(stdout, cmds, filt)
		return 0
	}

	client, err := nl80211.Dial(&nl.Config{NetNS: opts.netns})
	if err != nil {
		if errors.Is(err, nl80211.ErrNotFound) {
			fmt.Fprintln(stderr, "nl80211 not found.")
			return 1
		}
		return report(stdout, stderr, err)
	}
	defer client.Close()
	if opts.debug {
		client.SetDebug(stderr)
	}
	e := &env{ctx: ctx, opts: opts, stdin: stdin, stdout: stdout, stderr: stderr, client: client}
	err = dispatch(e, cmds, args)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		if ue.msg != "" {
			fmt.Fprintln(stderr, ue.msg)
		}
		if ue.cmd != nil {
			printCommandUsage(stderr, ue.cmd)
		} else {
			printUsage(stderr, cmds, nil)
		}
		return 1
	}
	return report(stdout, stderr, err)
}

// report prints an error the way iw does and returns iw's exit status:
// "kernel reports: <extack>" when the kernel explained, then
// "command failed: <strerror> (-errno)"; the status is the negative errno
// as a byte (ENODEV, -19, exits 237).
func report(stdout, stderr io.Writer, err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		w := stderr
		if ee.toStdout {
			w = stdout
		}
		if ee.msg != "" {
			fmt.Fprintln(w, ee.msg)
		}
		return ee.code
	}
	var nse *nl.NetNSError
	if errors.As(err, &nse) {
		// -n is giw's own option: it fails as ip -n does.
		fmt.Fprintln(stderr, nse.Error())
		return 1
	}
	var op *nl.OpError
	if errors.As(err, &op) && op.Message != "" {
		fmt.Fprintf(stderr, "kernel reports: %s\n", op.Message)
	}
	if errno, ok := errnoOf(err); ok {
		fmt.Fprintf(stderr, "command failed: %s (%d)\n", strerror(errno), -int(errno))
		return int(uint8(-int(errno)))
	}
	fmt.Fprintf(stderr, "command failed: %v\n", err)
	return 1
}
