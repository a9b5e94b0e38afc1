// Command gip is a drop-in replacement for iproute2's ip (and bridge) built
// on the suite's own netlink engine. See doc.go.
//
// The main thread is not pinned: -n NAME moves the whole process into the
// namespace (app.Main), and the few commands that change a thread's
// namespace themselves (netns exec, mpls sysctls) lock their goroutine to
// its thread first. Pinning here would cost every start-up an extra
// thread.
package main

import (
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
