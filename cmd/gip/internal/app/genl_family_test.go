package app

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/testenv"
)

// needFamily ends the test unless the kernel has the generic netlink
// family called name in namespace ns (the vm tier has them all).
func needFamily(t *testing.T, ns, name string, f testenv.Feature) {
	t.Helper()
	c, err := genl.Dial(name, &nl.Config{NetNS: ns})
	if errors.Is(err, genl.ErrFamilyNotFound) {
		testenv.Missing(t, f, "no generic netlink family %q", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

// TestGenlObjectsMatchIPAnyKernel runs the l2tp, fou and macsec objects'
// commands in a fresh namespace with both tools, on whatever kernel this
// is: where the kernel lacks a family both say so ip's way; where it has
// them, the empty listings, usage and bad words match.
func TestGenlObjectsMatchIPAnyKernel(t *testing.T) {
	ref, ns := twinNS(t)
	for _, line := range []string{
		"l2tp show tunnel", "l2tp show session", "-j l2tp show tunnel", "l2tp frob", "l2tp", "l2tp help",
		"l2tp add tunnel tunnel_id 1", "l2tp show",
		"macsec show", "-j macsec show", "macsec frob", "macsec", "macsec help", "macsec show nosuch",
		"fou show", "-j fou show", "fou frob", "fou", "fou h", "fou add port 0 gue", "fou show x",
	} {
		compareCommand(t, ref, ns, line)
	}
}

// TestGenlObjectsRefuseAtomic: an atomic batch refuses the changes of
// l2tp, fou and macsec (their objects have no pre-image to go back to)
// before sending them, and undoes the lines before.
func TestGenlObjectsRefuseAtomic(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "set", "lo", "up")
	for _, c := range []struct{ line, object string }{
		{"fou add port 5555 gue", "fou"}, {"l2tp del tunnel tunnel_id 1", "l2tp"}, {"macsec offload lo off", "macsec"},
	} {
		batch := "route add 192.0.2.0/24 dev lo\n" + c.line + "\n"
		var out, errb bytes.Buffer
		code := Run([]string{"-n", ns, "-atomic", "-batch", "-"}, strings.NewReader(batch), &out, &errb)
		want := "An atomic batch cannot undo this change (" + c.object + ").\nCommand failed -:2\nrolled back 1 changes\n"
		if code != 1 || errb.String() != want {
			t.Errorf("%s: exit %d %q, want exit 1 %q", c.line, code, errb.String(), want)
		}
		if r := tool(t, "ip", "-n", ns, "route", "show", "192.0.2.0/24"); r.Stdout != "" {
			t.Errorf("%s: the route stayed: %q", c.line, r.Stdout)
		}
	}
}
