package state

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/progress"
)

// applyMeter is the progress line of an apply when standard error is a
// terminal, as -batch draws one (never under -j): how many of the plan's
// lines were sent. It is erased before the namespace is read back.
func applyMeter(e *env.Env, file string, lines int) *progress.Meter {
	if e.G.JSON {
		return nil
	}
	return progress.New(e.Stderr, command.Prog+": state apply "+file, int64(lines))
}
