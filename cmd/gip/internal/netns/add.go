package netns

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
)

// runAdd creates a namespace and its file under /run/netns.
func runAdd(_ *env.Env, args []string) error {
	name, err := nameArg(args)
	if err != nil {
		return err
	}
	if err := nl.CreateNamedNetNS(name); err != nil {
		var ne *nl.NetNSError
		if errors.As(err, &ne) {
			err = ne.Err
		}
		return fileError("create", name, err)
	}
	return nil
}
