package netns

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
)

// runDelete removes a namespace name, or with -all every one, reporting
// each failure and going on as ip does.
func runDelete(e *env.Env, args []string) error {
	var names []string
	if e.G.All {
		names = env.NetnsDirNames()
	} else {
		name, err := nameArg(args)
		if err != nil {
			return err
		}
		names = []string{name}
	}
	var first error
	for _, name := range names {
		if err := nl.DeleteNamedNetNS(name); err != nil {
			ferr := fileError("remove", name, errors.Unwrap(err))
			if first == nil {
				first = ferr
			}
			if e.G.All {
				fail.Report(e.Stderr, command.Prog, ferr)
			}
		}
	}
	if e.G.All && first != nil {
		return &fail.Error{Code: fail.ExitLocal}
	}
	return first
}
