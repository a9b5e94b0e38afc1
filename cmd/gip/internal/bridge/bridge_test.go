package bridge

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// testEnv is an environment whose link resolver knows v1 (index 3),
// br0 (4) and vx0 (5) without a kernel.
func testEnv() *env.Env {
	e := &env.Env{G: &env.Global{}}
	for _, l := range []*rtnl.Link{{Index: 3, Name: "v1"}, {Index: 4, Name: "br0"}, {Index: 5, Name: "vx0"}} {
		e.Links().Add(l)
	}
	return e
}

// render prints one view with opts.
func render(t *testing.T, v format.FieldRecord, opts format.Options) string {
	t.Helper()
	var b strings.Builder
	p := format.NewPrinter(&b, opts)
	if err := p.Print(v); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDispatch checks the words that reach no verb: bridge's messages,
// all with bridge's exit status.
func TestDispatch(t *testing.T) {
	for _, c := range []struct {
		line string
		msg  string
	}{
		{"frob", `Object "frob" is unknown, try "gip bridge help".`},
		{"fdb frob", `Command "frob" is unknown, try "gip bridge fdb help".`},
		{"vlan x", `Command "x" is unknown, try "gip bridge vlan help".`},
		{"link ''", `Command "''" is unknown, try "gip bridge link help".`},
		{"fdb he", usage},
		{"vlan help", usage},
		{"help", usage},
		{"", usage},
		{"fdb add zz dev v1", "Invalid mac address zz"},
		{"fdb show frob x", `Garbage instead of arguments "frob". Try "gip bridge fdb help".`},
		{"vlan add dev v1 vid 3 frob", `Garbage instead of arguments "frob". Try "gip bridge vlan help".`},
	} {
		err := Object().Run(testEnv(), strings.Fields(c.line))
		if err == nil || err.Error() != c.msg || fail.ExitCode(err) != fail.ExitUsage {
			t.Errorf("%q: %v (exit %d), want %q (exit 255)", c.line, err, fail.ExitCode(err), c.msg)
		}
	}
}
