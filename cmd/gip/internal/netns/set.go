package netns

import (
	"os"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// runSet gives a named namespace an id in this one ("auto": the kernel
// picks it).
func runSet(e *env.Env, args []string) error {
	name, err := nameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No nsid specified")
	}
	id := int32(-1)
	if args[1] != "auto" {
		n, err := strconv.ParseInt(args[1], 0, 32)
		if err != nil || n < 0 {
			return fail.Invalid("Invalid \"netnsid\" value", args[1])
		}
		id = int32(n)
	}
	f, err := os.Open(nl.NetNSPath(name))
	if err != nil {
		return fail.Localf("Cannot open network namespace %q: %s", name, fail.Strerror(pathCause(err)))
	}
	defer f.Close()
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return fail.Kernel(rtnl.SetNSID(conn, int(f.Fd()), id))
}
