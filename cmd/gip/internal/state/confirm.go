package state

import (
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

func noPending(e *env.Env) error { return nil }

func startWatchdog(e *env.Env, undo *Document, d time.Duration) error { return nil }

func runConfirm(e *env.Env, args []string) error  { return fail.Localf("not yet") }
func runRollback(e *env.Env, args []string) error { return fail.Localf("not yet") }
func runWatchdog(e *env.Env, args []string) error { return fail.Localf("not yet") }
