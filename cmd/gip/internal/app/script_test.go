package app

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/rogpeppe/go-internal/testscript"
)

var scriptNS atomic.Int64

// TestScripts runs the CLI transcripts in testdata/script: whole command
// lines with their expected output and exit status. Commands:
//
//	gip ARGS...   runs gip in-process (! expects a failure)
//	status N      checks the exit status of the last gip
//
// Scripts with the [root] condition get $NS, a fresh network namespace
// deleted afterwards.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"gip": func(ts *testscript.TestScript, neg bool, args []string) {
				code := Run(args, nil, ts.Stdout(), ts.Stderr())
				ts.Setenv("GIP_STATUS", strconv.Itoa(code))
				if (code != 0) != neg {
					ts.Fatalf("gip %v: exit status %d", args, code)
				}
			},
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: status N")
				}
				if got := ts.Getenv("GIP_STATUS"); (got == args[0]) == neg {
					ts.Fatalf("exit status %s, want %s", got, args[0])
				}
			},
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			if os.Geteuid() != 0 {
				return nil
			}
			name := fmt.Sprintf("giptest-script-%d-%d", os.Getpid(), scriptNS.Add(1))
			if err := nl.CreateNamedNetNS(name); err != nil {
				return err
			}
			e.Defer(func() { nl.DeleteNamedNetNS(name) })
			e.Setenv("NS", name)
			return nil
		},
	})
}
