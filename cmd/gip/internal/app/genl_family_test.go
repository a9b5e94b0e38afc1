package app

import (
	"errors"
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
