// Command gipset is a drop-in replacement for ipset: it creates, fills,
// lists, saves and restores the kernel's IP sets over nfnetlink, with
// ipset's command language, output and exit codes.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/gip-suite/gip/internal/completion"
	"github.com/gip-suite/gip/internal/nl/ipset"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == manCommand {
		if err := writeManPage(os.Args[2]); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", progName, err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one gipset command line and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runWith(args, stdin, stdout, stderr, ipset.Dial)
}

// dialFunc opens a connection to the kernel's ipset in a network
// namespace ("" for ours).
type dialFunc func(netns string) (*ipset.Conn, error)

// runWith is run with the connection made by dial, so that tests can put
// a fake kernel behind it.
func runWith(args []string, stdin io.Reader, stdout, stderr io.Writer, dial dialFunc) int {
	if len(args) > 0 && (args[0] == completion.Command || args[0] == completionCommand) {
		var err error
		if args[0] == completion.Command {
			err = complete(stdout, args[1:], dial)
		} else {
			err = writeCompletion(stdout, args[1:])
		}
		if err != nil {
			return report(stderr, false, err)
		}
		return 0
	}
	inv, err := parseCommandLine(args)
	if err != nil {
		return report(stderr, inv.g.quiet, err)
	}
	s := &session{g: &inv.g, stdin: stdin, stdout: stdout, stderr: stderr, dialFn: dial}
	defer s.close()
	status, err := s.execute(inv)
	if err != nil {
		return report(stderr, inv.g.quiet, err)
	}
	return status
}

// report prints err the way ipset does, with our program name, unless
// quiet, and returns its exit status.
func report(w io.Writer, quiet bool, err error) int {
	status := statusOf(err)
	if !quiet && err != errSilent {
		fmt.Fprintf(w, "%s: %v\n", progName, err)
		if status == exitParameter {
			fmt.Fprintf(w, "Try `%s help' for more information.\n", progName)
		}
	}
	return status
}
