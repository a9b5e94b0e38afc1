package nltest

import (
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/testenv"
)

var nsCounter atomic.Int64

// NetNS creates a fresh network namespace for the test, named
// "giptest-PID-N" under /run/netns so `ip -n NAME` sees it too, and deletes
// it when the test and its subtests end, whether they passed or not. It
// skips the test when not running as root.
func NetNS(t testing.TB) string {
	t.Helper()
	testenv.NeedRoot(t)
	name := fmt.Sprintf("giptest-%d-%d", os.Getpid(), nsCounter.Add(1))
	if err := nl.CreateNamedNetNS(name); err != nil {
		t.Fatalf("creating network namespace: %v", err)
	}
	t.Cleanup(func() {
		if err := nl.DeleteNamedNetNS(name); err != nil {
			t.Errorf("deleting network namespace %s: %v", name, err)
		}
	})
	return name
}

// DialNetNS opens a Conn for proto inside namespace ns, closed when the test
// ends.
func DialNetNS(t testing.TB, proto int, ns string) *nl.Conn {
	t.Helper()
	c, err := nl.Dial(proto, &nl.Config{NetNS: ns})
	if err != nil {
		t.Fatalf("dialing netlink in %s: %v", ns, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
