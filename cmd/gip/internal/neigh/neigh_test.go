package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// testEnv is an environment whose link resolver knows v0 (index 2) and
// br0 (index 3) without a kernel.
func testEnv() *env.Env {
	e := &env.Env{G: &env.Global{}}
	e.Links().Add(&rtnl.Link{Index: 2, Name: "v0"})
	e.Links().Add(&rtnl.Link{Index: 3, Name: "br0"})
	return e
}
