// Command gip is a drop-in replacement for iproute2's ip (and bridge) built
// on the suite's own netlink engine. See doc.go.
package main

import (
	"os"
	"runtime"

	"github.com/gip-suite/gip/cmd/gip/internal/app"
)

// The main thread is pinned so that it never enters another namespace: the
// engine opens sockets for other namespaces on throwaway threads.
func init() { runtime.LockOSThread() }

func main() {
	os.Exit(app.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
