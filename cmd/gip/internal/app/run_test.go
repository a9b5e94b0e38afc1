package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
)

// TestLinesShareNothing runs an address listing after a link listing on
// one shared socket, as a batch would: the second line must print
// addresses (iproute2's batch mode leaks the first command's state and
// prints links only).
func TestLinesShareNothing(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "addr", "add", "192.0.2.1/24", "dev", "lo")
	conn := nltest.DialNetNS(t, nl.Route, ns)
	base, _, err := env.ParseGlobal(command.Prog, []string{"-n", ns})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, line := range []string{"link show", "addr show"} {
		g := *base
		if err := runLine(context.Background(), &g, strings.Fields(line), nil, &out, &out, conn, nil); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	if !strings.Contains(out.String(), "inet 192.0.2.1/24 scope global lo") {
		t.Errorf("addr show after link show lost its addresses:\n%s", out.String())
	}
	// The shared socket is still usable after the lines.
	g := *base
	if err := runLine(context.Background(), &g, []string{"-br"}, nil, &out, &out, conn, nil); err == nil || fail.ExitCode(err) != 1 {
		t.Errorf("unknown object: %v", err)
	}
}
